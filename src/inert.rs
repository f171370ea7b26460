//! Text from outside made inert before it reaches a terminal, a CI log or a Markdown comment.
//!
//! WeChat's `errmsg`, live names and configuration values are chosen by someone else. On a
//! terminal a control character can restyle or rewrite the screen; in a CI log a line that
//! starts with `::` (GitHub Actions) or `##[` is a workflow command that can set outputs, mask
//! or fake annotations; in Markdown a name can mention people, add HTML or links. Here control
//! and invisible formatting characters are written as escapes, `::` and `##[` are broken with a
//! backslash wherever they appear, and Markdown gets names in code spans.

use std::fmt::Write;

/// One fragment of outside text, safe on one line of a terminal or CI log: no control or
/// bidirectional-formatting character, no workflow command.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_control() || is_invisible_format(ch) {
            out.extend(ch.escape_default());
        } else {
            out.push(ch);
        }
    }
    out.replace("::", ":\\:").replace("##[", "#\\#[")
}

/// Several lines of outside text (an error and its causes): each line made inert, the line
/// breaks kept.
pub fn lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&self::text(line));
    }
    out
}

/// Text from the account or the configuration made inert in Markdown and HTML: no tags, no
/// table-cell breaks, no control characters.
pub fn markdown(text: &str) -> String {
    self::text(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "&#124;")
        .replace('`', "&#96;")
}

/// Serialised JSON with invisible formatting characters written as `\uXXXX` escapes: the same
/// data for a program, nothing that reorders what a person reads in a log. (serde_json already
/// escapes control characters; these characters can only occur inside strings.)
pub fn json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for ch in json.chars() {
        if is_invisible_format(ch) {
            let _ = write!(out, "\\u{:04x}", u32::from(ch));
        } else {
            out.push(ch);
        }
    }
    out
}

/// Characters that change how the text around them is shown without being seen: bidi
/// overrides and isolates (which can make a name read backwards), zero-width characters.
fn is_invisible_format(ch: char) -> bool {
    matches!(ch,
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// `text` as one Markdown code span, where nothing renders: no mention, link, HTML or
/// emphasis. The fence is one backtick longer than the longest run inside (CommonMark), and
/// `|` is escaped so that a table cell does not end early (GitHub's tables).
pub fn code_span(text: &str) -> String {
    let text = self::text(text).replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // A space on each side keeps a leading or trailing backtick out of the fence; CommonMark
    // strips one such space from each side.
    let pad = text.starts_with('`') || text.ends_with('`') || text.is_empty();
    let mut out = String::new();
    let space = if pad { " " } else { "" };
    let _ = write!(out, "{fence}{space}{text}{space}{fence}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_workflow_commands_are_escaped() {
        assert_eq!(text("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(
            text("x\n::set-output name=a::b"),
            "x\\n:\\:set-output name=a:\\:b"
        );
        assert_eq!(text("##[error]fake"), "#\\#[error]fake");
        assert_eq!(text("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(text("今日歌曲 ok"), "今日歌曲 ok");
    }

    #[test]
    fn json_keeps_its_data() {
        let text = serde_json::to_string(&"evil\u{202e}txt").unwrap();
        let escaped = json(&text);
        assert_eq!(escaped, "\"evil\\u202etxt\"");
        assert_eq!(
            serde_json::from_str::<String>(&escaped).unwrap(),
            "evil\u{202e}txt"
        );
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(lines("a\n::error::x\r"), "a\n:\\:error:\\:x\\r");
    }

    #[test]
    fn code_spans_survive_backticks_and_pipes() {
        assert_eq!(code_span("@everyone"), "`@everyone`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x``"), "``` `x`` ```");
        assert_eq!(code_span("a|b"), "`a\\|b`");
        assert_eq!(code_span(""), "`  `");
    }
}
