//! `wxform doctor` against the emulator: one line per check, exit 1 when a required check
//! fails, and only APIs the configuration uses are required.

use crate::support::account::{connect, connect_to, retry_fast};
use crate::support::emulator::{Emulator, EmulatorOptions};
use crate::support::run::{stderr, stdout, wxform};
use std::path::Path;
use std::process::{Command, Output};
use wxform::model::{Button, IndustryCodes, Menu};
use wxform::wechat::MatchRuleOut;

/// `wxform doctor` against `emulator` with no credentials: each test gives its own.
fn doctor(emulator: &Emulator, dir: &Path) -> Command {
    let mut command = wxform();
    retry_fast(connect_to(&mut command, &emulator.base_url(), dir)).arg("doctor");
    command
}

fn with_secret(emulator: &Emulator, dir: &Path) -> Output {
    let mut command = wxform();
    retry_fast(connect(&mut command, emulator, dir))
        .arg("doctor")
        .output()
        .unwrap()
}

/// Stdout with the temporary directory replaced by `[TMP]`.
pub(crate) fn stable(output: &Output, dir: &Path) -> String {
    stdout(output).replace(&dir.display().to_string(), "[TMP]")
}

/// Snapshots with the port, durations and rids made stable.
macro_rules! snapshot {
    ($name:expr, $text:expr) => {{
        let mut settings = insta::Settings::clone_current();
        settings.add_filter(r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]");
        settings.add_filter(r"valid for \d+h \d+m", "valid for [DURATION]");
        settings.add_filter(r"rid: [0-9a-f-]+", "rid: [RID]");
        settings.bind(|| insta::assert_snapshot!($name, $text));
    }};
}
pub(crate) use snapshot;

/// A verified account with a menu, a conditional menu, a tag, templates and an industry.
fn populate(emulator: &Emulator) {
    let client = crate::client::support::client(emulator);
    let click = |name: &str| Button {
        name: name.into(),
        kind: Some("click".into()),
        key: Some(name.into()),
        ..Button::default()
    };
    client
        .menu_create(&Menu {
            button: vec![click("今日"), click("服务")],
        })
        .unwrap();
    let tag = client.tag_create("VIP").unwrap();
    client
        .add_conditional(&[click("会员")], &MatchRuleOut::new(Some(tag), None))
        .unwrap();
    client
        .set_industry(IndustryCodes {
            primary: 1,
            secondary: 13,
        })
        .unwrap();
    client.add_template("TM00015", &[]).unwrap();
    client.subscribe_add(99, &[1, 2], None).unwrap();
}

#[test]
fn healthy_account_passes_every_check() {
    let emulator = Emulator::start();
    populate(&emulator);
    emulator.clear_requests();
    let dir = tempfile::tempdir().unwrap();
    let output = with_secret(&emulator, dir.path());
    snapshot!("doctor_healthy", stable(&output, dir.path()));
    assert_eq!(stderr(&output), "");
    assert!(emulator.mutating_requests().is_empty(), "doctor only reads");
    assert_eq!(emulator.request_count("/cgi-bin/token"), 0);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn a_second_run_reuses_the_cached_token() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    with_secret(&emulator, dir.path());
    emulator.clear_requests();
    let output = with_secret(&emulator, dir.path());
    let text = stable(&output, dir.path());
    assert!(
        text.contains("reused from the cache in [TMP]/cache, valid for"),
        "{text}"
    );
    assert_eq!(emulator.request_count("/cgi-bin/stable_token"), 0);
}

