//! The default menu: a singleton compared button by button.
//!
//! `button: []` in the configuration means `menu/delete`, which WeChat applies to every
//! conditional menu too; the conditional planner lists those implied deletes.

use super::Plan;
use super::action::{Action, ActionKind, MenuView, Resource, Step};
use crate::model::{Desired, Live, LiveMenu, Menu, MenuSource, console_only_leaves};

/// Plans the default menu; returns whether the plan deletes it (and so every conditional menu).
pub(crate) fn plan_menu(desired: &Desired, live: &Live, plan: &mut Plan) -> bool {
    let Some(menu) = &desired.menu else {
        return false;
    };
    if menu.button.is_empty() {
        return plan_delete(live, plan);
    }
    plan_create(desired, menu, live.menu.as_ref(), plan);
    false
}

/// `button: []`: `menu/delete`, when there is a menu to delete; whether there was.
fn plan_delete(live: &Live, plan: &mut Plan) -> bool {
    let current = live.menu.as_ref();
    if current.is_none() && live.conditional_menus.is_empty() {
        return false;
    }
    let mut warnings = vec![
        "menu/delete removes the default menu and every conditional menu; followers see no menu"
            .to_string(),
    ];
    if !live.conditional_menus.is_empty() {
        warnings.push(format!(
            "{} conditional menu{} deleted with it",
            live.conditional_menus.len(),
            if live.conditional_menus.len() == 1 {
                " is"
            } else {
                "s are"
            }
        ));
    }
    plan.actions.push(Action {
        address: "menu".into(),
        kind: ActionKind::Delete,
        before: current.map(live_view),
        after: None,
        warnings,
        destructive: true,
        steps: vec![Step::DeleteMenu],
    });
    true
}

/// A configured menu with buttons: `menu/create` unless the live menu already is it.
fn plan_create(desired: &Desired, menu: &Menu, current: Option<&LiveMenu>, plan: &mut Plan) {
    let console = current.is_some_and(|m| m.source == MenuSource::Console);
    // WeChat adds conditional menus only next to a default menu made through the API (65303
    // otherwise): a matching console menu is made again through the API first.
    let needs_api_menu = console
        && desired
            .conditional_menus
            .as_ref()
            .is_some_and(|c| !c.is_empty());
    if current.is_some_and(|m| m.button == menu.button) && !needs_api_menu {
        if console {
            plan.notes.push(
                "the default menu was made in the web console; it already matches the configuration"
                    .into(),
            );
        }
        return;
    }
    let warnings = current.map_or_else(Vec::new, |current| {
        replace_warnings(current, menu, needs_api_menu)
    });
    plan.actions.push(Action {
        address: "menu".into(),
        kind: if current.is_some() {
            ActionKind::Update
        } else {
            ActionKind::Create
        },
        before: current.map(live_view),
        after: Some(Resource::Menu(MenuView {
            source: None,
            button: menu.button.clone(),
        })),
        warnings,
        destructive: false,
        steps: vec![Step::CreateMenu {
            button: menu.button.clone(),
        }],
    });
}

/// What a reviewer should know before `menu/create` replaces the `current` live menu: that it
/// came from the web console (and why it is made again), and which of its buttons cannot be.
fn replace_warnings(current: &LiveMenu, menu: &Menu, needs_api_menu: bool) -> Vec<String> {
    let mut warnings = Vec::new();
    if needs_api_menu && current.button == menu.button {
        warnings.push(
            "the live menu was made in the web console; conditional menus need one made through the API, so the same menu is made again through the API"
                .to_string(),
        );
    } else if current.source == MenuSource::Console {
        warnings.push(
            "the live menu was made in the web console; applying replaces it with a menu managed through the API"
                .to_string(),
        );
    }
    let console_only: Vec<String> = console_only_leaves(&current.button)
        .into_iter()
        .map(|(button, kind)| format!("{} ({kind})", button.name))
        .collect();
    if !console_only.is_empty() {
        warnings.push(format!(
            "live buttons of console-only types cannot be made through the API and will be gone: {}",
            console_only.join(", ")
        ));
    }
    warnings
}

fn live_view(menu: &LiveMenu) -> Resource {
    Resource::Menu(MenuView {
        source: (menu.source == MenuSource::Console).then(|| "console".to_string()),
        button: menu.button.clone(),
    })
}
