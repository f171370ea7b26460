//! The YAML parser's syntax errors said in plain words, with the likely fix and the caret where
//! the fix goes: bad indentation, a tab in the indentation, a missing `:` or space, an unclosed
//! quote or bracket, a list item at the wrong depth, a list mixed with a mapping.
//!
//! The parser reports where it noticed the problem, which is not always where it is (a tab is
//! noticed at the end of the text before it, a missing `:` on the next line): each case looks
//! at the lines around that place to find it.

use super::diagnostic::Diagnostic;
use super::rule_id::RuleId;
use std::ops::Range;

/// A plain-words diagnostic for the parser's `message` at byte `offset`, or `None` for a
/// message this module does not know.
pub fn explain(text: &str, message: &str, offset: usize) -> Option<Diagnostic> {
    let lines = Lines::of(text);
    let at = lines.index_of(offset);
    let explained = match message {
        _ if message.contains("found a tab") || message.starts_with("tabs disallowed") => {
            tab(text, &lines, at, offset)
        }
        "unclosed quote" => syntax(
            "this quote is never closed",
            offset..offset + 1,
            "opened here",
        )
        .help("end the value with the same quote on the same line, or remove the quote"),
        _ if message.starts_with("unclosed bracket '")
            || message.starts_with("mismatched bracket '") =>
        {
            bracket(message, offset)?
        }
        _ if message.starts_with("while parsing a flow")
            && message.contains("did not find expected ','") =>
        {
            missing_comma(message, offset)
        }
        "invalid trailing content after double-quoted scalar"
        | "invalid trailing content after single-quoted scalar" => syntax(
            "text after the closing quote",
            offset..offset,
            "after the quote",
        )
        .help("put the whole value inside the quotes"),
        "simple key expected ':'" => missing_colon(&lines, at),
        "mapping values are not allowed in this context" => unexpected_colon(&lines, at, offset),
        "while parsing a block collection, did not find expected '-' indicator" => {
            not_a_list_item(&lines, at)
        }
        "while parsing a block mapping, did not find expected key" => misplaced_line(&lines, at),
        _ => return None,
    };
    Some(explained)
}

/// A bracket never closed, or closed by the other kind.
fn bracket(message: &str, offset: usize) -> Option<Diagnostic> {
    let rest = message.split_once(" bracket '")?.1;
    let open = rest.chars().next()?;
    let message = match rest.split_once("closed by '") {
        Some((_, wrong)) => format!("this `{open}` is closed by a `{}`", wrong.chars().next()?),
        None => format!("this `{open}` is never closed"),
    };
    let close = if open == '{' { '}' } else { ']' };
    let help = match message.contains("closed by") {
        true => format!("close a `{open}` with `{close}`"),
        false => format!("close it with `{close}` after its last item"),
    };
    Some(syntax(message, offset..offset + 1, "opened here").help(help))
}

/// Two items of a `[ … ]` or `{ … }` with no comma between them.
fn missing_comma(message: &str, offset: usize) -> Diagnostic {
    let close = if message.contains("flow mapping") {
        '}'
    } else {
        ']'
    };
    syntax(
        format!("a `,` or `{close}` is missing here"),
        offset..offset,
        "expected `,` or a closing bracket",
    )
    .help("separate the items between brackets with commas, and write `key: value` with a space after the colon")
}

fn syntax(message: impl Into<String>, span: Range<usize>, label: impl Into<String>) -> Diagnostic {
    Diagnostic::error(RuleId::YamlSyntax, message).at(span, label)
}

/// The caret on the tab itself: on the reported line or the first line after it whose
/// indentation holds one (a tab is noticed where the text before it ends).
fn tab(text: &str, lines: &Lines, at: usize, offset: usize) -> Diagnostic {
    let in_indentation = lines.0[at..].iter().find_map(|line| {
        let indentation = line.text.len() - line.text.trim_start_matches([' ', '\t']).len();
        line.text[..indentation].find('\t').map(|i| line.start + i)
    });
    let found = in_indentation.or_else(|| {
        text[offset.min(text.len())..]
            .find('\t')
            .map(|i| offset + i)
    });
    let help = "YAML indents with spaces, never tabs: replace the tab";
    match found {
        Some(tab) => syntax("a tab in the indentation", tab..tab + 1, "tab").help(help),
        None => syntax("a tab where YAML does not allow one", offset..offset, "").help(help),
    }
}

