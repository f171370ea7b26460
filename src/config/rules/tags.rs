//! Tag rules: names of at most 30 characters (a warning past 30 UTF-8 bytes), unique, not
//! WeChat's system tag; `previously` names that collide with nothing; at most 100 tags.

use super::common::{at_most, non_empty};
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::RawConfig;
use crate::config::rule_id::RuleId;
use crate::config::yaml_parser::Spanned;
use crate::words::plural;
use std::collections::HashMap;
use std::ops::Range;

const NAME_LIMIT: usize = 30;
const MAX_TAGS: usize = 100;
/// Tag id 2, which every account has and nobody may change.
const SYSTEM_TAG: &str = "星标组";

pub(super) fn check(raw: &RawConfig, out: &mut Vec<Diagnostic>) {
    let Some(items) = raw.tags.as_ref().and_then(|tags| tags.value.items.as_ref()) else {
        return;
    };
    at_most(&items.value, MAX_TAGS, "tag", " per account (45056)", out);
    // Every name a tag is known by, current or previous: each may identify one tag only.
    let mut names: HashMap<&str, (Range<usize>, bool)> = HashMap::new();
    for tag in &items.value {
        let name = &tag.value.name;
        name_size(name, out);
        if name.value == SYSTEM_TAG {
            out.push(
                Diagnostic::error(RuleId::SystemTag, format!("`{SYSTEM_TAG}` is WeChat's system tag"))
                    .at(name.span.clone(), "reserved")
                    .note("tags 0, 1 and 2 (星标组) belong to WeChat; they cannot be created, renamed or deleted"),
            );
        }
        // An empty name is reported once, as empty, not again as a duplicate.
        if !name.value.trim().is_empty() {
            claim(&mut names, &name.value, name.span.clone(), false, out);
        }
    }
    for tag in &items.value {
        let Some(previously) = &tag.value.previously else {
            continue;
        };
        for old in &previously.value {
            if non_empty(old, "previous tag name", out) {
                claim(&mut names, old.value.as_str(), old.span.clone(), true, out);
            }
        }
    }
}

/// WeChat's documentation disagrees with itself: the parameter takes 30 characters, the error
/// (45158 tag name too long, 超过30个字节) says 30 bytes. Over 30 characters is refused either
/// way; over 30 UTF-8 bytes only may be.
fn name_size(name: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    if !non_empty(name, "tag name", out) {
        return;
    }
    let chars = name.value.chars().count();
    let bytes = name.value.len();
    if chars > NAME_LIMIT {
        out.push(
            Diagnostic::error(
                RuleId::TooLong,
                format!(
                    "tag name is {}; WeChat allows {NAME_LIMIT} (45158)",
                    plural(chars, "character")
                ),
            )
            .at(name.span.clone(), plural(chars, "character")),
        );
    } else if bytes > NAME_LIMIT {
        out.push(
            Diagnostic::warning(RuleId::TooLong, format!(
                "tag name is {bytes} UTF-8 bytes; WeChat may allow only {NAME_LIMIT} (45158)"
            ))
            .at(name.span.clone(), format!("{bytes} UTF-8 bytes, {chars} characters"))
            .note("WeChat's documentation disagrees: the parameter takes 30 characters, the error text of 45158 says 30 bytes")
            .help(format!(
                "if WeChat refuses it, shorten it to {}",
                plural(NAME_LIMIT / 3, "CJK character")
            )),
        );
    }
}

fn claim<'a>(
    names: &mut HashMap<&'a str, (Range<usize>, bool)>,
    name: &'a str,
    span: Range<usize>,
    previous: bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some((first, first_previous)) = names.get(name) else {
        names.insert(name, (span, previous));
        return;
    };
    let message = match (first_previous, previous) {
        (false, false) => format!("tag `{name}` is listed twice"),
        (false, true) => format!("`{name}` is both a tag and a previous name"),
        (true, _) => format!("`{name}` is a previous name of two tags"),
    };
    out.push(
        Diagnostic::error(RuleId::DuplicateName, message)
            .at(span, "used again here")
            .context(first.clone(), "first used here")
            .note("each name, current or in `previously`, must identify one tag"),
    );
}
