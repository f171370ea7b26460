//! `WXFORM_LOG`: one stderr line per HTTP exchange and per retry or token decision at `debug`,
//! bodies too at `trace`; never a URL, token or secret; stdout unchanged.

use crate::apply::{assert_no_secrets, both};
use crate::support::account::{Account, code};
use crate::support::run::{stderr, stdout};
use crate::support::shop::SHOP_YAML;

/// The lines of the log (`debug:` and `trace:`), sorted: reads run in parallel.
fn log_lines(stderr: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("debug: ") || line.starts_with("trace: "))
        .collect();
    lines.sort_unstable();
    lines
}

/// Snapshots with durations (which vary) made stable.
macro_rules! log_snapshot {
    ($name:expr, $text:expr) => {{
        insta::with_settings!({filters => vec![
            (r"\(\d+ ms\)", "(N ms)"),
            (r"retrying in \d+ ms", "retrying in N ms"),
        ]}, {
            insta::assert_snapshot!($name, $text);
        });
    }};
}

#[test]
fn debug_logs_each_exchange_and_leaves_stdout_alone() {
    let account = Account::shop_applied();
    let quiet = account.output(&["plan"]);
    let output = account
        .wxform()
        .args(["plan"])
        .env("WXFORM_LOG", "debug")
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", both(&output));
    assert_eq!(stdout(&output), stdout(&quiet));
    let err = stderr(&output);
    log_snapshot!("plan_debug", log_lines(&err).join("\n"));
    assert!(!err.contains("http://"), "no URL: {err}");
    assert!(!err.contains("trace: "), "{err}");
    assert_no_secrets(&account, &output);
}

#[test]
fn without_wxform_log_nothing_is_logged() {
    let account = Account::shop_applied();
    let output = account.output(&["plan"]);
    assert_eq!(stderr(&output), "");
}

#[test]
fn retries_and_token_refreshes_are_logged_as_decisions() {
    let account = Account::shop_applied();
    account.emulator.fail_on("/cgi-bin/tags/get", 1, -1);
    account.emulator.expire_tokens();
    account
        .emulator
        .fail_on("/cgi-bin/menu/addconditional", 1, -1);
    account.edit_config("name: 下载App", "name: 安卓App");
    let output = account
        .wxform()
        .args(["apply", "--auto-approve"])
        .env("WXFORM_LOG", "debug")
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", both(&output));
    let err = stderr(&output);
    for line in [
        "debug: token: reused from the cache\n",
        "token rejected (errcode 42001): getting a fresh token, then retrying once\n",
        "debug: token: the rejected token is dropped from the cache; fetching one with stable_token\n",
        "debug: POST stable_token → HTTP 200, errcode 0 (",
        "debug: tags/get: retrying in ",
        " (retry 1 of 3) after errcode -1\n",
        "debug: POST menu/addconditional → HTTP 200, errcode -1 (",
        "debug: menu/addconditional: not retried: an add answered -1 may have been made; the caller re-reads the account instead\n",
    ] {
        assert!(err.contains(line), "{line:?} in {err}");
    }
    assert_no_secrets(&account, &output);
}

