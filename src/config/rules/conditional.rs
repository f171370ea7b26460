//! Conditional menu rules: a default menu in the same file, unique names, no empty or retired
//! matchrule, and a warning for a `tag` the file does not define. Two menus with the same
//! matchrule are WeChat's to accept: `unreachable` warns that the older one is never seen.

use super::common::named;
use super::menu::{MenuKind, check_menu};
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{RawConditionalMenu, RawConfig, RawMatchRule};
use crate::config::rule_id::RuleId;
use crate::config::yaml_parser::Spanned;
use crate::model::{DesiredMatchRule, Platform, TagRef};
use std::collections::BTreeSet;

pub(super) fn check(raw: &RawConfig, out: &mut Vec<Diagnostic>) {
    let Some(menus) = &raw.conditional_menus else {
        return;
    };
    let Some(first) = menus.value.first() else {
        return;
    };
    match &raw.menu {
        None => out.push(
            Diagnostic::error(
                RuleId::ConditionalWithoutMenu,
                "conditional menus need a default menu in the same file",
            )
            .at(first.value.name.span.clone(), "first conditional menu")
            .note("WeChat refuses conditional menus while there is no default menu (65303)")
            .help("add a `menu:` section with the default buttons"),
        ),
        Some(menu) if menu.value.button.value.is_empty() => out.push(
            Diagnostic::error(
                RuleId::ConditionalWithoutMenu,
                "conditional menus cannot go with a deleted default menu",
            )
            .at(
                menu.value.button.span.clone(),
                "`button: []` deletes the default menu",
            )
            .note("deleting the default menu deletes every conditional menu too"),
        ),
        Some(_) => {}
    }
    named(
        menus.value.iter().map(|menu| &menu.value.name),
        "conditional menu name",
        out,
    );
    let defined_tags = tag_names(raw);
    for menu in &menus.value {
        check_matchrule(&menu.value, &defined_tags, out);
        check_menu(&menu.value.button, MenuKind::Conditional, out);
    }
}

/// The names under `tags.items`.
pub(super) fn tag_names(raw: &RawConfig) -> BTreeSet<&str> {
    raw.tags
        .iter()
        .flat_map(|tags| tags.value.items.iter())
        .flat_map(|items| items.value.iter())
        .map(|tag| tag.value.name.value.as_str())
        .collect()
}

/// The matchrule in desired form, or `None` (after reporting) when it is not valid.
pub(crate) fn matchrule(rule: &RawMatchRule) -> Option<DesiredMatchRule> {
    let tag = match (present(&rule.tag), present(&rule.tag_id)) {
        (Some(name), None) => Some(TagRef::Name(name.value.clone())),
        (None, Some(id)) => Some(TagRef::Id(id.value.trim().parse().ok()?)),
        (None, None) => None,
        (Some(_), Some(_)) => return None,
    };
    let client_platform_type = match present(&rule.client_platform_type) {
        Some(platform) => Some(Platform::parse(&platform.value)?),
        None => None,
    };
    Some(DesiredMatchRule {
        tag,
        client_platform_type,
    })
}

/// WeChat treats an empty matchrule value as absent, and so does wxform.
fn present(value: &Option<Spanned<String>>) -> Option<&Spanned<String>> {
    value
        .as_ref()
        .filter(|value| !value.value.trim().is_empty())
}

fn check_matchrule(
    menu: &RawConditionalMenu,
    defined_tags: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let rule = &menu.matchrule.value;
    let before = out.len();
    check_retired_fields(rule, out);
    check_rule_fields(rule, defined_tags, out);
    if matchrule(rule).is_some_and(|desired| desired == DesiredMatchRule::default())
        && out.len() == before
    {
        out.push(
            Diagnostic::error(
                RuleId::EmptyMatchrule,
                format!(
                    "conditional menu `{}` has an empty matchrule",
                    menu.name.value
                ),
            )
            .at(menu.matchrule.span.clone(), "matches nobody in particular")
            .note("WeChat rejects a matchrule without any field (65304)")
            .help("set `tag`, `tag_id` or `client_platform_type`"),
        );
    }
}

/// An error for each field WeChat no longer accepts in a matchrule.
fn check_retired_fields(rule: &RawMatchRule, out: &mut Vec<Diagnostic>) {
    let retired = [
        ("sex", &rule.sex),
        ("country", &rule.country),
        ("province", &rule.province),
        ("city", &rule.city),
        ("language", &rule.language),
    ];
    for (field, value) in retired {
        if let Some(value) = present(value) {
            out.push(
                Diagnostic::error(RuleId::RetiredMatchrule, format!("matchrule field `{field}` is retired"))
                    .at(value.span.clone(), "no longer accepted")
                    .note("since its 2021 privacy change WeChat rejects conditional menus that match on sex, country, province, city or language (65320)")
                    .help("match on `tag` or `client_platform_type` instead"),
            );
        }
    }
}

/// The fields still accepted: one way to name the tag, a numeric `tag_id`, a known platform,
/// and a warning for a tag this file does not define.
fn check_rule_fields(
    rule: &RawMatchRule,
    defined_tags: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    if let (Some(_), Some(id)) = (present(&rule.tag), present(&rule.tag_id)) {
        out.push(
            Diagnostic::error(
                RuleId::TagTwice,
                "a matchrule names its tag twice: `tag` and `tag_id`",
            )
            .at(id.span.clone(), "remove one")
            .help("use `tag` (a name from `tags:`) or `tag_id` (WeChat's numeric id), not both"),
        );
    }
    if let Some(id) = present(&rule.tag_id)
        && id.value.trim().parse::<u64>().is_err()
    {
        out.push(
            Diagnostic::error(
                RuleId::TagId,
                format!("tag_id `{}` is not a number", id.value),
            )
            .at(id.span.clone(), "not a tag id")
            .help("to name a tag, write `tag:` instead of `tag_id:`"),
        );
    }
    if let Some(platform) = present(&rule.client_platform_type)
        && Platform::parse(&platform.value).is_none()
    {
        out.push(
            Diagnostic::error(
                RuleId::UnknownPlatform,
                format!("unknown client_platform_type `{}`", platform.value),
            )
            .at(platform.span.clone(), "unknown platform")
            .note("client_platform_type is ios, android or others (WeChat's \"1\", \"2\" or \"3\")")
            .help_if(crate::config::suggest::platform(&platform.value)),
        );
    }
    if let Some(tag) = present(&rule.tag)
        && !defined_tags.contains(tag.value.as_str())
    {
        out.push(
            Diagnostic::warning(
                RuleId::UndefinedTag,
                format!("tag `{}` is not defined in this file", tag.value),
            )
            .at(tag.span.clone(), "not under `tags.items`")
            .note("the tag must already exist in the live account, or `plan` will fail"),
        );
    }
}
