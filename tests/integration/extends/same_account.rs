//! Two files that are one account: `plan DIR` warns on stderr and in every form of the report,
//! naming both files.

use super::{Accounts, TEST_APPID, account_file, write};
use crate::support::run::{stderr, stdout};
use serde_json::Value;

const WARNING: &str = "accounts/staging.yaml and accounts/test.yaml are the same account (both have account.appid wx1111111111111111): applying both, one would replace the other's menu";

#[test]
fn two_files_with_one_appid_are_warned_about() {
    let accounts = Accounts::new();
    write(
        accounts.dir.path(),
        &[(
            "accounts/staging.yaml",
            &account_file("TEST", TEST_APPID, "staging.shop.example.com"),
        )],
    );
    let text = accounts.run(&["plan", "accounts"]);
    assert_eq!(text.status.code(), Some(0), "a warning: {}", stderr(&text));
    assert_eq!(stderr(&text), format!("warning: {WARNING}\n"));
    assert!(
        stdout(&text).ends_with(&format!(
            "\nWarnings:\n  - {WARNING}\n\nAccounts: 3 — 3 with changes, 0 without, 0 not planned.\n"
        )),
        "{}",
        stdout(&text)
    );

    let json = accounts.run(&["plan", "accounts", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(
        report["warnings"],
        serde_json::json!([{
            "files": ["accounts/staging.yaml", "accounts/test.yaml"],
            "message": WARNING,
        }])
    );

    let markdown = accounts.run(&["plan", "accounts", "--format", "markdown"]);
    assert!(
        stdout(&markdown).contains(
            "> [!WARNING]\n> `accounts/staging.yaml` and `accounts/test.yaml` are the same account (both have account.appid `wx1111111111111111`): applying both, one would replace the other's menu\n"
        ),
        "{}",
        stdout(&markdown)
    );
}

#[test]
fn two_files_reading_the_same_variables_are_one_account() {
    let accounts = Accounts::new();
    // Neither names an appid: the variables they read are what makes them one account.
    let unguarded = |host: &str| {
        account_file("TEST", TEST_APPID, host).replace("  appid: wx1111111111111111\n", "")
    };
    write(
        accounts.dir.path(),
        &[
            ("accounts/test.yaml", &unguarded("test.shop.example.com")),
            ("accounts/z-copy.yaml", &unguarded("copy.shop.example.com")),
        ],
    );
    let run = accounts.run(&["plan", "accounts"]);
    assert_eq!(
        stderr(&run),
        "warning: accounts/test.yaml and accounts/z-copy.yaml are the same account (both read their credentials from TEST_APPID, TEST_APPSECRET and WECHAT_ACCESS_TOKEN): applying both, one would replace the other's menu\n"
    );
    // Different accounts, different variables: no warning.
    std::fs::remove_file(accounts.dir.path().join("accounts/z-copy.yaml")).unwrap();
    let run = accounts.run(&["plan", "accounts"]);
    assert_eq!(stderr(&run), "");
}
