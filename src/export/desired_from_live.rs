//! The desired state an account already satisfies, with generated names.

use crate::model::*;
use std::collections::BTreeSet;

/// A name made of letters and digits (any script) joined by `-`: `VIP 用户!` → `vip-用户`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Make every name unique by suffixing `-2`, `-3`, … in order.
fn unique(names: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    names
        .into_iter()
        .map(|name| {
            let mut candidate = name.clone();
            let mut n = 2;
            while !seen.insert(candidate.clone()) {
                candidate = format!("{name}-{n}");
                n += 1;
            }
            candidate
        })
        .collect()
}

/// Whether a configuration can list `menu`: not on retired matchrule fields, which WeChat no
/// longer matches and refuses to create. (Twins — menus with the same matchrule — are listed
/// in order, as on the account: the newer shadows the older, and `validate` says so.)
fn exportable(menu: &LiveConditionalMenu) -> bool {
    menu.matchrule.retired.is_empty()
}

/// Live conditional menus in creation order (ascending menuid) with generated names such as
/// `tag-vip-ios`. Menus the export describes are named first, so they get the plain names.
pub fn conditional_menu_names(live: &Live) -> Vec<(&LiveConditionalMenu, String)> {
    let mut menus: Vec<&LiveConditionalMenu> = live.conditional_menus.iter().collect();
    menus.sort_by_key(|m| m.menuid);
    let names = menus
        .iter()
        .map(|menu| {
            let rule = &menu.matchrule;
            let mut parts = Vec::new();
            if let Some(id) = rule.tag_id {
                match live.tags.iter().find(|t| t.id == id) {
                    Some(tag) if !slug(&tag.name).is_empty() => {
                        parts.push(format!("tag-{}", slug(&tag.name)));
                    }
                    _ => parts.push(format!("tag-{id}")),
                }
            }
            if let Some(platform) = rule.client_platform_type {
                parts.push(format!("{platform:?}").to_lowercase());
            }
            if !rule.retired.is_empty() {
                parts.push("legacy".to_string());
            }
            if parts.is_empty() {
                parts.push("menu".to_string());
            }
            parts.join("-")
        })
        .collect::<Vec<String>>();
    let mut order: Vec<usize> = (0..menus.len()).collect();
    order.sort_by_key(|&i| !exportable(menus[i]));
    let mut named = vec![String::new(); menus.len()];
    for (i, name) in order
        .iter()
        .zip(unique(order.iter().map(|&i| names[i].clone()).collect()))
    {
        named[*i] = name;
    }
    menus.into_iter().zip(named).collect()
}

/// Names for templates, generated from their titles, in list order.
pub fn template_names<'a>(titles: impl Iterator<Item = &'a str>) -> Vec<String> {
    unique(
        titles
            .map(|title| match slug(title) {
                s if s.is_empty() => "template".to_string(),
                s => s,
            })
            .collect(),
    )
}

/// For each item, whether an earlier one has the same identity (title + keyword labels). Adding
/// a template twice makes two live copies; a configuration names each identity once, and plans
/// list the extra copies as not managed.
pub fn repeats<'a>(identities: impl Iterator<Item = (&'a str, &'a [String])>) -> Vec<bool> {
    let mut seen = BTreeSet::new();
    identities.map(|identity| !seen.insert(identity)).collect()
}

fn template_repeats(live: &Live) -> Vec<bool> {
    repeats(
        live.templates
            .iter()
            .map(|t| (t.title.as_str(), t.keywords.as_slice())),
    )
}

fn subscribe_repeats(live: &Live) -> Vec<bool> {
    repeats(
        live.subscribe_templates
            .iter()
            .map(|t| (t.title.as_str(), t.keywords.as_slice())),
    )
}

/// Leaves of console-only types are dropped (the API cannot make them); a folder left empty goes.
fn api_buttons(buttons: &[Button]) -> Vec<Button> {
    buttons
        .iter()
        .filter_map(|button| {
            if let Some(kind) = &button.kind {
                return (!CONSOLE_ONLY_BUTTON_TYPES.contains(&kind.as_str()))
                    .then(|| button.clone());
            }
            let children = api_buttons(&button.sub_button);
            (!children.is_empty()).then(|| Button {
                sub_button: children,
                ..button.clone()
            })
        })
        .collect()
}

