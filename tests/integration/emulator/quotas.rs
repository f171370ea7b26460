//! Daily quotas: every call counts against its endpoint's limit for the Beijing-time day, 45009
//! past it, and `openapi/quota/get` says where an endpoint stands (76021 for an unknown path).

use std::time::Duration;

use serde_json::json;

use super::{Raw, assert_error, setup};
use crate::support::emulator::{Emulator, EmulatorOptions};

const QUOTA_GET: &str = "/cgi-bin/openapi/quota/get";
const CREATE: &str = "/cgi-bin/menu/create";
const MENU: &str = r#"{"button":[{"type":"click","name":"A","key":"a"}]}"#;

fn quota_of(raw: &Raw, token: &str, path: &str) -> serde_json::Value {
    let body = json!({ "cgi_path": path }).to_string();
    raw.post_with(token, QUOTA_GET, &body).json
}

#[test]
fn calls_past_the_daily_limit_are_refused_and_still_counted() {
    let mut limits = EmulatorOptions::default().daily_limits;
    limits.insert(CREATE.into(), 2);
    let emulator = Emulator::start_with(EmulatorOptions {
        daily_limits: limits,
        ..EmulatorOptions::default()
    });
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    for _ in 0..2 {
        assert_eq!(raw.post_with(&token, CREATE, MENU).errcode(), 0);
    }
    assert_error(&raw.post_with(&token, CREATE, MENU), 45009);
    // A recorded answer: the refused call counts, so `used` passes the limit.
    assert_eq!(
        quota_of(&raw, &token, CREATE),
        json!({"errcode": 0, "errmsg": "ok", "quota": {"daily_limit": 2, "used": 3, "remain": 0}})
    );
    assert_eq!(emulator.quota_used(CREATE), 3);
    assert_eq!(emulator.quota_used(QUOTA_GET), 1);
}

#[test]
fn the_quotas_reset_at_midnight_beijing_time() {
    let (emulator, token) = setup();
    emulator.spend_quota(CREATE, 1000);
    let raw = Raw::new(&emulator);
    assert_error(&raw.post_with(&token, CREATE, MENU), 45009);
    let now = emulator.now_unix();
    let beijing = 8 * 3600;
    let midnight = ((now + beijing) / 86_400 + 1) * 86_400 - beijing;
    emulator.advance(Duration::from_secs(midnight - now - 1));
    // Up to a day has passed: the first token may have expired (it lives two hours).
    let token = emulator.issue_token();
    assert_eq!(quota_of(&raw, &token, CREATE)["quota"]["remain"], 0);
    emulator.advance(Duration::from_secs(1));
    let token = emulator.issue_token();
    assert_eq!(
        quota_of(&raw, &token, CREATE)["quota"],
        json!({"daily_limit": 1000, "used": 0, "remain": 1000})
    );
    assert_eq!(raw.post_with(&token, CREATE, MENU).errcode(), 0);
}

#[test]
fn quota_get_knows_only_the_paths_it_serves() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let body = |path: &str| json!({ "cgi_path": path }).to_string();
    assert_error(
        &raw.post_with(&token, QUOTA_GET, &body("/cgi-bin/nothing")),
        76021,
    );
    assert_error(
        &raw.post_with(&token, QUOTA_GET, &body("cgi-bin/menu/create")),
        76003,
    );
    assert_eq!(
        quota_of(&raw, &token, "/wxaapi/newtmpl/addtemplate")["quota"]["daily_limit"],
        10_000
    );
    let unknown = Emulator::start_with(EmulatorOptions {
        quota_knows_wxaapi: false,
        ..EmulatorOptions::default()
    });
    let token = unknown.issue_token();
    let raw = Raw::new(&unknown);
    assert_error(
        &raw.post_with(&token, QUOTA_GET, &body("/wxaapi/newtmpl/addtemplate")),
        76021,
    );
}

#[test]
fn an_endpoint_without_a_limit_answers_zeros_and_is_never_refused() {
    let mut limits = EmulatorOptions::default().daily_limits;
    limits.insert(CREATE.into(), 0);
    let emulator = Emulator::start_with(EmulatorOptions {
        daily_limits: limits,
        ..EmulatorOptions::default()
    });
    emulator.spend_quota(CREATE, 1_000_000);
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    assert_eq!(raw.post_with(&token, CREATE, MENU).errcode(), 0);
    assert_eq!(
        quota_of(&raw, &token, CREATE)["quota"],
        json!({"daily_limit": 0, "used": 0, "remain": 0})
    );
}
