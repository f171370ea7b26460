//! Conditional menu rules: a default menu in the same file, unique names and matchrules, no
//! empty or retired matchrule, at most 3 link domains across all conditional menus, and a
//! warning for a `tag` the file does not define.

use super::common::named;
use super::menu::{MenuKind, check_menu, http_host, links};
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{RawConditionalMenu, RawConfig, RawMatchRule};
use crate::config::yaml_parser::Spanned;
use crate::model::{DesiredMatchRule, Platform, TagRef};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

const MAX_LINK_DOMAINS: usize = 3;

pub(super) fn check(raw: &RawConfig, out: &mut Vec<Diagnostic>) {
    let Some(menus) = &raw.conditional_menus else {
        return;
    };
    let Some(first) = menus.value.first() else {
        return;
    };
    match &raw.menu {
        None => out.push(
            Diagnostic::error("conditional menus need a default menu in the same file")
                .at(first.value.name.span.clone(), "first conditional menu")
                .note("WeChat refuses conditional menus while there is no default menu (65303)")
                .help("add a `menu:` section with the default buttons"),
        ),
        Some(menu) if menu.value.button.value.is_empty() => out.push(
            Diagnostic::error("conditional menus cannot go with a deleted default menu")
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
    let mut rules: HashMap<DesiredMatchRule, Range<usize>> = HashMap::new();
    for menu in &menus.value {
        if let Some(rule) = check_matchrule(&menu.value, &defined_tags, out) {
            let here = menu.value.matchrule.span.clone();
            match rules.get(&rule) {
                Some(first) => out.push(
                    Diagnostic::error(format!(
                        "conditional menu `{}` has the same matchrule as an earlier one",
                        menu.value.name.value
                    ))
                    .at(here, "same matchrule")
                    .context(first.clone(), "first used here")
                    .note("WeChat would only ever show the newer of two menus with one matchrule"),
                ),
                None => {
                    rules.insert(rule, here);
                }
            }
        }
        check_menu(&menu.value.button, MenuKind::Conditional, out);
    }
    check_domains(menus.value.iter().map(|menu| &menu.value), out);
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
) -> Option<DesiredMatchRule> {
    let rule = &menu.matchrule.value;
    let before = out.len();
    check_retired_fields(rule, out);
    check_rule_fields(rule, defined_tags, out);
    let desired = matchrule(rule)?;
    if desired == DesiredMatchRule::default() && out.len() == before {
        out.push(
            Diagnostic::error(format!(
                "conditional menu `{}` has an empty matchrule",
                menu.name.value
            ))
            .at(menu.matchrule.span.clone(), "matches nobody in particular")
            .note("WeChat rejects a matchrule without any field (65304)")
            .help("set `tag`, `tag_id` or `client_platform_type`"),
        );
        return None;
    }
    (out.len() == before || out[before..].iter().all(|d| !d.is_error())).then_some(desired)
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
                Diagnostic::error(format!("matchrule field `{field}` is retired"))
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
            Diagnostic::error("a matchrule names its tag twice: `tag` and `tag_id`")
                .at(id.span.clone(), "remove one")
                .help(
                    "use `tag` (a name from `tags:`) or `tag_id` (WeChat's numeric id), not both",
                ),
        );
    }
    if let Some(id) = present(&rule.tag_id)
        && id.value.trim().parse::<u64>().is_err()
    {
        out.push(
            Diagnostic::error(format!("tag_id `{}` is not a number", id.value))
                .at(id.span.clone(), "not a tag id")
                .help("to name a tag, write `tag:` instead of `tag_id:`"),
        );
    }
    if let Some(platform) = present(&rule.client_platform_type)
        && Platform::parse(&platform.value).is_none()
    {
        out.push(
            Diagnostic::error(format!(
                "unknown client_platform_type `{}`",
                platform.value
            ))
            .at(platform.span.clone(), "unknown platform")
            .note("client_platform_type is ios, android or others (WeChat's \"1\", \"2\" or \"3\")"),
        );
    }
    if let Some(tag) = present(&rule.tag)
        && !defined_tags.contains(tag.value.as_str())
    {
        out.push(
            Diagnostic::warning(format!("tag `{}` is not defined in this file", tag.value))
                .at(tag.span.clone(), "not under `tags.items`")
                .note("the tag must already exist in the live account, or `plan` will fail"),
        );
    }
}

fn check_domains<'a>(
    menus: impl Iterator<Item = &'a RawConditionalMenu>,
    out: &mut Vec<Diagnostic>,
) {
    let mut domains: Vec<String> = Vec::new();
    for menu in menus {
        for link in links(&menu.button) {
            let Some(host) = http_host(&link.value) else {
                continue;
            };
            if domains.contains(&host) {
                continue;
            }
            domains.push(host);
            if domains.len() == MAX_LINK_DOMAINS + 1 {
                out.push(
                    Diagnostic::error(format!(
                        "conditional menus link to a {}th domain; WeChat allows {MAX_LINK_DOMAINS} across all conditional menus",
                        MAX_LINK_DOMAINS + 1
                    ))
                    .at(link.span.clone(), format!("domain {}", domains[MAX_LINK_DOMAINS]))
                    .note(format!("domains so far: {}", domains.join(", ")))
                    .note("WeChat answers 65316 (domain count reach limit)"),
                );
                return;
            }
        }
    }
}