/// The configuration that `live` already satisfies. Matchrules name tags by name when the tag
/// exists; menus with retired matchrule fields are left out (they can no longer be created).
pub fn live_to_desired(live: &Live) -> Desired {
    Desired {
        // `export` leaves material ids as ids.
        media_files: Vec::new(),
        appid: live.appid.clone(),
        // A menu of console-only buttons has nothing the API can make: `button: []` would mean
        // "delete the menu", so the menu is left unmanaged instead.
        menu: live
            .menu
            .as_ref()
            .map(|menu| Menu {
                button: api_buttons(&menu.button),
            })
            .filter(|menu| !menu.button.is_empty()),
        conditional_menus: Some(conditional_menus(live)),
        tags: Some(DesiredTags {
            unmanaged: UnmanagedPolicy::Keep,
            items: live
                .tags
                .iter()
                .filter(|t| !is_system_tag(t.id))
                .map(|t| DesiredTag {
                    name: t.name.clone(),
                    previously: Vec::new(),
                })
                .collect(),
        }),
        templates: Some(templates(live)),
        subscribe_templates: Some(subscribe_templates(live)),
        credentials_env: Default::default(),
        // The account cannot say who should see what.
        menu_checks: Vec::new(),
        config_files: Vec::new(),
    }
}

/// The conditional menus that can be exported, matching tags by name where the tag exists.
fn conditional_menus(live: &Live) -> Vec<DesiredConditionalMenu> {
    conditional_menu_names(live)
        .into_iter()
        .filter(|(menu, _)| exportable(menu))
        .map(|(menu, name)| DesiredConditionalMenu {
            name,
            matchrule: DesiredMatchRule {
                tag: menu
                    .matchrule
                    .tag_id
                    .map(|id| match live.tags.iter().find(|t| t.id == id) {
                        Some(tag) => TagRef::Name(tag.name.clone()),
                        None => TagRef::Id(id),
                    }),
                client_platform_type: menu.matchrule.client_platform_type,
            },
            button: menu.button.clone(),
        })
        .collect()
}

/// The message templates, each identity once, with names made from their titles.
fn templates(live: &Live) -> DesiredTemplates {
    let templates: Vec<&LiveTemplate> = live
        .templates
        .iter()
        .zip(template_repeats(live))
        .filter_map(|(t, repeat)| (!repeat).then_some(t))
        .collect();
    let names = template_names(templates.iter().map(|t| t.title.as_str()));
    DesiredTemplates {
        industry: live.industry.as_ref().and_then(|i| {
            Some(IndustryCodes {
                primary: i.primary.code?,
                secondary: i.secondary.code?,
            })
        }),
        unmanaged: UnmanagedPolicy::Keep,
        items: templates
            .into_iter()
            .zip(names)
            .map(|(t, name)| DesiredTemplate {
                name,
                // The listing does not say which library template it came from.
                short_id: None,
                title: t.title.clone(),
                keywords: t.keywords.clone(),
            })
            .collect(),
    }
}

/// The subscribe templates, each identity once, with names made from their titles.
fn subscribe_templates(live: &Live) -> DesiredSubscribeTemplates {
    let subscribe: Vec<&LiveSubscribeTemplate> = live
        .subscribe_templates
        .iter()
        .zip(subscribe_repeats(live))
        .filter_map(|(t, repeat)| (!repeat).then_some(t))
        .collect();
    let subscribe_names = template_names(subscribe.iter().map(|t| t.title.as_str()));
    DesiredSubscribeTemplates {
        unmanaged: UnmanagedPolicy::Keep,
        items: subscribe
            .into_iter()
            .zip(subscribe_names)
            .map(|(t, name)| DesiredSubscribeTemplate {
                name,
                // Neither tid nor kidList is in the listing.
                tid: None,
                kid_list: Vec::new(),
                scene_desc: None,
                title: t.title.clone(),
                keywords: t.keywords.clone(),
            })
            .collect(),
    }
}

/// Live templates and subscribe templates left out of the export because an earlier one has
/// the same identity: `(resource, title, live id)`.
pub fn repeated_templates(live: &Live) -> Vec<(&'static str, &str, &str)> {
    let templates = live
        .templates
        .iter()
        .zip(template_repeats(live))
        .filter(|(_, repeat)| *repeat)
        .map(|(t, _)| ("template", t.title.as_str(), t.template_id.as_str()));
    let subscribe = live
        .subscribe_templates
        .iter()
        .zip(subscribe_repeats(live))
        .filter(|(_, repeat)| *repeat)
        .map(|(t, _)| {
            (
                "subscribe template",
                t.title.as_str(),
                t.pri_tmpl_id.as_str(),
            )
        });
    templates.chain(subscribe).collect()
}
