//! Conditional menus: a configured menu's identity is its name; WeChat stores no names, has no
//! update API, and matches the newest menu first.
//!
//! Every menu `apply` adds is newer than every menu it keeps, so the menus kept must be a prefix
//! of the configured list (later entries take precedence) that already exists live, unchanged,
//! in the same relative order; every entry after that prefix is added again, replacing the live
//! menu it was ([`pairing`] says how that menu is recognised). Live menus no entry claims are
//! deleted.

mod pairing;
mod views;

use super::Plan;
use super::action::{Action, ActionKind, Resource, Step, Unmanaged};
use super::tags::{TagIds, TagTarget};
use crate::audience::{self, Rule};
use crate::model::{Desired, DesiredConditionalMenu, Live, LiveConditionalMenu, TagRef};
use crate::words::plural;
use pairing::{Evidence, Pairing, pair};
use views::{Key, describe, desired_view, live_key, live_view, step_rule};

pub(crate) fn plan_conditional_menus(
    desired: &Desired,
    live: &Live,
    tags: &TagIds,
    menu_deleted: bool,
    plan: &mut Plan,
) {
    let mut current: Vec<&LiveConditionalMenu> = live.conditional_menus.iter().collect();
    current.sort_by_key(|menu| menu.menuid);
    if menu_deleted {
        return deleted_with_the_menu(desired, &current, tags, plan);
    }
    let Some(wanted) = desired.conditional_menus.as_deref() else {
        return not_managed(&current, tags, plan);
    };
    let keys: Vec<Option<Key>> = wanted.iter().map(|m| desired_key(m, tags, plan)).collect();
    let live_keys: Vec<Option<Key>> = current.iter().map(|m| live_key(m)).collect();
    let pairing = pair(wanted, &keys, &current, &live_keys);
    add_and_replace(wanted, &pairing, &current, tags, plan);
    delete_unclaimed(&pairing, &current, (&keys, &live_keys), tags, plan);
    check_deleted_tags(wanted, &keys, plan);
    warn_unreachable(wanted, tags, plan);
    check_default_menu(desired, live, plan);
}

/// `menu.button: []` deletes the default menu, and WeChat deletes every conditional menu with it.
fn deleted_with_the_menu(
    desired: &Desired,
    current: &[&LiveConditionalMenu],
    tags: &TagIds,
    plan: &mut Plan,
) {
    for menu in current {
        plan.actions.push(delete(
            menu,
            tags,
            "deleted by menu/delete together with the default menu".into(),
            Vec::new(),
        ));
    }
    if desired
        .conditional_menus
        .as_ref()
        .is_some_and(|w| !w.is_empty())
    {
        plan.errors.push(
            "conditional_menus needs a default menu, but `menu.button` is empty (menu/delete)"
                .into(),
        );
    }
}

/// Without a `conditional_menus` key every live conditional menu is left alone.
fn not_managed(current: &[&LiveConditionalMenu], tags: &TagIds, plan: &mut Plan) {
    for menu in current {
        plan.unmanaged.push(Unmanaged {
            resource: "conditional_menu".into(),
            name: describe(&live_view(menu, tags)),
            id: menu.menuid.to_string(),
            reason: "the configuration has no conditional_menus key".into(),
        });
    }
}

/// A create or replace for every configured entry after the kept prefix, in configuration
/// order (the order `apply` adds them in).
fn add_and_replace(
    wanted: &[DesiredConditionalMenu],
    pairing: &Pairing,
    current: &[&LiveConditionalMenu],
    tags: &TagIds,
    plan: &mut Plan,
) {
    for (index, menu) in wanted.iter().enumerate().skip(pairing.kept) {
        let add = Step::AddConditionalMenu {
            name: menu.name.clone(),
            matchrule: step_rule(menu, tags),
            button: menu.button.clone(),
        };
        let mut action = Action {
            address: format!("conditional_menu.{}", menu.name),
            kind: ActionKind::Create,
            before: None,
            after: Some(Resource::ConditionalMenu(desired_view(menu, tags))),
            warnings: Vec::new(),
            destructive: false,
            steps: vec![add],
        };
        if let Some((l, evidence)) = pairing.previous[index] {
            let old = current[l];
            action.kind = ActionKind::Replace;
            action.before = Some(Resource::ConditionalMenu(live_view(old, tags)));
            action.warnings = replace_warnings(wanted, pairing.kept, index, old, evidence);
            action
                .steps
                .insert(0, Step::DeleteConditionalMenu { menuid: old.menuid });
        }
        plan.actions.push(action);
    }
}

fn replace_warnings(
    wanted: &[DesiredConditionalMenu],
    kept: usize,
    index: usize,
    old: &LiveConditionalMenu,
    evidence: Evidence,
) -> Vec<String> {
    let mut warnings = vec![format!(
        "no update API: menuid {} is deleted and the menu is added again with a new menuid",
        old.menuid
    )];
    let unchanged = evidence == Evidence::Matchrule && old.button == wanted[index].button;
    if unchanged {
        warnings.push(if index == kept {
            "unchanged, but re-added: its place in conditional_menus changed".to_string()
        } else {
            format!(
                "unchanged, but re-added to keep precedence after conditional_menu.{}",
                wanted[kept].name
            )
        });
    }
    let recognised = match evidence {
        Evidence::Matchrule => None,
        Evidence::Buttons => Some("it has the same buttons"),
        Evidence::Place => Some("it is in the same place of the list"),
    };
    if let Some(why) = recognised {
        warnings.push(format!(
            "the matchrule changes; WeChat stores no names, so menuid {} is taken as this menu because {why}",
            old.menuid
        ));
    }
    warnings
}

