//! Menus as people write them, applied and planned again against the emulator: fields WeChat
//! ignores are never sent, conditional menus sharing a matchrule keep their order, and names
//! over the limit only in UTF-8 bytes go through where WeChat counts 2 bytes per CJK character.
//! Each time a plan right after `apply` shows no change.

use super::Account;
use crate::support::emulator::{EmulatorOptions, NameEncoding};
use serde_json::Value;

/// Extra fields everywhere WeChat ignores them, two menus for iOS, WeChat's own links.
const PASTED: &str = r#"version: 1
menu:
  button:
    - { type: view, name: 官网首页, url: "https://www.example.com/", key: HOME, sub_button: [] }
    - name: 会员服务
      type: click
      key: MEMBER
      sub_button:
        - { type: click, name: 签到, key: SIGN_IN, url: "https://www.example.com/sign" }
        - { type: miniprogram, name: 小程序商城, url: "https://shop.example.com/", appid: wx286b93c14bbf93aa, pagepath: pages/index/index, key: MINI }
        - { type: view, name: 公众号文章, url: "https://mp.weixin.qq.com/s/abc" }
conditional_menus:
  - name: ios-old
    matchrule: { client_platform_type: "1" }
    button:
      - { type: view, name: 苹果专区, url: "https://a.example.com/", media_id: IGNORED }
  - name: ios
    matchrule: { client_platform_type: "1" }
    menuid: 208396993
    button:
      - { type: view, name: 苹果用户, url: "https://ios.example.com/" }
      - name: 更多
        sub_button:
          - { type: view, name: 帮助, url: "https://help.example.com/" }
          - { type: view, name: 论坛, url: "https://bbs.example.com/" }
          - { type: view, name: 文章, url: "https://mp.weixin.qq.com/s/xyz" }
"#;

/// The bodies of the writes to `path`, in order.
fn bodies(account: &Account, path: &str) -> Vec<Value> {
    account
        .emulator
        .requests()
        .into_iter()
        .filter(|request| request.path == path)
        .filter_map(|request| request.body)
        .collect()
}

/// The first button name of each live conditional menu, oldest first.
fn conditional_order(account: &Account) -> Vec<String> {
    let menus = account.emulator.state().conditional_menus;
    menus.iter().map(|m| m.button[0].name.clone()).collect()
}

#[test]
fn fields_wechat_ignores_are_not_sent_and_a_plan_after_apply_is_empty() {
    let account = Account::empty();
    account.write_config(PASTED);
    let validate = account.run(&["validate"]);
    assert_eq!(validate.code, Some(0), "{}", validate.stderr);
    assert!(
        validate.stderr.contains("wxform.yaml: 8 warnings\n"),
        "{}",
        validate.stderr
    );
    account.apply_ok(&["--auto-approve"]);

    let create = &bodies(&account, "/cgi-bin/menu/create")[0];
    let sent = serde_json::json!({"button": [
        {"type": "view", "name": "官网首页", "url": "https://www.example.com/"},
        {"name": "会员服务", "sub_button": [
            {"type": "click", "name": "签到", "key": "SIGN_IN"},
            {"type": "miniprogram", "name": "小程序商城", "url": "https://shop.example.com/",
             "appid": "wx286b93c14bbf93aa", "pagepath": "pages/index/index"},
            {"type": "view", "name": "公众号文章", "url": "https://mp.weixin.qq.com/s/abc"}]}]});
    assert_eq!(create, &sent);
    let added = bodies(&account, "/cgi-bin/menu/addconditional");
    assert_eq!(added.len(), 2);
    assert_eq!(added[0]["button"][0].get("media_id"), None, "{}", added[0]);

    assert_eq!(conditional_order(&account), ["苹果专区", "苹果用户"]);
    account.emulator.clear_requests();
    assert_eq!(account.plan_code(), 0);
    account.assert_read_only();
}

#[test]
fn swapping_two_menus_with_one_matchrule_re_adds_one_and_keeps_the_order() {
    let account = Account::empty();
    account.write_config(PASTED);
    account.apply_ok(&["--auto-approve"]);
    // `ios` moves first: `ios-old` must now be the newer one, so it alone is added again.
    let ios_old = "  - name: ios-old\n    matchrule: { client_platform_type: \"1\" }\n    button:\n      - { type: view, name: 苹果专区, url: \"https://a.example.com/\", media_id: IGNORED }\n";
    let swapped = format!("{}{ios_old}", PASTED.replace(ios_old, ""));
    account.write_config(&swapped);
    let plan = account.run(&["plan"]);
    assert!(
        plan.stdout.contains("-/+ conditional_menu.ios-old\n")
            && !plan.stdout.contains("conditional_menu.ios\n"),
        "{}",
        plan.stdout
    );
    account.apply_ok(&["--auto-approve", "--allow-destroy"]);
    assert_eq!(conditional_order(&account), ["苹果用户", "苹果专区"]);
    assert_eq!(account.plan_code(), 0);
}

/// A top-level name of 7 CJK characters: 21 UTF-8 bytes, 14 counting 2 each.
const LONG_NAME: &str =
    "version: 1\nmenu:\n  button:\n    - { name: 会员中心服务台, type: click, key: K }\n";

#[test]
fn a_name_over_the_limit_only_in_utf8_applies_where_wechat_counts_2_bytes() {
    let account = Account::with(EmulatorOptions {
        name_encoding: NameEncoding::Gbk,
        ..EmulatorOptions::default()
    });
    account.write_config(LONG_NAME);
    let apply = account.run(&["apply", "--auto-approve"]);
    assert_eq!(apply.code, Some(0), "{}", apply.stderr);
    assert!(
        apply
            .stderr
            .contains("warning: button name is 21 UTF-8 bytes; WeChat may allow only 16"),
        "{}",
        apply.stderr
    );
    assert_eq!(account.plan_code(), 0);
}

#[test]
fn where_wechat_counts_utf8_bytes_the_same_name_fails_with_40018() {
    let account = Account::empty();
    account.write_config(LONG_NAME);
    let apply = account.run(&["apply", "--auto-approve"]);
    assert_eq!(apply.code, Some(1), "{}", apply.stderr);
    assert!(apply.stderr.contains("40018"), "{}", apply.stderr);
    assert!(account.emulator.state().menu.is_none());
}