/// `menu` with no `:` before the lines indented under it.
fn missing_colon(lines: &Lines, at: usize) -> Diagnostic {
    let line = &lines.0[at];
    let content = line.content();
    syntax(
        format!("a `:` is missing after `{content}`"),
        line.content_span(),
        "no `:`",
    )
    .help(format!("write `{content}:`"))
}

/// A `:` the parser cannot take: a second one on the line, or the first of a line that
/// continues the text of the line above, which lacks its `:`, its space after `:`, or is
/// indented less.
fn unexpected_colon(lines: &Lines, at: usize, offset: usize) -> Diagnostic {
    let line = &lines.0[at];
    let before = &line.text[..offset.saturating_sub(line.start).min(line.text.len())];
    if before.contains(": ") {
        return syntax(
            "a second `:` on this line",
            offset..offset + 1,
            "second `:`",
        )
        .help("a value holding `: ` must be quoted: `key: \"a: b\"`");
    }
    let Some(above) = lines.previous_content(at) else {
        return syntax(
            "a `:` where YAML does not expect one",
            offset..offset + 1,
            "",
        );
    };
    let content = above.content().trim_start_matches("- ");
    if above.key().is_none() {
        let fix = match content.split_once(':') {
            Some((key, value)) => format!("{key}: {}", value.trim_start()),
            None => match content.split_once(' ') {
                Some((key, value)) => format!("{key}: {value}"),
                None => format!("{content}:"),
            },
        };
        let what = if content.contains(':') {
            "a space is missing after the `:`"
        } else {
            "a `:` is missing"
        };
        return syntax(
            format!("{what} on line {}", above.number),
            above.content_span(),
            "not `key: value`",
        )
        .context(
            line.content_span(),
            "so this line is read as more of its text",
        )
        .help(format!("write `{fix}`"));
    }
    indented_more(line, above)
}

/// A line indented more than the `key: value` line above it, whose value is already given.
fn indented_more(line: &Line, above: &Line) -> Diagnostic {
    let (column, key, _) = above.key().unwrap_or((0, "", false));
    syntax(
        format!("this line is indented more than `{key}:` on line {}", above.number),
        line.content_span(),
        format!("indented {}", spaces(line.indent())),
    )
    .help(format!(
        "`{key}:` already has its value: indent this line like `{key}:` ({}) to add a key beside it",
        spaces(column)
    ))
}

/// A `key: value` line among the `- ` items of a list.
fn not_a_list_item(lines: &Lines, at: usize) -> Diagnostic {
    let line = &lines.0[at];
    let item = lines.0[..at]
        .iter()
        .rev()
        .find(|l| l.content().starts_with("- ") && l.key().is_some());
    let mut diagnostic = syntax(
        "this line is in a list but does not start with `- `",
        line.content_span(),
        "not a list item",
    );
    if let Some(item) = item {
        let (column, key, _) = item.key().unwrap_or_default();
        diagnostic = diagnostic.help(format!(
            "indent it like `{key}:` on line {} ({}) to add it to that item, or start it with `- ` to begin a new item",
            item.number,
            spaces(column)
        ));
    }
    diagnostic
}

/// A line whose indentation fits no mapping above it: a key at a depth where none is open, or
/// a `- ` item at another depth than its list.
fn misplaced_line(lines: &Lines, at: usize) -> Diagnostic {
    let line = &lines.0[at];
    if line.content().starts_with('-') {
        return misplaced_item(lines, at);
    }
    let indent = line.indent();
    let Some(above) = lines.previous_content(at) else {
        return syntax(
            "this line is not at the depth of a key",
            line.content_span(),
            "",
        );
    };
    let above_column = above.key().map_or(above.indent(), |(column, _, _)| column);
    if indent > above_column {
        return indented_more(line, above);
    }
    let mut help = match above.key() {
        Some((column, key, _)) => format!(
            "indent it like `{key}:` on line {} ({})",
            above.number,
            spaces(column)
        ),
        None => format!(
            "indent it like line {} ({})",
            above.number,
            spaces(above_column)
        ),
    };
    // The nearest key above that this line could sit beside once dedented.
    let outer = lines.0[..at]
        .iter()
        .rev()
        .filter_map(|l| Some((l, l.key()?)))
        .find(|(_, (column, _, _))| *column < indent);
    if let Some((outer, (column, key, _))) = outer {
        help.push_str(&format!(
            ", or like `{key}:` on line {} ({})",
            outer.number,
            spaces(column)
        ));
    }
    syntax(
        format!(
            "this line is indented {}, like no key above it",
            spaces(indent)
        ),
        line.content_span(),
        format!("indented {}", spaces(indent)),
    )
    .help(help)
}

