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
        if ch.is_control() || is_invisible(ch) {
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

/// Text from the account or the configuration made inert inside HTML (a `<summary>` or an
/// HTML comment, where Markdown does not apply): no tags, no table-cell breaks, no control
/// characters. In Markdown proper, use [`code_span`] or [`markdown_prose`].
pub fn markdown(text: &str) -> String {
    self::text(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "&#124;")
        .replace('`', "&#96;")
}

/// Serialised JSON with invisible characters and the controls JSON lets through raw (DEL and
/// the C1 controls, U+0080 to U+009F) written as `\uXXXX` escapes (a surrogate pair beyond
/// U+FFFF): the same data for a program, nothing that reorders or restyles what a person reads.
/// (serde_json already escapes the C0 controls; these characters can only occur inside strings.)
pub fn json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for ch in json.chars() {
        if is_invisible(ch) || (ch.is_control() && ch > '\u{7e}') {
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(ch);
        }
    }
    out
}

/// Characters that change how the text around them is shown without being seen: bidi marks,
/// overrides and isolates (which can make a name read backwards), zero-width and joining
/// characters, line and paragraph separators, soft hyphens, fillers that draw nothing, and the
/// other invisible format characters (Unicode's Cf) up to the tag characters. Variation
/// selectors are left alone: emoji need them.
pub fn is_invisible(ch: char) -> bool {
    matches!(ch,
        '\u{ad}' | '\u{34f}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}'
        | '\u{890}'..='\u{891}' | '\u{8e2}' | '\u{115f}'..='\u{1160}' | '\u{17b4}'..='\u{17b5}'
        | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        | '\u{3164}' | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}' | '\u{110bd}'
        | '\u{110cd}' | '\u{13430}'..='\u{1343f}' | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e007f}')
}

/// `text` as it is when GitHub's Markdown can only show it as words, else as a code span.
///
/// Words (letters or digits, not mixed), spaces and `,.;()'` render as themselves; anything
/// else might not: a mention, a `#123` reference, an autolink (`www.`, a scheme), emphasis, an
/// emoji `:code:`, a commit hash, a repository's own autolink prefix (`JIRA-123`, `GH123`).
/// Those are shown in code, where GitHub resolves nothing.
pub fn markdown_prose(text: &str) -> String {
    if is_plain_prose(text) {
        text.to_string()
    } else {
        code_span(text)
    }
}

fn is_plain_prose(text: &str) -> bool {
    let punctuation_ok = text.char_indices().all(|(at, ch)| match ch {
        ' ' | ',' | '.' | ';' | '(' | ')' | '\'' => true,
        ':' => text[at + 1..].starts_with(' ') || at + 1 == text.len(),
        ch => ch.is_alphanumeric() && !is_invisible(ch),
    });
    let words_ok = text.split(|ch: char| !ch.is_alphanumeric()).all(|word| {
        let letters = word.chars().all(char::is_alphabetic);
        let digits = word.chars().all(|ch| ch.is_ascii_digit());
        let hex = word.len() >= 7 && word.chars().all(|ch| ch.is_ascii_hexdigit());
        (letters || digits) && !hex
    });
    !text.trim().is_empty()
        && punctuation_ok
        && words_ok
        && !text.to_ascii_lowercase().contains("www.")
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
    fn every_invisible_character_is_escaped() {
        for ch in [
            '\u{061c}',
            '\u{180e}',
            '\u{2028}',
            '\u{2029}',
            '\u{00ad}',
            '\u{200b}',
            '\u{2066}',
            '\u{feff}',
            '\u{e0041}',
            '\u{009b}',
        ] {
            let shown = text(&format!("a{ch}b"));
            assert!(!shown.contains(ch), "{ch:?}: {shown}");
        }
        // Emoji keep their variation selector.
        assert_eq!(text("\u{2764}\u{fe0f}"), "\u{2764}\u{fe0f}");
    }

    #[test]
    fn json_escapes_c1_controls_and_characters_beyond_the_bmp_as_json_reads_them() {
        let value = "a\u{009b}b\u{7f}c\u{e0041}d\u{061c}e";
        let escaped = json(&serde_json::to_string(value).unwrap());
        assert_eq!(escaped, r#""a\u009bb\u007fc\udb40\udc41d\u061ce""#);
        assert_eq!(serde_json::from_str::<String>(&escaped).unwrap(), value);
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
    fn prose_stays_prose_only_when_it_cannot_render() {
        for plain in [
            "VIP members on iOS see the member menu",
            "会员在安卓上看到会员菜单",
            "needs the live account: run",
            "sees a menu (buttons: 官网, 2)",
        ] {
            assert_eq!(markdown_prose(plain), plain);
        }
        for active in [
            "@everyone",
            "#123",
            "see www.example.com",
            "https://evil.example",
            "*emph*",
            "GH-123",
            "JIRA123",
            "deadbeef",
            ":smile:",
            "[x](y)",
            "a<b",
            "",
            "evil\u{202e}txt",
        ] {
            assert!(markdown_prose(active).starts_with('`'), "{active}");
        }
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
