//! Configuration diagnostics as rustc-style snippets (annotate-snippets) and as GitHub Actions
//! workflow commands (`::error file=…,line=…,col=…::…`).
//!
//! Output is styled; the caller writes it through anstream, which strips the colour when
//! stderr is not a terminal or NO_COLOR is set.

use crate::config::{Diagnostic, Severity, Source};
use crate::words::plural;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::fmt::Write;
use std::ops::Range;

/// Every diagnostic, each followed by a blank line, then a count such as
/// `wxform.yaml: 2 errors, 1 warning`. Nothing at all for no diagnostics.
pub fn render(source: &Source, diagnostics: &[Diagnostic]) -> String {
    let renderer = Renderer::styled();
    let mut out = String::new();
    // A file's name comes from whoever named the file (a pull request, say): inert too.
    let name = crate::inert::text(&source.name);
    for diagnostic in diagnostics {
        let diagnostic = inert(diagnostic);
        let _ = writeln!(
            out,
            "{}\n",
            renderer.render(&[group(source, &name, &diagnostic)])
        );
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let counts: Vec<String> = [(errors, "error"), (warnings, "warning")]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, noun)| plural(count, noun))
        .collect();
    if !counts.is_empty() {
        let _ = writeln!(out, "{name}: {}", counts.join(", "));
    }
    out
}

fn group<'a>(source: &'a Source, name: &'a str, diagnostic: &'a Diagnostic) -> Group<'a> {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(diagnostic.message.as_str());
    let mut group = match &diagnostic.span {
        Some(span) => {
            let mut snippet = Snippet::source(source.text.as_str())
                .path(name)
                .fold(true)
                .annotation(
                    AnnotationKind::Primary
                        .span(visible(&source.text, span))
                        .label(non_empty(&diagnostic.label)),
                );
            for (span, label) in &diagnostic.context {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(visible(&source.text, span))
                        .label(non_empty(label)),
                );
            }
            title.element(snippet)
        }
        // A problem with the whole file: name the file, show no source.
        None => title.element(Origin::path(name)),
    };
    for note in &diagnostic.notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    group
}

/// The diagnostic with its words made inert: messages quote values from the file, which may
/// hold line breaks, escapes and workflow commands.
fn inert(diagnostic: &Diagnostic) -> Diagnostic {
    use crate::inert::text;
    Diagnostic {
        message: text(&diagnostic.message),
        label: text(&diagnostic.label),
        notes: diagnostic.notes.iter().map(|note| text(note)).collect(),
        help: diagnostic.help.as_deref().map(text),
        context: diagnostic
            .context
            .iter()
            .map(|(span, label)| (span.clone(), text(label)))
            .collect(),
        ..diagnostic.clone()
    }
}

/// Where a span is, as editors and SARIF count: 1-based lines and columns in characters, the
/// end column just past the last character. The region is the one the snippet underlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Region {
    pub fn of(source: &Source, span: &Range<usize>) -> Region {
        let span = visible(&source.text, span);
        let (line, column) = source.line_col(span.start);
        let (end_line, end_column) = source.line_col(span.end);
        Region {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

fn non_empty(label: &str) -> Option<&str> {
    (!label.is_empty()).then_some(label)
}

/// A span worth underlining. The parser gives a flow collection the span of its opening
/// bracket and a block collection an empty span at its first token: widen the first to its
/// closing bracket and the second to the rest of the line. Spans are clamped to character
/// boundaries.
fn visible(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor(text, span.start.min(text.len()));
    let end = floor(text, span.end.min(text.len())).max(start);
    let value = &text[start..end];
    if (value == "[" || value == "{")
        && let Some(end) = flow_end(text, start)
    {
        return start..end;
    }
    // A block scalar's span ends with its line break; underline the text only. Whitespace
    // alone (a tab in the indentation) is underlined as it is.
    let trimmed = value.trim_end();
    if !trimmed.is_empty() {
        return start..start + trimmed.len();
    }
    if !value.is_empty() {
        return start..end;
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..line_end].trim_end();
    start..start + line.len()
}

/// The end of the flow collection opening at `start`: the byte after its closing bracket.
fn flow_end(text: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    let mut previous = b' ';
    for (i, &byte) in text.as_bytes()[start..].iter().enumerate() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if q == b'"' && byte == b'\\' {
                escaped = true;
            } else if byte == q {
                quote = None;
            }
        } else {
            match byte {
                // A quote opens a quoted scalar only where a scalar can start.
                b'"' | b'\'' if b"[{,: \t\n".contains(&previous) => quote = Some(byte),
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(start + i + 1);
                    }
                }
                _ => {}
            }
        }
        previous = byte;
    }
    None
}

fn floor(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// GitHub Actions workflow commands, one line per diagnostic.
pub fn github_annotations(source: &Source, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // GitHub resolves the path against the repository root; `./` adds nothing.
        let path = source.name.strip_prefix("./").unwrap_or(&source.name);
        let mut properties = format!("file={}", escape_property(path));
        if let Some(span) = &diagnostic.span {
            let (line, col) = source.line_col(span.start);
            let _ = write!(properties, ",line={line},col={col}");
        }
        let _ = writeln!(
            out,
            "::{command} {properties}::{}",
            escape_data(&diagnostic.message)
        );
    }
    out
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RuleId;

    #[test]
    fn empty_spans_widen_to_the_rest_of_the_line() {
        let text = "menu:\n  button:\n    - name: a  \n";
        let start = text.find("name").unwrap();
        assert_eq!(&text[visible(text, &(start..start))], "name: a");
    }

    #[test]
    fn flow_collections_underline_to_their_closing_bracket() {
        let text = "a: { b: [1, \"]\"], c: 'x}' }\nz: 1\n";
        let start = text.find('{').unwrap();
        assert_eq!(
            &text[visible(text, &(start..start + 1))],
            "{ b: [1, \"]\"], c: 'x}' }"
        );
    }

    #[test]
    fn cjk_spans_stay_on_character_boundaries() {
        let text = "name: 今日歌曲\n";
        let start = text.find('今').unwrap();
        let span = visible(text, &(start + 1..start + 4));
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }

    #[test]
    fn annotations_escape_github_metacharacters() {
        let source = Source::new("a,b:c.yaml", "x: 1\n");
        let diagnostics = [Diagnostic::error(RuleId::UrlScheme, "100% wrong\nreally").at(3..4, "")];
        assert_eq!(
            github_annotations(&source, &diagnostics),
            "::error file=a%2Cb%3Ac.yaml,line=1,col=4::100%25 wrong%0Areally\n"
        );
    }
}
