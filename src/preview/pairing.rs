//! Which buttons of an audience were added, removed or changed between the live menu and the
//! configured one, and the same in words.
//!
//! Buttons are paired first by name (a button that moved is the same button), then by action
//! and then by position (a button whose name changed is a rename, not a removal and an
//! addition). Sub buttons are paired the same way inside each pair of folders.

use super::words::action_words;
use crate::model::Button;

/// How one button differs from its counterpart on the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Same,
    /// Only in the configured menu.
    Added,
    /// Only in the live menu.
    Removed,
    /// Renamed, or does something else.
    Changed,
}

/// A mark for a top-level button and one for each of its sub buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ButtonMarks {
    pub mark: Mark,
    pub subs: Vec<Mark>,
}

/// The marks of both sides, parallel to their buttons, and the changes in words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marks {
    pub before: Vec<ButtonMarks>,
    pub after: Vec<ButtonMarks>,
    pub changes: Vec<Change>,
}

/// One change a reviewer reads under the phones. `path` is "商城 › 我的订单" for a sub button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added {
        path: String,
        does: String,
    },
    Removed {
        path: String,
    },
    Renamed {
        from: String,
        to: String,
    },
    /// A link or other leaf became a folder, or a folder a leaf: another button in its place,
    /// not a rename.
    Replaced {
        from: String,
        was: String,
        to: String,
        now: String,
    },
    Does {
        path: String,
        was: String,
        now: String,
    },
    Reordered {
        within: Option<String>,
    },
}

/// Compares a live menu with a configured one.
pub fn compare(before: &[Button], after: &[Button]) -> Marks {
    let mut marks = Marks::default();
    let pairs = pair(before, after);
    marks.before = before.iter().map(|b| uniform(b, Mark::Removed)).collect();
    marks.after = after.iter().map(|a| uniform(a, Mark::Added)).collect();
    reorder_note(&pairs, None, &mut marks.changes);
    for (b, a) in matched(&pairs, before.len(), after.len()) {
        match (b, a) {
            (Some(b), Some(a)) => {
                let (old, new) = (&before[b], &after[a]);
                let mark = compare_one(old, new, None, &mut marks.changes);
                marks.before[b].mark = mark;
                marks.after[a].mark = mark;
                if old.is_folder() && new.is_folder() {
                    let subs = pair(&old.sub_button, &new.sub_button);
                    reorder_note(&subs, Some(&new.name), &mut marks.changes);
                    let (len_b, len_a) = (old.sub_button.len(), new.sub_button.len());
                    for (sb, sa) in matched(&subs, len_b, len_a) {
                        sub_marks(old, new, sb, sa, &mut marks, b, a);
                    }
                }
            }
            (Some(b), None) => marks.changes.push(Change::Removed {
                path: before[b].name.clone(),
            }),
            (None, Some(a)) => marks.changes.push(added(&after[a], None)),
            (None, None) => {}
        }
    }
    marks
}

fn sub_marks(
    old: &Button,
    new: &Button,
    sb: Option<usize>,
    sa: Option<usize>,
    marks: &mut Marks,
    b: usize,
    a: usize,
) {
    match (sb, sa) {
        (Some(sb), Some(sa)) => {
            let mark = compare_one(
                &old.sub_button[sb],
                &new.sub_button[sa],
                Some(&new.name),
                &mut marks.changes,
            );
            marks.before[b].subs[sb] = mark;
            marks.after[a].subs[sa] = mark;
        }
        (Some(sb), None) => marks.changes.push(Change::Removed {
            path: path(Some(&old.name), &old.sub_button[sb].name),
        }),
        (None, Some(sa)) => marks
            .changes
            .push(added(&new.sub_button[sa], Some(&new.name))),
        (None, None) => {}
    }
}

/// Every pair and every unpaired button, in the configured menu's order, then removals.
fn matched(
    pairs: &[Option<usize>],
    len_b: usize,
    len_a: usize,
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out: Vec<(Option<usize>, Option<usize>)> =
        (0..len_a).map(|a| (pairs[a], Some(a))).collect();
    out.extend(
        (0..len_b)
            .filter(|b| !pairs.contains(&Some(*b)))
            .map(|b| (Some(b), None)),
    );
    out
}

/// For each configured button, the index of its live counterpart: the same name, else the same
/// action under another name (a rename, wherever it moved), else the same place.
fn pair(before: &[Button], after: &[Button]) -> Vec<Option<usize>> {
    let mut taken = vec![false; before.len()];
    let mut pairs = vec![None; after.len()];
    let same_action = |b: &Button, a: &Button| !a.is_folder() && shallow(b) == shallow(a);
    let rounds: [&dyn Fn(usize, usize) -> bool; 3] = [
        &|b, a| before[b].name == after[a].name,
        &|b, a| same_action(&before[b], &after[a]),
        &|b, a| b == a,
    ];
    for round in rounds {
        for (a, slot) in pairs.iter_mut().enumerate() {
            if slot.is_some() {
                continue;
            }
            if let Some(b) = (0..before.len()).find(|&b| !taken[b] && round(b, a)) {
                taken[b] = true;
                *slot = Some(b);
            }
        }
    }
    pairs
}

/// A button without its name and sub buttons: what it does.
fn shallow(button: &Button) -> Button {
    Button {
        name: String::new(),
        sub_button: Vec::new(),
        ..button.clone()
    }
}

fn uniform(button: &Button, mark: Mark) -> ButtonMarks {
    ButtonMarks {
        mark,
        subs: vec![mark; button.sub_button.len()],
    }
}

/// The mark of a pair, recording what changed about the button itself (not its sub buttons).
fn compare_one(
    old: &Button,
    new: &Button,
    parent: Option<&str>,
    changes: &mut Vec<Change>,
) -> Mark {
    if old.is_folder() != new.is_folder() {
        changes.push(Change::Replaced {
            from: path(parent, &old.name),
            was: does(old),
            to: new.name.clone(),
            now: does(new),
        });
        return Mark::Changed;
    }
    let mut mark = Mark::Same;
    if old.name != new.name {
        changes.push(Change::Renamed {
            from: path(parent, &old.name),
            to: new.name.clone(),
        });
        mark = Mark::Changed;
    }
    if shallow(old) != shallow(new) {
        changes.push(Change::Does {
            path: path(parent, &new.name),
            was: does(old),
            now: does(new),
        });
        mark = Mark::Changed;
    }
    mark
}

fn added(button: &Button, parent: Option<&str>) -> Change {
    Change::Added {
        path: path(parent, &button.name),
        does: does(button),
    }
}

fn does(button: &Button) -> String {
    action_words(button).unwrap_or_else(|| {
        format!(
            "a menu of {}",
            crate::words::plural(button.sub_button.len(), "button")
        )
    })
}

fn path(parent: Option<&str>, name: &str) -> String {
    match parent {
        Some(parent) => format!("{parent} › {name}"),
        None => name.to_string(),
    }
}

/// Buttons kept on both sides but in another order.
fn reorder_note(pairs: &[Option<usize>], within: Option<&str>, changes: &mut Vec<Change>) {
    let order: Vec<usize> = pairs.iter().flatten().copied().collect();
    if order.windows(2).any(|w| w[0] > w[1]) {
        changes.push(Change::Reordered {
            within: within.map(str::to_string),
        });
    }
}
