//! Who sees which menu: WeChat's matching rules for conditional menus, in one place.
//!
//! WeChat tries the newest conditional menu first and shows the first whose matchrule fits the
//! follower, else the default menu. A matchrule names at most one tag and one platform; a
//! follower with several tags is matched on the tag applied most recently (WeChat's
//! documentation; see docs/menu-checks.md). The planner uses this module to decide which
//! menus can still be seen, `validate` to warn about menus that cannot, and menu checks to
//! say what a described follower sees.
//!
//! Tags are a type parameter: the configuration names tags (or gives ids) while the planner
//! works with live ids, and both only need equality.

use crate::model::{DesiredMatchRule, Platform, TagRef};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// Every platform WeChat distinguishes.
pub const PLATFORMS: [Platform; 3] = [Platform::Ios, Platform::Android, Platform::Others];

/// A matchrule reduced to what WeChat still matches on. Both fields `None` matches nobody in
/// particular; WeChat refuses such a rule, so it never reaches matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule<T> {
    pub tag: Option<T>,
    pub platform: Option<Platform>,
}

/// A follower as matching sees them: their tags in the order they were applied, and the
/// platform of the phone they read the account on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follower<T> {
    pub tags: Vec<T>,
    pub platform: Platform,
}

impl Rule<TagRef> {
    /// A configured matchrule, its tag as the file names it; `None` for an empty matchrule,
    /// which WeChat refuses and so never matches.
    pub fn configured(rule: &DesiredMatchRule) -> Option<Rule<TagRef>> {
        (rule.tag.is_some() || rule.client_platform_type.is_some()).then(|| Rule {
            tag: rule.tag.clone(),
            platform: rule.client_platform_type,
        })
    }
}

impl<T: PartialEq> Rule<T> {
    /// Whether the follower fits this rule: the tag (when there is one) is the follower's most
    /// recently applied tag, and the platform (when there is one) is theirs.
    pub fn matches(&self, follower: &Follower<T>) -> bool {
        let tag_ok = self
            .tag
            .as_ref()
            .is_none_or(|tag| follower.tags.last() == Some(tag));
        let platform_ok = self.platform.is_none_or(|p| p == follower.platform);
        tag_ok && platform_ok
    }

    /// Whether every follower `other` matches is matched by `self` too.
    pub fn covers(&self, other: &Rule<T>) -> bool {
        let tag_ok = self.tag.is_none() || self.tag == other.tag;
        let platform_ok = self.platform.is_none() || self.platform == other.platform;
        tag_ok && platform_ok
    }
}

/// The conditional menu a follower sees: the index into `rules` (oldest first, as configured
/// and as created), or `None` for the default menu. `None` entries are rules that match nobody
/// (a menu whose tag cannot be resolved, say).
pub fn seen<T: PartialEq>(rules: &[Option<Rule<T>>], follower: &Follower<T>) -> Option<usize> {
    rules
        .iter()
        .enumerate()
        .rev()
        .find(|(_, rule)| rule.as_ref().is_some_and(|rule| rule.matches(follower)))
        .map(|(index, _)| index)
}

/// A conditional menu nobody can see, and the newer menus that take everyone it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreachable {
    /// Index of the hidden menu in the rule list.
    pub menu: usize,
    /// Indexes of the newer menus that match its followers: one when a single newer rule
    /// covers it, several when only together they do.
    pub by: Vec<usize>,
}

