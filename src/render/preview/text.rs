//! Text for SVG and HTML: escaped so that live names cannot become markup, and shortened to fit
//! a width the way WeChat shortens long names, with "…".
//!
//! There are no font metrics without a browser, so widths are estimated: CJK and other wide
//! characters take a full em, everything else 0.56 em (a little over the average Latin letter).

use crate::inert;

/// The longest text kept from any one name or value before it is shortened: bounds the page
/// whatever the live account holds.
const MAX_CHARS: usize = 200;

/// `text` made inert in XML and HTML text and attribute values: control and bidirectional
/// formatting characters are shown escaped (they could hide or reorder what a reviewer reads).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in inert::text(text).chars().take(MAX_CHARS) {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&ch.escape_unicode().to_string());
            }
            // Not allowed in XML 1.0 at all.
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            _ => out.push(ch),
        }
    }
    if text.chars().count() > MAX_CHARS {
        out.push('…');
    }
    out
}

/// The estimated width of `text` at font size `size`.
pub fn width(text: &str, size: f32) -> f32 {
    text.chars().map(|ch| char_em(ch) * size).sum()
}

fn char_em(ch: char) -> f32 {
    if is_wide(ch) { 1.0 } else { 0.56 }
}

fn is_wide(ch: char) -> bool {
    matches!(ch as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD)
}

/// `text` shortened with "…" to fit `max` at font size `size`.
pub fn shorten(text: &str, size: f32, max: f32) -> String {
    if width(text, size) <= max {
        return text.to_string();
    }
    let room = max - width("…", size);
    let mut used = 0.0;
    let mut kept = String::new();
    for ch in text.chars() {
        used += char_em(ch) * size;
        if used > room {
            break;
        }
        kept.push(ch);
    }
    kept + "…"
}

/// `text` broken into at most `lines` lines of width `max`, the last one shortened with "…".
/// Lines break after a space or punctuation, or between CJK characters, never inside a Latin
/// word: a word too long for a line ends that line with "…" instead.
pub fn wrap(text: &str, size: f32, max: f32, lines: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest: &str = text;
    while !rest.is_empty() && out.len() + 1 < lines {
        let mut used = 0.0;
        let end = rest
            .char_indices()
            .find(|&(_, ch)| {
                used += char_em(ch) * size;
                used > max
            })
            .map_or(rest.len(), |(index, _)| index);
        if end == rest.len() {
            break;
        }
        let Some(end) = last_break(rest, end) else {
            break;
        };
        out.push(rest[..end].trim_end().to_string());
        rest = rest[end..].trim_start();
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(shorten(rest, size, max));
    }
    out
}

/// The last place at or before byte `end` of `text` where a line may break: after a space,
/// dot, slash, underscore, `·` or `-`, or next to a CJK character. `None` inside one word.
fn last_break(text: &str, end: usize) -> Option<usize> {
    let mut best = None;
    let mut previous: Option<char> = None;
    for (index, ch) in text.char_indices() {
        if index > end {
            break;
        }
        if let Some(before) = previous
            && index > 0
            && (is_wide(before) || is_wide(ch))
        {
            best = Some(index);
        }
        if index < end && matches!(ch, ' ' | '.' | '/' | '_' | '·' | '-') {
            best = Some(index + ch.len_utf8());
        }
        previous = Some(ch);
    }
    best.filter(|&at| at > 0 && at <= end)
}

/// [`shorten`], then [`escape`].
pub fn fit(text: &str, size: f32, max: f32) -> String {
    escape(&shorten(text, size, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_inert() {
        assert_eq!(
            escape(r#"<script>"a"&'b'</script>"#),
            "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn control_and_bidi_characters_are_shown_escaped() {
        assert_eq!(escape("a\u{0}b\u{202e}c"), "a\\u{0}b\\u{202e}c");
    }

    #[test]
    fn long_text_is_bounded() {
        let text = "菜".repeat(10_000);
        assert_eq!(escape(&text).chars().count(), MAX_CHARS + 1);
    }

    #[test]
    fn wrap_breaks_between_words_and_shortens_the_last_line() {
        // One word too long for a line is never cut in two: it ends with "…".
        assert_eq!(wrap("abcdefghij", 10.0, 28.0, 2), vec!["abcd…"]);
        assert_eq!(wrap("ab_cdefgh", 10.0, 28.0, 2), vec!["ab_", "cdef…"]);
        assert_eq!(wrap("key SCAN_CODE", 10.0, 28.0, 2), vec!["key", "SCAN…"]);
        // CJK text breaks between characters, as it does everywhere.
        assert_eq!(
            wrap("小程序商城首页", 10.0, 40.0, 2),
            vec!["小程序商", "城首页"]
        );
        assert_eq!(wrap("abc", 10.0, 28.0, 2), vec!["abc"]);
        assert_eq!(wrap("", 10.0, 28.0, 2), vec![""]);
    }

    #[test]
    fn fit_shortens_by_width_counting_cjk_as_wide() {
        assert_eq!(fit("会员专区", 10.0, 40.0), "会员专区");
        assert_eq!(fit("会员专区会员专区", 10.0, 40.0), "会员专…");
        assert_eq!(fit("abcdefgh", 10.0, 48.0), "abcdefgh");
        assert_eq!(fit("<<<<<<<<<<", 10.0, 30.0), "&lt;&lt;&lt;&lt;…");
    }
}
