//! What apply reports: every change made (repairs included) when it stops, "nothing was
//! changed" when nothing was, no empty lists, an add answered `-1` described as it was handled,
//! and conditional menus the configuration does not manage put back after `menu/create` removed
//! them.

use super::{Account, SHOP_YAML, both, code};
use crate::support::run::{stderr, stdout};

/// The shop's default menu alone: conditional menus, tags and templates are not managed.
fn menu_only_yaml() -> String {
    let yaml = SHOP_YAML;
    yaml[..yaml.find("conditional_menus:").unwrap()].to_string()
}

/// (matchrule, buttons) of each conditional menu, in creation order.
fn conditional_content(account: &Account) -> Vec<String> {
    account
        .emulator
        .state()
        .conditional_menus
        .iter()
        .map(|menu| format!("{:?} {:?}", menu.matchrule, menu.button))
        .collect()
}

#[test]
fn unmanaged_conditional_menus_removed_by_menu_create_are_put_back_as_read() {
    let account = Account::shop_applied();
    let before = conditional_content(&account);
    assert_eq!(before.len(), 2);
    account
        .emulator
        .configure(|options| options.create_keeps_conditional = false);
    account.write_config(&menu_only_yaml().replace("name: 新品上架", "name: 本周新品"));
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 0, "{}", both(&output));
    let err = stderr(&output);
    assert!(
        err.contains("this configuration does not manage when the default menu was replaced; adding them back as they were:"),
        "{err}"
    );
    assert!(
        stdout(&output)
            .contains("Repaired: 2 conditional menus that menu/create removed, added again."),
        "{}",
        both(&output)
    );
    assert_eq!(
        account.mutations(),
        [
            "POST /cgi-bin/menu/create",
            "POST /cgi-bin/menu/addconditional",
            "POST /cgi-bin/menu/addconditional"
        ]
    );
    // Same rules and buttons, in the same order: the same menu is matched first.
    assert_eq!(conditional_content(&account), before);
    assert_eq!(account.plan_code(), 0);
}

#[test]
fn unmanaged_conditional_menus_that_menu_create_keeps_are_not_touched() {
    let account = Account::shop_applied();
    account.write_config(&menu_only_yaml().replace("name: 新品上架", "name: 本周新品"));
    let output = account.apply_ok(&["--auto-approve"]);
    assert!(!stdout(&output).contains("Repaired"), "{}", both(&output));
    assert_eq!(account.mutations(), ["POST /cgi-bin/menu/create"]);
}

/// The shop (seeded, so that VIP's id is always 100), on an account whose menu/create drops the
/// conditional menus and where putting the first of them back fails (45009).
fn shop_whose_repair_fails() -> Account {
    let account = Account::shop();
    account
        .emulator
        .configure(|options| options.create_keeps_conditional = false);
    account
        .emulator
        .fail_on("/cgi-bin/menu/addconditional", 1, 45009);
    account
}

#[test]
fn unmanaged_conditional_menus_that_cannot_be_put_back_fail_the_apply_naming_them() {
    let account = shop_whose_repair_fails();
    account.write_config(&menu_only_yaml().replace("name: 新品上架", "name: 本周新品"));
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    assert!(!stdout(&output).contains("Apply complete"));
    let err = stderr(&output);
    let report = &err[err.find("\nWeChat removed").unwrap()..];
    report_snapshot!("unmanaged_conditional_menus_not_put_back", report);
}

#[test]
fn the_report_of_a_failed_repair_lists_the_changes_made_before_it() {
    let account = shop_whose_repair_fails();
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    assert!(err.contains("\nApplied (1):\n  ~ menu\n"), "{err}");
    assert!(
        err.contains("Failed:\n  + conditional_menu.vip-ios\nNot attempted (1):\n  + conditional_menu.android\n"),
        "{err}"
    );
    assert!(err.contains("The account is partly changed."), "{err}");
}

#[test]
fn a_failure_before_any_change_says_nothing_was_changed() {
    // A new tag and a menu for it: the menu waits for the tag, whose creation fails.
    let account = Account::shop_applied();
    account.edit_config(
        "    - name: 老客户\n",
        "    - name: 老客户\n    - name: 新客户\n",
    );
    account.edit_config(
        "\n# Who sees which menu",
        "  - name: newcomers\n    matchrule: { tag: 新客户 }\n    button:\n      - { name: 新人礼包, type: click, key: WELCOME_GIFT }\n\n# Who sees which menu",
    );
    account.emulator.fail_on("/cgi-bin/tags/create", 1, 45009);
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    let report = &err[err.find("\nerror: apply stopped").unwrap()..];
    report_snapshot!("failure_before_any_change", report);
    assert!(!err.contains("partly changed"), "{err}");
    assert!(!err.contains("Applied ("), "{err}");
    assert_eq!(account.mutations(), ["POST /cgi-bin/tags/create"]);
}

#[test]
fn a_failure_at_the_last_step_prints_no_empty_not_attempted_list() {
    let account = Account::shop_applied();
    account.edit_config("name: 下载App", "name: 安卓App");
    account
        .emulator
        .fail_on("/cgi-bin/menu/addconditional", 1, 45009);
    let output = account.apply(&["--auto-approve", "--allow-destroy"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    assert!(
        err.contains("Applied (1):\n  - conditional_menu.android\nFailed:\n  + conditional_menu.android\n\nThe account is partly changed."),
        "{err}"
    );
    assert!(!err.contains("Not attempted"), "{err}");
}

#[test]
fn an_add_answered_system_error_is_described_as_rechecked_not_retried_with_backoff() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    account
        .emulator
        .fail_on("/cgi-bin/menu/addconditional", 2, -1);
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    assert!(
        err.contains(
            "+ conditional_menu.vip-ios … menu/addconditional: WeChat error -1 (system error"
        ),
        "{err}"
    );
    assert!(!err.contains("retried with backoff —"), "{err}");
    assert!(
        err.contains("an add is not retried with backoff, as WeChat may have made it before failing: apply re-reads the account"),
        "{err}"
    );
}

#[test]
fn a_button_wechat_rejects_is_named_with_its_byte_count() {
    // An account enforcing the older documents' 40-byte sub button names: 42 bytes pass
    // validation (60) and are refused by WeChat.
    let account = Account::shop_applied();
    account
        .emulator
        .configure(|options| options.sub_button_name_limit = 40);
    account.edit_config("name: 官方商城,", "name: 官方商城新品限时特惠活动入口,");
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    let report = &err[err.find("\nerror: apply stopped").unwrap()..];
    report_snapshot!("button_rejected", report);
    assert!(
        err.contains("the longest sub button name in menu is button 2, sub button 1 \"官方商城新品限时特惠活动入口\": 42 bytes (UTF-8) against a documented limit of 60; WeChat enforces a lower limit on this account (older WeChat documents say 40 bytes)"),
        "{err}"
    );
}
