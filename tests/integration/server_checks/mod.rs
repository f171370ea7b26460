//! The server checks of `wxform test` against the harness's account server
//! (`support::account_server`), which checks every signature and decrypts with its own code:
//! the pushes as WeChat sends them in each mode, each kind of reply judged, reply checks, the
//! handshake, skipping without a URL, the settings' errors, secrets, and pushes a few at a time.

mod doctor;
mod errors;
mod modes;
mod replies;
mod shop;
mod validate;

use crate::support::account_server::{
    AccountServer, Behaviour, ENCODING_AES_KEY, Mode, Setup, TOKEN,
};
use crate::support::run::{Run, run_in};

/// Every kind of event button, in the default menu and a conditional menu.
const MENUS: &str = r#"version: 1
account:
  appid: wx1234567890abcdef
menu:
  button:
    - { name: 新品上架, type: click, key: NEW_ARRIVALS }
    - name: 服务
      sub_button:
        - { name: 联系客服, type: click, key: CONTACT_SERVICE }
        - { name: 扫码查价, type: scancode_push, key: SCAN_PRICE }
        - { name: 扫码等待, type: scancode_waitmsg, key: SCAN_WAIT }
        - { name: 门店位置, type: location_select, key: STORE_LOCATION }
    - name: 晒单
      sub_button:
        - { name: 拍照, type: pic_sysphoto, key: PIC_CAMERA }
        - { name: 相册, type: pic_photo_or_album, key: PIC_ALBUM }
        - { name: 微信相册, type: pic_weixin, key: PIC_WEIXIN }
        - { name: 官网, type: view, url: "https://shop.example.com/" }
        - name: 小程序
          type: miniprogram
          url: https://shop.example.com/fallback
          appid: wx286b93c14bbf93aa
          pagepath: pages/index/index
conditional_menus:
  - name: android
    matchrule: { client_platform_type: android }
    button:
      - { name: 新品上架, type: click, key: NEW_ARRIVALS }
      - { name: 积分, type: click, key: POINTS }
"#;

/// `MENUS` with a `server:` section in `mode` whose URL is in `SERVER_URL`, and `rest` after.
fn config(mode: &str, rest: &str) -> String {
    format!(
        "{MENUS}server:\n  url_env: SERVER_URL\n  original_id: gh_0123456789ab\n  mode: {mode}\n{rest}"
    )
}

fn mode_word(mode: Mode) -> &'static str {
    match mode {
        Mode::Plaintext => "plaintext",
        Mode::Compatible => "compatible",
        Mode::Safe => "safe",
    }
}

/// `wxform test` of `yaml` against `server`, with the token and key set, and `env` added.
fn test(yaml: &str, server: &AccountServer, args: &[&str], env: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), yaml).unwrap();
    let url = server.url();
    let mut all = vec![
        ("SERVER_URL", url.as_str()),
        ("WECHAT_SERVER_TOKEN", TOKEN),
        ("WECHAT_ENCODING_AES_KEY", ENCODING_AES_KEY),
    ];
    all.extend_from_slice(env);
    let mut full = vec!["test"];
    full.extend_from_slice(args);
    run_in(dir.path(), &full, &all)
}

/// A server in `mode` answering `answers`, `success` otherwise, checked with `rest` in the
/// configuration.
fn check(
    mode: Mode,
    answers: &[(&str, Behaviour)],
    rest: &str,
    env: &[(&str, &str)],
) -> (Run, AccountServer) {
    let mut setup = Setup::new(mode);
    for (key, behaviour) in answers {
        setup = setup.answer(key, behaviour.clone());
    }
    let server = AccountServer::start(setup);
    let run = test(&config(mode_word(mode), rest), &server, &[], env);
    (run, server)
}

/// The run's lines without their times (`(12 ms)`), which change from run to run.
fn timeless(text: &str) -> String {
    text.lines()
        .map(|line| match line.rfind(" (") {
            Some(at) if line.ends_with(" ms)") => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The line of the run about `what`.
fn line_of<'a>(run: &'a Run, what: &str) -> &'a str {
    run.stdout
        .lines()
        .find(|line| line.contains(what))
        .unwrap_or_else(|| panic!("no line with {what:?} in:\n{}{}", run.stdout, run.stderr))
}
