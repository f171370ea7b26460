//! The preview model against the planner's scenarios: which audiences there are, what each
//! shows before and after, and which buttons are marked.

use super::*;
use crate::model::{Button, Menu, Platform};
use crate::plan::{plan, testkit::*};

fn built(desired: &Desired, live: &Live) -> Preview {
    build(desired, live, &plan(desired, live))
}

fn statuses(preview: &Preview) -> Vec<(&str, &str, Status)> {
    preview
        .audiences
        .iter()
        .map(|a| (a.name.as_str(), a.rule.as_str(), a.status))
        .collect()
}

#[test]
fn the_configuration_alone_names_every_audience_and_its_rule() {
    let preview = configured(&base_desired());
    assert!(!preview.with_live);
    assert_eq!(
        statuses(&preview),
        vec![
            ("default menu", "everyone else", Status::Configured),
            ("vip", "VIP", Status::Configured),
            ("ios", "iOS", Status::Configured),
            ("vip-android", "VIP · Android", Status::Configured),
        ]
    );
    assert!(preview.audiences.iter().all(|a| a.before.is_none()));
    assert_eq!(
        preview.audiences[1].after.as_ref().unwrap()[0].name,
        "vip专享"
    );
}

#[test]
fn an_account_that_matches_shows_every_audience_unchanged() {
    let (desired, live) = scenario_no_change();
    let preview = built(&desired, &live);
    assert!(preview.with_live);
    assert_eq!(preview.audiences.len(), 4);
    assert!(
        preview
            .audiences
            .iter()
            .all(|a| a.status == Status::Unchanged && a.before == a.after)
    );
    assert!(changed_audiences(&plan(&desired, &live)).is_empty());
}

#[test]
fn a_renamed_sub_button_changes_the_default_menu_only() {
    let (desired, live) = scenario_sub_button_renamed();
    let preview = built(&desired, &live);
    let default = &preview.audiences[0];
    assert_eq!(default.status, Status::Changed);
    assert_eq!(
        default.before.as_ref().unwrap()[1].sub_button[0].name,
        "官网"
    );
    assert_eq!(
        default.after.as_ref().unwrap()[1].sub_button[0].name,
        "官方网站"
    );
    assert!(
        preview.audiences[1..]
            .iter()
            .all(|a| a.status == Status::Unchanged)
    );
    let marks = compare(
        default.before.as_ref().unwrap(),
        default.after.as_ref().unwrap(),
    );
    assert_eq!(marks.after[1].mark, Mark::Same);
    assert_eq!(marks.after[1].subs, vec![Mark::Changed, Mark::Same]);
    assert_eq!(marks.before[1].subs, vec![Mark::Changed, Mark::Same]);
    assert_eq!(
        marks.changes,
        vec![Change::Renamed {
            from: "服务 › 官网".into(),
            to: "官方网站".into()
        }]
    );
    assert_eq!(changed_audiences(&plan(&desired, &live)), vec!["menu"]);
}

#[test]
fn a_conditional_menu_inserted_in_the_middle_appears_and_the_re_added_ones_do_not_change() {
    let (desired, live) = scenario_conditional_inserted_middle();
    let preview = built(&desired, &live);
    assert_eq!(
        statuses(&preview),
        vec![
            ("default menu", "everyone else", Status::Unchanged),
            ("vip", "VIP", Status::Unchanged),
            ("android", "Android", Status::Appears),
            ("ios", "iOS", Status::Unchanged),
            ("vip-android", "VIP · Android", Status::Unchanged),
        ]
    );
    // The planner re-adds two menus to keep precedence, but followers see no difference.
    assert_eq!(
        changed_audiences(&plan(&desired, &live)),
        vec!["conditional_menu.android"]
    );
}

#[test]
fn deleting_the_default_menu_removes_every_audience() {
    let (desired, live) = scenario_menu_deleted();
    let preview = built(&desired, &live);
    assert_eq!(
        statuses(&preview),
        vec![
            ("default menu", "everyone else", Status::Disappears),
            ("menuid 208000001", "VIP", Status::Disappears),
            ("menuid 208000002", "iOS", Status::Disappears),
            ("menuid 208000003", "VIP · Android", Status::Disappears),
        ]
    );
    assert!(!preview.has_default_menu(true) && preview.has_default_menu(false));
    assert_eq!(changed_audiences(&plan(&desired, &live)).len(), 4);
}

#[test]
fn a_conditional_menu_left_out_of_the_configuration_disappears() {
    let (mut desired, live) = scenario_no_change();
    desired.conditional_menus.as_mut().unwrap().remove(1);
    let preview = built(&desired, &live);
    let gone = preview.audiences.last().unwrap();
    assert_eq!(
        (gone.name.as_str(), gone.rule.as_str(), gone.status),
        ("menuid 208000002", "iOS", Status::Disappears)
    );
    assert_eq!(gone.after, None);
    assert_eq!(gone.before.as_ref().unwrap()[0].name, "ios专享");
}

#[test]
fn unmanaged_sections_are_shown_as_they_are() {
    let (mut desired, live) = scenario_no_change();
    desired.menu = None;
    desired.conditional_menus = None;
    let preview = built(&desired, &live);
    assert_eq!(preview.audiences.len(), 4);
    assert!(
        preview
            .audiences
            .iter()
            .all(|a| a.status == Status::NotManaged && a.before == a.after)
    );
    assert_eq!(preview.audiences[3].rule, "VIP · Android");
}

