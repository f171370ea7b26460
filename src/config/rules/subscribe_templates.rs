//! Subscribe-notification template rules: `tid` and `kid_list` together or not at all, 2–5
//! keyword ids (one listed twice is a warning), a scene description of at most 15 characters,
//! one keyword label per id, at most 25 templates, unique names and identities.

use super::common::{at_most, non_empty, unique};
use super::templates::{MAX_TEMPLATES, distinct_identities};
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{List, RawConfig, RawSubscribeTemplate};
use crate::config::rule_id::RuleId;
use crate::words::plural;
use std::collections::HashMap;

const KIDS: std::ops::RangeInclusive<usize> = 2..=5;
const SCENE_DESC_CHARS: usize = 15;

pub(super) fn check(raw: &RawConfig, out: &mut Vec<Diagnostic>) {
    let Some(items) = raw
        .subscribe_templates
        .as_ref()
        .and_then(|section| section.value.items.as_ref())
    else {
        return;
    };
    at_most(
        &items.value,
        MAX_TEMPLATES,
        "subscribe template",
        " per account (200012)",
        out,
    );
    for item in &items.value {
        check_item(&item.value, out);
    }
    unique(
        items.value.iter().map(|item| &item.value.name),
        "subscribe template name",
        out,
    );
    distinct_identities(
        items
            .value
            .iter()
            .map(|item| (&item.value.title, Some(&item.value.keywords))),
        "subscribe template",
        out,
    );
}

fn check_item(item: &RawSubscribeTemplate, out: &mut Vec<Diagnostic>) {
    non_empty(&item.name, "subscribe template name", out);
    non_empty(&item.title, "subscribe template title", out);
    match (&item.tid, &item.kid_list) {
        (Some(_), Some(kids)) => check_kids(item, kids, out),
        (None, None) => {}
        (Some(tid), None) => out.push(
            Diagnostic::error(RuleId::TidKidList, "tid is given without kid_list")
                .at(tid.span.clone(), "needs kid_list")
                .note("adding a subscribe template needs both the library `tid` and the keyword ids in `kid_list`; give both, or neither when the template is already on the account"),
        ),
        (None, Some(kids)) => out.push(
            Diagnostic::error(RuleId::TidKidList, "kid_list is given without tid")
                .at(kids.span.clone(), "needs tid")
                .note("adding a subscribe template needs both the library `tid` and the keyword ids in `kid_list`; give both, or neither when the template is already on the account"),
        ),
    }
    for keyword in &item.keywords.value {
        non_empty(keyword, "keyword", out);
    }
    if let Some(scene) = &item.scene_desc {
        let chars = scene.value.chars().count();
        if chars > SCENE_DESC_CHARS {
            out.push(
                Diagnostic::error(
                    RuleId::TooLong,
                    format!("scene_desc is {chars} characters; WeChat allows {SCENE_DESC_CHARS}"),
                )
                .at(scene.span.clone(), format!("{chars} characters"))
                .note("WeChat answers 200021 for a longer sceneDesc"),
            );
        }
    }
}

/// `kid_list`: 2–5 distinct ids, one label in `keywords` for each.
fn check_kids(item: &RawSubscribeTemplate, kids: &List<u64>, out: &mut Vec<Diagnostic>) {
    if !KIDS.contains(&kids.value.len()) {
        out.push(
            Diagnostic::error(
                RuleId::KidListCount,
                format!(
                    "kid_list has {}; WeChat needs 2–5",
                    plural(kids.value.len(), "keyword id")
                ),
            )
            .at(kids.span.clone(), plural(kids.value.len(), "id"))
            .note("WeChat answers 200020 for a kidList outside 2–5"),
        );
    }
    let mut seen = HashMap::new();
    for kid in &kids.value {
        // Undocumented: WeChat may repeat the keyword, or answer 200020 (invalid kidList).
        if let Some(first) = seen.insert(kid.value, kid.span.clone()) {
            out.push(
                Diagnostic::warning(RuleId::DuplicateKeywordId, format!("keyword id {} is listed twice", kid.value))
                    .at(kid.span.clone(), "again")
                    .context(first, "first here")
                    .note("whether WeChat takes a keyword twice is undocumented; if not, addtemplate answers 200020 (invalid kidList)"),
            );
        }
    }
    if kids.value.len() != item.keywords.value.len() {
        out.push(
            Diagnostic::error(RuleId::KeywordsMismatch, format!(
                "keywords has {} but kid_list has {}",
                plural(item.keywords.value.len(), "label"),
                plural(kids.value.len(), "id")
            ))
            .at(item.keywords.span.clone(), "one label per keyword id")
            .note("`keywords` are the labels of the `kid_list` keywords, in the same order; wxform recognises the live template by them"),
        );
    }
}
