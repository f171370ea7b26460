//! `menu_checks:` and `wxform test` through the binary: the shop's checks pass making only
//! trymatch calls, a false check fails by name, trymatch answers are mapped back to configured
//! menus, `openid` checks are skipped without credentials, the JSON form, the Markdown plan,
//! the validation rules and the unreachable-menu warning.

use crate::plan::{Account, SHOP_YAML, closed_port_url, edit, shop_state};
use crate::support::emulator::{ApiGroup, Emulator, EmulatorOptions, TryMatchTags};
use crate::validate::{Run, run_in, validate_yaml};
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
         4 passed, 0 failed, 0 skipped\n"
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
    assert!(
        run.stdout.contains(&format!(
            "FAIL  {VIP_ANDROID}: expected `vip-ios`, sees `android`\n"
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("3 passed, 1 failed, 0 skipped\n"));
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
    assert!(
        run.stdout.contains(&format!(
            "FAIL  {VIP_ANDROID}: expected `vip-ios`, sees `android` on android, `menu` on others\n"
        )),
        "{}",
        run.stdout
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
    assert!(
        run.stdout.contains(&format!(
            "FAIL  {TESTER}: expected `vip-ios`, sees `android`\n"
        )),
        "{}",
        run.stdout
    );

    // A live menu the file does not describe (not applied yet, say).
    account.emulator.update_state(|state| {
        state.conditional_menus[1].button[1].name = "旧版App".into();
    });
    let run = account.run(&["test"]);
    assert!(
        run.stdout.contains(&format!(
            "FAIL  {TESTER}: expected `vip-ios`, sees a menu this file does not have (buttons: 新品上架, 旧版App)\n"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn an_openid_check_shows_when_wechat_matches_another_tag_than_the_newest() {
    // The tester was tagged VIP, then 内测用户. Read as documented (the newest tag counts),
    // they see the default menu on iOS; the described follower says the same.
    let yaml = edit(
        SHOP_YAML,
        "    sees: vip-ios\n\ntags:",
        "    sees: menu\n  - name: a VIP member later tagged 内测用户\n    user: { tags: [VIP, 内测用户], platform: ios }\n    sees: menu\n\ntags:",
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
    assert!(
        run.stdout.contains(&format!(
            "FAIL  {TESTER}: expected `menu`, sees `vip-ios`\n"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("pass  a VIP member later tagged 内测用户\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unknown_follower_fails_its_check_and_the_others_still_run() {
    let account = Account::shop();
    account.emulator.update_state(|state| state.users.clear());
    let run = account.run(&["test"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stdout.contains(&format!(
            "FAIL  {TESTER}: expected `vip-ios`, WeChat error 65302: "
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("3 passed, 1 failed, 0 skipped\n"));
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
    assert!(
        run.stderr.starts_with(&format!(
            "error: cannot run menu check `{TESTER}`; no check changes the account: menu/trymatch: WeChat error 65306"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn without_credentials_openid_checks_are_skipped_and_nothing_is_called() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), SHOP_YAML).unwrap();
    // An AppID alone (a repository variable in a fork's pull request) is no credential.
    let api = closed_port_url();
    let env = [
        ("WXFORM_API_BASE", api.as_str()),
        ("WECHAT_APPID", "wx1234567890abcdef"),
    ];
    let run = run_in(dir.path(), &["test"], &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!(
            "skip  {TESTER}: no credentials: set WECHAT_APPID and WECHAT_APPSECRET, or WECHAT_ACCESS_TOKEN\n"
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("3 passed, 0 failed, 1 skipped\n"));
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
    assert!(
        run.stdout.contains(&format!(
            "skip  {TESTER}: no credentials: set SHOP_APPID and SHOP_SECRET, or WECHAT_ACCESS_TOKEN\n"
        )),
        "{}",
        run.stdout
    );
    env.push(("SHOP_SECRET", account.emulator.secret()));
    let run = run_in(account.dir.path(), &["test"], &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.ends_with("4 passed, 0 failed, 0 skipped\n"));
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
    assert!(
        run.stdout.contains(
            "#### Menu checks: 2 passed, 1 failed, 1 not run\n\n\
             - ✅ VIP members on iOS see the member menu\n\
             - ✅ VIP members on Android see the Android menu\n\
             - ❌ followers without tags on iOS see the default menu: expected <code>menu</code>, sees <code>android</code>\n\
             - ⏭️ the test phone of our VIP tester: needs the live account: run <code>wxform test</code>\n"
        ),
        "{}",
        run.stdout
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

/// The shop's conditional menus and tags, with `checks` as its menu_checks.
fn checks(checks: &str) -> Run {
    let start = SHOP_YAML.find("menu_checks:\n").unwrap();
    let end = SHOP_YAML.find("\ntags:\n").unwrap();
    validate_yaml(format!(
        "{}menu_checks:\n{checks}{}",
        &SHOP_YAML[..start],
        &SHOP_YAML[end..]
    ))
}

/// `line:col` in the file [`checks`] writes, counting `line` from the first check.
fn at(line: usize, col: usize) -> String {
    let first = SHOP_YAML[..SHOP_YAML.find("menu_checks:\n").unwrap()]
        .lines()
        .count()
        + 2;
    format!("{}:{col}", first + line - 1)
}

/// `run` failed with exactly one error, `message`, at `at`.
fn one_error(run: &Run, message: &str, at: String) {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!("error: {message}\n")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("--> wxform.yaml:{at}\n")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("wxform.yaml: 1 error\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn sees_names_the_default_menu_or_a_conditional_menu() {
    let run = checks("  - { name: a, user: { tags: [VIP] }, sees: vip }\n");
    one_error(
        &run,
        "menu check `a` expects `vip`, which is not a menu of this file",
        at(1, 45),
    );
    assert!(
        run.stderr
            .contains("the menus are `menu`, `vip-ios`, `android`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_check_names_exactly_one_follower() {
    one_error(
        &checks("  - { name: both, user: {}, openid: o1, sees: menu }\n"),
        "menu check `both` has both `user` and `openid`",
        at(1, 37),
    );
    one_error(
        &checks("  - { name: nobody, sees: menu }\n"),
        "menu check `nobody` names no follower",
        at(1, 5),
    );
}

#[test]
fn platforms_tags_and_names_are_checked() {
    one_error(
        &checks("  - { name: a, user: { platform: harmony }, sees: menu }\n"),
        "unknown platform `harmony`",
        at(1, 34),
    );
    one_error(
        &checks("  - { name: a, user: { tags: [VIP, vip] }, sees: menu }\n"),
        "tag `vip` is not known to this file",
        at(1, 36),
    );
    one_error(
        &checks(
            "  - { name: a, openid: o1, sees: menu }\n  - { name: a, openid: o2, sees: menu }\n",
        ),
        "menu check name `a` is used twice",
        at(2, 13),
    );
    // WeChat's own tag is always known.
    let run = checks("  - { name: starred, user: { tags: [星标组] }, sees: menu }\n");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn an_openid_check_for_an_unmanaged_default_menu_is_a_warning() {
    // Without `menu:` there are no buttons to recognise the default menu by; a described
    // follower needs none.
    let run = validate_yaml(
        "version: 1\n\
         tags:\n  items: [{ name: VIP }]\n\
         menu_checks:\n\
         \x20 - { name: the test phone, openid: o1, sees: menu }\n\
         \x20 - { name: a described follower, user: { tags: [VIP] }, sees: menu }\n",
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "warning: menu check `the test phone` cannot recognise the default menu: this file does not manage `menu`\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> wxform.yaml:5:47\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("wxform.yaml: 1 warning\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn validate_names_an_unreachable_menu_and_the_newer_one_hiding_it() {
    // Android users, VIP or not, now see `android`: `vip-android` before it is never seen.
    let yaml = edit(
        SHOP_YAML,
        "  - name: android\n",
        "  - name: vip-android\n    matchrule: { tag: VIP, client_platform_type: android }\n    button: [{ name: 会员, type: click, key: VIP }]\n  - name: android\n",
    );
    let run = validate_yaml(&yaml);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "warning: conditional menu `vip-android` is never seen: `android`, later in conditional_menus, matches everyone it matches\n"
        ),
        "{}",
        run.stderr
    );
    // The matchrule of `vip-android`, the line after its name.
    let line = yaml[..yaml.find("  - name: vip-android").unwrap()]
        .lines()
        .count()
        + 2;
    assert!(
        run.stderr.contains(&format!("--> wxform.yaml:{line}:16\n")),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!("unreachable_menu_warning", run.stderr);
    assert!(
        run.stderr.contains("`android` is tried first"),
        "{}",
        run.stderr
    );

    // `plan` says so in the plan itself.
    let account = Account::new(shop_state(), &yaml);
    let plan = account.run(&["plan"]);
    assert!(
        plan.stdout.contains(
            "conditional_menu.vip-android is never seen: conditional_menu.android, later in conditional_menus, matches everyone it matches"
        ),
        "{}",
        plan.stdout
    );
}
