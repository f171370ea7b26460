//! A conditional menu's name is its identity: editing the matchrule of a named menu plans and
//! applies as a replace of that menu, without `--allow-destroy`, and converges.

use super::{Account, SHOP_YAML, edit, shop_state};

/// The shop's configuration with the `vip-ios` menu moved to VIP members on other platforms.
fn vip_moved_to_others() -> String {
    edit(
        SHOP_YAML,
        "      tag: VIP\n      client_platform_type: ios\n",
        "      tag: VIP\n      client_platform_type: others\n",
    )
}

#[test]
fn a_changed_matchrule_is_a_replace_under_the_menus_name() {
    let account = Account::new(shop_state(), &vip_moved_to_others());
    let plan = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(plan.code, Some(2), "{}", plan.stderr);
    assert!(
        plan.stdout.contains("-/+ conditional_menu.vip-ios\n"),
        "{}",
        plan.stdout
    );
    assert!(
        !plan.stdout.contains("conditional_menu[menuid="),
        "{}",
        plan.stdout
    );
    assert!(
        !plan.stdout.contains("not in conditional_menus"),
        "{}",
        plan.stdout
    );
    assert!(
        !plan.stdout.contains("needs --allow-destroy"),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stdout
            .contains("Plan: 0 to add, 0 to change, 2 to replace, 0 to destroy."),
        "{}",
        plan.stdout
    );
    account.assert_read_only();
}

#[test]
fn applying_it_needs_no_allow_destroy_and_keeps_precedence() {
    let account = Account::new(shop_state(), &vip_moved_to_others());
    let apply = account.run(&["apply", "--auto-approve"]);
    assert_eq!(apply.code, Some(0), "{}", apply.stderr);
    let menus = account.emulator.state().conditional_menus;
    let rules: Vec<(Option<&str>, Option<&str>)> = menus
        .iter()
        .map(|m| {
            (
                m.matchrule.tag_id.as_deref(),
                m.matchrule.client_platform_type.as_deref(),
            )
        })
        .collect();
    // vip-ios first, android after it: the later entry is still the newer menu.
    assert_eq!(rules, vec![(Some("100"), Some("3")), (None, Some("2"))]);
    assert!(menus.iter().all(|m| m.menuid > 408000003), "{menus:#?}");
    let again = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(again.code, Some(0), "{}{}", again.stdout, again.stderr);
}
