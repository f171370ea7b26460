//! Faults during apply: `-1` answers at random, writes that get no answer (before or after
//! WeChat made the change), and an error midway. Nothing is ever created twice, and re-running
//! converges.

use super::{
    Account, SHOP_MUTATIONS, SHOP_YAML, assert_no_secrets, both, code, spawn_apply,
    successful_mutations, writes_made,
};
use crate::support::account::wait_for;
use crate::support::emulator::DropMode;
use crate::support::run::{stderr, stdout};

#[test]
fn random_system_errors_converge_over_reruns_without_duplicates() {
    let mut failed_runs = 0;
    for seed in [1, 7, 42] {
        let account = Account::empty();
        account.write_config(SHOP_YAML);
        account.emulator.fail_rate(0.3, seed);
        let mut runs = 0;
        loop {
            runs += 1;
            let output = account.apply(&["--auto-approve"]);
            if code(&output) == 0 {
                break;
            }
            assert_eq!(code(&output), 1, "{}", both(&output));
            failed_runs += 1;
            assert!(runs < 10, "seed {seed}: no convergence in 10 runs");
        }
        let system_errors = account
            .emulator
            .requests()
            .iter()
            .filter(|r| r.errcode == -1)
            .count();
        assert!(system_errors > 0, "seed {seed}: the faults fired");
        let successful = successful_mutations(&account.emulator.requests());
        assert_eq!(
            successful.values().sum::<usize>(),
            SHOP_MUTATIONS,
            "seed {seed}: each change made once: {successful:?}"
        );
        account.emulator.clear_faults();
        account.assert_shop_without_duplicates();
    }
    assert!(failed_runs > 0, "some run failed and was re-run");
}

/// Applies the shop with the first call to `path` dropped in `mode`.
fn apply_with_drop(path: &str, mode: DropMode) -> (Account, String) {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    account.emulator.drop_on(path, 1, mode);
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 0, "{}", both(&output));
    // Transport errors quote URLs, which carry the token.
    assert_no_secrets(&account, &output);
    (account, stderr(&output))
}

#[test]
fn an_add_answered_by_a_dropped_connection_after_the_write_is_not_repeated() {
    for (path, adds) in [
        ("/cgi-bin/menu/addconditional", 2),
        ("/cgi-bin/tags/create", 3),
        ("/cgi-bin/template/api_add_template", 2),
        ("/wxaapi/newtmpl/addtemplate", 1),
    ] {
        let (account, stderr) = apply_with_drop(path, DropMode::AfterWrite);
        assert!(
            stderr.contains("re-reading the account to see whether the change was made"),
            "{stderr}"
        );
        assert!(
            stderr.contains("the account already shows this change"),
            "{stderr}"
        );
        assert_eq!(
            account.emulator.request_count(path),
            adds,
            "{path}: each sent once"
        );
        account.assert_shop_without_duplicates();
    }
}

#[test]
fn an_add_dropped_before_the_write_is_tried_once_more() {
    let path = "/cgi-bin/menu/addconditional";
    let (account, stderr) = apply_with_drop(path, DropMode::BeforeWrite);
    assert!(
        stderr.contains("the change was not made; trying once more"),
        "{stderr}"
    );
    // Two menus, one of them sent twice.
    assert_eq!(account.emulator.request_count(path), 3);
    account.assert_shop_without_duplicates();
}

#[test]
fn idempotent_writes_dropped_after_the_write_are_found_done() {
    for path in ["/cgi-bin/menu/create", "/cgi-bin/template/api_set_industry"] {
        let (account, stderr) = apply_with_drop(path, DropMode::AfterWrite);
        assert!(
            stderr.contains("the account already shows this change"),
            "{stderr}"
        );
        assert_eq!(account.emulator.request_count(path), 1);
        account.assert_shop_without_duplicates();
    }
}

