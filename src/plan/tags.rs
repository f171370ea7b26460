//! Tags: identity by name, or by a `previously` name (a rename keeps the id and the members).
//!
//! Also resolves the tag names that conditional menus use into live ids.

use super::Plan;
use super::action::{Action, ActionKind, Resource, Step, TagView, Unmanaged};
use crate::model::{Desired, Live, LiveTag, UnmanagedPolicy, is_system_tag};
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

pub(crate) fn plan_tags(desired: &Desired, live: &Live, plan: &mut Plan) -> TagIds {
    let mut ids = TagIds::from_live(live);
    let Some(wanted) = &desired.tags else {
        return ids;
    };
    for item in &wanted.items {
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
    let candidates: Vec<&LiveTag> = live.tags.iter().filter(|t| !is_system_tag(t.id)).collect();
    let mut claimed = vec![false; candidates.len()];
    let mut found: Vec<Option<usize>> = vec![None; wanted.items.len()];

    // Exact names first, so that `previously: [beta]` never steals a live tag that another
    // configured tag is literally named after.
    for (slot, item) in found.iter_mut().zip(&wanted.items) {
        if let Some(i) = unclaimed(&candidates, &claimed, |t| t.name == item.name) {
            claimed[i] = true;
            *slot = Some(i);
        }
    }
    for (index, item) in wanted.items.iter().enumerate() {
        if found[index].is_some() {
            continue;
        }
        let renamed = unclaimed(&candidates, &claimed, |t| item.previously.contains(&t.name));
        if let Some(i) = renamed {
            claimed[i] = true;
            found[index] = Some(i);
            let tag = candidates[i];
            plan.actions.push(Action {
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
            });
            ids.by_name
                .insert(item.name.clone(), TagTarget::Live(tag.id));
            ids.names.insert(tag.id, item.name.clone());
        } else {
            plan.actions.push(Action {
                address: format!("tag.{}", item.name),
                kind: ActionKind::Create,
                before: None,
                after: Some(view(&item.name, None)),
                warnings: Vec::new(),
                destructive: false,
                steps: vec![Step::CreateTag {
                    name: item.name.clone(),
                }],
            });
            ids.by_name.insert(item.name.clone(), TagTarget::New);
        }
    }

    for (tag, _) in candidates.iter().zip(&claimed).filter(|(_, c)| !**c) {
        match wanted.unmanaged {
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
    ids
}

fn unclaimed(
    candidates: &[&LiveTag],
    claimed: &[bool],
    pred: impl Fn(&LiveTag) -> bool,
) -> Option<usize> {
    (0..candidates.len()).find(|&i| !claimed[i] && pred(candidates[i]))
}

fn view(name: &str, id: Option<u64>) -> Resource {
    Resource::Tag(TagView {
        name: name.to_string(),
        id,
    })
}
