//! Answers from the network are bounded: whatever a server (or anything between it and
//! wxform) sends, an endless, huge or dripping body ends the command with an error naming the
//! endpoint, within the request time limit and in bounded memory.

use super::{output, set_up};
use crate::support::emulator::{BodyFault, Emulator};
use crate::support::run::all_text;
use crate::support::run::wxform_within;
use crate::support::shop::shop_dir;
use std::process::Output;

/// The address space wxform may use in these tests: 256 MiB. Resident memory is part of the
/// address space, so peak memory stays under 256 MiB whenever these tests pass.
const ADDRESS_SPACE_KIB: u64 = 256 * 1024;

/// `wxform plan` against an account whose `path` (every path when `None`) answers `fault`,
/// with a 1-second request limit, inside the address-space limit.
fn plan_with(path: Option<&str>, fault: BodyFault) -> Output {
    let emulator = Emulator::start();
    let dir = shop_dir();
    emulator.hostile_body(path, 100, fault);
    let mut command = set_up(wxform_within(ADDRESS_SPACE_KIB), &emulator, dir.path());
    command.env("WXFORM_TIMEOUT_SECS", "1").arg("plan");
    output(&mut command)
}

fn assert_refused(output: &Output, endpoint: &str, why: &str) {
    let text = all_text(output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(output.stdout.is_empty(), "{text}");
    assert!(
        text.contains(endpoint),
        "the error names {endpoint}: {text}"
    );
    assert!(text.contains(why), "{why}: {text}");
}

#[test]
fn an_endless_body_is_cut_at_the_cap() {
    for path in [
        "/cgi-bin/stable_token",
        "/cgi-bin/menu/get",
        "/cgi-bin/tags/get",
    ] {
        let endpoint = path.trim_start_matches("/cgi-bin/");
        let output = plan_with(Some(path), BodyFault::Endless);
        assert_refused(&output, endpoint, "the answer is larger than 2.0 MiB");
    }
}

#[test]
fn a_huge_declared_body_is_refused_unread() {
    let output = plan_with(Some("/cgi-bin/menu/get"), BodyFault::Huge);
    assert_refused(&output, "menu/get", "the answer is larger than 2.0 MiB");
}

#[test]
fn every_endpoint_answering_endlessly_still_ends_in_bounded_memory() {
    let output = plan_with(None, BodyFault::Endless);
    assert_refused(&output, "stable_token", "larger than 2.0 MiB");
}

#[test]
fn a_dripping_body_is_cut_by_the_time_limit() {
    let output = plan_with(Some("/cgi-bin/tags/get"), BodyFault::Drip);
    assert_refused(&output, "tags/get", "timed out");
}

/// Text quoted from an answer (an `errmsg`, a value of the wrong type) is cut in the error:
/// a 200 KB `errmsg` does not become a 200 KB line on stderr.
#[test]
fn text_quoted_from_an_answer_is_cut() {
    use crate::support::canned::Canned;
    let long = "甲".repeat(70_000);
    let token = r#"{"access_token":"12_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","expires_in":7200}"#;
    let answers = [
        format!(r#"{{"errcode":40013,"errmsg":"{long}"}}"#),
        format!(r#"{{"errcode":{{"x":"{long}"}}}}"#),
        format!(r#"{{"menu":{{"button":"{long}"}}}}"#),
    ];
    for answer in answers {
        let canned = Canned::start(vec![
            (
                "/cgi-bin/stable_token",
                "application/json",
                token.as_bytes(),
            ),
            ("/cgi-bin/menu/get", "application/json", answer.as_bytes()),
        ]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("wxform.yaml"),
            "version: 1\nconditional_menus: []\n",
        )
        .unwrap();
        let result = output(
            crate::support::run::wxform()
                .current_dir(dir.path())
                .arg("plan")
                .env("WXFORM_API_BASE", canned.base_url())
                .env("WXFORM_CACHE_DIR", dir.path().join("cache"))
                .env("WXFORM_RETRY_BASE_MS", "0")
                .env("WECHAT_APPID", crate::support::emulator::APPID)
                .env("WECHAT_APPSECRET", crate::support::emulator::APPSECRET),
        );
        let text = all_text(&result);
        let head: String = text.chars().take(300).collect();
        assert_eq!(result.status.code(), Some(1), "{head}");
        assert!(text.contains("menu/get"), "{head}");
        assert!(text.len() < 4096, "{} bytes: {head}", text.len());
    }
}
