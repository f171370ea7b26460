//! What `wxform-emulator` refuses, each once on stderr with what to fix, before it serves
//! anything: usage errors (64), a seed that is not a readable wxform snapshot, a follower
//! it cannot place, credentials it cannot print, a port it cannot have (1). Its `--help`
//! says it listens on 127.0.0.1 only.

use super::checkout;
use crate::support::served::{Served, emulator_command};
use std::path::Path;
use std::process::Output;

fn run(dir: &Path, args: &[&str]) -> Output {
    emulator_command()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// The run failed with exit code 1 and one error line, which is `expected`; nothing on stdout.
fn refused(output: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr, format!("wxform-emulator: error: {expected}\n"));
    assert!(
        output.stdout.is_empty(),
        "no settings for an emulator that is not there"
    );
}

#[test]
fn help_says_it_listens_on_127_0_0_1_only_and_is_not_wechat() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains(
            "It listens on 127.0.0.1 only, never on another address, and it is not WeChat"
        ),
        "{help}"
    );
    for flag in [
        "--seed",
        "--port",
        "--appid",
        "--secret",
        "--follower",
        "--field-shapes",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
    let output = run(dir.path(), &["--bogus"]);
    assert_eq!(output.status.code(), Some(64));
    let output = run(dir.path(), &["--port", "http"]);
    assert_eq!(output.status.code(), Some(64));
}

#[test]
fn a_seed_that_is_not_a_readable_snapshot_is_refused() {
    let dir = checkout();
    let output = run(dir.path(), &["--seed", "nothing.json"]);
    refused(
        &output,
        "cannot read nothing.json: No such file or directory (os error 2)",
    );

    std::fs::write(dir.path().join("plan.json"), r#"{"menu": {"button": []}}"#).unwrap();
    let output = run(dir.path(), &["--seed", "plan.json"]);
    refused(
        &output,
        "plan.json: not a wxform snapshot: no format_version field",
    );

    let snapshot = std::fs::read_to_string(dir.path().join("examples/shop.live.json")).unwrap();
    let misspelt = snapshot.replace("\"tags\"", "\"tag\"");
    std::fs::write(dir.path().join("misspelt.json"), misspelt).unwrap();
    let output = run(dir.path(), &["--seed", "misspelt.json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(
            "wxform-emulator: error: misspelt.json: not a wxform snapshot: unknown field `tag`"
        ),
        "{stderr}"
    );

    let huge = std::fs::File::create(dir.path().join("huge.json")).unwrap();
    huge.set_len(16 * 1024 * 1024 + 1).unwrap();
    let output = run(dir.path(), &["--seed", "huge.json"]);
    refused(&output, "huge.json: larger than 16 MiB, not a snapshot");
}

#[test]
fn a_follower_it_cannot_place_is_refused() {
    let dir = checkout();
    let seed = ["--seed", "examples/shop.live.json"];
    let output = run(
        dir.path(),
        &[&seed[..], &["--follower", "oA=Gold@ios"]].concat(),
    );
    refused(
        &output,
        "--follower oA=Gold@ios: the account has no tag \"Gold\" (its tags: VIP, beta, 老客户)",
    );
    let output = run(
        dir.path(),
        &[&seed[..], &["--follower", "oA=VIP@windows"]].concat(),
    );
    refused(
        &output,
        "--follower oA=VIP@windows: platform \"windows\" is not ios, android or others (or WeChat's 1, 2, 3)",
    );
    let output = run(dir.path(), &["--appid", "wx 1"]);
    refused(
        &output,
        "--appid: 1–128 printable ASCII characters without spaces",
    );
}

#[test]
fn a_port_already_taken_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = Served::start(dir.path(), &[]);
    let port = first
        .get("WXFORM_API_BASE")
        .rsplit(':')
        .next()
        .unwrap()
        .to_string();
    let output = run(dir.path(), &["--port", &port]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "wxform-emulator: error: cannot listen on 127.0.0.1:{port}: "
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_quota_it_cannot_leave_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        &run(dir.path(), &["--quota-left", "menu/create"]),
        "--quota-left menu/create: give ENDPOINT=N, as menu/create=0",
    );
    refused(
        &run(dir.path(), &["--quota-left", "menu/create=some"]),
        "--quota-left menu/create=some: `some` is not a number of calls",
    );
    refused(
        &run(dir.path(), &["--quota-left", "menu/create=1001"]),
        "--quota-left menu/create=1001: /cgi-bin/menu/create has 1000 calls a day",
    );
}
