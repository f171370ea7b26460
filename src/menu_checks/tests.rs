//! Checks judged against a small configuration: a VIP menu, an Android menu after it, and
//! buttons read back from WeChat.

use super::*;
use crate::config::load_str;

const YAML: &str = r#"version: 1
menu:
  button: [{ name: 首页, type: click, key: HOME }]
conditional_menus:
  - name: vip
    matchrule: { tag: VIP }
    button: [{ name: 会员, type: click, key: VIP }]
  - name: android
    matchrule: { client_platform_type: android }
    button: [{ name: 下载App, type: click, key: APP }]
tags:
  items: [{ name: VIP }, { name: beta }]
menu_checks:
  - { name: vip on ios, user: { tags: [VIP], platform: ios }, sees: vip }
  - { name: vip anywhere, user: { tags: [VIP] }, sees: vip }
  - { name: vip tagged beta later, user: { tags: [VIP, beta], platform: ios }, sees: vip }
  - { name: nobody, user: {}, sees: menu }
  - { name: phone, openid: o6_bmjrPTlm6_2sgVt7hMZOPfL2M, sees: vip }
"#;

fn desired() -> Desired {
    load_str("f.yaml", YAML).unwrap().desired
}

fn results() -> Vec<CheckResult> {
    offline(&desired(), "needs the live account")
}

fn click(name: &str, key: &str) -> Button {
    Button {
        name: name.into(),
        kind: Some("click".into()),
        key: Some(key.into()),
        ..Button::default()
    }
}

#[test]
fn a_matching_user_passes() {
    assert_eq!(results()[0].status, Status::Pass);
    assert_eq!(results()[0].detail, None);
}

#[test]
fn without_a_platform_every_platform_must_agree_and_the_odd_one_is_named() {
    let result = &results()[1];
    assert_eq!(result.status, Status::Fail);
    assert_eq!(result.detail.as_deref(), Some("sees `android` on android"));
}

#[test]
fn the_tag_applied_last_is_the_one_that_counts() {
    let result = &results()[2];
    assert_eq!(result.status, Status::Fail);
    assert_eq!(result.detail.as_deref(), Some("sees `menu`"));
}

#[test]
fn a_follower_without_tags_sees_the_default_menu_except_on_android() {
    let result = &results()[3];
    assert_eq!(result.status, Status::Fail);
    assert_eq!(result.detail.as_deref(), Some("sees `android` on android"));
}

#[test]
fn openid_checks_are_skipped_offline_with_the_reason() {
    let result = &results()[4];
    assert_eq!((result.kind, result.status), (Kind::Openid, Status::Skip));
    assert_eq!(result.detail.as_deref(), Some("needs the live account"));
    assert_eq!(tally(&results()), (1, 3, 1));
}

#[test]
fn trymatch_buttons_map_back_to_the_configured_menu() {
    let desired = desired();
    let check = &desired.menu_checks[4];
    let vip = openid(&desired, check, &[click("会员", "VIP")]);
    assert_eq!(vip.status, Status::Pass);
    let home = openid(&desired, check, &[click("首页", "HOME")]);
    assert_eq!(home.detail.as_deref(), Some("sees `menu`"));
}

#[test]
fn buttons_of_no_configured_menu_are_described() {
    let desired = desired();
    let check = &desired.menu_checks[4];
    // Same name, other key: not the VIP menu.
    let result = openid(
        &desired,
        check,
        &[click("会员", "OLD"), click("客服", "HELP")],
    );
    assert_eq!(result.status, Status::Fail);
    assert_eq!(
        result.detail.as_deref(),
        Some("sees a menu this file does not have (buttons: 会员, 客服)")
    );
}
