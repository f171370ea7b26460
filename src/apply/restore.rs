//! Conditional menus the configuration does not manage are "left as they are". WeChat does not
//! document whether `menu/create` keeps the conditional menus; where it drops them, keeping
//! that promise means adding back exactly what was read, in creation order (the newest is
//! matched first), and checking that they are there again.
//!
//! Pure: [`plan_restore`] decides from the states before and after; the command runs the steps
//! and checks the result with [`restored`].

use super::PlannedStep;
use crate::model::{DesiredMatchRule, Live, LiveConditionalMenu, TagRef};
use crate::plan::{Step, describe_live};

/// What to do about unmanaged conditional menus after the default menu was replaced.
#[derive(Debug, PartialEq, Eq)]
pub enum Restore {
    /// None is missing.
    Nothing,
    /// Add these back, in this order.
    Add(Vec<PlannedStep>),
    /// They cannot be put back as they were; `missing` names them, `why` says why.
    Impossible { missing: Vec<String>, why: String },
}

/// The conditional menus of `before` missing from `after`, as steps that add them back.
pub fn plan_restore(before: &Live, after: &Live) -> Restore {
    let mut menus: Vec<&LiveConditionalMenu> = before.conditional_menus.iter().collect();
    menus.sort_by_key(|menu| menu.menuid);
    let present = |menu: &LiveConditionalMenu| {
        after
            .conditional_menus
            .iter()
            .any(|other| other.menuid == menu.menuid)
    };
    let Some(first_missing) = menus.iter().position(|menu| !present(menu)) else {
        return Restore::Nothing;
    };
    let missing: Vec<&LiveConditionalMenu> = menus
        .iter()
        .copied()
        .filter(|menu| !present(menu))
        .collect();
    let names = || missing.iter().map(|menu| name(menu, before)).collect();
    // A menu added back is newer than every survivor: the order holds only when every
    // survivor was created before every missing menu.
    if menus[first_missing..].iter().any(|menu| present(menu)) {
        return Restore::Impossible {
            missing: names(),
            why: "conditional menus created after them are still there, so adding them back would change which menu is matched first".into(),
        };
    }
    if missing
        .iter()
        .any(|menu| !menu.matchrule.retired.is_empty())
    {
        return Restore::Impossible {
            missing: names(),
            why: "a matchrule uses fields WeChat no longer accepts in new menus (sex, country, province, city, language)".into(),
        };
    }
    Restore::Add(
        missing
            .iter()
            .map(|menu| PlannedStep {
                address: name(menu, before),
                symbol: "+",
                step: Step::AddConditionalMenu {
                    name: format!("menuid {}", menu.menuid),
                    matchrule: DesiredMatchRule {
                        tag: menu.matchrule.tag_id.map(TagRef::Id),
                        client_platform_type: menu.matchrule.client_platform_type,
                    },
                    button: menu.button.clone(),
                },
            })
            .collect(),
    )
}

/// Whether `after` holds every conditional menu of `before` again, with the same matchrule and
/// buttons, in the same order of creation.
pub fn restored(before: &Live, after: &Live) -> bool {
    let content = |live: &Live| {
        let mut menus: Vec<&LiveConditionalMenu> = live.conditional_menus.iter().collect();
        menus.sort_by_key(|menu| menu.menuid);
        menus
            .into_iter()
            .map(|menu| (menu.matchrule.clone(), menu.button.clone()))
            .collect::<Vec<_>>()
    };
    content(before) == content(after)
}

/// `conditional_menu[menuid=N] (tag VIP, ios)`: how reports name an unmanaged menu.
pub fn name(menu: &LiveConditionalMenu, live: &Live) -> String {
    format!("{} ({})", address(menu), describe_live(menu, live))
}

fn address(menu: &LiveConditionalMenu) -> String {
    format!("conditional_menu[menuid={}]", menu.menuid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Button, LiveMatchRule, LiveTag, Platform};

    fn menu(menuid: u64, tag_id: Option<u64>) -> LiveConditionalMenu {
        LiveConditionalMenu {
            menuid,
            matchrule: LiveMatchRule {
                tag_id,
                client_platform_type: Some(Platform::Ios),
                retired: Default::default(),
            },
            button: vec![Button {
                name: format!("m{menuid}"),
                kind: Some("click".into()),
                key: Some("K".into()),
                ..Button::default()
            }],
        }
    }

    fn live(menus: Vec<LiveConditionalMenu>) -> Live {
        Live {
            conditional_menus: menus,
            tags: vec![LiveTag {
                id: 100,
                name: "VIP".into(),
                count: 0,
            }],
            ..Live::default()
        }
    }

    #[test]
    fn dropped_menus_are_added_back_oldest_first_as_read() {
        let before = live(vec![menu(9, None), menu(3, Some(100))]);
        let Restore::Add(steps) = plan_restore(&before, &live(vec![])) else {
            panic!("expected steps");
        };
        let addresses: Vec<&str> = steps.iter().map(|s| s.address.as_str()).collect();
        assert_eq!(
            addresses,
            [
                "conditional_menu[menuid=3] (tag VIP, ios)",
                "conditional_menu[menuid=9] (ios)"
            ]
        );
        let Step::AddConditionalMenu {
            matchrule, button, ..
        } = &steps[0].step
        else {
            panic!("an add");
        };
        assert_eq!(matchrule.tag, Some(TagRef::Id(100)));
        assert_eq!(matchrule.client_platform_type, Some(Platform::Ios));
        assert_eq!(button[0].name, "m3");
    }

    #[test]
    fn nothing_missing_means_nothing_to_do() {
        let before = live(vec![menu(3, None)]);
        assert_eq!(plan_restore(&before, &before.clone()), Restore::Nothing);
    }

    #[test]
    fn a_gap_before_a_survivor_cannot_keep_the_order() {
        let before = live(vec![menu(3, Some(100)), menu(9, None)]);
        let after = live(vec![menu(9, None)]);
        let Restore::Impossible { missing, .. } = plan_restore(&before, &after) else {
            panic!("expected impossible");
        };
        assert_eq!(missing, ["conditional_menu[menuid=3] (tag VIP, ios)"]);
    }

    #[test]
    fn retired_matchrule_fields_cannot_be_sent_again() {
        let mut old = menu(3, None);
        old.matchrule.retired.insert("sex".into(), "1".into());
        let before = live(vec![old]);
        assert!(matches!(
            plan_restore(&before, &live(vec![])),
            Restore::Impossible { .. }
        ));
    }

    #[test]
    fn restored_compares_content_in_creation_order() {
        let before = live(vec![menu(3, None), menu(9, Some(100))]);
        let mut again = vec![menu(20, None), menu(21, Some(100))];
        again[0].button[0].name = "m3".into();
        again[1].button[0].name = "m9".into();
        assert!(restored(&before, &live(again.clone())));
        again.swap(0, 1);
        again[0].menuid = 20;
        again[1].menuid = 21;
        assert!(!restored(&before, &live(again)));
    }
}
