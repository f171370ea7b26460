//! The request log: what was sent, redacted, and which calls were writes.

use super::{Raw, setup};
use crate::support::emulator::{APPSECRET, REDACTED};
use std::time::Duration;

#[test]
fn requests_are_recorded_with_credentials_redacted() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let stable = raw.token();
    raw.get(&format!(
        "/cgi-bin/token?grant_type=client_credential&appid=wx1234567890abcdef&secret={APPSECRET}"
    ));
    raw.post_with(&token, "/cgi-bin/tags/create", r#"{"tag":{"name":"VIP"}}"#);
    raw.get_with(&token, "/cgi-bin/tags/get");

    let log = emulator.requests();
    assert_eq!(log.len(), 4);
    assert_eq!(log[0].method, "POST");
    assert_eq!(log[0].path, "/cgi-bin/stable_token");
    assert_eq!(log[0].body.as_ref().unwrap()["secret"], REDACTED);
    assert_eq!(log[1].query_param("secret"), Some(REDACTED));
    assert_eq!(log[1].query_param("appid"), Some("wx1234567890abcdef"));
    assert_eq!(log[2].query_param("access_token"), Some(REDACTED));
    assert_eq!(log[2].body.as_ref().unwrap()["tag"]["name"], "VIP");
    assert_eq!(log[2].errcode, 0);

    let everything = serde_json::to_string(&log).unwrap();
    for secret in [APPSECRET, token.as_str(), stable.as_str()] {
        assert!(
            !everything.contains(secret),
            "the log never holds credentials"
        );
    }
}

#[test]
fn mutating_requests_and_counts() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.get_with(&token, "/cgi-bin/tags/get");
    raw.get_with(&token, "/cgi-bin/menu/get");
    raw.get_with(&token, "/cgi-bin/tags/get");
    assert!(
        emulator.mutating_requests().is_empty(),
        "reads are not writes"
    );
    // A failed write is still a write attempt.
    raw.post_with(&token, "/cgi-bin/tags/create", r#"{"tag":{"name":""}}"#);
    let writes = emulator.mutating_requests();
    assert_eq!(writes.len(), 1);
    assert_eq!(writes[0].errcode, 45157);
    assert_eq!(emulator.request_count("/cgi-bin/tags/get"), 2);
    assert_eq!(emulator.counts_by_path()["/cgi-bin/menu/get"], 1);
    emulator.clear_requests();
    assert!(emulator.requests().is_empty());
}

#[test]
fn the_rid_starts_with_the_virtual_unix_time_in_hex() {
    let (emulator, _token) = setup();
    emulator.advance(Duration::from_secs(86_400));
    let reply = Raw::new(&emulator).get("/cgi-bin/tags/get");
    let errmsg = reply.json["errmsg"].as_str().unwrap();
    let prefix = format!("access_token missing rid: {:08x}-", emulator.now_unix());
    assert!(errmsg.starts_with(&prefix), "{errmsg} vs {prefix}");
}

#[test]
fn concurrent_requests_are_all_served_and_recorded() {
    let (emulator, token) = setup();
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                let raw = Raw::new(&emulator);
                for _ in 0..5 {
                    assert_eq!(raw.get_with(&token, "/cgi-bin/tags/get").errcode(), 0);
                }
            });
        }
    });
    assert_eq!(emulator.request_count("/cgi-bin/tags/get"), 40);
}
