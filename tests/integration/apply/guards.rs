//! The guards: each refusal exits 1, says why, and makes no mutating call.

use super::{Account, SHOP_YAML, both, code};
use crate::support::emulator::Tag;
use crate::support::run::{stderr, stdout};

/// Runs apply with `args`, expects a refusal, and returns its stderr.
fn refused(account: &Account, args: &[&str]) -> (String, String) {
    let output = account.apply(args);
    assert_eq!(code(&output), 1, "{}", both(&output));
    assert!(
        account.emulator.mutating_requests().is_empty(),
        "no mutating call: {:?}",
        account.mutations()
    );
    (stdout(&output), stderr(&output))
}

#[test]
fn without_a_terminal_or_auto_approve_nothing_is_applied() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let (out, err) = refused(&account, &[]);
    assert!(out.contains("Plan: 10 to add"), "the plan is shown: {out}");
    assert!(err.contains("stdin is not a terminal"), "{err}");
    assert!(err.contains("--auto-approve"), "{err}");
}

#[test]
fn destroying_needs_allow_destroy() {
    let account = Account::shop_applied();
    account.edit_config("  - name: android\n", "  - name: removed\n");
    let yaml = std::fs::read_to_string(account.path("wxform.yaml")).unwrap();
    let start = yaml.find("  - name: removed\n").unwrap();
    let end = yaml.find("\ntags:").unwrap();
    account.write_config(&format!("{}{}", &yaml[..start], &yaml[end..]));

    let (out, err) = refused(&account, &["--auto-approve"]);
    assert!(
        out.contains("# conditional_menu[menuid=") && out.contains("(needs --allow-destroy)"),
        "the plan shows what is refused: {out}"
    );
    assert!(err.contains("--allow-destroy was not given"), "{err}");
    assert!(err.contains("conditional_menu[menuid="), "{err}");

    account.apply_ok(&["--auto-approve", "--allow-destroy"]);
    assert_eq!(account.mutations(), ["POST /cgi-bin/menu/delconditional"]);
    assert_eq!(account.emulator.state().conditional_menus.len(), 1);
}

#[test]
fn an_empty_menu_says_it_deletes_every_conditional_menu() {
    let account = Account::shop_applied();
    let yaml = std::fs::read_to_string(account.path("wxform.yaml")).unwrap();
    let start = yaml.find("menu:\n  button:").unwrap();
    let end = yaml.find("\ntags:").unwrap();
    account.write_config(&format!(
        "{}menu: {{button: []}}\nconditional_menus: []\n{}",
        &yaml[..start],
        &yaml[end..]
    ));
    let (_, err) = refused(&account, &["--auto-approve"]);
    assert!(
        err.contains(
            "deletes the default menu, and WeChat then deletes every conditional menu too"
        ),
        "{err}"
    );

    account.apply_ok(&["--auto-approve", "--allow-destroy"]);
    assert_eq!(account.mutations(), ["GET /cgi-bin/menu/delete"]);
    let state = account.emulator.state();
    assert!(state.menu.is_none() && state.conditional_menus.is_empty());
}

#[test]
fn another_accounts_config_is_refused_before_any_call() {
    let account = Account::empty();
    account.write_config(&SHOP_YAML.replace("wx1234567890abcdef", "wx0000000000000000"));
    let (_, err) = refused(&account, &["--auto-approve"]);
    assert!(
        err.contains("the configuration is for account wx0000000000000000 (account.appid), but the credentials are for wx1234567890abcdef"),
        "{err}"
    );
    assert!(account.emulator.requests().is_empty());
}

#[test]
fn a_plan_with_errors_is_refused() {
    // 100 tags already: the shop's three would pass WeChat's cap.
    let account = Account::empty();
    account.emulator.update_state(|state| {
        state.tags = (0..100)
            .map(|i| Tag::new(100 + i, &format!("t{i}")))
            .collect();
    });
    account.write_config(SHOP_YAML);
    let (out, err) = refused(&account, &["--auto-approve"]);
    assert!(out.contains("Errors: this plan cannot be applied"), "{out}");
    assert!(err.contains("error: the plan cannot be applied"), "{err}");
}

