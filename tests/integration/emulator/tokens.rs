//! Token endpoints: stable_token reuse and hand-over, /cgi-bin/token rotation with overlap,
//! family independence, credential errors, and the token checks of business calls.

use std::time::Duration;

use super::{Raw, assert_error};
use crate::support::emulator::{APPID, APPSECRET, Emulator, EmulatorOptions, WhitelistKind};

fn stable_body(force: bool) -> String {
    format!(
        r#"{{"grant_type":"client_credential","appid":"{APPID}","secret":"{APPSECRET}","force_refresh":{force}}}"#
    )
}

fn basic_query() -> String {
    format!("/cgi-bin/token?grant_type=client_credential&appid={APPID}&secret={APPSECRET}")
}

const TAGS: &str = "/cgi-bin/tags/get";

#[test]
fn stable_token_is_reused_until_five_minutes_remain_then_handed_over() {
    let emulator = Emulator::start();
    let raw = Raw::new(&emulator);
    let first = raw.post("/cgi-bin/stable_token", &stable_body(false));
    assert_eq!(first.json["expires_in"], 7200);
    assert!(first.json.get("errcode").is_none(), "no errcode on success");
    let token = first.json["access_token"].as_str().unwrap().to_string();
    assert!(
        (130..=160).contains(&token.len()),
        "opaque ~136 chars: {token}"
    );

    emulator.advance(Duration::from_secs(1000));
    let again = raw.post("/cgi-bin/stable_token", &stable_body(false));
    assert_eq!(again.json["access_token"], token.as_str());
    assert_eq!(again.json["expires_in"], 6200);

    // 4 minutes left: a new token; both work during the hand-over.
    emulator.advance(Duration::from_secs(6200 - 240));
    let next = raw.post("/cgi-bin/stable_token", &stable_body(false));
    let new_token = next.json["access_token"].as_str().unwrap().to_string();
    assert_ne!(new_token, token);
    assert_eq!(next.json["expires_in"], 7200);
    assert_eq!(raw.get_with(&token, TAGS).errcode(), 0);
    assert_eq!(raw.get_with(&new_token, TAGS).errcode(), 0);

    emulator.advance(Duration::from_secs(240));
    assert_error(&raw.get_with(&token, TAGS), 42001);
    assert_eq!(raw.get_with(&new_token, TAGS).errcode(), 0);
}

#[test]
fn stable_token_force_refresh_issues_a_new_token_and_keeps_the_old_one_briefly() {
    let emulator = Emulator::start();
    let raw = Raw::new(&emulator);
    let old = raw.token();
    let forced = raw.post("/cgi-bin/stable_token", &stable_body(true));
    let new = forced.json["access_token"].as_str().unwrap().to_string();
    assert_ne!(new, old);
    assert_eq!(raw.get_with(&old, TAGS).errcode(), 0, "overlap after force");

    // A second force within 30 s does not refresh.
    let again = raw.post("/cgi-bin/stable_token", &stable_body(true));
    assert_eq!(again.json["access_token"], new.as_str());

    emulator.advance(Duration::from_secs(301));
    assert_error(&raw.get_with(&old, TAGS), 40001);
    assert_eq!(raw.get_with(&new, TAGS).errcode(), 0);
}

