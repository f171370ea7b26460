//! What a configuration cannot say about the live account, and so what the export leaves out,
//! with why: a menu made in the web console (managing it means replacing it), console-only
//! buttons (the API cannot make them), conditional menus on retired matchrule fields (WeChat
//! refuses to create them), and anything WeChat holds that `validate` refuses (a `view` button
//! without `url`, a tag name over the limit). A menu section left out is not managed at all; a
//! tag or template left out stays on the account, listed as not managed.
//!
//! Whether `validate` refuses a section is asked of `validate` itself: the section is written
//! as the export would write it and loaded as a configuration, so this never drifts from the
//! rules.

use super::commented_yaml::render;
use super::{LeftOut, LeftOutItem};
use crate::config::{LoadError, load_str};
use crate::model::*;

/// Takes out of `desired` (the configuration `live` satisfies) whatever a configuration cannot
/// express, and says what and why.
pub fn leave_out(desired: &mut Desired, live: &Live) -> LeftOut {
    let mut left_out = LeftOut {
        menu: menu_reasons(desired, live),
        ..LeftOut::default()
    };
    if !left_out.menu.is_empty() {
        left_out.removed_menu = desired.menu.take();
    }
    left_out.conditional_menus = conditional_reasons(desired, live);
    if !left_out.conditional_menus.is_empty() {
        left_out.removed_conditional_menus = desired.conditional_menus.take();
    }
    left_out.items = leave_out_items(desired);
    left_out
}

/// Why the default menu cannot be written as it is live.
fn menu_reasons(desired: &Desired, live: &Live) -> Vec<String> {
    let Some(live_menu) = &live.menu else {
        return Vec::new();
    };
    let mut reasons = Vec::new();
    if live_menu.source == MenuSource::Console {
        reasons.push(
            "the live menu was made in the web console: a configuration that manages it makes `apply` replace it with a menu made through the API"
                .to_string(),
        );
    }
    for (button, kind) in console_only_leaves(&live_menu.button) {
        reasons.push(format!(
            "button \"{}\" is of the console-only type `{kind}`, which the API cannot make",
            button.name
        ));
    }
    if reasons.is_empty() && desired.menu.is_some() {
        let only_menu = Desired {
            menu: desired.menu.clone(),
            ..Desired::default()
        };
        reasons = refusals(&only_menu, live);
    }
    reasons
}

/// Why the conditional menus cannot be written as they are live.
fn conditional_reasons(desired: &Desired, live: &Live) -> Vec<String> {
    if desired.conditional_menus.is_none() || live.conditional_menus.is_empty() {
        return Vec::new();
    }
    let mut reasons: Vec<String> = live
        .conditional_menus
        .iter()
        .filter(|menu| !menu.matchrule.retired.is_empty())
        .map(|menu| {
            format!(
                "menuid {} matches on retired fields ({}): WeChat no longer matches it and refuses to create such a menu, so a configuration cannot list it, and managing conditional menus would delete it",
                menu.menuid,
                retired_fields(&menu.matchrule)
            )
        })
        .collect();
    if desired.menu.is_none() {
        reasons.push(
            "conditional menus are managed together with the default menu, which is left out"
                .to_string(),
        );
    }
    if reasons.is_empty() {
        let menus_and_tags = Desired {
            menu: desired.menu.clone(),
            conditional_menus: desired.conditional_menus.clone(),
            tags: desired.tags.clone(),
            ..Desired::default()
        };
        reasons = refusals(&menus_and_tags, live)
            .into_iter()
            .filter(|reason| !reason.contains("`menu`") && !reason.contains("`tags`"))
            .collect();
    }
    reasons
}

/// `sex=1, country=中国`, and the platform when the rule has one.
pub(super) fn retired_fields(rule: &LiveMatchRule) -> String {
    let mut fields: Vec<String> = rule
        .retired
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if let Some(platform) = rule.client_platform_type {
        fields.push(format!("client_platform_type={}", platform.wire_code()));
    }
    fields.join(", ")
}

/// Tags and templates `validate` refuses one by one, taken out of their items.
fn leave_out_items(desired: &mut Desired) -> Vec<LeftOutItem> {
    let mut left_out = Vec::new();
    if let Some(tags) = &mut desired.tags {
        tags.items.retain(|tag| {
            let alone = Desired {
                tags: Some(DesiredTags {
                    items: vec![tag.clone()],
                    ..DesiredTags::default()
                }),
                ..Desired::default()
            };
            keep(&alone, "tags", &tag.name, &mut left_out)
        });
    }
    if let Some(templates) = &mut desired.templates {
        templates.items.retain(|template| {
            let alone = Desired {
                templates: Some(DesiredTemplates {
                    items: vec![template.clone()],
                    ..DesiredTemplates::default()
                }),
                ..Desired::default()
            };
            keep(&alone, "templates", &template.title, &mut left_out)
        });
    }
    if let Some(subscribe) = &mut desired.subscribe_templates {
        subscribe.items.retain(|template| {
            let alone = Desired {
                subscribe_templates: Some(DesiredSubscribeTemplates {
                    items: vec![template.clone()],
                    ..DesiredSubscribeTemplates::default()
                }),
                ..Desired::default()
            };
            keep(
                &alone,
                "subscribe_templates",
                &template.title,
                &mut left_out,
            )
        });
    }
    left_out
}

/// Whether the one item in `alone` is valid; if not, it is recorded as left out.
fn keep(
    alone: &Desired,
    section: &'static str,
    name: &str,
    left_out: &mut Vec<LeftOutItem>,
) -> bool {
    let reasons = refusals(alone, &Live::default());
    if reasons.is_empty() {
        return true;
    }
    left_out.push(LeftOutItem {
        section,
        name: name.to_string(),
        why: reasons.join("; "),
    });
    false
}

/// What `validate` refuses in `desired` written as the export writes it: each error's message
/// with the line it points at.
fn refusals(desired: &Desired, live: &Live) -> Vec<String> {
    let yaml = render(desired, live, &LeftOut::default());
    match load_str("exported.yaml", &yaml) {
        Ok(_) => Vec::new(),
        Err(LoadError::Invalid { diagnostics, .. }) => diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
            .map(|diagnostic| match diagnostic.line_text(&yaml) {
                Some(line) => format!("{} (at `{}`)", diagnostic.message, line.trim()),
                None => diagnostic.message.clone(),
            })
            .collect(),
        Err(err) => vec![err.to_string()],
    }
}
