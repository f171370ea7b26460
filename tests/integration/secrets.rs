//! The AppSecret and access tokens never appear in output, errors or Debug text, whatever
//! fails: a wrong secret, a refused connection, the IP whitelist, `-1` on every call.

use crate::client::support::{cached_client, config};
use crate::support::account::{closed_port_url, connect_to, retry_fast};
use crate::support::emulator::{Emulator, EmulatorOptions};
use crate::support::run::{stderr, stdout, wxform};
use std::path::Path;
use std::process::Output;
use wxform::wechat::cache::TokenCache;
use wxform::wechat::{Client, Credentials, Secret, Sections, read_live};

fn doctor(base: &str, appid: &str, secret: &str, dir: &Path) -> Output {
    let mut command = wxform();
    retry_fast(connect_to(&mut command, base, dir))
        .arg("doctor")
        .env("WECHAT_APPID", appid)
        .env("WECHAT_APPSECRET", secret)
        .output()
        .unwrap()
}

/// The token in the cache, if one was written.
fn cached_token(dir: &Path, emulator: &Emulator) -> Option<String> {
    let path = TokenCache::new(dir)
        .for_host(&emulator.host())
        .path(emulator.appid());
    let text = std::fs::read_to_string(path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(value["access_token"].as_str()?.to_string())
}

fn assert_clean(output: &Output, secrets: &[&str]) {
    let all = format!("{}{}", stdout(output), stderr(output));
    assert_eq!(
        output.status.code(),
        Some(1),
        "the failure is reported: {all}"
    );
    for secret in secrets {
        assert!(!secret.is_empty());
        assert!(
            !all.contains(secret),
            "a secret leaked into the output:\n{all}"
        );
    }
    assert!(!all.contains("access_token="), "{all}");
}

#[test]
fn wrong_secret_is_not_echoed() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let wrong = "0123456789abcdef0123456789abcdef";
    let output = doctor(&emulator.base_url(), emulator.appid(), wrong, dir.path());
    assert!(stdout(&output).contains("40125"), "{}", stdout(&output));
    assert_clean(&output, &[wrong, emulator.secret()]);
}

#[test]
fn refused_connection_does_not_leak() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "f00dfeedf00dfeedf00dfeedf00dfeed";
    let output = doctor(&closed_port_url(), "wx1234567890abcdef", secret, dir.path());
    assert!(
        stdout(&output).contains("could not connect"),
        "{}",
        stdout(&output)
    );
    assert_clean(&output, &[secret]);
}

#[test]
fn ip_whitelist_rejection_does_not_leak() {
    let options = EmulatorOptions {
        ip_whitelist_blocks: true,
        ..EmulatorOptions::default()
    };
    let emulator = Emulator::start_with(options);
    let dir = tempfile::tempdir().unwrap();
    let output = doctor(
        &emulator.base_url(),
        emulator.appid(),
        emulator.secret(),
        dir.path(),
    );
    assert!(stdout(&output).contains("203.0.113.7"));
    assert_clean(&output, &[emulator.secret()]);
}

#[test]
fn system_error_on_every_call_does_not_leak_secret_or_token() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    // A first run caches a token, so the failing run holds one while every call fails.
    doctor(
        &emulator.base_url(),
        emulator.appid(),
        emulator.secret(),
        dir.path(),
    );
    let token = cached_token(&dir.path().join("cache"), &emulator).expect("a cached token");
    emulator.fail_rate(1.0, 7);
    let output = doctor(
        &emulator.base_url(),
        emulator.appid(),
        emulator.secret(),
        dir.path(),
    );
    assert!(
        stdout(&output).contains("WeChat error -1"),
        "{}",
        stdout(&output)
    );
    assert_clean(&output, &[emulator.secret(), &token]);

    // And with no cache: -1 from stable_token itself.
    let fresh = tempfile::tempdir().unwrap();
    let output = doctor(
        &emulator.base_url(),
        emulator.appid(),
        emulator.secret(),
        fresh.path(),
    );
    assert_clean(&output, &[emulator.secret(), &token]);
}

#[test]
fn library_errors_and_debug_output_hold_no_secret_or_token() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let client = cached_client(&emulator, dir.path());
    client.token_info().unwrap();
    let token = cached_token(dir.path(), &emulator).unwrap();

    let mut texts = vec![format!("{client:?}")];
    emulator.fail_rate(1.0, 3);
    let err = read_live(&client, Sections::all()).unwrap_err();
    texts.push(format!("{err} {err:?}"));
    emulator.clear_faults();
    emulator.invalidate_token(&token);
    emulator.configure(|o| o.ip_whitelist_blocks = true);
    let err = client.tags_get().unwrap_err();
    assert_eq!(err.errcode(), Some(40164));
    texts.push(format!("{err} {err:?}"));

    let mut refused = config(&emulator);
    refused.api_base = closed_port_url();
    refused.credentials = Credentials::AccessToken {
        appid: None,
        token: Secret::new(token.clone()),
    };
    texts.push(format!("{refused:?}"));
    let err = Client::new(refused).unwrap().tags_get().unwrap_err();
    texts.push(format!("{err} {err:?}"));

    for text in texts {
        assert!(!text.contains(emulator.secret()), "{text}");
        assert!(!text.contains(&token), "{text}");
    }
}
