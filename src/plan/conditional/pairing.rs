//! Which live conditional menu each configured entry is.
//!
//! WeChat stores no names, so a configured entry's name cannot be looked up live; it is
//! recognised, in this order of evidence:
//! 1. the longest run of entries from the top that are live unchanged and in order is kept;
//! 2. an entry whose matchrule is live is that menu. WeChat accepts several menus with one
//!    matchrule, and a file may list several: entries with identical buttons are paired
//!    first, then the rest in order, newest with newest (so one entry is the menu WeChat
//!    shows, the newest);
//! 3. an entry whose matchrule changed is the live menu with the same buttons;
//! 4. an entry whose matchrule and buttons changed is the live menu in the same place of the
//!    list (creation order), when nothing else claimed it.
//!
//! So editing a named menu's matchrule is a replace of that menu, not a new menu beside the
//! deletion of an unknown one.

use super::views::Key;
use crate::model::{DesiredConditionalMenu, LiveConditionalMenu};

/// What a configured entry and the live menu taken to be it have in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Evidence {
    Matchrule,
    Buttons,
    Place,
}

/// How the configured entries met the live menus (live indexes are in creation order).
#[derive(Debug)]
pub(super) struct Pairing {
    /// Entries `0..kept` stay live as they are.
    pub kept: usize,
    /// For each configured entry: the live menu it was (`None` for a kept entry or a new one).
    pub previous: Vec<Option<(usize, Evidence)>>,
    /// Live menus some entry claimed (kept or replaced); the others are deleted.
    pub claimed: Vec<bool>,
}

/// The configured entries `wanted` with their `keys` (`None`: cannot be live yet) against the
/// `live` menus in creation order with their `live_keys` (`None`: retired fields).
pub(super) fn pair(
    wanted: &[DesiredConditionalMenu],
    keys: &[Option<Key>],
    live: &[&LiveConditionalMenu],
    live_keys: &[Option<Key>],
) -> Pairing {
    let mut pairing = Pairing {
        kept: 0,
        previous: vec![None; wanted.len()],
        claimed: vec![false; live.len()],
    };
    keep_prefix(&mut pairing, wanted, keys, live, live_keys);
    let same_buttons = |d: usize, l: usize| live[l].button == wanted[d].button;
    let same_rule = |d: usize, l: usize| keys[d].is_some() && live_keys[l] == keys[d];
    claim(&mut pairing, Evidence::Matchrule, |d, free| {
        (0..live.len()).find(|&l| free[l] && same_rule(d, l) && same_buttons(d, l))
    });
    claim_same_rule_in_order(&mut pairing, keys, live_keys);
    claim(&mut pairing, Evidence::Buttons, |d, free| {
        (0..live.len()).find(|&l| free[l] && live_keys[l].is_some() && same_buttons(d, l))
    });
    claim(&mut pairing, Evidence::Place, |d, free| {
        (d < live.len() && free[d] && live_keys[d].is_some()).then_some(d)
    });
    pairing
}

/// Entries from the top that are live, unchanged, in the same relative order.
fn keep_prefix(
    pairing: &mut Pairing,
    wanted: &[DesiredConditionalMenu],
    keys: &[Option<Key>],
    live: &[&LiveConditionalMenu],
    live_keys: &[Option<Key>],
) {
    let mut next = 0;
    for (menu, key) in wanted.iter().zip(keys) {
        let Some(key) = key else { break };
        let found = (next..live.len()).find(|&l| {
            !pairing.claimed[l] && live_keys[l] == Some(*key) && live[l].button == menu.button
        });
        let Some(l) = found else { break };
        pairing.claimed[l] = true;
        next = l + 1;
        pairing.kept += 1;
    }
}

/// Entries with a live matchrule that are still unpaired take the unclaimed live menus with it
/// in order, aligned at the newest: the last entry takes the newest menu, the one before it the
/// next newest; entries beyond the live menus' count, the oldest, are new.
fn claim_same_rule_in_order(
    pairing: &mut Pairing,
    keys: &[Option<Key>],
    live_keys: &[Option<Key>],
) {
    for d in pairing.kept..keys.len() {
        let Some(key) = keys[d].filter(|_| pairing.previous[d].is_none()) else {
            continue;
        };
        let later = (d + 1..keys.len())
            .filter(|&e| pairing.previous[e].is_none() && keys[e] == Some(key))
            .count();
        let free: Vec<usize> = (0..live_keys.len())
            .filter(|&l| !pairing.claimed[l] && live_keys[l] == Some(key))
            .collect();
        if let Some(&l) = free.len().checked_sub(later + 1).and_then(|i| free.get(i)) {
            pairing.claimed[l] = true;
            pairing.previous[d] = Some((l, Evidence::Matchrule));
        }
    }
}

/// Each entry after the kept prefix that has no live menu yet takes the live menu `choose`
/// picks among the unclaimed ones (`free`), in configuration order.
fn claim(
    pairing: &mut Pairing,
    evidence: Evidence,
    choose: impl Fn(usize, &[bool]) -> Option<usize>,
) {
    for d in pairing.kept..pairing.previous.len() {
        if pairing.previous[d].is_some() {
            continue;
        }
        let free: Vec<bool> = pairing.claimed.iter().map(|c| !c).collect();
        if let Some(l) = choose(d, &free) {
            pairing.claimed[l] = true;
            pairing.previous[d] = Some((l, evidence));
        }
    }
}
