//! An account that lacks an API (48001): what `doctor` and `plan` say.

use super::with_secret;
use crate::doctor::{snapshot, stable};
use crate::support::emulator::{Emulator, EmulatorOptions};
use crate::support::run::{all_text, stderr, stdout};

/// What the advice on a 48001 says, wherever it appears.
const EXPLAINED: [&str; 4] = [
    "the account lacks this API",
    "a personal subscription account has no menu API at all",
    "设置与开发 → 接口权限",
    "this is not a credentials problem (WeChat accepted them)",
];

#[test]
fn doctor_on_48001_explains_an_account_without_the_menu_api() {
    let emulator = Emulator::start_with(EmulatorOptions::personal_subscription());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wxform.yaml"),
        "version: 1\nmenu:\n  button:\n    - { name: 官网, type: view, url: \"https://example.com/\" }\n",
    )
    .unwrap();
    let output = with_secret(&emulator, dir.path(), &["doctor"]);
    snapshot!("doctor_48001_menu", stable(&output, dir.path()));
    let text = stdout(&output);
    let menu = text
        .lines()
        .find(|line| line.starts_with("FAIL menu "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        menu.contains("menu/get: WeChat error 48001 (api unauthorized rid: "),
        "{menu}"
    );
    for part in EXPLAINED {
        assert!(menu.contains(part), "{part}: {menu}");
    }
    assert!(
        text.contains("ok   access token"),
        "credentials are fine: {text}"
    );
    assert!(text.contains("ok   IP whitelist"), "{text}");
    assert_eq!(output.status.code(), Some(1));
    assert!(!all_text(&output).contains(emulator.secret()));
}

#[test]
fn plan_on_48001_says_the_account_lacks_the_api() {
    let emulator = Emulator::start_with(EmulatorOptions::personal_subscription());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wxform.yaml"),
        "version: 1\nmenu:\n  button:\n    - { name: 官网, type: view, url: \"https://example.com/\" }\n",
    )
    .unwrap();
    let output = with_secret(&emulator, dir.path(), &["plan"]);
    let error = stderr(&output);
    assert!(error.contains("menu/get: WeChat error 48001"), "{error}");
    for part in EXPLAINED {
        assert!(error.contains(part), "{part}: {error}");
    }
    assert_eq!(output.status.code(), Some(1));
}
