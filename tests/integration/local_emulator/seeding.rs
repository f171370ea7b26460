//! Seeds and options of `wxform-emulator`: an export of an account seeds an emulator that
//! plans as that account; the appid follows the snapshot unless `--appid` says otherwise;
//! `--port`, `--secret` and `--field-shapes` take effect.

use super::checkout;
use super::readme_loop::SERVER_SKIPPED;
use crate::support::served::Served;
use std::path::Path;

fn ok(output: &std::process::Output) -> String {
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{text}{stderr}");
    text
}

fn wxform(served: &Served, dir: &Path, args: &[&str]) -> String {
    ok(&served.wxform(dir).args(args).output().unwrap())
}

/// `wxform export --format json` of one emulator seeds another that is the same account: the
/// configuration applied to the first plans as no changes against the second.
#[test]
fn an_export_seeds_an_emulator_that_is_the_same_account() {
    let dir = checkout();
    let shop = "examples/shop.yaml";
    let first = Served::start(dir.path(), &["--seed", "examples/shop.live.json"]);
    wxform(&first, dir.path(), &["apply", shop, "--auto-approve"]);
    wxform(
        &first,
        dir.path(),
        &["export", "--format", "json", "--out", "export.json"],
    );
    let second = Served::start(dir.path(), &["--seed", "export.json"]);
    let plan = wxform(&second, dir.path(), &["plan", shop]);
    assert!(plan.starts_with("No changes."), "{plan}");
    // The renamed tag and the added template came along.
    let outputs = wxform(&second, dir.path(), &["outputs", shop]);
    assert!(outputs.contains("\"内测用户\": 101"), "{outputs}");
    assert!(outputs.contains("\"order_shipped\": \""), "{outputs}");
}

#[test]
fn the_appid_is_the_snapshots_unless_given_and_the_port_and_secret_are_taken() {
    let dir = checkout();
    let snapshot = r#"{"format_version": 1, "appid": "wx00000000000000aa"}"#;
    std::fs::write(dir.path().join("other.json"), snapshot).unwrap();
    let served = Served::start(dir.path(), &["--seed", "other.json"]);
    assert_eq!(served.get("WECHAT_APPID"), "wx00000000000000aa");
    let port = served
        .get("WXFORM_API_BASE")
        .rsplit(':')
        .next()
        .unwrap()
        .to_string();
    drop(served);

    let secret = "0123456789abcdef0123456789abcdef";
    let args = [
        "--seed",
        "other.json",
        "--appid",
        "wx00000000000000bb",
        "--secret",
        secret,
    ];
    let served = Served::start(dir.path(), &[&args[..], &["--port", &port]].concat());
    assert_eq!(served.get("WECHAT_APPID"), "wx00000000000000bb");
    assert_eq!(served.get("WECHAT_APPSECRET"), secret);
    assert_eq!(
        served.get("WXFORM_API_BASE"),
        format!("http://127.0.0.1:{port}")
    );
    let config =
        "version: 1\naccount:\n  appid: wx00000000000000bb\ntags:\n  items:\n    - name: VIP\n";
    std::fs::write(dir.path().join("wxform.yaml"), config).unwrap();
    let plan = wxform(&served, dir.path(), &["plan"]);
    assert!(plan.contains("+ tag.VIP"), "{plan}");
}

/// With `--field-shapes` the account answers in recorded shapes (here `"errmsg":""` on a
/// token), and wxform's whole loop still holds: apply, no changes after, the checks pass.
#[test]
fn field_shapes_answer_as_recorded_and_the_loop_still_holds() {
    let dir = checkout();
    let follower = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M=VIP@ios";
    let args = [
        "--seed",
        "examples/shop.live.json",
        "--follower",
        follower,
        "--field-shapes",
    ];
    let served = Served::start(dir.path(), &args);
    let token = reqwest::blocking::Client::new()
        .post(format!(
            "{}/cgi-bin/stable_token",
            served.get("WXFORM_API_BASE")
        ))
        .body(format!(
            r#"{{"grant_type":"client_credential","appid":"{}","secret":"{}"}}"#,
            served.get("WECHAT_APPID"),
            served.get("WECHAT_APPSECRET")
        ))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(
        token.starts_with(r#"{"errcode":0,"errmsg":"","access_token":""#),
        "{token}"
    );
    let shop = "examples/shop.yaml";
    wxform(&served, dir.path(), &["apply", shop, "--auto-approve"]);
    assert!(wxform(&served, dir.path(), &["plan", shop]).starts_with("No changes."));
    let test = wxform(&served, dir.path(), &["test", shop]);
    let ending = format!("4 passed, 0 failed, 0 skipped\n\n{SERVER_SKIPPED}\n");
    assert!(test.ends_with(&ending), "{test}");
}

/// `--quota-left`: the day's quota as other callers left it, so a newcomer sees a plan refused
/// before any write.
#[test]
fn a_spent_quota_refuses_the_plan_that_needs_it() {
    let dir = checkout();
    let args = [
        "--seed",
        "examples/shop.live.json",
        "--quota-left",
        "menu/create=0",
        "--quota-left",
        "/cgi-bin/tags/create=5",
    ];
    let served = Served::start(dir.path(), &args);
    let output = served
        .wxform(dir.path())
        .args(["plan", "examples/shop.yaml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stdout.contains("0 of 1000 left today: not enough"),
        "{stdout}"
    );
    assert!(
        stderr.contains("menu/create would run out half-way"),
        "{stderr}"
    );
    assert!(!stderr.contains("tags/create would run out"), "{stderr}");
}
