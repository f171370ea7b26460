//! The default menu: no-change, create, update, delete with its cascade, console menus; also
//! determinism, the apply order and fingerprints.

use crate::model::*;
use crate::plan::testkit::*;
use crate::plan::{ActionKind, Step, fingerprint, plan};

#[test]
fn a_matching_account_gives_an_empty_plan() {
    let (desired, live) = scenario_no_change();
    let result = plan(&desired, &live);
    assert!(
        result.is_empty() && !result.has_changes(),
        "{:#?}",
        result.actions
    );
    assert!(result.errors.is_empty() && result.unmanaged.is_empty() && result.notes.is_empty());
    assert!(result.apply_steps().is_empty());
}

#[test]
fn planning_is_deterministic() {
    for (name, (desired, live)) in scenarios() {
        assert_eq!(plan(&desired, &live), plan(&desired, &live), "{name}");
    }
}

#[test]
fn creates_the_default_menu_when_none_is_live() {
    let desired = base_desired();
    let mut live = base_live();
    live.menu = None;
    live.conditional_menus.clear();
    let result = plan(&desired, &live);
    let menu = &result.actions.iter().find(|a| a.address == "menu").unwrap();
    assert_eq!(menu.kind, ActionKind::Create);
    assert_eq!(
        menu.steps,
        vec![Step::CreateMenu {
            button: default_buttons()
        }]
    );
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    // The default menu is created before the conditional menus that need it.
    let steps = result.apply_steps();
    assert!(matches!(steps[0], Step::CreateMenu { .. }));
    assert!(
        steps[1..]
            .iter()
            .all(|s| matches!(s, Step::AddConditionalMenu { .. }))
    );
}

#[test]
fn a_renamed_sub_button_updates_the_menu() {
    let (desired, live) = scenario_sub_button_renamed();
    let result = plan(&desired, &live);
    assert_eq!(result.actions.len(), 1);
    let action = &result.actions[0];
    assert_eq!(
        (action.address.as_str(), action.kind),
        ("menu", ActionKind::Update)
    );
    assert!(!action.destructive);
    let Step::CreateMenu { button } = &action.steps[0] else {
        panic!()
    };
    assert_eq!(button[1].sub_button[0].name, "官方网站");
    assert_eq!(result.summary().change, 1);
}

#[test]
fn an_unmanaged_menu_is_left_alone() {
    let (mut desired, live) = scenario_button_type_changed();
    desired.menu = None;
    assert!(plan(&desired, &live).is_empty());
}

#[test]
fn deleting_the_menu_lists_the_conditional_menus_it_takes_along() {
    let (desired, live) = scenario_menu_deleted();
    let result = plan(&desired, &live);
    assert_eq!(
        action_kinds(&result),
        vec![
            ("menu", ActionKind::Delete),
            ("conditional_menu[menuid=208000001]", ActionKind::Delete),
            ("conditional_menu[menuid=208000002]", ActionKind::Delete),
            ("conditional_menu[menuid=208000003]", ActionKind::Delete),
        ]
    );
    assert!(result.actions.iter().all(|a| a.destructive));
    assert!(
        result.actions[0]
            .warnings
            .iter()
            .any(|w| w.contains("3 conditional menus"))
    );
    // One call does it all: delconditional after menu/delete would fail.
    assert_eq!(result.apply_steps(), vec![Step::DeleteMenu]);
    assert!(result.is_destructive());
}

#[test]
fn deleting_the_menu_while_configuring_conditional_menus_is_an_error() {
    let mut desired = base_desired();
    desired.menu = Some(Menu { button: Vec::new() });
    let result = plan(&desired, &base_live());
    assert!(
        result
            .errors
            .iter()
            .any(|e| e.contains("needs a default menu")),
        "{:?}",
        result.errors
    );
}

#[test]
fn deleting_an_absent_menu_is_a_no_op() {
    let desired = Desired {
        menu: Some(Menu { button: Vec::new() }),
        ..Desired::default()
    };
    assert!(plan(&desired, &Live::default()).is_empty());
}

fn console_live() -> Live {
    let mut live = base_live();
    let menu = live.menu.as_mut().unwrap();
    menu.source = MenuSource::Console;
    menu.menuid = None;
    live
}