#[test]
fn trace_adds_bodies_with_credentials_redacted() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let output = account
        .wxform()
        .args(["apply", "--auto-approve"])
        .env("WXFORM_LOG", "trace")
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", both(&output));
    let err = stderr(&output);
    assert!(
        err.contains(r#"trace: stable_token request: {"grant_type":"client_credential","appid":"wx1234567890abcdef","secret":"***","force_refresh":false}"#),
        "{err}"
    );
    assert!(
        err.contains(r#"trace: stable_token response: {"access_token":"***","expires_in":7200}"#),
        "{err}"
    );
    assert!(
        err.contains(r#"trace: tags/create request: {"tag":{"name":"VIP"}}"#),
        "{err}"
    );
    assert!(err.contains("trace: menu/get response: {"), "{err}");
    // The trace is on top of the debug lines.
    assert!(
        err.contains("debug: POST tags/create → HTTP 200, errcode 0 ("),
        "{err}"
    );
    assert_no_secrets(&account, &output);
}

#[test]
fn an_unknown_level_is_said_once_and_logs_nothing() {
    let account = Account::shop_applied();
    let output = account
        .wxform()
        .args(["plan"])
        .env("WXFORM_LOG", "verbose")
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", both(&output));
    assert_eq!(
        stderr(&output),
        "warning: WXFORM_LOG=\"verbose\" is not off, debug or trace; no debug log is written\n"
    );
}

/// A token answer that is not strict JSON (a raw control character, which WeChat sends at
/// times; a byte-order mark a proxy added; a cut-off body) is logged with its token masked
/// all the same: the token is not yet known as a secret when its answer is logged.
#[test]
fn trace_masks_the_token_of_an_answer_that_is_not_strict_json() {
    use crate::support::canned::Canned;
    const TOKEN: &str = "12_TRACETOKENtracetokenTRACETOKENtracetokenTRACETOKEN";
    let bodies = [
        format!("{{\"access_token\":\"{TOKEN}\",\"expires_in\":7200,\"note\":\"a\tb\"}}"),
        format!("\u{feff}{{\"access_token\":\"{TOKEN}\",\"expires_in\":7200}}"),
        format!("{{\"expires_in\":7200, \"access_token\" : \"{TOKEN}\",\"exp"),
    ];
    for body in bodies {
        let canned = Canned::start(vec![(
            "/cgi-bin/stable_token",
            "application/json",
            body.as_bytes(),
        )]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("wxform.yaml"), "version: 1\ntags: {}\n").unwrap();
        let output = crate::support::run::wxform()
            .current_dir(dir.path())
            .args(["plan"])
            .env("WXFORM_API_BASE", canned.base_url())
            .env("WXFORM_CACHE_DIR", dir.path().join("cache"))
            .env("WECHAT_APPID", crate::support::emulator::APPID)
            .env("WECHAT_APPSECRET", crate::support::emulator::APPSECRET)
            .env("WXFORM_LOG", "trace")
            .output()
            .unwrap();
        let err = stderr(&output);
        assert!(
            err.contains("trace: stable_token response: "),
            "{body:?}: {err}"
        );
        assert!(!err.contains("TRACETOKEN"), "{body:?}: {err}");
        assert!(!stdout(&output).contains("TRACETOKEN"), "{body:?}");
    }
}

/// `wxform plan` at `trace` against a server whose token answer is `token` and whose
/// `menu/get` answers `menu`: the command's stderr.
fn trace_against(token: &[u8], menu: &[u8]) -> String {
    use crate::support::canned::Canned;
    let canned = Canned::start(vec![
        ("/cgi-bin/stable_token", "application/json", token),
        ("/cgi-bin/menu/get", "text/plain", menu),
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wxform.yaml"),
        "version: 1\nmenu: { button: [] }\n",
    )
    .unwrap();
    let output = crate::support::run::wxform()
        .current_dir(dir.path())
        .args(["plan"])
        .env("WXFORM_API_BASE", canned.base_url())
        .env("WXFORM_CACHE_DIR", dir.path().join("cache"))
        .env("WXFORM_RETRY_BASE_MS", "0")
        .env("WECHAT_APPID", crate::support::emulator::APPID)
        .env("WECHAT_APPSECRET", crate::support::emulator::APPSECRET)
        .env("WXFORM_LOG", "trace")
        .output()
        .unwrap();
    stderr(&output)
}

const TOKEN_ANSWER: &[u8] =
    br#"{"access_token":"12_TRACEINERTtraceinertTRACEINERTtraceinert","expires_in":7200}"#;

/// No line of the log can be a workflow command, and nothing invisible or controlling prints
/// raw: an answer that is not JSON, and JSON strings holding bidi and C1 controls.
#[test]
fn trace_lines_are_inert() {
    let not_json =
        b"<html>\n::error::fake\n::add-mask::x\n##[error]fake\r\n\x1b[2Jgone\xc2\x9b31m</html>";
    let json = "{\"menu\":{\"button\":[{\"name\":\"evil\u{202e}gnp\u{061c}x\u{009b}31m\u{2028}y\",\"type\":\"click\",\"key\":\"K\"}]}}";
    for menu in [&not_json[..], json.as_bytes()] {
        let err = trace_against(TOKEN_ANSWER, menu);
        assert!(err.contains("trace: menu/get response: "), "{err}");
        for line in err.lines() {
            let start = line.trim_start();
            assert!(
                !start.starts_with("::") && !start.starts_with("##["),
                "a workflow command: {line:?}"
            );
        }
        for ch in [
            '\u{1b}', '\u{202e}', '\u{061c}', '\u{009b}', '\u{2028}', '\r',
        ] {
            assert!(!err.contains(ch), "{ch:?} printed raw: {err:?}");
        }
        assert!(!err.contains("TRACEINERT"), "{err}");
    }
}

/// An answer is shown as it was received (key order, spacing, escapes), not parsed and
/// written again; only credential values are masked.
#[test]
fn trace_shows_each_answer_as_received() {
    let menu =
        br#"{ "menu" : {"button":[{"type":"click","name":"\u4eca\u65e5","key":"K"}]},  "zz":1 }"#;
    let err = trace_against(TOKEN_ANSWER, menu);
    let shown = format!(
        "trace: menu/get response: {}",
        std::str::from_utf8(menu).unwrap()
    );
    assert!(err.contains(&shown), "{shown}\nin:\n{err}");
    assert!(
        err.contains(r#"trace: stable_token response: {"access_token":"***","expires_in":7200}"#),
        "{err}"
    );
    // A token whose key is written with an escape is still masked.
    let escaped =
        br#"{"access\u005ftoken":"12_TRACEINERTtraceinertTRACEINERTtraceinert","expires_in":7200}"#;
    let err = trace_against(escaped, menu);
    assert!(err.contains("trace: stable_token response: "), "{err}");
    assert!(!err.contains("TRACEINERT"), "{err}");
}
