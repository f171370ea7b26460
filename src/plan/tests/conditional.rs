//! Conditional menus: precedence (insert, append, reorder, change), authoritative lists,
//! duplicates, retired matchrules and tag resolution.

use crate::model::DesiredMatchRule;
use crate::model::*;
use crate::plan::testkit::*;
use crate::plan::{ActionKind, Plan, Step, plan};

/// (address, kind) of every conditional-menu action.
fn changes(result: &Plan) -> Vec<(String, ActionKind)> {
    result
        .actions
        .iter()
        .filter(|a| a.address.starts_with("conditional_menu"))
        .map(|a| (a.address.clone(), a.kind))
        .collect()
}

fn named(list: &[(&str, ActionKind)]) -> Vec<(String, ActionKind)> {
    list.iter()
        .map(|(a, k)| (format!("conditional_menu.{a}"), *k))
        .collect()
}

fn with_menus(menus: Vec<DesiredConditionalMenu>) -> Plan {
    let mut desired = base_desired();
    desired.conditional_menus = Some(menus);
    plan(&desired, &base_live())
}

fn vip() -> DesiredConditionalMenu {
    cond("vip", Some("VIP"), None)
}
fn ios() -> DesiredConditionalMenu {
    cond("ios", None, Some(Platform::Ios))
}
fn vip_android() -> DesiredConditionalMenu {
    cond("vip-android", Some("VIP"), Some(Platform::Android))
}
fn android() -> DesiredConditionalMenu {
    cond("android", None, Some(Platform::Android))
}

