//! `validate` checks the `server:` section and the reply checks offline, each problem at its
//! file:line:col, and sends nothing anywhere.

use super::MENUS;
use crate::support::run::run_in;

fn validate(yaml: &str) -> crate::support::run::Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), yaml).unwrap();
    run_in(dir.path(), &["validate"], &[])
}

#[test]
fn every_mistake_in_the_server_section_is_reported_where_it_is() {
    let yaml = format!(
        "{MENUS}server:
  url: ftp://example.com/wechat
  original_id: gh_0123
  mode: safe
  token_env: WECHAT_APPSECRET
  encoding_aes_key_env: WECHAT_APPSECRET
"
    );
    let run = validate(&yaml);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!("server_section_mistakes", run.stderr);
}

#[test]
fn a_mode_wechat_does_not_have_is_an_error_at_its_value() {
    let run = validate(&format!(
        "{MENUS}server:\n  url_env: SERVER_URL\n  original_id: gh_0123456789ab\n  mode: secure\n"
    ));
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .starts_with("error: unknown value `secure`\n  --> wxform.yaml:33:9\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("one of plaintext, compatible, safe"));
}

#[test]
fn one_variable_for_the_token_and_the_key_and_a_tap_on_a_media_button_are_errors() {
    let menus = MENUS.replace(
        "        - { name: 门店位置, type: location_select, key: STORE_LOCATION }\n",
        "        - { name: 门店位置, type: location_select, key: STORE_LOCATION }\n        - { name: 价目表, type: media_id, media_id: MEDIA_PRICES }\n",
    );
    let run = validate(&format!(
        "{menus}server:
  url_env: SERVER_URL
  original_id: gh_0123456789ab
  mode: safe
  token_env: SHOP_SERVER_KEY
  encoding_aes_key_env: SHOP_SERVER_KEY
reply_checks:
  - name: the price list
    tap: 服务/价目表
    replies: nothing
"
    ));
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("error: `server.encoding_aes_key_env` names SHOP_SERVER_KEY, the variable of `server.token_env`\n  --> wxform.yaml:36:25\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error: `服务/价目表` is a button of type media_id, which sends the server no event\n  --> wxform.yaml:39:10\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("wxform.yaml: 2 errors\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_reply_check_resolves_against_the_menus() {
    let yaml = format!(
        "{MENUS}server:
  url_env: SERVER_URL
  original_id: gh_0123456789ab
  mode: plaintext
reply_checks:
  - name: a button that is not there
    tap: 服务/订单查询
    replies: nothing
  - name: a folder
    tap: 服务
    replies: nothing
  - name: no trigger
    replies: nothing
  - name: two triggers
    key: NEW_ARRIVALS
    follow: true
    replies: nothing
  - name: a reply type WeChat does not have
    key: NEW_ARRIVALS
    replies: {{ type: sticker }}
  - name: a key that is on no button
    key: ORDER_QUERY
    replies: nothing
"
    );
    let run = validate(&yaml);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!("reply_check_mistakes", run.stderr);
}

#[test]
fn reply_checks_need_a_server_section() {
    let yaml = format!(
        "{MENUS}reply_checks:
  - name: new followers are welcomed
    follow: true
    replies: {{ type: news }}
"
    );
    let run = validate(&yaml);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .starts_with("error: reply checks need a `server` section\n  --> wxform.yaml:31:3\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("wxform.yaml: 1 error\n"),
        "{}",
        run.stderr
    );
}