/// A `- ` item at another depth than the list above it, or where no list can start.
fn misplaced_item(lines: &Lines, at: usize) -> Diagnostic {
    let line = &lines.0[at];
    let indent = line.indent();
    let item = lines.0[..at]
        .iter()
        .rev()
        .find(|l| l.content().starts_with("- "));
    match item {
        Some(item) if item.indent() != indent => syntax(
            format!(
                "this list item is indented {}; the list above it, {}",
                spaces(indent),
                spaces(item.indent())
            ),
            line.content_span(),
            "list item at another depth",
        )
        .context(item.content_span(), "the list")
        .help(format!(
            "indent the `-` like the one on line {} ({})",
            item.number,
            spaces(item.indent())
        )),
        _ => syntax(
            "a list item where a key is expected",
            line.content_span(),
            "list item",
        )
        .help("a list goes under a key: write `key:`, then the `- ` items indented below it"),
    }
}

fn spaces(count: usize) -> String {
    crate::words::plural(count, "space")
}

/// The file's lines, with their byte offsets.
struct Lines<'a>(Vec<Line<'a>>);

struct Line<'a> {
    /// 1-based.
    number: usize,
    start: usize,
    /// Without its line break.
    text: &'a str,
}

impl<'a> Lines<'a> {
    fn of(text: &'a str) -> Self {
        let mut start = 0;
        let mut lines = Vec::new();
        for (index, raw) in text.split_inclusive('\n').enumerate() {
            let text = raw.trim_end_matches(['\n', '\r']);
            lines.push(Line {
                number: index + 1,
                start,
                text,
            });
            start += raw.len();
        }
        if lines.is_empty() || text.ends_with('\n') {
            lines.push(Line {
                number: lines.len() + 1,
                start,
                text: "",
            });
        }
        Lines(lines)
    }

    /// The index of the line holding byte `offset`.
    fn index_of(&self, offset: usize) -> usize {
        self.0
            .iter()
            .rposition(|line| line.start <= offset)
            .unwrap_or(0)
    }

    /// The nearest line above `at` with content (not blank, not only a comment).
    fn previous_content(&self, at: usize) -> Option<&Line<'a>> {
        self.0[..at].iter().rev().find(|line| {
            let content = line.content();
            !content.is_empty() && !content.starts_with('#')
        })
    }
}

impl Line<'_> {
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    fn content(&self) -> &str {
        self.text.trim()
    }

    fn content_span(&self) -> Range<usize> {
        let start = self.start + self.text.len() - self.text.trim_start().len();
        start..start + self.content().len()
    }

    /// The column (0-based), name and whether a value follows, of a plain `key:` on this line,
    /// after any `- ` list markers.
    fn key(&self) -> Option<(usize, &str, bool)> {
        let mut column = self.indent();
        let mut rest = &self.text[column..];
        while let Some(after) = rest.strip_prefix("- ") {
            let skipped = rest.len() - after.trim_start_matches(' ').len();
            column += skipped;
            rest = &rest[skipped..];
        }
        let colon = rest.find(':')?;
        let after = &rest[colon + 1..];
        let name = &rest[..colon];
        let plain = !name.is_empty()
            && !name.starts_with(['"', '\'', '{', '[', '#'])
            && !name.contains(' ');
        (plain && (after.is_empty() || after.starts_with([' ', '\t']))).then(|| {
            let value = after.trim();
            (column, name, !value.is_empty() && !value.starts_with('#'))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_after_list_markers() {
        let lines = Lines::of("a: 1\n  - name: 今日\n  - - x:\nno key\n\"q\": 1\n");
        let keys: Vec<_> = lines.0.iter().map(Line::key).collect();
        assert_eq!(
            keys,
            [
                Some((0, "a", true)),
                Some((4, "name", true)),
                Some((6, "x", false)),
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn offsets_map_to_their_line() {
        let lines = Lines::of("a: 1\n中文: 2\n");
        assert_eq!(lines.index_of(0), 0);
        assert_eq!(lines.index_of(5), 1);
        assert_eq!(lines.index_of(7), 1);
    }
}