#[test]
fn inserting_at_the_start_re_adds_every_later_menu() {
    let result = with_menus(vec![android(), vip(), ios(), vip_android()]);
    use ActionKind::*;
    assert_eq!(
        changes(&result),
        named(&[
            ("android", Create),
            ("vip", Replace),
            ("ios", Replace),
            ("vip-android", Replace)
        ])
    );
    let steps = result.apply_steps();
    let order: Vec<String> = steps
        .iter()
        .map(|s| match s {
            Step::DeleteConditionalMenu { menuid } => format!("del {menuid}"),
            Step::AddConditionalMenu { name, .. } => format!("add {name}"),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        order,
        vec![
            "del 208000001",
            "del 208000002",
            "del 208000003",
            "add android",
            "add vip",
            "add ios",
            "add vip-android"
        ]
    );
}

#[test]
fn inserting_in_the_middle_keeps_the_prefix() {
    let (desired, live) = scenario_conditional_inserted_middle();
    let result = plan(&desired, &live);
    use ActionKind::*;
    assert_eq!(
        changes(&result),
        named(&[
            ("android", Create),
            ("ios", Replace),
            ("vip-android", Replace)
        ])
    );
    let ios = &result.actions[1];
    assert!(ios.warnings[1].contains("re-added to keep precedence after conditional_menu.android"));
    assert!(!ios.destructive);
}

#[test]
fn appending_only_adds() {
    let result = with_menus(vec![vip(), ios(), vip_android(), android()]);
    assert_eq!(changes(&result), named(&[("android", ActionKind::Create)]));
}

#[test]
fn reordering_re_adds_from_the_first_out_of_order_entry() {
    let result = with_menus(vec![ios(), vip(), vip_android()]);
    use ActionKind::*;
    assert_eq!(
        changes(&result),
        named(&[("vip", Replace), ("vip-android", Replace)])
    );
    assert!(result.actions[0].warnings[1].contains("its place in conditional_menus changed"));
    assert!(result.actions[1].warnings[1].contains("precedence after conditional_menu.vip"));
}

#[test]
fn changing_the_first_menu_replaces_all() {
    let mut first = vip();
    first.button[0].name = "会员".into();
    let result = with_menus(vec![first, ios(), vip_android()]);
    use ActionKind::*;
    assert_eq!(
        changes(&result),
        named(&[("vip", Replace), ("ios", Replace), ("vip-android", Replace)])
    );
    // The changed one says so; only the others carry the precedence warning.
    assert_eq!(result.actions[0].warnings.len(), 1);
    assert_eq!(result.actions[1].warnings.len(), 2);
}

#[test]
fn changing_the_last_menu_replaces_only_it() {
    let mut last = vip_android();
    last.button
        .push(leaf("新", "view", "https://example.com/new"));
    let result = with_menus(vec![vip(), ios(), last]);
    assert_eq!(
        changes(&result),
        named(&[("vip-android", ActionKind::Replace)])
    );
    assert_eq!(
        result.actions[0].steps[0],
        Step::DeleteConditionalMenu { menuid: 208000003 }
    );
}

#[test]
fn menus_missing_from_the_list_are_deleted() {
    let result = with_menus(vec![vip(), vip_android()]);
    // Removing a menu does not disturb the order of the others.
    assert_eq!(
        changes(&result),
        vec![(
            "conditional_menu[menuid=208000002]".to_string(),
            ActionKind::Delete
        )]
    );
    assert!(result.actions[0].destructive);
    assert_eq!(
        result.apply_steps(),
        vec![Step::DeleteConditionalMenu { menuid: 208000002 }]
    );
}

#[test]
fn without_the_key_live_menus_are_not_managed() {
    let mut desired = base_desired();
    desired.conditional_menus = None;
    let result = plan(&desired, &base_live());
    assert!(result.is_empty());
    let listed: Vec<&str> = result.unmanaged.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(listed, vec!["tag VIP", "ios", "tag VIP, android"]);
}

#[test]
fn duplicate_live_menus_keep_one() {
    let mut live = base_live();
    let mut twin = live_cond(208000010, Some(100), None, "vip");
    twin.button[0].name = "旧的".into();
    live.conditional_menus.push(twin);
    let result = plan(&base_desired(), &live);
    assert_eq!(
        changes(&result),
        vec![(
            "conditional_menu[menuid=208000010]".into(),
            ActionKind::Delete
        )]
    );
    assert!(
        result.actions[0].warnings[0].contains("duplicate of the matchrule of menuid 208000001")
    );
}

#[test]
fn retired_matchrules_never_match() {
    let mut live = base_live();
    live.conditional_menus[1]
        .matchrule
        .retired
        .insert("sex".into(), "1".into());
    let result = plan(&base_desired(), &live);
    use ActionKind::*;
    assert_eq!(
        changes(&result),
        vec![
            ("conditional_menu.ios".to_string(), Create),
            ("conditional_menu.vip-android".to_string(), Replace),
            ("conditional_menu[menuid=208000002]".to_string(), Delete),
        ]
    );
    assert!(
        result.notes[0].contains("retired matchrule fields (sex)"),
        "{:?}",
        result.notes
    );
}

#[test]
fn a_tag_created_by_the_plan_cannot_match_and_stays_a_name_for_apply() {
    let mut desired = base_desired();
    desired.tags.as_mut().unwrap().items.push(tag("新客"));
    let menus = desired.conditional_menus.as_mut().unwrap();
    menus.push(cond("new", Some("新客"), None));
    let result = plan(&desired, &base_live());
    let add = result.apply_steps().into_iter().last().unwrap();
    assert_eq!(
        add,
        Step::AddConditionalMenu {
            name: "new".into(),
            matchrule: DesiredMatchRule {
                tag: Some(TagRef::Name("新客".into())),
                client_platform_type: None
            },
            button: cond("new", None, None).button,
        }
    );
}

#[test]
fn live_tags_are_sent_as_ids_and_ids_match_names() {
    let mut desired = base_desired();
    desired.conditional_menus.as_mut().unwrap()[0].matchrule.tag = Some(TagRef::Id(100));
    assert!(plan(&desired, &base_live()).is_empty());
    let result = with_menus(vec![
        vip(),
        ios(),
        vip_android(),
        cond("x", Some("VIP"), Some(Platform::Others)),
    ]);
    let Step::AddConditionalMenu { matchrule, .. } = &result.actions[0].steps[0] else {
        panic!()
    };
    assert_eq!(matchrule.tag, Some(TagRef::Id(100)));
}

#[test]
fn a_renamed_tag_keeps_its_menus() {
    let (mut desired, live) = scenario_tag_renamed();
    desired.conditional_menus.as_mut().unwrap()[1].matchrule.tag =
        Some(TagRef::Name("测试用户".into()));
    let mut live = live;
    live.conditional_menus[1].matchrule.tag_id = Some(101);
    let result = plan(&desired, &live);
    assert_eq!(result.actions.len(), 1, "{:#?}", result.actions);
}

#[test]
fn an_unknown_tag_is_an_error() {
    let result = with_menus(vec![
        vip(),
        ios(),
        vip_android(),
        cond("x", Some("无此标签"), None),
    ]);
    assert!(
        result.errors[0].contains("conditional_menu.x: tag \"无此标签\""),
        "{:?}",
        result.errors
    );
}

#[test]
fn adding_without_any_default_menu_is_an_error() {
    let mut desired = base_desired();
    desired.menu = None;
    let mut live = base_live();
    live.menu = None;
    live.conditional_menus.clear();
    let result = plan(&desired, &live);
    assert!(
        result.errors.iter().any(|e| e.contains("65303")),
        "{:?}",
        result.errors
    );
}

#[test]
fn a_menu_on_a_tag_the_plan_deletes_is_an_error() {
    let mut desired = base_desired();
    let tags = desired.tags.as_mut().unwrap();
    tags.unmanaged = UnmanagedPolicy::Delete;
    tags.items.retain(|t| t.name != "VIP");
    let result = plan(&desired, &base_live());
    assert_eq!(result.errors.len(), 2, "{:?}", result.errors);
    assert!(
        result.errors[0]
            .starts_with("conditional_menu.vip uses tag \"VIP\", which this plan deletes")
    );
}

#[test]
fn another_account_is_an_error() {
    let mut live = base_live();
    live.appid = Some("wx0000000000000000".into());
    let result = plan(&base_desired(), &live);
    assert_eq!(
        result.errors,
        vec![
            "the configuration is for account wx1234567890abcdef, but the live account is wx0000000000000000"
        ]
    );
}

/// The warnings of the action at `address`.
fn warnings_of<'a>(result: &'a Plan, address: &str) -> &'a [String] {
    let action = result.actions.iter().find(|a| a.address == address);
    &action.unwrap_or_else(|| panic!("no {address}")).warnings
}

