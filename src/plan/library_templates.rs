//! Templates picked from a WeChat library (template messages and subscribe notifications): the
//! planning both kinds share.
//!
//! Each kind is added or deleted, never edited: a configured item whose title is live with other
//! keywords is replaced (delete + add), extra live copies are duplicates, and live items nothing
//! refers to follow the section's `unmanaged` policy. A [`LibraryKind`] says only what differs:
//! names, ids, views, the WeChat calls and the wording.

use super::Plan;
use super::action::{Action, ActionKind, Resource, Step, Unmanaged};
use super::matching::{Pairing, pair};
use crate::model::UnmanagedPolicy;

/// One kind of library template: its configured and live item types and how they are shown.
pub(crate) trait LibraryKind {
    type Desired;
    type Live;
    /// The address prefix and the unmanaged list's resource (`template`).
    const RESOURCE: &'static str;
    /// The configuration section (`templates`), named in the unmanaged list.
    const SECTION: &'static str;
    /// What an item without it lacks to be added (`short_id`).
    const LIBRARY_ID: &'static str;
    /// What stops working when a live item is deleted, before its id
    /// (`messages sent with template_id`).
    const SENT_WITH: &'static str;

    fn name(item: &Self::Desired) -> &str;
    fn desired_title(item: &Self::Desired) -> &str;
    fn live_title(old: &Self::Live) -> &str;
    fn live_id(old: &Self::Live) -> &str;
    /// Whether a configured item and a live one with the same title have the same keywords.
    fn same_keywords(item: &Self::Desired, old: &Self::Live) -> bool;
    /// The add call, or `None` when the library id is unknown: WeChat's listing omits it, so an
    /// exported configuration has none.
    fn add_step(item: &Self::Desired) -> Option<Step>;
    fn delete_step(old: &Self::Live) -> Step;
    fn desired_view(item: &Self::Desired) -> Resource;
    fn live_view(old: &Self::Live) -> Resource;
}

/// Plan one section: `items` as configured with its `unmanaged` policy, against `live`.
pub(crate) fn plan_library<K: LibraryKind>(
    items: &[K::Desired],
    unmanaged: UnmanagedPolicy,
    live: &[K::Live],
    plan: &mut Plan,
) {
    let pairing = pair_library::<K>(items, live);
    replace_and_add::<K>(items, live, &pairing, plan);
    let duplicates = pairing
        .duplicates
        .iter()
        .map(|&(l, d)| (l, Some(K::name(&items[d]))));
    let leftovers = pairing.leftover.iter().map(|&l| (l, None));
    for (l, copy_of) in duplicates.chain(leftovers) {
        unclaimed::<K>(&live[l], copy_of, unmanaged, plan);
    }
}

/// How `items` meet `live`: identity is the title and the keywords ([`LibraryKind::same_keywords`]).
fn pair_library<K: LibraryKind>(items: &[K::Desired], live: &[K::Live]) -> Pairing {
    pair(
        items,
        live,
        |d, l| K::desired_title(d) == K::live_title(l) && K::same_keywords(d, l),
        |d, l| K::desired_title(d) == K::live_title(l),
    )
}

/// Per configured item, the live item the plan keeps for it (none when it adds or replaces it).
pub(crate) fn kept<'a, K: LibraryKind>(
    items: &[K::Desired],
    live: &'a [K::Live],
) -> Vec<Option<&'a K::Live>> {
    let mut found = vec![None; items.len()];
    for (d, l) in pair_library::<K>(items, live).kept {
        found[d] = Some(&live[l]);
    }
    found
}

/// An extra live copy of a configured item: `copy` and `kept` index the live items, `item` the
/// configured ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyOf {
    pub copy: usize,
    pub kept: usize,
    pub item: usize,
}

/// Every extra copy in `live` of a configured item, with the copy the plan keeps for that item:
/// the first of them in `live`'s order.
pub(crate) fn copies<K: LibraryKind>(items: &[K::Desired], live: &[K::Live]) -> Vec<CopyOf> {
    let pairing = pair_library::<K>(items, live);
    let kept_for = |item: usize| {
        pairing
            .kept
            .iter()
            .find(|&&(d, _)| d == item)
            .map(|&(_, l)| l)
    };
    pairing
        .duplicates
        .iter()
        .filter_map(|&(copy, item)| {
            Some(CopyOf {
                copy,
                kept: kept_for(item)?,
                item,
            })
        })
        .collect()
}

/// A replace for every configured template whose keywords changed, then an add for every new one.
fn replace_and_add<K: LibraryKind>(
    items: &[K::Desired],
    live: &[K::Live],
    pairing: &Pairing,
    plan: &mut Plan,
) {
    for &(d, l) in &pairing.replaced {
        let (item, old) = (&items[d], &live[l]);
        plan.actions.push(Action {
            address: format!("{}.{}", K::RESOURCE, K::name(item)),
            kind: ActionKind::Replace,
            before: Some(K::live_view(old)),
            after: Some(K::desired_view(item)),
            warnings: vec![id_change_warning(K::live_id(old))],
            destructive: true,
            steps: [K::delete_step(old)]
                .into_iter()
                .chain(add_step::<K>(item, "must be added again", &mut plan.errors))
                .collect(),
        });
    }
    for &d in &pairing.added {
        let item = &items[d];
        plan.actions.push(Action {
            address: format!("{}.{}", K::RESOURCE, K::name(item)),
            kind: ActionKind::Create,
            before: None,
            after: Some(K::desired_view(item)),
            warnings: Vec::new(),
            destructive: false,
            steps: add_step::<K>(item, "is not on the account", &mut plan.errors)
                .into_iter()
                .collect(),
        });
    }
}

/// A live template no configured one claims (`copy_of` names the one it duplicates): listed
/// as unmanaged, or deleted.
fn unclaimed<K: LibraryKind>(
    old: &K::Live,
    copy_of: Option<&str>,
    unmanaged: UnmanagedPolicy,
    plan: &mut Plan,
) {
    let reason = match copy_of {
        Some(name) => format!("a duplicate of {}.{name}", K::RESOURCE),
        None => "not in the configuration".to_string(),
    };
    match unmanaged {
        UnmanagedPolicy::Keep => plan.unmanaged.push(Unmanaged {
            resource: K::RESOURCE.into(),
            name: K::live_title(old).to_string(),
            id: K::live_id(old).to_string(),
            reason: format!("{reason} ({}.unmanaged: keep)", K::SECTION),
        }),
        UnmanagedPolicy::Delete => plan.actions.push(Action {
            address: format!("{}[id={}]", K::RESOURCE, K::live_id(old)),
            kind: ActionKind::Delete,
            before: Some(K::live_view(old)),
            after: None,
            warnings: vec![format!(
                "{reason}: {} {} will fail",
                K::SENT_WITH,
                K::live_id(old)
            )],
            destructive: true,
            steps: vec![K::delete_step(old)],
        }),
    }
}

fn id_change_warning(old_id: &str) -> String {
    format!(
        "the template gets a new id: senders using {old_id} must switch to the new one (see `wxform outputs`)"
    )
}

/// The add call, or a plan error saying `why` the item needs adding and what it lacks.
fn add_step<K: LibraryKind>(
    item: &K::Desired,
    why: &str,
    errors: &mut Vec<String>,
) -> Option<Step> {
    let step = K::add_step(item);
    if step.is_none() {
        errors.push(format!(
            "{}.{} {why} and has no {}, so it cannot be added",
            K::RESOURCE,
            K::name(item),
            K::LIBRARY_ID
        ));
    }
    step
}