#[test]
fn basic_token_rotates_on_every_call_and_only_the_previous_survives() {
    let emulator = Emulator::start();
    let raw = Raw::new(&emulator);
    let first = raw.get(&basic_query());
    assert_eq!(first.json["expires_in"], 7200);
    let first = first.json["access_token"].as_str().unwrap().to_string();
    let second = raw.get(&basic_query()).json["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(first, second);
    assert_eq!(raw.get_with(&first, TAGS).errcode(), 0, "5-minute overlap");
    emulator.advance(Duration::from_secs(299));
    assert_eq!(raw.get_with(&first, TAGS).errcode(), 0);
    emulator.advance(Duration::from_secs(1));
    assert_error(&raw.get_with(&first, TAGS), 40001);

    // A third call kills the first-but-one immediately.
    let third = raw.get(&basic_query()).json["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(raw.get_with(&second, TAGS).errcode(), 0);
    let _fourth = raw.get(&basic_query());
    assert_error(&raw.get_with(&second, TAGS), 40001);
    assert_eq!(raw.get_with(&third, TAGS).errcode(), 0);
}

#[test]
fn token_families_are_independent() {
    let emulator = Emulator::start();
    let raw = Raw::new(&emulator);
    let stable = raw.token();
    for _ in 0..3 {
        raw.get(&basic_query());
    }
    raw.post("/cgi-bin/stable_token", &stable_body(false));
    assert_eq!(
        raw.token(),
        stable,
        "basic rotations leave the stable token alone"
    );
    let issued = emulator.issue_token();
    assert_eq!(raw.get_with(&issued, TAGS).errcode(), 0);
    assert_eq!(raw.get_with(&stable, TAGS).errcode(), 0);
}

#[test]
fn credential_errors() {
    let emulator = Emulator::start();
    let raw = Raw::new(&emulator);
    let stable = |body: &str| raw.post("/cgi-bin/stable_token", body);
    let wrong_secret =
        format!(r#"{{"grant_type":"client_credential","appid":"{APPID}","secret":"0000"}}"#);
    assert_error(&stable(&wrong_secret), 40125);
    let wrong_appid =
        r#"{"grant_type":"client_credential","appid":"wx0000000000000000","secret":"x"}"#;
    assert_error(&stable(wrong_appid), 40013);
    assert_error(&stable(r#"{"grant_type":"client_credential"}"#), 41002);
    let no_secret = format!(r#"{{"grant_type":"client_credential","appid":"{APPID}"}}"#);
    assert_error(&stable(&no_secret), 41004);
    assert_error(&stable(r#"{"grant_type":"password"}"#), 40002);
    assert_error(&stable(""), 44002);
    assert_error(&stable("grant_type=client_credential"), 47001);
    assert_error(&raw.get("/cgi-bin/stable_token"), 43002);

    let bad = format!("/cgi-bin/token?grant_type=client_credential&appid={APPID}&secret=nope");
    assert_error(&raw.get(&bad), 40125);
    assert_eq!(emulator.state().counters.tokens_issued, 0);
}

#[test]
fn ip_whitelist_mode_refuses_every_call_with_40164_naming_the_ip() {
    let emulator = Emulator::start_with(EmulatorOptions {
        ip_whitelist_blocks: true,
        ..EmulatorOptions::default()
    });
    let raw = Raw::new(&emulator);
    let reply = raw.post("/cgi-bin/stable_token", &stable_body(false));
    assert_error(&reply, 40164);
    assert!(
        reply.json["errmsg"]
            .as_str()
            .unwrap()
            .starts_with("invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: ")
    );
    assert_error(&raw.get(&basic_query()), 40164);
    // A token service's token gets no further (WeChat's whitelist documentation).
    let issued = emulator.issue_token();
    assert_error(&raw.get_with(&issued, TAGS), 40164);
    emulator.configure(|options| options.ip_whitelist_business_calls = false);
    assert_eq!(raw.get_with(&issued, TAGS).errcode(), 0);
    assert_error(&raw.get(&basic_query()), 40164);
    emulator.configure(|options| options.ip_whitelist_blocks = false);
    assert_eq!(raw.get_with(&issued, TAGS).errcode(), 0);
}

#[test]
fn a_third_party_platform_refusal_is_61004_naming_the_ip() {
    let emulator = Emulator::start_with(EmulatorOptions::whitelist_refusing(
        "198.51.100.4",
        WhitelistKind::ThirdParty,
    ));
    let raw = Raw::new(&emulator);
    let issued = emulator.issue_token();
    for reply in [
        raw.get_with(&issued, TAGS),
        raw.post("/cgi-bin/stable_token", &stable_body(false)),
    ] {
        assert_error(&reply, 61004);
        let errmsg = reply.json["errmsg"].as_str().unwrap();
        assert!(
            errmsg.starts_with("access clientip is not registered requestIP: 198.51.100.4 rid: "),
            "{errmsg}"
        );
    }
}

#[test]
fn a_refusal_names_an_ipv6_caller_or_says_what_it_is_told() {
    let emulator = Emulator::start_with(EmulatorOptions::whitelist_refusing(
        "2001:db8::7",
        WhitelistKind::Account,
    ));
    let raw = Raw::new(&emulator);
    let reply = raw.get(&basic_query());
    assert_error(&reply, 40164);
    assert!(
        reply.json["errmsg"]
            .as_str()
            .unwrap()
            .starts_with("invalid ip 2001:db8::7 ipv6 2001:db8::7, not in whitelist rid: ")
    );
    emulator.configure(|options| {
        options.whitelist_errmsg =
            Some("access clientip is not registered hint: [aHCZjA05601518]".into());
        options.whitelist_kind = WhitelistKind::ThirdParty;
    });
    let reply = raw.get(&basic_query());
    assert_error(&reply, 61004);
    assert!(
        reply.json["errmsg"]
            .as_str()
            .unwrap()
            .starts_with("access clientip is not registered hint: [aHCZjA05601518] rid: ")
    );
}

#[test]
fn a_personal_subscription_account_has_no_menu_api() {
    let emulator = Emulator::start_with(EmulatorOptions::personal_subscription());
    let raw = Raw::new(&emulator);
    let token = emulator.issue_token();
    for path in [
        "/cgi-bin/menu/get",
        "/cgi-bin/menu/delete",
        "/cgi-bin/template/get_industry",
    ] {
        let reply = raw.get_with(&token, path);
        assert_error(&reply, 48001);
        assert!(
            reply.json["errmsg"]
                .as_str()
                .unwrap()
                .starts_with("api unauthorized rid: "),
            "{path}"
        );
    }
    assert_eq!(
        raw.get_with(&token, "/cgi-bin/get_current_selfmenu_info")
            .errcode(),
        0
    );
    assert_eq!(raw.get_with(&token, TAGS).errcode(), 0);
}

#[test]
fn business_calls_check_the_token() {
    let emulator = Emulator::start();
    let raw = Raw::new(&emulator);
    assert_error(&raw.get(TAGS), 41001);
    assert_error(&raw.get_with("not a token!", TAGS), 40014);
    let unknown = format!("93_{}", "A".repeat(133));
    assert_error(&raw.get_with(&unknown, TAGS), 40001);
    let token = raw.token();
    emulator.expire_tokens();
    assert_error(&raw.get_with(&token, TAGS), 42001);
    // After expiry, stable_token hands out a fresh one.
    let fresh = raw.token();
    assert_ne!(fresh, token);
    emulator.invalidate_token(&fresh);
    assert_error(&raw.get_with(&fresh, TAGS), 40001);
}

#[test]
fn the_40001_errmsg_is_the_current_long_text() {
    let emulator = Emulator::start();
    let raw = Raw::new(&emulator);
    let unknown = format!("93_{}", "B".repeat(133));
    let reply = raw.get_with(&unknown, TAGS);
    let errmsg = reply.json["errmsg"].as_str().unwrap();
    assert!(errmsg.starts_with("invalid credential, access_token is invalid or not latest"));
    // `/` is escaped on the wire.
    assert!(
        reply.text.contains(r"https:\/\/mmbizurl.cn\/s\/JtxxFh33r"),
        "{}",
        reply.text
    );
}