/// Live menus no configured entry claimed: retired matchrules, duplicates, removed entries.
fn delete_unclaimed(
    pairing: &Pairing,
    current: &[&LiveConditionalMenu],
    (keys, live_keys): (&[Option<Key>], &[Option<Key>]),
    tags: &TagIds,
    plan: &mut Plan,
) {
    for l in (0..current.len()).filter(|&l| !pairing.claimed[l]) {
        let menu = current[l];
        let twin = (0..current.len())
            .find(|&o| o != l && pairing.claimed[o] && live_keys[o] == live_keys[l]);
        let warning = if !menu.matchrule.retired.is_empty() {
            let fields: Vec<&str> = menu.matchrule.retired.keys().map(String::as_str).collect();
            let fields = fields.join(", ");
            plan.notes.push(format!(
                "conditional menu {} uses retired matchrule fields ({fields}): it cannot be kept by the configuration or re-created",
                menu.menuid
            ));
            format!("its matchrule uses retired fields ({fields}); WeChat no longer matches it")
        } else if let Some(twin) = twin {
            let listed = keys.iter().filter(|&&key| key == live_keys[l]).count();
            format!(
                "a duplicate of the matchrule of menuid {}: conditional_menus lists {} with it",
                current[twin].menuid,
                plural(listed, "menu")
            )
        } else {
            "not in conditional_menus".to_string()
        };
        plan.actions.push(delete(
            menu,
            tags,
            warning,
            vec![Step::DeleteConditionalMenu {
                menuid: menu.menuid,
            }],
        ));
    }
}

/// Tags are deleted last, so a menu still pointing at one would silently stop matching.
fn check_deleted_tags(wanted: &[DesiredConditionalMenu], keys: &[Option<Key>], plan: &mut Plan) {
    let deleted_tags: Vec<(u64, &str)> = plan
        .actions
        .iter()
        .flat_map(|a| &a.steps)
        .filter_map(|s| match s {
            Step::DeleteTag { id, name } => Some((*id, name.as_str())),
            _ => None,
        })
        .collect();
    let mut errors = Vec::new();
    for (menu, key) in wanted.iter().zip(keys) {
        let tag = key.and_then(|key| key.tag);
        if let Some((_, name)) = deleted_tags.iter().find(|(id, _)| Some(*id) == tag) {
            errors.push(format!(
                "conditional_menu.{} uses tag \"{name}\", which this plan deletes (tags.unmanaged: delete); add it under `tags`",
                menu.name
            ));
        }
    }
    plan.errors.extend(errors);
}

/// Notes every configured menu that newer ones hide from everyone it matches. Tags are compared
/// as live ids where they resolve, so `tag: VIP` and `tag_id: 100` are the same tag.
fn warn_unreachable(wanted: &[DesiredConditionalMenu], tags: &TagIds, plan: &mut Plan) {
    let rules: Vec<Option<Rule<TagRef>>> = wanted
        .iter()
        .map(|menu| {
            let rule = step_rule(menu, tags);
            Some(Rule {
                tag: rule.tag,
                platform: rule.client_platform_type,
            })
        })
        .collect();
    for hidden in audience::unreachable(&rules) {
        let address = |index: usize| format!("conditional_menu.{}", wanted[index].name);
        let by: Vec<String> = hidden.by.iter().map(|&index| address(index)).collect();
        plan.notes.push(format!(
            "{} is never seen: {}",
            address(hidden.menu),
            audience::hidden_by(&by)
        ));
    }
}

/// WeChat adds conditional menus only beside a default menu (65303).
fn check_default_menu(desired: &Desired, live: &Live, plan: &mut Plan) {
    let adds = plan.actions.iter().any(|a| {
        a.steps
            .iter()
            .any(|s| matches!(s, Step::AddConditionalMenu { .. }))
    });
    let menu_after = desired
        .menu
        .as_ref()
        .map_or(live.menu.is_some(), |m| !m.button.is_empty());
    if adds && !menu_after {
        plan.errors.push(
            "conditional menus need a default menu first (WeChat error 65303): configure `menu`"
                .into(),
        );
    }
}

fn delete(menu: &LiveConditionalMenu, tags: &TagIds, warning: String, steps: Vec<Step>) -> Action {
    Action {
        address: format!("conditional_menu[menuid={}]", menu.menuid),
        kind: ActionKind::Delete,
        before: Some(Resource::ConditionalMenu(live_view(menu, tags))),
        after: None,
        warnings: vec![warning],
        destructive: true,
        steps,
    }
}

fn desired_key(menu: &DesiredConditionalMenu, tags: &TagIds, plan: &mut Plan) -> Option<Key> {
    let tag = match &menu.matchrule.tag {
        None => None,
        Some(TagRef::Id(id)) => Some(*id),
        Some(TagRef::Name(name)) => match tags.resolve(name) {
            Some(TagTarget::Live(id)) => Some(id),
            // Created by this apply: no live menu can point at it yet.
            Some(TagTarget::New) => return None,
            None => {
                plan.errors.push(format!(
                    "conditional_menu.{}: tag \"{name}\" is neither under `tags` nor on the live account",
                    menu.name
                ));
                return None;
            }
        },
    };
    Some(Rule {
        tag,
        platform: menu.matchrule.client_platform_type,
    })
}

/// "tag VIP, ios" for a live conditional menu, with tag names from `live`.
pub(crate) fn describe_live(menu: &LiveConditionalMenu, live: &Live) -> String {
    describe(&live_view(menu, &TagIds::from_live(live)))
}
