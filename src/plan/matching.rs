//! Pairing configured templates with live ones, shared by templates and subscribe templates.
//!
//! Live listings carry no library id, so identity is the title plus the keyword labels; adding
//! is not idempotent, so the same template can exist twice live.

/// How desired items met live items. Indexes point into the two input slices.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Pairing {
    /// (desired, live) with the same identity: nothing to do.
    pub kept: Vec<(usize, usize)>,
    /// (desired, live) with the same title but other keywords: delete + add.
    pub replaced: Vec<(usize, usize)>,
    /// Desired items with no live counterpart.
    pub added: Vec<usize>,
    /// (live, desired) extra live copies of a kept item.
    pub duplicates: Vec<(usize, usize)>,
    /// Live items nothing in the configuration refers to.
    pub leftover: Vec<usize>,
}

/// `same` decides identity; `same_title` finds the live item a changed desired item used to be.
pub(crate) fn pair<D, L>(
    desired: &[D],
    live: &[L],
    same: impl Fn(&D, &L) -> bool,
    same_title: impl Fn(&D, &L) -> bool,
) -> Pairing {
    let mut claimed = vec![false; live.len()];
    let mut pairing = Pairing::default();
    let mut unmatched = Vec::new();
    // The first live copy in list order is the one kept.
    for (d, item) in desired.iter().enumerate() {
        match (0..live.len()).find(|&l| !claimed[l] && same(item, &live[l])) {
            Some(l) => {
                claimed[l] = true;
                pairing.kept.push((d, l));
            }
            None => unmatched.push(d),
        }
    }
    for &(d, _) in &pairing.kept {
        for l in 0..live.len() {
            if !claimed[l] && same(&desired[d], &live[l]) {
                claimed[l] = true;
                pairing.duplicates.push((l, d));
            }
        }
    }
    for d in unmatched {
        match (0..live.len()).find(|&l| !claimed[l] && same_title(&desired[d], &live[l])) {
            Some(l) => {
                claimed[l] = true;
                pairing.replaced.push((d, l));
            }
            None => pairing.added.push(d),
        }
    }
    pairing.duplicates.sort_unstable();
    pairing.leftover = (0..live.len()).filter(|&l| !claimed[l]).collect();
    pairing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(desired: &[(&str, u8)], live: &[(&str, u8)]) -> Pairing {
        pair(desired, live, |d, l| d == l, |d, l| d.0 == l.0)
    }

    #[test]
    fn pairs_keeps_duplicates_replacements_and_leftovers() {
        let pairing = run(
            &[("a", 1), ("b", 1), ("c", 1)],
            &[("x", 1), ("a", 1), ("b", 2), ("a", 1)],
        );
        assert_eq!(pairing.kept, vec![(0, 1)]);
        assert_eq!(pairing.duplicates, vec![(3, 0)]);
        assert_eq!(pairing.replaced, vec![(1, 2)]);
        assert_eq!(pairing.added, vec![2]);
        assert_eq!(pairing.leftover, vec![0]);
    }

    #[test]
    fn exact_match_wins_over_a_same_title_replacement() {
        let pairing = run(&[("a", 2), ("a", 1)], &[("a", 1)]);
        assert_eq!(pairing.kept, vec![(1, 0)]);
        assert_eq!(pairing.added, vec![0]);
        assert!(pairing.replaced.is_empty());
    }
}
