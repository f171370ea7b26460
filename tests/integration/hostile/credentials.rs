//! Credential variables wired to the wrong place: a configuration whose `*_env` fields point
//! one credential at another's variable, an appid variable holding a secret, and a proxy in
//! the environment. The secret is never shown, never names a file and never crosses a proxy.

use super::{against, output};
use crate::support::emulator::Emulator;
use crate::support::run::all_text;
use crate::support::shop::{SHOP_YAML, shop_dir};
use std::path::Path;

const FIELDS: [(&str, &str); 3] = [
    ("appid_env", "WECHAT_APPID"),
    ("secret_env", "WECHAT_APPSECRET"),
    ("token_env", "WECHAT_ACCESS_TOKEN"),
];

/// Every field pointed at every other field's standard variable (the other being left out),
/// and every two fields at one variable: refused by `validate` and by `plan`, before any call.
#[test]
fn every_cross_wiring_of_the_credential_variables_is_refused() {
    let emulator = Emulator::start();
    let mut wirings = Vec::new();
    for (field, _) in FIELDS {
        for (other, standard) in FIELDS {
            if field != other {
                wirings.push(format!("  {field}: {standard}\n"));
                wirings.push(format!("  {field}: SHARED\n  {other}: SHARED\n"));
            }
        }
    }
    for wiring in wirings {
        let dir = tempfile::tempdir().unwrap();
        let config = SHOP_YAML.replacen("account:\n", &format!("account:\n{wiring}"), 1);
        assert_ne!(config, SHOP_YAML, "the shop has an account section");
        std::fs::write(dir.path().join("wxform.yaml"), &config).unwrap();
        for args in [&["validate"][..], &["plan"]] {
            let result = output(against(&emulator, dir.path()).env("SHARED", "x").args(args));
            let text = all_text(&result);
            assert_eq!(result.status.code(), Some(1), "{wiring}{text}");
            assert!(text.contains("account."), "{wiring}{text}");
            assert!(!text.contains(emulator.secret()), "{wiring}{text}");
        }
    }
    assert!(emulator.requests().is_empty());
}

/// An appid variable that holds something other than an appid (a secret, a path, an escape)
/// is refused without being shown, and names no file.
#[test]
fn an_appid_that_is_no_appid_is_never_shown_or_used() {
    let emulator = Emulator::start();
    let secret = emulator.secret().to_string();
    for appid in [
        secret.as_str(),
        "../../etc/passwd",
        "wx1234567890abcde\u{1b}[2J",
        "WX1234567890ABCDEF",
    ] {
        for token in [None, Some("a-token-from-a-token-service")] {
            let dir = shop_dir();
            let mut command = against(&emulator, dir.path());
            command.env("WECHAT_APPID", appid).arg("plan");
            if let Some(token) = token {
                command.env("WECHAT_ACCESS_TOKEN", token);
            }
            let result = output(&mut command);
            let text = all_text(&result);
            assert_eq!(result.status.code(), Some(1), "{appid:?}: {text}");
            assert!(text.contains("does not hold an AppID"), "{text}");
            assert!(!text.contains(appid), "{text}");
            assert_no_file_named(&dir.path().join("cache"), appid);
        }
    }
    assert!(emulator.requests().is_empty());
}

fn assert_no_file_named(dir: &Path, part: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(!name.contains(part), "{name}");
    }
}

/// With every proxy variable pointing at a port where nothing listens, a plain-http base is
/// still reached directly: the AppSecret never travels to a proxy.
#[test]
fn credentials_for_a_plain_http_base_never_go_through_a_proxy() {
    let emulator = Emulator::start();
    let dir = shop_dir();
    let nowhere = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let mut command = against(&emulator, dir.path());
    for name in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
        command.env(name, &nowhere);
    }
    let result = output(command.arg("plan"));
    assert_eq!(result.status.code(), Some(0), "{}", all_text(&result));
    assert!(emulator.request_count("/cgi-bin/stable_token") >= 1);
}

/// An API base that carries credentials (a password, or a token in its query or fragment) is
/// refused without quoting them, whether it parses as a URL or not.
#[test]
fn an_api_base_carrying_credentials_is_refused_without_showing_them() {
    let emulator = Emulator::start();
    let dir = shop_dir();
    for base in [
        "https://user:PASSWORDVALUE@api.weixin.qq.com",
        "https://PASSWORDVALUE@api.weixin.qq.com",
        "https://api.weixin.qq.com/?access_token=PASSWORDVALUE",
        "https://api.weixin.qq.com/#access_token=PASSWORDVALUE",
        "api.weixin.qq.com:PASSWORDVALUE@x",
        "http//user:PASSWORDVALUE@api.weixin.qq.com",
    ] {
        let result = output(
            against(&emulator, dir.path())
                .env("WXFORM_API_BASE", base)
                .arg("plan"),
        );
        let text = all_text(&result);
        assert_eq!(result.status.code(), Some(1), "{base}: {text}");
        assert!(text.contains("--api-base"), "{base}: {text}");
        assert!(!text.contains("PASSWORDVALUE"), "{base}: {text}");
    }
    assert!(emulator.requests().is_empty());
}