#[test]
fn a_failure_midway_reports_what_was_and_was_not_applied_and_a_rerun_converges() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    // One tag's creation waits while every other lane makes its calls (the conditional menus
    // wait for the tags); then it fails on the daily quota, which is not retried.
    account
        .emulator
        .pause_mutation_on("/cgi-bin/tags/create", 0);
    let mut child = spawn_apply(&account, "cache");
    wait_for(&mut child, "every other lane's calls", || {
        account.emulator.paused() == 1 && writes_made(&account) == SHOP_MUTATIONS - 3
    });
    account.emulator.fail_on("/cgi-bin/tags/create", 1, 45009);
    account.emulator.resume();
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    assert!(
        err.contains("error: apply stopped at + tag.")
            && err.contains(": tags/create: WeChat error 45009"),
        "{err}"
    );
    assert!(err.contains("Applied (7):\n  + tag."), "{err}");
    assert!(
        err.contains("  + industry\n  + template.order_paid (template_id "),
        "{err}"
    );
    assert!(err.contains("Failed:\n  + tag."), "{err}");
    assert!(
        err.contains(
            "Not attempted (2):\n  + conditional_menu.vip-ios\n  + conditional_menu.android\n"
        ),
        "{err}"
    );
    assert!(err.contains("The account is partly changed."), "{err}");
    assert!(err.contains("run `wxform apply` again"), "{err}");
    assert_no_secrets(&account, &output);
    assert!(!stdout(&output).contains("Apply complete"));

    account.emulator.clear_requests();
    let rerun = account.apply_ok(&["--auto-approve"]);
    assert!(
        stdout(&rerun).contains("Apply complete: 3 added"),
        "{}",
        both(&rerun)
    );
    assert_eq!(account.emulator.mutating_requests().len(), 3);
    account.assert_shop_without_duplicates();
}

#[test]
fn conditional_menus_dropped_by_menu_create_are_added_back() {
    // An account where menu/create also deletes the conditional menus.
    let account = Account::shop_applied();
    account
        .emulator
        .configure(|options| options.create_keeps_conditional = false);
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    account.emulator.clear_requests();
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 0, "{}", both(&output));
    let err = stderr(&output);
    assert!(
        err.contains("WeChat removed the conditional menus when the default menu was replaced; adding them again"),
        "{err}"
    );
    assert!(stdout(&output).contains("Apply complete"));
    // In configuration order, so that precedence is kept.
    assert_eq!(
        account.mutations(),
        [
            "POST /cgi-bin/menu/create",
            "POST /cgi-bin/menu/addconditional",
            "POST /cgi-bin/menu/addconditional"
        ]
    );
    account.assert_shop_without_duplicates();
}

#[test]
fn a_template_title_that_is_not_the_librarys_is_reported() {
    // A title that does not match what the library stores for template 43216 (发货提醒).
    let account = Account::empty();
    let yaml = SHOP_YAML.replace("title: 发货提醒\n", "title: 订单发货通知\n");
    account.write_config(&yaml);
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    assert!(err.contains("does not match the configuration"), "{err}");
    assert!(
        err.contains("template.order_shipped will be created"),
        "{err}"
    );
}

#[test]
fn an_add_answered_with_system_error_is_checked_then_tried_once_more() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    // The client does not repeat an add on -1 (WeChat may have made it): apply re-reads, finds
    // nothing, and tries once more.
    let path = "/cgi-bin/menu/addconditional";
    account.emulator.fail_on(path, 1, -1);
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 0, "{}", both(&output));
    assert!(stderr(&output).contains("re-reading the account"));
    account.assert_shop_without_duplicates();
}

#[test]
fn an_add_that_keeps_answering_system_error_is_checked_and_not_repeated() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let path = "/cgi-bin/menu/addconditional";
    account.emulator.fail_on(path, 2, -1);
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    assert!(err.contains("re-reading the account"), "{err}");
    assert!(
        err.contains("error: apply stopped at + conditional_menu.vip-ios: menu/addconditional: WeChat error -1"),
        "{err}"
    );
    assert_eq!(
        account.emulator.request_count(path),
        2,
        "one call, a check, one more call, then stop"
    );
    assert!(account.emulator.state().conditional_menus.is_empty());

    account.apply_ok(&["--auto-approve"]);
    account.assert_shop_without_duplicates();
}

#[test]
fn a_delete_of_something_already_gone_counts_as_done() {
    // menu/create removes the conditional menus on this account, so the delete of the changed
    // conditional menu finds nothing to delete.
    let account = Account::shop_applied();
    account
        .emulator
        .configure(|options| options.create_keeps_conditional = false);
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    account.edit_config("name: 下载App", "name: 安卓App");
    let output = account.apply(&["--auto-approve"]);
    let err = stderr(&output);
    assert!(
        err.contains("- conditional_menu.android … done: the account already shows this change"),
        "{err}"
    );
    assert!(
        err.contains("+ conditional_menu.android … done (menuid"),
        "{err}"
    );
    // The other menu went too: it is added back, and android after it again for precedence.
    assert_eq!(code(&output), 0, "{}", both(&output));
    assert!(err.contains("adding them again"), "{err}");
    assert!(
        err.contains("+ conditional_menu.vip-ios … done (menuid"),
        "{err}"
    );
    account.assert_shop_without_duplicates();
}