#[test]
fn unverified_account_fails_the_apis_it_lacks() {
    let emulator = Emulator::start_with(EmulatorOptions::unverified());
    let dir = tempfile::tempdir().unwrap();
    let output = with_secret(&emulator, dir.path());
    snapshot!("doctor_unverified", stable(&output, dir.path()));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("required check"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn apis_the_config_does_not_use_only_warn() {
    let emulator = Emulator::start_with(EmulatorOptions::unverified());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wxform.yaml"),
        "version: 1\nmenu:\n  button: []\ntags:\n  items: []\n",
    )
    .unwrap();
    let output = with_secret(&emulator, dir.path());
    let text = stable(&output, dir.path());
    assert!(
        text.contains("ok   config              wxform.yaml manages: menu, tags"),
        "{text}"
    );
    assert!(text.contains("warn templates"), "{text}");
    assert!(text.contains("(not used by wxform.yaml)"), "{text}");
    assert!(!text.contains("FAIL"), "{text}");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn ip_whitelist_rejection_is_reported_with_the_fix() {
    let options = EmulatorOptions {
        ip_whitelist_blocks: true,
        ..EmulatorOptions::default()
    };
    let emulator = Emulator::start_with(options);
    let dir = tempfile::tempdir().unwrap();
    let output = with_secret(&emulator, dir.path());
    snapshot!("doctor_whitelist", stable(&output, dir.path()));
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn missing_credentials_are_named() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let output = doctor(&emulator, dir.path()).output().unwrap();
    let text = stable(&output, dir.path());
    assert!(text.contains("FAIL credentials         no WeChat credentials: set WECHAT_APPID and WECHAT_APPSECRET, or WECHAT_ACCESS_TOKEN"), "{text}");
    assert_eq!(output.status.code(), Some(1));
    assert!(emulator.requests().is_empty());
}

#[test]
fn a_given_token_is_described_without_its_value() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let token = emulator.issue_token();
    let output = doctor(&emulator, dir.path())
        .env("WECHAT_ACCESS_TOKEN", &token)
        .output()
        .unwrap();
    let text = stable(&output, dir.path());
    assert!(
        text.contains("ok   credentials         WECHAT_ACCESS_TOKEN\n"),
        "{text}"
    );
    assert!(
        text.contains("given in WECHAT_ACCESS_TOKEN, lifetime unknown"),
        "{text}"
    );
    assert!(!text.contains(&token) && !stderr(&output).contains(&token));
    assert_eq!(emulator.request_count("/cgi-bin/stable_token"), 0);
}

#[test]
fn whitelist_enforced_on_business_calls_is_caught_with_a_cached_token() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    with_secret(&emulator, dir.path());
    emulator.configure(|o| {
        o.ip_whitelist_blocks = true;
        o.ip_whitelist_business_calls = true;
    });
    let output = with_secret(&emulator, dir.path());
    let text = stable(&output, dir.path());
    assert!(
        text.contains("ok   access token        reused from the cache"),
        "{text}"
    );
    assert!(
        text.contains("FAIL IP whitelist        WeChat saw this machine's IP as 203.0.113.7, which is not on the account's API IP whitelist\n"),
        "{text}"
    );
    assert!(
        text.contains("FAIL tags                tags/get: WeChat error 40164 (invalid ip 203.0.113.7 ipv6 :\\:ffff:203.0.113.7, not in whitelist rid: "),
        "{text}"
    );
    assert!(text.contains("): see IP whitelist above\n"), "{text}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output = wxform()
        .current_dir(dir.path())
        .args(["doctor", "--api-base", "http://api.weixin.qq.com"])
        .env("WECHAT_APPID", "wx1234567890abcdef")
        .env("WECHAT_APPSECRET", "3c5f8e2b9a7d4e6f1b0c8a9d7e6f5a4b")
        .output()
        .unwrap();
    let text = stdout(&output);
    assert!(text.starts_with("FAIL api host"), "{text}");
    assert!(
        text.contains("plain http:// is allowed only for loopback addresses (127.0.0.0/8, the IPv6 loopback, localhost)"),
        "the message reads as written, nothing in it mistaken for a workflow command: {text}"
    );
    assert!(
        text.lines().skip(1).all(|line| line.starts_with("skip ")),
        "nothing is attempted: {text}"
    );
    assert!(
        text.contains("skip access token        not run: api host failed\n"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn the_menu_check_reads_both_endpoints_plan_reads() {
    // An API-made menu is found by menu/get alone, but plan also reads
    // get_current_selfmenu_info: a refusal there must fail the check.
    let emulator = Emulator::start();
    populate(&emulator);
    emulator.fail_on("/cgi-bin/get_current_selfmenu_info", 1, 48001);
    let dir = tempfile::tempdir().unwrap();
    let output = with_secret(&emulator, dir.path());
    let text = stable(&output, dir.path());
    assert!(
        text.contains("FAIL menu                get_current_selfmenu_info: WeChat error 48001"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        emulator.request_count("/cgi-bin/get_current_selfmenu_info"),
        1
    );
}

#[test]
fn the_credential_variables_the_config_names_are_the_ones_checked() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wxform.yaml"),
        "version: 1\naccount:\n  appid_env: SHOP_APPID\n  secret_env: SHOP_SECRET\nmenu:\n  button: []\n",
    )
    .unwrap();
    // The standard variables hold another account's (wrong) secret: they must not be used.
    let output = doctor(&emulator, dir.path())
        .env("SHOP_APPID", emulator.appid())
        .env("SHOP_SECRET", emulator.secret())
        .env("WECHAT_APPID", "wx00000000000000ff")
        .env("WECHAT_APPSECRET", "not-the-secret")
        .output()
        .unwrap();
    let text = stable(&output, dir.path());
    let expected = format!(
        "ok   credentials         SHOP_APPID ({}) + SHOP_SECRET\n",
        emulator.appid()
    );
    assert!(text.contains(&expected), "{text}");
    assert!(
        text.contains("ok   access token        fetched with stable_token"),
        "{text}"
    );
    assert!(!text.contains(emulator.secret()), "{text}");
    assert_eq!(output.status.code(), Some(0), "{text}");

    // A variable the file names but the environment lacks is reported by that name.
    let output = doctor(&emulator, dir.path())
        .env("SHOP_APPID", emulator.appid())
        .env("WECHAT_APPSECRET", emulator.secret())
        .output()
        .unwrap();
    let text = stable(&output, dir.path());
    assert!(
        text.contains("FAIL credentials         no credentials for this account: SHOP_SECRET (account.secret_env) not set"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_token_variable_the_config_names_is_described_by_its_name() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wxform.yaml"),
        "version: 1\naccount:\n  token_env: SHOP_TOKEN\nmenu:\n  button: []\n",
    )
    .unwrap();
    let token = emulator.issue_token();
    let output = doctor(&emulator, dir.path())
        .env("SHOP_TOKEN", &token)
        .output()
        .unwrap();
    let text = stable(&output, dir.path());
    assert!(
        text.contains("ok   credentials         SHOP_TOKEN\n"),
        "{text}"
    );
    assert!(
        text.contains("given in SHOP_TOKEN, lifetime unknown"),
        "{text}"
    );
    assert!(!text.contains(&token) && !stderr(&output).contains(&token));
}

#[test]
fn an_unreadable_account_section_is_a_warning_naming_the_variables_checked() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wxform.yaml"),
        "version: 1\naccount:\n  appid_env: [SHOP_APPID]\nmenu:\n  button: []\n",
    )
    .unwrap();
    let output = with_secret(&emulator, dir.path());
    let text = stable(&output, dir.path());
    assert!(
        text.contains("warn config              the account: section of wxform.yaml cannot be read (run `wxform validate`); the standard WECHAT_* variables are checked"),
        "{text}"
    );
    assert!(
        text.contains("ok   credentials         WECHAT_APPID ("),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(0), "{text}");
}

fn json_of(output: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(output)).unwrap_or_else(|err| panic!("{err}: {}", stdout(output)))
}

/// `(name, status)` of each check of a `--format json` document.
fn statuses(document: &serde_json::Value) -> Vec<(String, String)> {
    document["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|check| {
            (
                check["name"].as_str().unwrap().to_string(),
                check["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn json_lists_the_same_checks_as_the_text() {
    let emulator = Emulator::start();
    populate(&emulator);
    // Each run with its own token cache, so that both fetch a token.
    let text = with_secret(&emulator, tempfile::tempdir().unwrap().path());
    let dir = tempfile::tempdir().unwrap();
    let mut command = wxform();
    retry_fast(connect(&mut command, &emulator, dir.path()));
    let output = command
        .args(["doctor", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let document = json_of(&output);
    assert_eq!(document["format_version"], 1);
    assert_eq!(document["ok"], true);
    assert_eq!(document["failed"], 0);
    let names: Vec<(String, String)> = statuses(&document);
    let ok = |name: &str| (name.to_string(), "ok".to_string());
    assert_eq!(
        names,
        [
            ok("api host"),
            ok("credentials"),
            ok("access token"),
            ok("IP whitelist"),
            ok("menu"),
            ok("conditional menus"),
            ok("tags"),
            ok("templates"),
            ok("subscribe templates"),
            ok("daily quotas"),
        ]
    );
    // Each detail is its text line's (the lines indented below a check are its advice).
    let lines: Vec<String> = stdout(&text)
        .lines()
        .filter(|line| !line.starts_with(' '))
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 10);
    for (check, line) in document["checks"].as_array().unwrap().iter().zip(&lines) {
        let detail = check["detail"].as_str().unwrap();
        let detail = detail.split(", valid for").next().unwrap();
        assert!(line.contains(detail), "{line}\n{check}");
    }
}

#[test]
fn json_of_a_failure_has_its_exit_code_and_skips_the_rest() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let output = doctor(&emulator, dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "error: 1 required check failed\n");
    let document = json_of(&output);
    assert_eq!(document["ok"], false);
    assert_eq!(document["failed"], 1);
    let found = statuses(&document);
    assert_eq!(found[0], ("api host".to_string(), "ok".to_string()));
    assert_eq!(found[1], ("credentials".to_string(), "fail".to_string()));
    assert_eq!(found.len(), 10);
    assert_eq!(found[9].0, "daily quotas");
    assert!(document.get("quotas").is_none(), "{document}");
    for (name, status) in &found[2..] {
        assert_eq!(status, "skip", "{name}");
    }
    assert_eq!(
        document["checks"][2]["detail"],
        "not run: credentials failed"
    );
    assert!(emulator.requests().is_empty());
}

#[test]
fn json_carries_the_whitelist_advice_as_lines() {
    let options = EmulatorOptions {
        ip_whitelist_blocks: true,
        ..EmulatorOptions::default()
    };
    let emulator = Emulator::start_with(options);
    let dir = tempfile::tempdir().unwrap();
    let mut command = wxform();
    retry_fast(connect(&mut command, &emulator, dir.path()));
    let output = command
        .args(["doctor", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let document = json_of(&output);
    let whitelist = document["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|check| check["name"] == "IP whitelist")
        .unwrap();
    assert_eq!(whitelist["status"], "fail");
    let advice = whitelist["advice"].as_array().unwrap();
    assert!(
        advice
            .iter()
            .any(|line| line.as_str().unwrap().contains("self-hosted runner")),
        "{whitelist}"
    );
}

#[test]
fn a_spent_quota_is_a_warning_and_quotas_that_cannot_be_read_are_said_once() {
    let emulator = Emulator::start();
    emulator.spend_quota("/cgi-bin/menu/create", 1000);
    let dir = tempfile::tempdir().unwrap();
    let output = with_secret(&emulator, dir.path());
    let text = stdout(&output);
    assert!(
        text.contains("\nwarn daily quotas        spent or not known for menu/create, which the configuration writes with; WeChat resets the quotas at midnight Beijing time (16:00 UTC)\n"),
        "{text}"
    );
    assert!(
        text.contains(" menu/create                       1000 used, 0 of 1000 left today\n"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(0), "a warning: {text}");
    // quota/get is asked once per endpoint.
    assert_eq!(emulator.request_count("/cgi-bin/openapi/quota/get"), 22);

    let denied = Emulator::start_with(
        EmulatorOptions::default().deny(crate::support::emulator::ApiGroup::Quota, 48001),
    );
    let output = with_secret(&denied, dir.path());
    let text = stdout(&output);
    assert!(
        text.contains("\nwarn daily quotas        not known for any endpoint: openapi/quota/get: WeChat error 48001 ("),
        "{text}"
    );
    assert_eq!(text.matches("48001").count(), 1, "{text}");
    assert_eq!(output.status.code(), Some(0), "{text}");
}
