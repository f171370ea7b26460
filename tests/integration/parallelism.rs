//! `wxform plan DIR --parallelism N`: how many accounts are read at a time. The report must not
//! depend on N, bad values are usage errors, and the accounts share reused connections.

use crate::support::account::connect;
use crate::support::emulator::{Button, DefaultMenu, Emulator, MenuSource, State};
use crate::support::run::{stderr, stdout, wxform};
use std::process::Output;

/// Accounts in the directory: enough that small N take several rounds.
const ACCOUNTS: usize = 7;

/// A directory of `ACCOUNTS` configurations for one emulated account whose live menu is
/// 旧官网: the even-numbered files keep it (no changes), the odd-numbered ones change it, and
/// `account-3.yaml` is invalid.
fn setup() -> (Emulator, tempfile::TempDir) {
    let emulator = Emulator::start();
    emulator.seed(State {
        menu: Some(DefaultMenu {
            source: MenuSource::Api,
            menuid: 1,
            button: vec![Button::view("旧官网", "https://example.com/")],
        }),
        ..State::default()
    });
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("accounts")).unwrap();
    for i in 0..ACCOUNTS {
        let name = if i % 2 == 0 {
            "旧官网".to_string()
        } else {
            format!("官网{i}")
        };
        let text = if i == 3 {
            "version: 1\nmenu:\n  button: 7\n".to_string()
        } else {
            format!(
                "version: 1\nmenu:\n  button:\n    - {{ name: {name}, type: view, url: \"https://example.com/\" }}\n"
            )
        };
        std::fs::write(dir.path().join(format!("accounts/account-{i}.yaml")), text).unwrap();
    }
    (emulator, dir)
}

fn plan(emulator: &Emulator, dir: &tempfile::TempDir, args: &[&str]) -> Output {
    connect(&mut wxform(), emulator, dir.path())
        .env("WXFORM_RETRY_BASE_MS", "1")
        .arg("plan")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_report_is_the_same_and_in_order_whatever_the_parallelism() {
    let (emulator, dir) = setup();
    for format in ["json", "text"] {
        let default = plan(&emulator, &dir, &["accounts", "--format", format]);
        assert_eq!(default.status.code(), Some(1), "{}", stderr(&default));
        let expected = stdout(&default);
        for n in ["1", "2", "3", "7", "256"] {
            let output = plan(
                &emulator,
                &dir,
                &["accounts", "--format", format, "--parallelism", n],
            );
            assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
            assert_eq!(
                stdout(&output),
                expected,
                "--parallelism {n} --format {format}"
            );
            assert_eq!(
                stderr(&output),
                stderr(&default),
                "diagnostics in file order too, with --parallelism {n}"
            );
        }
    }

    let report: serde_json::Value = serde_json::from_str(&stdout(&plan(
        &emulator,
        &dir,
        &["accounts", "--format", "json", "--parallelism", "2"],
    )))
    .unwrap();
    let accounts = report["accounts"].as_array().unwrap();
    let files: Vec<String> = (0..ACCOUNTS)
        .map(|i| format!("accounts/account-{i}.yaml"))
        .collect();
    assert_eq!(
        accounts
            .iter()
            .map(|a| a["file"].as_str().unwrap())
            .collect::<Vec<_>>(),
        files
    );
    for (i, account) in accounts.iter().enumerate() {
        match i {
            3 => assert!(account["error"].is_string(), "{account}"),
            _ => assert_eq!(
                account["plan"]["summary"]["has_changes"],
                i % 2 == 1,
                "account-{i}: {account}"
            ),
        }
    }
    assert!(emulator.mutating_requests().is_empty());
}

#[test]
fn bad_values_are_usage_errors_before_anything_is_read() {
    let (emulator, dir) = setup();
    for value in ["0", "257", "-1", "many", "2.5", ""] {
        let output = plan(
            &emulator,
            &dir,
            &["accounts", &format!("--parallelism={value}")],
        );
        assert_eq!(output.status.code(), Some(64), "--parallelism={value}");
        assert!(stdout(&output).is_empty(), "--parallelism={value}");
        let errors = stderr(&output);
        assert!(errors.contains("--parallelism"), "{errors}");
        assert!(!errors.contains("panicked"), "{errors}");
    }
    assert!(emulator.requests().is_empty(), "nothing was read");
}

#[test]
fn accounts_share_reused_connections() {
    let (emulator, dir) = setup();
    let output = plan(&emulator, &dir, &["accounts", "--parallelism", "1"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // One token, then five concurrent reads for each of the six valid accounts: the two of the
    // menu and the daily quotas of menu/create, menu/delete and menu/addconditional.
    let requests = emulator.requests().len();
    assert_eq!(
        requests,
        1 + 5 * (ACCOUNTS - 1),
        "{:?}",
        emulator.counts_by_path()
    );
    // A client per account would open a connection per request; one shared pool opens about
    // five (the width of one account's reads) and reuses them for every later account.
    let connections = emulator.connections();
    assert!(
        connections * 2 <= requests,
        "{connections} connections for {requests} requests"
    );
}
