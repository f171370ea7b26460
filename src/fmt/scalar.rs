//! How a scalar is written: as the author wrote it when it was plain, else without quotes when
//! YAML reads the bare text as the same text, else double-quoted.
//!
//! A plain scalar keeps its text: `version: 1`, `unmanaged: keep`, even `name: yes` (which
//! another YAML reader may take for a boolean) mean what they meant. A quoted one loses its
//! quotes only when no YAML reader, 1.1 or 1.2, could read the bare text as anything but that
//! text: never for what looks like a number, a date, a boolean or null (`"43216"`, `"1.0"`,
//! `"0x1F"`, `"2024-01-01"`, `"yes"`, `"null"`, `"~"`), nor for text with leading or trailing
//! space, `: ` or ` #` inside, a leading indicator (`-`, `[`, `&`, `*`, `!`, `|`, `>`, `%`, `@`,
//! quotes…) or a line break; inside a flow collection (`{ … }`, `[ … ]`) also for text holding
//! `,`, brackets, `:` or `#` (YAML 1.2 allows `url: https://…` there, older readers do not).
//! Quotes that stay are double quotes, with escapes. A scalar holding a control or invisible
//! character (a bidi mark, a zero-width space) is written double-quoted with that character
//! escaped, so that nothing in the file hides from its reader. A scalar written over several
//! lines, quoted, plain or as a block (`|`, `>`), is written on one: a configuration's values
//! are names, keys and URLs, and a line break in one (which WeChat would receive) is better
//! seen as `\n`.

use super::tree::Scalar;
use crate::inert::is_invisible;
use std::borrow::Cow;
use std::fmt::Write;

/// `scalar` as it is written in the canonical form, in a block (`flow` false) or inside a
/// flow collection.
pub(super) fn write(scalar: &Scalar, flow: bool) -> Cow<'_, str> {
    let value = scalar.value.as_str();
    let hidden = value.chars().any(must_escape);
    if scalar.plain && !scalar.multiline && !hidden {
        return Cow::Borrowed(value);
    }
    if plain_reads_the_same(value, flow) {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(double_quoted(value))
    }
}

/// Whether YAML reads `value`, written without quotes, as that same text.
pub(super) fn plain_reads_the_same(value: &str, flow: bool) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ];
    const FLOW_BREAKERS: &[char] = &[',', '[', ']', '{', '}', ':', '#'];
    let Some(first) = value.chars().next() else {
        return false;
    };
    value.trim() == value
        && !INDICATORS.contains(&first)
        && !value.chars().any(|c| must_escape(c) || c == '\t')
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !(flow && value.contains(FLOW_BREAKERS))
        && !reads_as_another_type(value)
}

/// A character that is never written raw: controls (line breaks and tabs included), and the
/// invisible format characters.
fn must_escape(c: char) -> bool {
    (c.is_control() && c != '\t') || is_invisible(c) || c == '\u{2028}' || c == '\u{2029}'
}

/// Null, a boolean, a number, a date or a merge key for some YAML reader (1.1 or 1.2). Cases
/// are compared loosely (`nULL` too): quoting one word too many costs nothing.
fn reads_as_another_type(value: &str) -> bool {
    const WORDS: &[&str] = &[
        "~", "null", "true", "false", "yes", "no", "y", "n", "on", "off", ".inf", "+.inf", "-.inf",
        ".nan", "=", "<<",
    ];
    let lower = value.to_ascii_lowercase();
    if WORDS.contains(&lower.as_str()) {
        return true;
    }
    // Numbers in any base, with `_` separators, exponents, sexagesimal `1:20`, and dates: a
    // digit (after a sign or a dot) then only such characters.
    let body = value.trim_start_matches(['+', '-']);
    let body = body.strip_prefix('.').unwrap_or(body);
    body.starts_with(|c: char| c.is_ascii_digit())
        && value
            .chars()
            .all(|c| c.is_ascii_hexdigit() || "xXoO_.:+-eE".contains(c))
}

/// `value` double-quoted, with YAML's escapes for what cannot be written raw.
pub(super) fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if must_escape(c) && u32::from(c) <= 0xff => {
                let _ = write!(out, "\\x{:02X}", u32::from(c));
            }
            c if must_escape(c) && u32::from(c) <= 0xffff => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c if must_escape(c) => {
                let _ = write!(out, "\\U{:08X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(value: &str) -> Scalar {
        Scalar {
            value: value.to_string(),
            plain: false,
            multiline: false,
            empty: false,
            token: 0,
            start: 0,
        }
    }

    #[test]
    fn quotes_go_where_yaml_reads_the_bare_text_as_the_same_text() {
        for text in [
            "今日歌曲",
            "V1001_TODAY_MUSIC",
            "TM00015",
            "wx286b93c14bbf93aa",
            "a b",
            "2024年",
            "https://example.com/",
        ] {
            assert_eq!(write(&quoted(text), false), text);
        }
        for text in [
            "o6_bmjrPTlm6_2sgVt7hMZOPfL2M",
            "帮助&<",
            "服务 2",
            "a-b",
            "e",
        ] {
            assert_eq!(write(&quoted(text), true), text);
        }
    }

    #[test]
    fn text_that_would_read_as_another_type_or_another_text_keeps_quotes() {
        let needs = [
            "",
            "yes",
            "No",
            "ON",
            "y",
            "null",
            "NULL",
            "~",
            "true",
            "1",
            "43216",
            "1.0",
            "-1",
            "+1",
            ".5",
            "0x1F",
            "0o17",
            "1e3",
            "1_000",
            "12:30",
            "2024-01-01",
            ".inf",
            ".NaN",
            "<<",
            "=",
            " lead",
            "trail ",
            "a: b",
            "a #b",
            "key:",
            "- x",
            "[a]",
            "{a}",
            "&a",
            "*a",
            "!a",
            "|",
            ">",
            "'a'",
            "\"a\"",
            "%a",
            "@a",
            "`a",
            "? a",
            "two\nlines",
            "tab\there",
        ];
        for text in needs {
            let scalar = quoted(text);
            let written = write(&scalar, false);
            assert!(written.starts_with('"'), "{text:?} was written {written}");
        }
        for text in ["https://example.com/", "a,b", "[x", "a#b", "k:v"] {
            assert!(
                write(&quoted(text), true).starts_with('"'),
                "{text:?} in a flow"
            );
        }
    }

    #[test]
    fn plain_scalars_keep_their_text_and_hidden_characters_are_escaped() {
        let mut plain = quoted("yes");
        plain.plain = true;
        assert_eq!(write(&plain, false), "yes");
        plain.value = "evil\u{202e}gnp.exe".into();
        assert_eq!(write(&plain, false), "\"evil\\u202Egnp.exe\"");
        plain.value = "a\u{1b}[31m".into();
        assert_eq!(write(&plain, false), "\"a\\x1B[31m\"");
        plain.value = "tag\u{e0041}".into();
        assert_eq!(write(&plain, false), "\"tag\\U000E0041\"");
    }

    #[test]
    fn double_quoting_escapes_what_yaml_escapes() {
        assert_eq!(
            double_quoted("a\"b\\c\nd\te\u{85}\u{2028}\u{2029}"),
            "\"a\\\"b\\\\c\\nd\\te\\N\\L\\P\""
        );
        for text in [
            "a\"b\\c\nd",
            "evil\u{202e}x",
            "\u{feff}bom",
            "emoji 🎵",
            "tab\t",
            "\u{7f}",
        ] {
            let yaml = format!("v: {}\n", double_quoted(text));
            let back: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(back["v"], text, "{yaml}");
        }
    }
}