/// Every conditional menu that no follower can see because newer menus match everyone it
/// matches. Exact: it asks which menu each kind of follower sees, where followers differ, as
/// far as the rules can tell, only by platform and by whether their newest tag is one the
/// rules name (any other tag is as good as none). Linear in the number of menus, so a huge
/// file cannot stall `validate`.
pub fn unreachable<T: Eq + Hash>(rules: &[Option<Rule<T>>]) -> Vec<Unreachable> {
    let newest = newest_of_each_rule(rules);
    let newest_of = |keys: &[(Option<&T>, Option<Platform>)]| {
        keys.iter().filter_map(|key| newest.get(key).copied()).max()
    };
    // The menu a follower whose newest tag is `tag` sees on `platform`.
    let sees = |tag: Option<&T>, platform: Platform| {
        newest_of(&[
            (tag, Some(platform)),
            (tag, None),
            (None, Some(platform)),
            (None, None),
        ])
    };
    let tags = follower_tags(rules);

    let mut out = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        let Some(rule) = rule else { continue };
        let key = (rule.tag.as_ref(), rule.platform);
        let platforms = rule.platform.map_or(PLATFORMS.to_vec(), |p| vec![p]);
        let followers_tags = match rule.tag.as_ref() {
            Some(tag) => vec![Some(tag)],
            None => tags.clone(),
        };
        let mut by = if newest[&key] == index {
            seen_instead(index, &followers_tags, &platforms, sees)
        } else {
            Vec::new()
        };
        // Prefer naming one newer menu that covers this one on its own.
        let covering = newest_of(&[key, (key.0, None), (None, key.1), (None, None)])
            .filter(|&newer| newer > index);
        let by = match covering {
            Some(newer) => vec![newer],
            None if by.is_empty() => continue,
            None => {
                by.sort_unstable();
                by
            }
        };
        out.push(Unreachable { menu: index, by });
    }
    out
}

