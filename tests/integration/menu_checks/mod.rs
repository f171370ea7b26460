//! `menu_checks:` and `wxform test` through the binary: the shop's checks pass making only
//! trymatch calls, a false check fails by name, trymatch answers are mapped back to configured
//! menus, `openid` checks are skipped without credentials, the JSON form and the Markdown plan.
//! `rules` holds the validation rules and the unreachable-menu warning.

mod rules;

use crate::support::account::{Account, closed_port_url, edit};
use crate::support::emulator::{ApiGroup, Emulator, EmulatorOptions, TryMatchTags};
use crate::support::run::{contains, run_in, starts_with};
use crate::support::shop::{SHOP_YAML, shop_dir, shop_state};
use std::collections::BTreeMap;

const VIP_ANDROID: &str = "VIP members on Android see the Android menu";
const TESTER: &str = "the test phone of our VIP tester";

fn shop_with(from: &str, to: &str) -> Account {
    Account::new(shop_state(), &edit(SHOP_YAML, from, to))
}

fn only_trymatch(calls: usize) -> BTreeMap<String, usize> {
    BTreeMap::from([
        ("/cgi-bin/menu/trymatch".to_string(), calls),
        ("/cgi-bin/stable_token".to_string(), 1),
    ])
}

#[test]
fn the_shop_checks_pass_and_test_makes_only_trymatch_calls() {
    let account = Account::shop();
    let run = account.run(&["test"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "pass  VIP members on iOS see the member menu\n\
         pass  VIP members on Android see the Android menu\n\
         pass  followers without tags on iOS see the default menu\n\
         pass  the test phone of our VIP tester\n\
         \n\
         4 passed, 0 failed, 0 skipped\n\
         \n\
         skip  server checks: WECHAT_SERVER_URL is not set: give --server-url URL, or set WECHAT_SERVER_URL to the server's URL\n"
    );
    assert_eq!(run.stderr, "");
    assert_eq!(account.counts(), only_trymatch(1));
    account.assert_read_only();
}

#[test]
fn a_false_user_check_fails_by_name_with_what_is_seen_instead() {
    let account = shop_with(
        "    user: { tags: [VIP], platform: android }\n    sees: android",
        "    user: { tags: [VIP], platform: android }\n    sees: vip-ios",
    );
    let run = account.run(&["test"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    contains(
        &run.stdout,
        &format!("FAIL  {VIP_ANDROID}: expected `vip-ios`, sees `android`\n"),
    );
    assert!(
        run.stdout.contains("\n3 passed, 1 failed, 0 skipped\n"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!("a_false_check", run.stdout);
    // A failed check is the product, not an error message.
    assert_eq!(run.stderr, "");
}

#[test]
fn a_user_check_without_platform_must_hold_on_every_platform() {
    let account = shop_with(
        "    user: { tags: [VIP], platform: android }\n    sees: android",
        "    user: { tags: [VIP] }\n    sees: vip-ios",
    );
    let run = account.run(&["test"]);
    assert_eq!(run.code, Some(1));
    contains(
        &run.stdout,
        &format!(
            "FAIL  {VIP_ANDROID}: expected `vip-ios`, sees `android` on android, `menu` on others\n"
        ),
    );
}

#[test]
fn trymatch_buttons_are_mapped_to_the_configured_menu_or_described() {
    let account = Account::shop();
    // The tester switched to an Android phone: WeChat shows the Android menu.
    account
        .emulator
        .update_state(|state| state.users[0].client_platform_type = "2".into());
    let run = account.run(&["test"]);
    assert_eq!(run.code, Some(1));
    contains(
        &run.stdout,
        &format!("FAIL  {TESTER}: expected `vip-ios`, sees `android`\n"),
    );

    // A live menu the file does not describe (not applied yet, say).
    account.emulator.update_state(|state| {
        state.conditional_menus[1].button[1].name = "旧版App".into();
    });
    let run = account.run(&["test"]);
    contains(
        &run.stdout,
        &format!(
            "FAIL  {TESTER}: expected `vip-ios`, sees a menu this file does not have (buttons: 新品上架, 旧版App)\n"
        ),
    );
}

#[test]
fn an_openid_check_shows_when_wechat_matches_another_tag_than_the_newest() {
    // The tester was tagged VIP, then 内测用户. Read as documented (the newest tag counts),
    // they see the default menu on iOS; the described follower says the same.
    let yaml = edit(
        SHOP_YAML,
        "    sees: vip-ios\n\n# The shop's own server",
        "    sees: menu\n  - name: a VIP member later tagged 内测用户\n    user: { tags: [VIP, 内测用户], platform: ios }\n    sees: menu\n\n# The shop's own server",
    );
    let documented = Account::new(shop_state(), &yaml);
    documented
        .emulator
        .update_state(|state| state.users[0].tag_ids = vec![100, 101]);
    let run = documented.run(&["test"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);

    // Were WeChat to match any of the follower's tags, only the openid check would notice.
    let any = EmulatorOptions {
        trymatch_tags: TryMatchTags::Any,
        ..EmulatorOptions::default()
    };
    let account = Account::on(Emulator::start_with(any), shop_state(), &yaml);
    account
        .emulator
        .update_state(|state| state.users[0].tag_ids = vec![100, 101]);
    let run = account.run(&["test"]);
    assert_eq!(run.code, Some(1));
    contains(
        &run.stdout,
        &format!("FAIL  {TESTER}: expected `menu`, sees `vip-ios`\n"),
    );
    contains(&run.stdout, "pass  a VIP member later tagged 内测用户\n");
}

#[test]
fn an_unknown_follower_fails_its_check_and_the_others_still_run() {
    let account = Account::shop();
    account.emulator.update_state(|state| state.users.clear());
    let run = account.run(&["test"]);
    assert_eq!(run.code, Some(1));
    contains(
        &run.stdout,
        &format!("FAIL  {TESTER}: expected `vip-ios`, WeChat error 65302: "),
    );
    assert!(
        run.stdout.contains("\n3 passed, 1 failed, 0 skipped\n"),
        "{}",
        run.stdout
    );
    account.assert_read_only();
}

#[test]
fn an_account_that_cannot_trymatch_ends_the_run_with_the_errcode() {
    let emulator =
        Emulator::start_with(EmulatorOptions::default().deny(ApiGroup::ConditionalMenus, 65306));
    let account = Account::on(emulator, shop_state(), SHOP_YAML);
    let run = account.run(&["test"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    starts_with(
        &run.stderr,
        &format!(
            "error: cannot run menu check `{TESTER}`; no check changes the account: menu/trymatch: WeChat error 65306"
        ),
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn without_credentials_openid_checks_are_skipped_and_nothing_is_called() {
    let dir = shop_dir();
    // An AppID alone (a repository variable in a fork's pull request) is no credential.
    let api = closed_port_url();
    let env = [
        ("WXFORM_API_BASE", api.as_str()),
        ("WECHAT_APPID", "wx1234567890abcdef"),
    ];
    let run = run_in(dir.path(), &["test"], &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    contains(
        &run.stdout,
        &format!(
            "skip  {TESTER}: no credentials: set WECHAT_APPID and WECHAT_APPSECRET, or WECHAT_ACCESS_TOKEN\n"
        ),
    );
    assert!(
        run.stdout.contains("\n3 passed, 0 failed, 1 skipped\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn the_variables_the_file_names_are_the_credentials() {
    let yaml = edit(
        SHOP_YAML,
        "  appid: wx1234567890abcdef\n",
        "  appid: wx1234567890abcdef\n  appid_env: SHOP_APPID\n  secret_env: SHOP_SECRET\n",
    );
    let account = Account::new(shop_state(), &yaml);
    let base = account.emulator.base_url();
    let cache = account.path("cache");
    let mut env = vec![
        ("WXFORM_API_BASE", base.as_str()),
        ("WXFORM_CACHE_DIR", cache.to_str().unwrap()),
        ("SHOP_APPID", account.emulator.appid()),
    ];
    // Only the AppID: the openid check is skipped, naming the file's variables.
    let run = run_in(account.dir.path(), &["test"], &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    contains(
        &run.stdout,
        &format!(
            "skip  {TESTER}: no credentials: set SHOP_APPID and SHOP_SECRET, or WECHAT_ACCESS_TOKEN\n"
        ),
    );
    env.push(("SHOP_SECRET", account.emulator.secret()));
    let run = run_in(account.dir.path(), &["test"], &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("\n4 passed, 0 failed, 0 skipped\n"),
        "{}",
        run.stdout
    );
    assert_eq!(account.counts(), only_trymatch(1));
}

#[test]
fn json_results_name_each_check_and_its_status() {
    let account = shop_with(
        "    user: { platform: ios }\n    sees: menu",
        "    user: { platform: android }\n    sees: menu",
    );
    let run = account.run(&["test", "--format", "json"]);
    assert_eq!(run.code, Some(1));
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["format_version"], 1);
    assert_eq!(
        (&doc["passed"], &doc["failed"], &doc["skipped"]),
        (&3.into(), &1.into(), &0.into())
    );
    let failed = &doc["checks"][2];
    assert_eq!(
        failed["name"],
        "followers without tags on iOS see the default menu"
    );
    assert_eq!(failed["kind"], "user");
    assert_eq!(failed["status"], "fail");
    assert_eq!(failed["expected"], "menu");
    assert_eq!(failed["detail"], "sees `android`");
    assert_eq!(doc["checks"][3]["kind"], "openid");
    assert_eq!(doc["checks"][3]["status"], "pass");
}

#[test]
fn the_markdown_plan_reports_user_checks_without_calling_trymatch() {
    let account = shop_with(
        "    user: { platform: ios }\n    sees: menu",
        "    user: { platform: android }\n    sees: menu",
    );
    let run = account.run(&["plan", "--format", "markdown"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    contains(
        &run.stdout,
        "#### Menu checks: 2 passed, 1 failed, 1 not run\n\n\
             - ✅ VIP members on iOS see the member menu\n\
             - ✅ VIP members on Android see the Android menu\n\
             - ❌ followers without tags on iOS see the default menu: expected `menu`, sees `android`\n\
             - ⏭️ the test phone of our VIP tester: needs the live account: run `wxform test`\n",
    );
    assert_eq!(account.counts().get("/cgi-bin/menu/trymatch"), None);
}

#[test]
fn a_file_without_checks_says_so() {
    let account = Account::new(shop_state(), crate::validate::MENU);
    let run = account.run(&["test"]);
    assert_eq!(run.code, Some(0));
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "wxform.yaml has no menu_checks\n");
    assert!(account.counts().is_empty());
}
