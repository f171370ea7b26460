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
