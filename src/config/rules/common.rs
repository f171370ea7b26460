//! Checks shared by several areas: byte-size limits, empty values, unique names, counts.

use crate::config::diagnostic::Diagnostic;
use crate::config::yaml_parser::Spanned;
use crate::words::plural;
use std::collections::HashMap;
use std::ops::Range;

/// `value` must be non-empty and at most `limit` UTF-8 bytes; `what` names it ("button name"),
/// `rule` finishes the sentence ("for a top-level button").
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
    if bytes <= limit {
        return;
    }
    let mut diagnostic = Diagnostic::error(format!(
        "{what} is {bytes} bytes; WeChat allows {limit}{rule}"
    ))
    .at(value.span.clone(), format!("{bytes} bytes"));
    if !value.value.is_ascii() {
        diagnostic = diagnostic.note(format!(
            "WeChat counts UTF-8 bytes: a CJK character takes 3, so at most {} fit",
            plural(limit / 3, "CJK character")
        ));
    }
    out.push(diagnostic);
}

/// Reports an empty (or blank) value; returns whether the value has content.
pub(super) fn non_empty(value: &Spanned<String>, what: &str, out: &mut Vec<Diagnostic>) -> bool {
    if value.value.trim().is_empty() {
        out.push(Diagnostic::error(format!("{what} is empty")).at(value.span.clone(), "empty"));
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
                Diagnostic::error(format!("{what} `{}` is used twice", name.value))
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
            Diagnostic::error(format!(
                "{} {}; WeChat allows at most {max}{rule}",
                plural(items.len(), what),
                if items.len() == 1 {
                    "is listed"
                } else {
                    "are listed"
                }
            ))
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
    fn ordinals() {
        assert_eq!(ordinal(0), "1st");
        assert_eq!(ordinal(3), "4th");
        assert_eq!(ordinal(10), "11th");
        assert_eq!(ordinal(21), "22nd");
    }
}