/// The newer menus the followers of menu `index` (those with one of `tags` as their newest tag,
/// on one of `platforms`) see instead of it, as `sees` tells; empty when some of them see it.
fn seen_instead<'a, T>(
    index: usize,
    tags: &[Option<&'a T>],
    platforms: &[Platform],
    sees: impl Fn(Option<&'a T>, Platform) -> Option<usize>,
) -> Vec<usize> {
    let mut by = Vec::new();
    for &tag in tags {
        for &platform in platforms {
            match sees(tag, platform) {
                Some(newer) if newer != index => {
                    if !by.contains(&newer) {
                        by.push(newer);
                    }
                }
                _ => return Vec::new(),
            }
        }
    }
    by
}

/// The newest menu of each distinct rule: an older one with the same rule is always hidden.
fn newest_of_each_rule<T: Eq + Hash>(
    rules: &[Option<Rule<T>>],
) -> HashMap<(Option<&T>, Option<Platform>), usize> {
    let mut newest = HashMap::new();
    for (index, rule) in rules.iter().enumerate() {
        if let Some(rule) = rule {
            newest.insert((rule.tag.as_ref(), rule.platform), index);
        }
    }
    newest
}

/// The newest tags that tell followers apart: none (or one no rule names), then each tag a
/// rule names, in first-named order.
fn follower_tags<T: Eq + Hash>(rules: &[Option<Rule<T>>]) -> Vec<Option<&T>> {
    let mut tags: Vec<Option<&T>> = vec![None];
    let mut named = HashSet::new();
    for tag in rules.iter().flatten().filter_map(|rule| rule.tag.as_ref()) {
        if named.insert(tag) {
            tags.push(Some(tag));
        }
    }
    tags
}

/// Why a menu is unreachable, naming the newer menus that hide it: "vip, later in
/// conditional_menus, matches everyone it matches".
pub fn hidden_by(newer: &[String]) -> String {
    match newer {
        [one] => format!("{one}, later in conditional_menus, matches everyone it matches"),
        several => format!(
            "{}, later in conditional_menus, together match everyone it matches",
            several.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Platform::{Android, Ios, Others};

    fn rule(tag: Option<&'static str>, platform: Option<Platform>) -> Option<Rule<&'static str>> {
        Some(Rule { tag, platform })
    }

    fn follower(tags: &[&'static str], platform: Platform) -> Follower<&'static str> {
        Follower {
            tags: tags.to_vec(),
            platform,
        }
    }

    #[test]
    fn the_newest_matching_menu_wins_and_nobody_else_falls_back_to_the_default() {
        let rules = [rule(Some("VIP"), None), rule(None, Some(Android))];
        assert_eq!(seen(&rules, &follower(&["VIP"], Android)), Some(1));
        assert_eq!(seen(&rules, &follower(&["VIP"], Ios)), Some(0));
        assert_eq!(seen(&rules, &follower(&[], Ios)), None);
    }

    #[test]
    fn only_the_most_recently_applied_tag_counts() {
        let rules = [rule(Some("VIP"), None)];
        assert_eq!(seen(&rules, &follower(&["VIP", "beta"], Ios)), None);
        assert_eq!(seen(&rules, &follower(&["beta", "VIP"], Ios)), Some(0));
    }

    #[test]
    fn a_rule_that_matches_nobody_is_skipped() {
        let rules = [rule(None, Some(Ios)), None];
        assert_eq!(seen(&rules, &follower(&[], Ios)), Some(0));
    }

    #[test]
    fn covering_needs_every_field_of_the_newer_rule_to_be_absent_or_equal() {
        let vip = Rule {
            tag: Some("VIP"),
            platform: None,
        };
        let vip_ios = Rule {
            tag: Some("VIP"),
            platform: Some(Ios),
        };
        assert!(vip.covers(&vip_ios));
        assert!(!vip_ios.covers(&vip));
        let ios = Rule {
            tag: None,
            platform: Some(Ios),
        };
        assert!(ios.covers(&vip_ios));
        assert!(!ios.covers(&vip));
    }

    #[test]
    fn a_menu_covered_by_a_newer_one_is_unreachable_and_the_newer_one_is_named() {
        let rules = [
            rule(Some("VIP"), Some(Ios)),
            rule(None, Some(Android)),
            rule(Some("VIP"), None),
        ];
        assert_eq!(
            unreachable(&rules),
            vec![Unreachable {
                menu: 0,
                by: vec![2]
            }]
        );
    }

    #[test]
    fn an_older_broader_menu_stays_reachable() {
        let rules = [rule(Some("VIP"), None), rule(Some("VIP"), Some(Ios))];
        assert!(unreachable(&rules).is_empty());
    }

    #[test]
    fn menus_that_only_together_cover_an_older_one_are_all_named() {
        let rules = [
            rule(Some("VIP"), None),
            rule(None, Some(Ios)),
            rule(None, Some(Android)),
            rule(Some("VIP"), Some(Others)),
        ];
        assert_eq!(
            unreachable(&rules),
            vec![Unreachable {
                menu: 0,
                by: vec![1, 2, 3]
            }]
        );
    }

    #[test]
    fn an_older_menu_with_the_same_rule_is_hidden_by_the_newer() {
        let rules = [
            rule(None, Some(Ios)),
            rule(Some("VIP"), None),
            rule(None, Some(Ios)),
        ];
        assert_eq!(
            unreachable(&rules),
            vec![Unreachable {
                menu: 0,
                by: vec![2]
            }]
        );
    }

    /// Which menus no follower sees, by trying every follower with [`seen`].
    fn hidden_by_brute_force(rules: &[Option<Rule<&'static str>>]) -> Vec<usize> {
        let followers: Vec<Follower<&'static str>> = [vec![], vec!["A"], vec!["B"]]
            .iter()
            .flat_map(|tags| PLATFORMS.map(|platform| follower(tags, platform)))
            .collect();
        (0..rules.len())
            .filter(|&index| {
                let rule = rules[index].as_ref().unwrap();
                followers
                    .iter()
                    .filter(|f| rule.matches(f))
                    .all(|f| seen(rules, f) != Some(index))
            })
            .collect()
    }

    #[test]
    fn unreachable_agrees_with_trying_every_follower() {
        let mut choices = Vec::new();
        for tag in [None, Some("A"), Some("B")] {
            for platform in [None, Some(Ios), Some(Android), Some(Others)] {
                if tag.is_some() || platform.is_some() {
                    choices.push(rule(tag, platform));
                }
            }
        }
        // Every list of one to three rules.
        let mut lists: Vec<Vec<Option<Rule<&'static str>>>> = vec![Vec::new()];
        let mut all = Vec::new();
        for _ in 0..3 {
            lists = lists
                .iter()
                .flat_map(|list| {
                    choices.iter().map(move |choice| {
                        let mut list = list.clone();
                        list.push(*choice);
                        list
                    })
                })
                .collect();
            all.extend(lists.iter().cloned());
        }
        for rules in all {
            let found: Vec<usize> = unreachable(&rules).iter().map(|u| u.menu).collect();
            assert_eq!(found, hidden_by_brute_force(&rules), "{rules:?}");
        }
    }

    #[test]
    fn a_platform_menu_is_not_hidden_by_tag_menus() {
        // Followers without the tag still see the Android menu.
        let rules = [rule(None, Some(Android)), rule(Some("VIP"), None)];
        assert!(unreachable(&rules).is_empty());
    }
}