#[test]
fn changing_a_matchrule_replaces_the_named_menu() {
    let mut moved = vip_android();
    moved.matchrule.client_platform_type = Some(Platform::Others);
    let result = with_menus(vec![vip(), ios(), moved]);
    assert_eq!(
        changes(&result),
        named(&[("vip-android", ActionKind::Replace)])
    );
    assert!(!result.is_destructive(), "{:#?}", result.actions);
    assert_eq!(
        result.apply_steps()[0],
        Step::DeleteConditionalMenu { menuid: 208000003 }
    );
    let warnings = warnings_of(&result, "conditional_menu.vip-android");
    assert!(
        warnings.iter().any(|w| w
            .contains("menuid 208000003 is taken as this menu because it has the same buttons")),
        "{warnings:?}"
    );
    assert!(!warnings.iter().any(|w| w.contains("unchanged")));
}

#[test]
fn changing_the_first_matchrule_keeps_precedence_without_deleting() {
    let mut first = vip();
    first.matchrule.client_platform_type = Some(Platform::Ios);
    let result = with_menus(vec![first, ios(), vip_android()]);
    use ActionKind::*;
    assert_eq!(
        changes(&result),
        named(&[("vip", Replace), ("ios", Replace), ("vip-android", Replace)])
    );
    let Some(crate::plan::Resource::ConditionalMenu(before)) = &result.actions[0].before else {
        panic!("{:#?}", result.actions[0])
    };
    assert_eq!(before.menuid, Some(208000001));
    assert!(
        warnings_of(&result, "conditional_menu.ios")[1]
            .contains("precedence after conditional_menu.vip")
    );
}

