//! Tags: identity by name, or by a `previously` name (a rename keeps the id and the members).
//!
//! Also resolves the tag names that conditional menus use into live ids.

use super::Plan;
use super::action::{Action, ActionKind, Resource, Step, TagView, Unmanaged};
use crate::model::{Desired, DesiredTag, Live, LiveTag, UnmanagedPolicy, is_system_tag};
use crate::words::plural;
use std::collections::BTreeMap;

/// Where a tag name points after apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagTarget {
    /// An existing live tag (possibly renamed by the plan).
    Live(u64),
    /// A tag the plan creates: it has no id yet, so no live menu can refer to it.
    New,
}

/// Tag names → targets, as they will be after apply, plus live ids → names for display.
#[derive(Debug, Clone, Default)]
pub struct TagIds {
    by_name: BTreeMap<String, TagTarget>,
    names: BTreeMap<u64, String>,
}

impl TagIds {
    /// Resolve a tag name: a configured tag first, else a live tag of that name.
    pub fn resolve(&self, name: &str) -> Option<TagTarget> {
        self.by_name.get(name).copied()
    }

    /// The name a live tag id will carry after apply.
    pub fn name_of(&self, id: u64) -> Option<&str> {
        self.names.get(&id).map(String::as_str)
    }

    /// Names of live tags only (no plan), for matching live menus to config names.
    pub fn from_live(live: &Live) -> TagIds {
        let mut ids = TagIds::default();
        for tag in &live.tags {
            ids.by_name
                .insert(tag.name.clone(), TagTarget::Live(tag.id));
            ids.names.insert(tag.id, tag.name.clone());
        }
        ids
    }
}

/// How configured tags met live ones: for each configured tag, the live tag it is.
#[derive(Debug)]
pub struct TagPairing<'a> {
    /// Per configured tag, in configuration order: the live tag of its name, else one of its
    /// `previously` names (to be renamed), else none (to be created).
    pub found: Vec<Option<&'a LiveTag>>,
    /// Live tags (not WeChat's own) that no configured tag claimed.
    pub unclaimed: Vec<&'a LiveTag>,
}

/// Pairs `items` with the live tags: exact names first, so that `previously: [beta]` never
/// steals a live tag that another configured tag is literally named after.
pub fn pair_tags<'a>(items: &[DesiredTag], live: &'a Live) -> TagPairing<'a> {
    let candidates: Vec<&LiveTag> = live.tags.iter().filter(|t| !is_system_tag(t.id)).collect();
    let mut claimed = vec![false; candidates.len()];
    let mut found: Vec<Option<&LiveTag>> = vec![None; items.len()];
    let mut claim = |slot: &mut Option<&'a LiveTag>, pred: &dyn Fn(&LiveTag) -> bool| {
        let index = (0..candidates.len()).find(|&i| !claimed[i] && pred(candidates[i]));
        if let Some(i) = index {
            claimed[i] = true;
            *slot = Some(candidates[i]);
        }
    };
    for (slot, item) in found.iter_mut().zip(items) {
        claim(slot, &|t| t.name == item.name);
    }
    for (slot, item) in found.iter_mut().zip(items) {
        if slot.is_none() {
            claim(slot, &|t| item.previously.contains(&t.name));
        }
    }
    let unclaimed = candidates.iter().zip(&claimed).filter(|(_, c)| !**c);
    TagPairing {
        found,
        unclaimed: unclaimed.map(|(tag, _)| *tag).collect(),
    }
}

pub(crate) fn plan_tags(desired: &Desired, live: &Live, plan: &mut Plan) -> TagIds {
    let mut ids = TagIds::from_live(live);
    let Some(wanted) = &desired.tags else {
        return ids;
    };
    refuse_system_names(&wanted.items, live, plan);
    let pairing = pair_tags(&wanted.items, live);
    for (item, found) in wanted.items.iter().zip(&pairing.found) {
        match found {
            Some(tag) if tag.name == item.name => {}
            Some(tag) => {
                plan.actions.push(rename(tag, item));
                ids.by_name
                    .insert(item.name.clone(), TagTarget::Live(tag.id));
                ids.names.insert(tag.id, item.name.clone());
            }
            None => {
                plan.actions.push(create(item));
                ids.by_name.insert(item.name.clone(), TagTarget::New);
            }
        }
    }
    for tag in pairing.unclaimed {
        unmanaged(tag, wanted.unmanaged, plan);
    }
    ids
}

/// WeChat's own tags cannot be configured.
fn refuse_system_names(items: &[DesiredTag], live: &Live, plan: &mut Plan) {
    for item in items {
        if let Some(system) = live
            .tags
            .iter()
            .find(|t| is_system_tag(t.id) && t.name == item.name)
        {
            plan.errors.push(format!(
                "tag.{}: \"{}\" is WeChat's own tag (id {}); it cannot be created, renamed or deleted",
                item.name, system.name, system.id
            ));
        }
    }
}

fn rename(tag: &LiveTag, item: &DesiredTag) -> Action {
    Action {
        address: format!("tag.{}", item.name),
        kind: ActionKind::Update,
        before: Some(view(&tag.name, Some(tag.id))),
        after: Some(view(&item.name, Some(tag.id))),
        warnings: Vec::new(),
        destructive: false,
        steps: vec![Step::RenameTag {
            id: tag.id,
            from: tag.name.clone(),
            to: item.name.clone(),
        }],
    }
}

fn create(item: &DesiredTag) -> Action {
    Action {
        address: format!("tag.{}", item.name),
        kind: ActionKind::Create,
        before: None,
        after: Some(view(&item.name, None)),
        warnings: Vec::new(),
        destructive: false,
        steps: vec![Step::CreateTag {
            name: item.name.clone(),
        }],
    }
}

/// A live tag no configured tag claims: listed as unmanaged, or deleted.
fn unmanaged(tag: &LiveTag, policy: UnmanagedPolicy, plan: &mut Plan) {
    match policy {
        UnmanagedPolicy::Keep => plan.unmanaged.push(Unmanaged {
            resource: "tag".into(),
            name: tag.name.clone(),
            id: tag.id.to_string(),
            reason: "not in the configuration (tags.unmanaged: keep)".into(),
        }),
        UnmanagedPolicy::Delete => plan.actions.push(Action {
            address: format!("tag.{}", tag.name),
            kind: ActionKind::Delete,
            before: Some(view(&tag.name, Some(tag.id))),
            after: None,
            warnings: vec![format!(
                "deleting tag \"{}\" untags {}",
                tag.name,
                plural(tag.count, "follower")
            )],
            destructive: true,
            steps: vec![Step::DeleteTag {
                id: tag.id,
                name: tag.name.clone(),
            }],
        }),
    }
}

fn view(name: &str, id: Option<u64>) -> Resource {
    Resource::Tag(TagView {
        name: name.to_string(),
        id,
    })
}
