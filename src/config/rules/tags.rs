//! Tag rules: names of at most 30 bytes, unique, not WeChat's system tag; `previously` names
//! that collide with nothing; at most 100 tags.

use super::common::{at_most, bytes_within, non_empty};
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::RawConfig;
use std::collections::HashMap;
use std::ops::Range;

const NAME_BYTES: usize = 30;
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
        bytes_within(name, NAME_BYTES, "tag name", " (45158)", out);
        if name.value == SYSTEM_TAG {
            out.push(
                Diagnostic::error(format!("`{SYSTEM_TAG}` is WeChat's system tag"))
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
        Diagnostic::error(message)
            .at(span, "used again here")
            .context(first.clone(), "first used here")
            .note("each name, current or in `previously`, must identify one tag"),
    );
}