#[test]
fn a_menu_whose_matchrule_and_buttons_change_is_recognised_by_its_place() {
    let mut edited = ios();
    edited.matchrule.client_platform_type = Some(Platform::Others);
    edited.button[0].name = "其他专享".into();
    let result = with_menus(vec![vip(), edited, vip_android()]);
    use ActionKind::*;
    assert_eq!(
        changes(&result),
        named(&[("ios", Replace), ("vip-android", Replace)])
    );
    assert_eq!(
        result.actions[0].steps[0],
        Step::DeleteConditionalMenu { menuid: 208000002 }
    );
    assert!(warnings_of(&result, "conditional_menu.ios")[1].contains("same place of the list"));
    assert!(!result.is_destructive());
}

#[test]
fn moving_a_menu_to_a_tag_the_plan_creates_replaces_it() {
    let mut desired = base_desired();
    desired.tags.as_mut().unwrap().items.push(tag("新客"));
    desired.conditional_menus.as_mut().unwrap()[2].matchrule.tag =
        Some(TagRef::Name("新客".into()));
    let result = plan(&desired, &base_live());
    assert_eq!(
        changes(&result),
        named(&[("vip-android", ActionKind::Replace)])
    );
}

#[test]
fn a_removed_menu_and_a_new_one_elsewhere_stay_a_delete_and_a_create() {
    let result = with_menus(vec![vip(), vip_android(), android()]);
    use ActionKind::*;
    assert_eq!(
        changes(&result),
        vec![
            ("conditional_menu.android".to_string(), Create),
            ("conditional_menu[menuid=208000002]".to_string(), Delete),
        ]
    );
    assert_eq!(
        warnings_of(&result, "conditional_menu[menuid=208000002]"),
        ["not in conditional_menus"]
    );
}

#[test]
fn a_menu_hidden_by_a_newer_one_is_noted_with_both_addresses() {
    // `vip-android` by tag id 100 (VIP), then `vip` by name: the same tag, so every VIP member
    // on Android sees `vip`.
    let mut by_id = vip_android();
    by_id.matchrule.tag = Some(TagRef::Id(100));
    let result = with_menus(vec![by_id, ios(), vip()]);
    assert_eq!(
        result.notes,
        vec![
            "conditional_menu.vip-android is never seen: conditional_menu.vip, later in conditional_menus, matches everyone it matches"
        ]
    );
}

#[test]
fn reachable_menus_are_not_noted() {
    assert!(
        with_menus(vec![vip(), ios(), vip_android()])
            .notes
            .is_empty()
    );
}

/// Two configured menus with the VIP matchrule: `vip`, then the newer `vip-new`.
fn vip_twins() -> Vec<DesiredConditionalMenu> {
    vec![vip(), cond("vip-new", Some("VIP"), None)]
}

/// The live account holding `menus` as its conditional menus.
fn plan_against(wanted: Vec<DesiredConditionalMenu>, menus: Vec<LiveConditionalMenu>) -> Plan {
    let mut desired = base_desired();
    desired.conditional_menus = Some(wanted);
    let mut live = base_live();
    live.conditional_menus = menus;
    plan(&desired, &live)
}

/// The live twins of [`vip_twins`], in creation order.
fn live_vip_twins() -> Vec<LiveConditionalMenu> {
    vec![
        live_cond(208000001, Some(100), None, "vip"),
        live_cond(208000002, Some(100), None, "vip-new"),
    ]
}

