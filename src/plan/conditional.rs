//! Conditional menus: identity is the normalised matchrule; there is no update API, and
//! precedence is creation order.
//!
//! WeChat matches the newest conditional menu first, and every menu `apply` adds is newer than
//! every menu it keeps. So the menus kept must be a prefix of the configured list (later entries
//! take precedence) that already exists live, unchanged, in the same relative order; every
//! entry after that prefix is added again, replacing its live counterpart when there is one.

use super::Plan;
use super::action::{
    Action, ActionKind, ConditionalMenuView, MatchRuleView, Resource, Step, StepMatchRule,
    Unmanaged,
};
use super::tags::{TagIds, TagTarget};
use crate::audience::{self, Rule};
use crate::model::{Desired, DesiredConditionalMenu, Live, LiveConditionalMenu, TagRef};

/// A matchrule reduced to what WeChat still matches on, with the tag as a live id.
type Key = Rule<u64>;

pub(crate) fn plan_conditional_menus(
    desired: &Desired,
    live: &Live,
    tags: &TagIds,
    menu_deleted: bool,
    plan: &mut Plan,
) {
    let mut current: Vec<&LiveConditionalMenu> = live.conditional_menus.iter().collect();
    current.sort_by_key(|menu| menu.menuid);
    let wanted = desired.conditional_menus.as_deref();

    if menu_deleted {
        for menu in &current {
            plan.actions.push(delete(
                menu,
                tags,
                "deleted by menu/delete together with the default menu".into(),
                Vec::new(),
            ));
        }
        if wanted.is_some_and(|w| !w.is_empty()) {
            plan.errors.push(
                "conditional_menus needs a default menu, but `menu.button` is empty (menu/delete)"
                    .into(),
            );
        }
        return;
    }
    let Some(wanted) = wanted else {
        for menu in &current {
            plan.unmanaged.push(Unmanaged {
                resource: "conditional_menu".into(),
                name: describe(&live_view(menu, tags)),
                id: menu.menuid.to_string(),
                reason: "the configuration has no conditional_menus key".into(),
            });
        }
        return;
    };

    let keys: Vec<Option<Key>> = wanted.iter().map(|m| desired_key(m, tags, plan)).collect();
    let live_keys: Vec<Option<Key>> = current.iter().map(|m| live_key(m)).collect();
    let mut claimed = vec![false; current.len()];

    // The longest prefix that is live, unchanged and in order.
    let mut kept = 0;
    let mut next = 0;
    for (menu, key) in wanted.iter().zip(&keys) {
        let Some(key) = key else { break };
        let found = (next..current.len()).find(|&l| {
            !claimed[l] && live_keys[l] == Some(*key) && current[l].button == menu.button
        });
        let Some(l) = found else { break };
        claimed[l] = true;
        next = l + 1;
        kept += 1;
    }

    for (index, menu) in wanted.iter().enumerate().skip(kept) {
        let same_rule =
            |l: usize| !claimed[l] && keys[index].is_some() && live_keys[l] == keys[index];
        let previous = (0..current.len())
            .filter(|&l| same_rule(l) && current[l].button == menu.button)
            .chain((0..current.len()).rev().filter(|&l| same_rule(l)))
            .next();
        let add = Step::AddConditionalMenu {
            name: menu.name.clone(),
            matchrule: step_rule(menu, tags),
            button: menu.button.clone(),
        };
        let address = format!("conditional_menu.{}", menu.name);
        let after = Some(Resource::ConditionalMenu(desired_view(menu, tags)));
        let Some(l) = previous else {
            plan.actions.push(Action {
                address,
                kind: ActionKind::Create,
                before: None,
                after,
                warnings: Vec::new(),
                destructive: false,
                steps: vec![add],
            });
            continue;
        };
        claimed[l] = true;
        let mut warnings = vec![format!(
            "no update API: menuid {} is deleted and the menu is added again with a new menuid",
            current[l].menuid
        )];
        if current[l].button == menu.button {
            warnings.push(if index == kept {
                "unchanged, but re-added: its place in conditional_menus changed".to_string()
            } else {
                format!(
                    "unchanged, but re-added to keep precedence after conditional_menu.{}",
                    wanted[kept].name
                )
            });
        }
        plan.actions.push(Action {
            address,
            kind: ActionKind::Replace,
            before: Some(Resource::ConditionalMenu(live_view(current[l], tags))),
            after,
            warnings,
            destructive: false,
            steps: vec![
                Step::DeleteConditionalMenu {
                    menuid: current[l].menuid,
                },
                add,
            ],
        });
    }

    for l in (0..current.len()).filter(|&l| !claimed[l]) {
        let menu = current[l];
        let twin =
            (0..current.len()).find(|&o| o != l && claimed[o] && live_keys[o] == live_keys[l]);
        let (warning, notes) = if !menu.matchrule.retired.is_empty() {
            let fields: Vec<&str> = menu.matchrule.retired.keys().map(String::as_str).collect();
            let fields = fields.join(", ");
            (
                format!(
                    "its matchrule uses retired fields ({fields}); WeChat no longer matches it"
                ),
                vec![format!(
                    "conditional menu {} uses retired matchrule fields ({fields}): it cannot be kept by the configuration or re-created",
                    menu.menuid
                )],
            )
        } else if let Some(twin) = twin {
            (
                format!(
                    "a duplicate of the matchrule of menuid {}; only one menu per matchrule is kept",
                    current[twin].menuid
                ),
                Vec::new(),
            )
        } else {
            ("not in conditional_menus".to_string(), Vec::new())
        };
        plan.notes.extend(notes);
        plan.actions.push(delete(
            menu,
            tags,
            warning,
            vec![Step::DeleteConditionalMenu {
                menuid: menu.menuid,
            }],
        ));
    }

    // Tags are deleted last, so a menu still pointing at one would silently stop matching.
    let deleted_tags: Vec<(u64, &str)> = plan
        .actions
        .iter()
        .flat_map(|a| &a.steps)
        .filter_map(|s| match s {
            Step::DeleteTag { id, name } => Some((*id, name.as_str())),
            _ => None,
        })
        .collect();
    for (menu, key) in wanted.iter().zip(&keys) {
        let tag = key.and_then(|key| key.tag);
        if let Some((_, name)) = deleted_tags.iter().find(|(id, _)| Some(*id) == tag) {
            plan.errors.push(format!(
                "conditional_menu.{} uses tag \"{name}\", which this plan deletes (tags.unmanaged: delete); add it under `tags`",
                menu.name
            ));
        }
    }

    warn_unreachable(wanted, tags, plan);

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

fn live_key(menu: &LiveConditionalMenu) -> Option<Key> {
    let rule = &menu.matchrule;
    rule.retired.is_empty().then_some(Rule {
        tag: rule.tag_id,
        platform: rule.client_platform_type,
    })
}

fn step_rule(menu: &DesiredConditionalMenu, tags: &TagIds) -> StepMatchRule {
    let tag = menu.matchrule.tag.as_ref().map(|tag| match tag {
        TagRef::Name(name) => match tags.resolve(name) {
            Some(TagTarget::Live(id)) => TagRef::Id(id),
            _ => TagRef::Name(name.clone()),
        },
        TagRef::Id(id) => TagRef::Id(*id),
    });
    StepMatchRule {
        tag,
        client_platform_type: menu.matchrule.client_platform_type,
    }
}

fn desired_view(menu: &DesiredConditionalMenu, tags: &TagIds) -> ConditionalMenuView {
    let (tag, tag_id) = match &menu.matchrule.tag {
        None => (None, None),
        Some(TagRef::Id(id)) => (tags.name_of(*id).map(str::to_string), Some(*id)),
        Some(TagRef::Name(name)) => match tags.resolve(name) {
            Some(TagTarget::Live(id)) => (Some(name.clone()), Some(id)),
            _ => (Some(name.clone()), None),
        },
    };
    ConditionalMenuView {
        menuid: None,
        matchrule: MatchRuleView {
            tag,
            tag_id,
            client_platform_type: menu.matchrule.client_platform_type,
            retired: Default::default(),
        },
        button: menu.button.clone(),
    }
}

pub(crate) fn live_view(menu: &LiveConditionalMenu, tags: &TagIds) -> ConditionalMenuView {
    let rule = &menu.matchrule;
    ConditionalMenuView {
        menuid: Some(menu.menuid),
        matchrule: MatchRuleView {
            tag: rule
                .tag_id
                .and_then(|id| tags.name_of(id))
                .map(str::to_string),
            tag_id: rule.tag_id,
            client_platform_type: rule.client_platform_type,
            retired: rule.retired.clone(),
        },
        button: menu.button.clone(),
    }
}

/// "tag VIP, ios" — how the unmanaged list names a conditional menu.
fn describe(view: &ConditionalMenuView) -> String {
    let rule = &view.matchrule;
    let mut parts = Vec::new();
    match (&rule.tag, rule.tag_id) {
        (Some(name), _) => parts.push(format!("tag {name}")),
        (None, Some(id)) => parts.push(format!("tag id {id}")),
        _ => {}
    }
    if let Some(platform) = rule.client_platform_type {
        parts.push(format!("{platform:?}").to_lowercase());
    }
    parts.extend(rule.retired.iter().map(|(k, v)| format!("{k}={v}")));
    parts.join(", ")
}
