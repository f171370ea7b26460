//! How a conditional menu is shown and sent: its identity key, its plan views (configured and
//! live, with tag names beside tag ids), the matchrule `apply` sends, and the one-line
//! description the unmanaged list uses.

use super::super::action::{ConditionalMenuView, MatchRuleView};
use super::super::tags::{TagIds, TagTarget};
use crate::audience::Rule;
use crate::model::{DesiredConditionalMenu, DesiredMatchRule, LiveConditionalMenu, TagRef};

/// A matchrule reduced to what WeChat still matches on, with the tag as a live id.
pub(super) type Key = Rule<u64>;

/// The key of a live menu; `None` when it matches on retired fields (it can never be made again).
pub(super) fn live_key(menu: &LiveConditionalMenu) -> Option<Key> {
    let rule = &menu.matchrule;
    rule.retired.is_empty().then_some(Rule {
        tag: rule.tag_id,
        platform: rule.client_platform_type,
    })
}

pub(super) fn step_rule(menu: &DesiredConditionalMenu, tags: &TagIds) -> DesiredMatchRule {
    let tag = menu.matchrule.tag.as_ref().map(|tag| match tag {
        TagRef::Name(name) => match tags.resolve(name) {
            Some(TagTarget::Live(id)) => TagRef::Id(id),
            _ => TagRef::Name(name.clone()),
        },
        TagRef::Id(id) => TagRef::Id(*id),
    });
    DesiredMatchRule {
        tag,
        client_platform_type: menu.matchrule.client_platform_type,
    }
}

pub(super) fn desired_view(menu: &DesiredConditionalMenu, tags: &TagIds) -> ConditionalMenuView {
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

pub(super) fn live_view(menu: &LiveConditionalMenu, tags: &TagIds) -> ConditionalMenuView {
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
pub(super) fn describe(view: &ConditionalMenuView) -> String {
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