#[test]
fn a_first_menu_appears() {
    let desired = Desired {
        menu: Some(Menu {
            button: default_buttons(),
        }),
        ..Desired::default()
    };
    let preview = built(&desired, &Live::default());
    assert_eq!(
        statuses(&preview),
        vec![("default menu", "everyone else", Status::Appears)]
    );
}

#[test]
fn buttons_pair_by_name_then_by_place() {
    let before = vec![
        leaf("A", "click", "K_A"),
        leaf("B", "click", "K_B"),
        leaf("C", "click", "K_C"),
    ];
    // A moved to the end with a new key, B renamed in place to X, C kept, D added.
    let after = vec![
        leaf("X", "click", "K_B"),
        leaf("C", "click", "K_C"),
        leaf("A", "view", "https://a.example/"),
    ];
    let marks = compare(&before, &after);
    let top = |m: &[ButtonMarks]| m.iter().map(|b| b.mark).collect::<Vec<_>>();
    assert_eq!(
        top(&marks.before),
        vec![Mark::Changed, Mark::Changed, Mark::Same]
    );
    assert_eq!(
        top(&marks.after),
        vec![Mark::Changed, Mark::Same, Mark::Changed]
    );
    assert!(marks.changes.contains(&Change::Renamed {
        from: "B".into(),
        to: "X".into()
    }));
    assert!(marks.changes.contains(&Change::Does {
        path: "A".into(),
        was: "key K_A".into(),
        now: "opens a.example".into()
    }));
    assert!(marks.changes.contains(&Change::Reordered { within: None }));
}

#[test]
fn added_and_removed_buttons_and_sub_buttons_are_marked() {
    let before = vec![
        folder(
            "F",
            vec![leaf("s1", "click", "1"), leaf("s2", "click", "2")],
        ),
        leaf("Gone", "click", "G"),
    ];
    let after = vec![folder(
        "F",
        vec![
            leaf("s2", "click", "2"),
            leaf("s1", "click", "1"),
            leaf("s3", "click", "3"),
        ],
    )];
    let marks = compare(&before, &after);
    // "Gone" is paired by place with nothing: after has one button only.
    assert_eq!(marks.before[1].mark, Mark::Removed);
    assert_eq!(
        marks.after[0].subs,
        vec![Mark::Same, Mark::Same, Mark::Added]
    );
    assert_eq!(
        marks.changes,
        vec![
            Change::Reordered {
                within: Some("F".into())
            },
            Change::Added {
                path: "F › s3".into(),
                does: "key 3".into()
            },
            Change::Removed {
                path: "Gone".into()
            },
        ]
    );
}

#[test]
fn a_folder_that_becomes_a_leaf_marks_its_old_sub_buttons_removed() {
    let before = vec![folder("F", vec![leaf("s1", "click", "1")])];
    let after = vec![leaf("F", "click", "F")];
    let marks = compare(&before, &after);
    assert_eq!(marks.before[0].mark, Mark::Changed);
    assert_eq!(marks.before[0].subs, vec![Mark::Removed]);
    assert_eq!(
        marks.changes,
        vec![Change::Replaced {
            from: "F".into(),
            was: "a menu of 1 button".into(),
            to: "F".into(),
            now: "key F".into()
        }]
    );
}

#[test]
fn a_link_that_becomes_a_folder_in_its_place_is_replaced_not_renamed() {
    let before = vec![leaf("官网", "view", "https://example.com/")];
    let after = vec![folder(
        "服务",
        vec![leaf("s1", "click", "1"), leaf("s2", "click", "2")],
    )];
    let marks = compare(&before, &after);
    assert_eq!(marks.after[0].mark, Mark::Changed);
    assert_eq!(
        marks.changes,
        vec![Change::Replaced {
            from: "官网".into(),
            was: "opens example.com".into(),
            to: "服务".into(),
            now: "a menu of 2 buttons".into()
        }]
    );
}

#[test]
fn links_show_the_host_they_really_open() {
    assert_eq!(
        link_host("https://shop.example.com/orders?x=1"),
        "shop.example.com"
    );
    assert_eq!(
        link_host("https://good.example@evil.example/"),
        "evil.example"
    );
    assert_eq!(
        link_host("HTTPS://Shop.Example.COM:8443#x"),
        "shop.example.com"
    );
    assert_eq!(link_host("http://[::1]:80/"), "::1");
    assert_eq!(link_host("not a link"), "not a link");
}

#[test]
fn leaves_say_what_they_do() {
    let words = |b: &Button| action_words(b).unwrap();
    assert_eq!(
        words(&mini("m")),
        "mini program wx286b93c14bbf93aa · pages/index/index"
    );
    assert_eq!(
        words(&leaf("s", "scancode_push", "SCAN")),
        "scan · key SCAN"
    );
    assert_eq!(words(&leaf("t", "text", "你好")), "text reply 你好");
    assert_eq!(action_words(&folder("f", vec![])), None);
    assert_eq!(
        action_caption(&leaf("v", "view", "https://a.example/x")).unwrap(),
        "↗ a.example"
    );
    assert_eq!(
        rule_words(None, Some(Platform::Others), std::iter::empty()),
        "other phones"
    );
}