#[test]
fn a_console_menu_is_replaced_with_a_warning() {
    let mut live = console_live();
    live.menu
        .as_mut()
        .unwrap()
        .button
        .push(folder("更多", vec![leaf("电话", "text", "123")]));
    let result = plan(&base_desired(), &live);
    let action = &result.actions[0];
    assert_eq!(action.kind, ActionKind::Update);
    assert!(
        action.warnings[0].contains("made in the web console"),
        "{:?}",
        action.warnings
    );
    assert!(
        action.warnings[1].contains("电话 (text)"),
        "{:?}",
        action.warnings
    );
}

#[test]
fn a_matching_console_menu_is_only_noted() {
    let mut desired = base_desired();
    desired.conditional_menus = None;
    let result = plan(&desired, &console_live());
    assert!(result.is_empty(), "{:#?}", result.actions);
    assert!(result.notes[0].contains("web console"));
}

#[test]
fn a_matching_console_menu_is_made_again_for_conditional_menus() {
    // menu/get does not see a console menu, so no conditional menu is live either.
    let mut live = console_live();
    live.conditional_menus.clear();
    let result = plan(&base_desired(), &live);
    let menu = &result.actions[0];
    assert_eq!(menu.address, "menu");
    assert_eq!(menu.kind, ActionKind::Update);
    assert_eq!(
        menu.steps,
        vec![Step::CreateMenu {
            button: default_buttons()
        }]
    );
    assert!(menu.warnings[0].contains("need one made through the API"));
    let steps = result.apply_steps();
    let create = steps
        .iter()
        .position(|s| matches!(s, Step::CreateMenu { .. }));
    let add = steps
        .iter()
        .position(|s| matches!(s, Step::AddConditionalMenu { .. }));
    assert!(create.unwrap() < add.unwrap(), "{steps:#?}");
}

#[test]
fn steps_follow_the_safe_order() {
    let (mut desired, mut live) = scenario_template_added_and_deleted();
    desired.menu.as_mut().unwrap().button.pop();
    desired.templates.as_mut().unwrap().industry = Some(IndustryCodes {
        primary: 1,
        secondary: 2,
    });
    let tags = desired.tags.as_mut().unwrap();
    tags.unmanaged = UnmanagedPolicy::Delete;
    tags.items.push(tag("新标签"));
    tags.items[1].name = "测试".into();
    tags.items[1].previously = vec!["内测用户".into()];
    desired.conditional_menus.as_mut().unwrap()[0].matchrule.tag =
        Some(TagRef::Name("新标签".into()));
    live.tags.push(live_tag(105, "旧标签", 7));
    live.subscribe_templates
        .push(live_subscribe("S2", "其它", &["a"]));
    desired.subscribe_templates.as_mut().unwrap().unmanaged = UnmanagedPolicy::Delete;
    let phases: Vec<u8> = plan(&desired, &live)
        .apply_steps()
        .iter()
        .map(Step::phase)
        .collect();
    assert_eq!(phases, vec![0, 1, 2, 3, 4, 5, 8, 9, 9, 9, 10, 10, 10, 11]);
}

#[test]
fn the_live_fingerprint_covers_managed_sections_only() {
    let desired = base_desired();
    let live = base_live();
    let mut reordered = live.clone();
    reordered.conditional_menus.reverse();
    assert_eq!(
        fingerprint::live(&desired, &live),
        fingerprint::live(&desired, &reordered)
    );
    let mut changed = live.clone();
    changed.tags[1].name = "VIP2".into();
    assert_ne!(
        fingerprint::live(&desired, &live),
        fingerprint::live(&desired, &changed)
    );
    let only_menu = Desired {
        menu: desired.menu.clone(),
        ..Desired::default()
    };
    let mut other_templates = live.clone();
    other_templates.templates.clear();
    assert_eq!(
        fingerprint::live(&only_menu, &live),
        fingerprint::live(&only_menu, &other_templates)
    );
    assert_ne!(
        fingerprint::desired(&desired),
        fingerprint::desired(&only_menu)
    );
    assert!(fingerprint::desired(&desired).starts_with("sha256:"));
    assert_eq!(fingerprint::desired(&desired).len(), "sha256:".len() + 64);
}

/// A plan made from a snapshot is the plan of the account it shows: when the snapshot was
/// taken does not enter the fingerprint that `apply --plan` compares with the live account.
#[test]
fn the_live_fingerprint_ignores_when_a_snapshot_was_exported() {
    let desired = base_desired();
    let live = base_live();
    let mut exported = live.clone();
    exported.exported_at = Some("2026-11-28T09:00:00Z".into());
    assert_eq!(
        fingerprint::live(&desired, &live),
        fingerprint::live(&desired, &exported)
    );
}