/// The menuid each replace deletes, by address.
fn replaced(result: &Plan) -> Vec<(String, u64)> {
    result
        .actions
        .iter()
        .filter_map(|a| match a.steps.first() {
            Some(Step::DeleteConditionalMenu { menuid }) if a.kind == ActionKind::Replace => {
                Some((a.address.clone(), *menuid))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn twins_configured_and_live_plan_nothing() {
    assert_eq!(
        changes(&plan_against(vip_twins(), live_vip_twins())),
        vec![]
    );
    // Identical twins, buttons and all.
    let mut same = vip();
    same.name = "vip-again".into();
    let live = vec![
        live_cond(208000001, Some(100), None, "vip"),
        live_cond(208000002, Some(100), None, "vip"),
    ];
    assert_eq!(changes(&plan_against(vec![vip(), same], live)), vec![]);
}

#[test]
fn changed_twins_replace_their_own_live_menus_in_order() {
    let mut wanted = vip_twins();
    for menu in &mut wanted {
        menu.button[0].name.push('新');
    }
    let result = plan_against(wanted, live_vip_twins());
    assert_eq!(
        replaced(&result),
        vec![
            ("conditional_menu.vip".to_string(), 208000001),
            ("conditional_menu.vip-new".to_string(), 208000002)
        ]
    );
}

#[test]
fn an_unchanged_twin_keeps_its_live_menu_when_an_older_twin_changes() {
    let mut wanted = vip_twins();
    wanted[0].button[0].name = "会员新".into();
    let result = plan_against(wanted, live_vip_twins());
    assert_eq!(
        replaced(&result),
        vec![
            ("conditional_menu.vip".to_string(), 208000001),
            ("conditional_menu.vip-new".to_string(), 208000002)
        ]
    );
    assert!(
        warnings_of(&result, "conditional_menu.vip-new")[1]
            .contains("re-added to keep precedence after conditional_menu.vip")
    );
}

#[test]
fn swapping_twins_re_adds_the_one_that_must_be_newer() {
    let mut wanted = vip_twins();
    wanted.reverse();
    let result = plan_against(wanted, live_vip_twins());
    assert_eq!(
        replaced(&result),
        vec![("conditional_menu.vip".to_string(), 208000001)]
    );
    assert!(
        warnings_of(&result, "conditional_menu.vip")[1]
            .contains("its place in conditional_menus changed")
    );
}

#[test]
fn a_second_twin_is_added_beside_the_live_one() {
    let live = vec![live_cond(208000001, Some(100), None, "vip")];
    let result = plan_against(vip_twins(), live);
    assert_eq!(changes(&result), named(&[("vip-new", ActionKind::Create)]));
}

#[test]
fn one_entry_takes_the_newest_of_changed_live_twins_and_the_older_goes() {
    let mut wanted = vip();
    wanted.button[0].name = "会员新".into();
    let result = plan_against(vec![wanted], live_vip_twins());
    assert_eq!(
        replaced(&result),
        vec![("conditional_menu.vip".to_string(), 208000002)]
    );
    assert_eq!(
        warnings_of(&result, "conditional_menu[menuid=208000001]"),
        [
            "a duplicate of the matchrule of menuid 208000002: conditional_menus lists 1 menu with it"
        ]
    );
}

#[test]
fn more_live_twins_than_entries_delete_the_extra_ones() {
    let mut live = live_vip_twins();
    live.push(live_cond(208000003, Some(100), None, "vip-old"));
    let result = plan_against(vip_twins(), live);
    assert_eq!(
        changes(&result),
        vec![(
            "conditional_menu[menuid=208000003]".to_string(),
            ActionKind::Delete
        )]
    );
    assert!(
        warnings_of(&result, "conditional_menu[menuid=208000003]")[0]
            .ends_with("conditional_menus lists 2 menus with it")
    );
}