#[test]
fn a_saved_plan_applies_exactly_without_a_prompt() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let planned = account.output(&["plan", "--out", "plan.json"]);
    assert_eq!(code(&planned), 0, "{}", both(&planned));
    assert!(account.emulator.mutating_requests().is_empty());
    // No terminal and no --auto-approve: the saved plan was reviewed already.
    let output = account.apply_ok(&["--plan", "plan.json"]);
    assert!(stdout(&output).contains("Apply complete: 10 added"));
    account.assert_shop_without_duplicates();
    // The same plan again: the account changed since it was made.
    account.emulator.clear_requests();
    let (_, err) = refused(&account, &["--plan", "plan.json"]);
    assert!(
        err.contains("plan.json does not match what wxform would do now: the saved plan is stale"),
        "{err}"
    );
}

#[test]
fn a_saved_plan_is_stale_once_the_account_changed() {
    let account = Account::shop_applied();
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    assert_eq!(code(&account.output(&["plan", "--out", "plan.json"])), 0);
    account
        .emulator
        .update_state(|state| state.tags.push(Tag::new(150, "控制台新建")));
    let (_, err) = refused(&account, &["--plan", "plan.json"]);
    assert!(
        err.contains(
            "does not match what wxform would do now: the saved plan is stale: the live account changed since the plan was made"
        ),
        "{err}"
    );
}

#[test]
fn a_saved_plan_is_stale_once_the_config_changed() {
    let account = Account::shop_applied();
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    assert_eq!(code(&account.output(&["plan", "--out", "plan.json"])), 0);
    account.edit_config("name: 本周新品, type: click", "name: 今日新品, type: click");
    let (_, err) = refused(&account, &["--plan", "plan.json"]);
    assert!(
        err.contains("the saved plan is stale: the configuration changed since the plan was made"),
        "{err}"
    );
}

#[test]
fn a_destructive_saved_plan_still_needs_allow_destroy() {
    let account = Account::shop_applied();
    account.edit_config("    - name: 老客户\n", "");
    account.edit_config(
        "unmanaged: keep\n  items:\n    - name: VIP",
        "unmanaged: delete\n  items:\n    - name: VIP",
    );
    assert_eq!(code(&account.output(&["plan", "--out", "plan.json"])), 0);
    let (_, err) = refused(&account, &["--plan", "plan.json"]);
    assert!(err.contains("tag.老客户"), "{err}");
    account.apply_ok(&["--plan", "plan.json", "--allow-destroy"]);
    assert_eq!(account.mutations(), ["POST /cgi-bin/tags/delete"]);
}

#[test]
fn an_edited_saved_plan_is_refused() {
    let account = Account::shop_applied();
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    assert_eq!(code(&account.output(&["plan", "--out", "plan.json"])), 0);
    let text = std::fs::read_to_string(account.path("plan.json")).unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    // A tag delete slipped into the steps, under no destructive action.
    let vip = account.emulator.state().tags[0].clone();
    plan["steps"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"op": "delete_tag", "id": vip.id, "name": vip.name}));
    std::fs::write(account.path("plan.json"), plan.to_string()).unwrap();
    let (_, err) = refused(&account, &["--plan", "plan.json"]);
    assert!(
        err.contains(
            "plan.json does not match what wxform would do now: the list of steps does not follow from its actions"
        ),
        "{err}"
    );
}

#[test]
fn apply_uses_the_credential_variables_the_config_names() {
    let account = Account::empty();
    let yaml = SHOP_YAML.replace(
        "account:\n",
        "account:\n  appid_env: SHOP_APPID\n  secret_env: SHOP_SECRET\n",
    );
    assert!(
        yaml.contains("appid_env"),
        "the shop config has an account section"
    );
    account.write_config(&yaml);
    // The standard variables name another account's secret; only SHOP_* are right.
    let output = account
        .wxform()
        .args(["apply", "--auto-approve"])
        .env("WECHAT_APPSECRET", "not-the-shop-secret")
        .env("SHOP_APPID", account.emulator.appid())
        .env("SHOP_SECRET", account.emulator.secret())
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let state = account.emulator.state();
    assert_eq!(state.conditional_menus.len(), 2);
    assert_eq!(state.templates.len(), 2);

    // Without the named variables, apply refuses before any call.
    account.emulator.clear_requests();
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("SHOP_APPID"),
        "{}",
        stderr(&output)
    );
    assert!(account.emulator.requests().is_empty());
}
