//! Checks shared by several areas: byte-size limits, empty values, unique names, counts.

use crate::config::diagnostic::Diagnostic;
use crate::config::rule_id::RuleId;
use crate::config::yaml_parser::Spanned;
use crate::words::plural;
use std::collections::HashMap;
use std::ops::Range;

/// `value` must be non-empty and within `limit` bytes; `what` names it ("button name"), `rule`
/// finishes the sentence ("for a top-level button").
///
/// WeChat does not say how it counts bytes. UTF-8 (3 per CJK character) is the usual reading,
/// but real menus that WeChat accepted carry names only a count of 2 per CJK character lets
/// through. So a value over the limit however it is counted is an error; a value over it only
/// in UTF-8 bytes is a warning that says so.
pub(super) fn bytes_within(
    value: &Spanned<String>,
    limit: usize,
    what: &str,
    rule: &str,
    out: &mut Vec<Diagnostic>,
) {
    if !non_empty(value, what, out) {
        return;
    }
    let bytes = value.value.len();
    let least = least_bytes(&value.value);
    if bytes <= limit {
        return;
    }
    if least > limit {
        let mut diagnostic = Diagnostic::error(
            RuleId::TooLong,
            format!("{what} is {bytes} bytes; WeChat allows {limit}{rule}"),
        )
        .at(value.span.clone(), format!("{bytes} bytes"));
        if !value.value.is_ascii() {
            diagnostic = diagnostic
                .note(format!(
                    "even counting a CJK character as 2 bytes (UTF-8 takes 3) it is {least}: WeChat refuses it however it counts"
                ))
                .note(format!(
                    "{} fit for sure; up to {} only if WeChat counts 2 bytes each",
                    plural(limit / 3, "CJK character"),
                    limit / 2
                ));
        }
        out.push(diagnostic);
        return;
    }
    out.push(
        Diagnostic::warning(RuleId::TooLong, format!(
            "{what} is {bytes} UTF-8 bytes; WeChat may allow only {limit}{rule}"
        ))
        .at(
            value.span.clone(),
            format!("{bytes} UTF-8 bytes, {least} counting a CJK character as 2"),
        )
        .note("WeChat does not say how it counts bytes: in UTF-8 (3 per CJK character) this is over the limit, counting 2 per CJK character it is not")
        .note("real menus that WeChat accepted have top-level names of 6–7 CJK characters (18–21 UTF-8 bytes), which only the 2-byte count lets through")
        .help(format!(
            "if WeChat refuses it, shorten it to {}",
            plural(limit / 3, "CJK character")
        )),
    );
}

/// The fewest bytes any encoding WeChat might count in gives `text`: 1 per ASCII character, 2
/// per other character of the Basic Multilingual Plane (CJK), 4 beyond it (emoji), as GBK and
/// UTF-16 count. UTF-8 gives as many or more.
pub(super) fn least_bytes(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0..=0x7f => 1,
            0x80..=0xffff => 2,
            _ => 4,
        })
        .sum()
}

/// Reports an empty (or blank) value; returns whether the value has content.
pub(super) fn non_empty(value: &Spanned<String>, what: &str, out: &mut Vec<Diagnostic>) -> bool {
    if value.value.trim().is_empty() {
        out.push(
            Diagnostic::error(RuleId::EmptyValue, format!("{what} is empty"))
                .at(value.span.clone(), "empty"),
        );
        return false;
    }
    true
}

/// Reports every repeated name, pointing at the repeat and at the first use. Empty names are
/// left to [`non_empty`].
pub(super) fn unique<'a>(
    names: impl IntoIterator<Item = &'a Spanned<String>>,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
    for name in names
        .into_iter()
        .filter(|name| !name.value.trim().is_empty())
    {
        match seen.get(name.value.as_str()) {
            Some(first) => out.push(
                Diagnostic::error(
                    RuleId::DuplicateName,
                    format!("{what} `{}` is used twice", name.value),
                )
                .at(name.span.clone(), "used again here")
                .context(first.clone(), "first used here")
                .note(format!("each {what} must be unique")),
            ),
            None => {
                seen.insert(&name.value, name.span.clone());
            }
        }
    }
}

/// Names that must be given and unique (conditional menus, menu checks): every empty one and
/// every repeat is reported.
pub(super) fn named<'a>(
    names: impl IntoIterator<Item = &'a Spanned<String>> + Clone,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    for name in names.clone() {
        non_empty(name, what, out);
    }
    unique(names, what, out);
}

/// Reports the first item beyond `max`, saying how many there are.
pub(super) fn at_most<T>(
    items: &[Spanned<T>],
    max: usize,
    what: &str,
    rule: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(extra) = items.get(max) {
        out.push(
            Diagnostic::error(
                RuleId::TooMany,
                format!(
                    "{} {}; WeChat allows at most {max}{rule}",
                    plural(items.len(), what),
                    if items.len() == 1 {
                        "is listed"
                    } else {
                        "are listed"
                    }
                ),
            )
            .at(extra.span.clone(), format!("{} {what}", ordinal(max))),
        );
    }
}

/// The ordinal of a 0-based index: "1st", "2nd", "4th".
pub(super) fn ordinal(index: usize) -> String {
    let n = index + 1;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_bytes_count_cjk_as_2_and_emoji_as_4() {
        assert_eq!(least_bytes("abc"), 3);
        assert_eq!(least_bytes("会员中心"), 8);
        assert_eq!(least_bytes("é"), 2);
        assert_eq!(least_bytes("🎁礼"), 6);
    }

    fn name(text: &str) -> Spanned<String> {
        Spanned {
            value: text.to_string(),
            span: 0..text.len(),
        }
    }

    fn severities(text: &str, limit: usize) -> Vec<bool> {
        let mut out = Vec::new();
        bytes_within(&name(text), limit, "button name", "", &mut out);
        out.iter().map(Diagnostic::is_error).collect()
    }

    #[test]
    fn over_the_limit_only_in_utf8_is_a_warning() {
        // 7 CJK characters: 21 UTF-8 bytes, 14 counting 2 each; real menus carry such names.
        assert_eq!(severities("我的会员中心吧", 16), vec![false]);
        // 9: 18 bytes even counting 2 each.
        assert_eq!(severities("我的会员中心专享区", 16), vec![true]);
        assert_eq!(severities("五个汉字啊", 16), Vec::<bool>::new());
        assert_eq!(severities(&"k".repeat(17), 16), vec![true]);
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(0), "1st");
        assert_eq!(ordinal(3), "4th");
        assert_eq!(ordinal(10), "11th");
        assert_eq!(ordinal(21), "22nd");
    }
}
