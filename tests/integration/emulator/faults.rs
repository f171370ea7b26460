//! Fault injection: errcodes on the next calls or on a path, a seeded failure rate, dropped
//! connections before and after the write, latency configuration.

use std::time::Duration;

use super::{Raw, assert_error, setup};
use crate::support::emulator::{DropMode, Emulator, EmulatorOptions};

const TAGS_GET: &str = "/cgi-bin/tags/get";
const TAGS_CREATE: &str = "/cgi-bin/tags/create";

#[test]
fn fail_next_answers_the_errcode_without_performing() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    emulator.fail_next(2, -1);
    assert_error(
        &raw.post_with(&token, TAGS_CREATE, r#"{"tag":{"name":"a"}}"#),
        -1,
    );
    assert_error(&raw.get_with(&token, TAGS_GET), -1);
    assert_eq!(raw.get_with(&token, TAGS_GET).errcode(), 0);
    assert!(
        emulator.state().tags.is_empty(),
        "the failed create did nothing"
    );
}

#[test]
fn fail_on_targets_one_path() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    emulator.fail_on(TAGS_CREATE, 1, 45011);
    assert_eq!(raw.get_with(&token, TAGS_GET).errcode(), 0);
    assert_error(
        &raw.post_with(&token, TAGS_CREATE, r#"{"tag":{"name":"a"}}"#),
        45011,
    );
    assert_eq!(
        raw.post_with(&token, TAGS_CREATE, r#"{"tag":{"name":"a"}}"#)
            .errcode(),
        0
    );
    emulator.fail_on(TAGS_GET, 1, 45009);
    assert_error(&raw.get_with(&token, TAGS_GET), 45009);
}

#[test]
fn fail_rate_is_deterministic_for_a_seed() {
    let outcomes = |seed| {
        let (emulator, token) = setup();
        emulator.fail_rate(0.5, seed);
        let raw = Raw::new(&emulator);
        (0..20)
            .map(|_| raw.get_with(&token, TAGS_GET).errcode())
            .collect::<Vec<_>>()
    };
    let first = outcomes(7);
    assert_eq!(first, outcomes(7));
    assert!(first.contains(&-1) && first.contains(&0), "{first:?}");
}

#[test]
fn drop_before_write_closes_without_answer_and_changes_nothing() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    emulator.drop_on(TAGS_CREATE, 1, DropMode::BeforeWrite);
    let path = format!("{TAGS_CREATE}?access_token={token}");
    assert!(raw.try_post(&path, r#"{"tag":{"name":"a"}}"#).is_err());
    assert!(emulator.state().tags.is_empty());
    assert!(emulator.requests()[0].dropped);
    assert_eq!(
        raw.post_with(&token, TAGS_CREATE, r#"{"tag":{"name":"a"}}"#)
            .errcode(),
        0
    );
}

#[test]
fn drop_after_write_performs_the_write_then_closes() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    emulator.drop_next(1, DropMode::AfterWrite);
    let path = format!("{TAGS_CREATE}?access_token={token}");
    assert!(raw.try_post(&path, r#"{"tag":{"name":"a"}}"#).is_err());
    assert_eq!(emulator.state().tags.len(), 1, "the write happened");
    // A retry of the non-idempotent write now fails: the name is taken.
    assert_error(
        &raw.post_with(&token, TAGS_CREATE, r#"{"tag":{"name":"a"}}"#),
        45157,
    );
}

#[test]
fn latency_is_configurable_and_clear_faults_keeps_it() {
    let emulator = Emulator::start_with(EmulatorOptions {
        latency: Duration::from_millis(1),
        ..EmulatorOptions::default()
    });
    assert_eq!(emulator.faults().latency, Duration::from_millis(1));
    emulator.set_latency(Duration::ZERO);
    emulator.fail_next(3, -1);
    emulator.set_latency(Duration::from_millis(2));
    emulator.clear_faults();
    let faults = emulator.faults();
    assert!(faults.rules.is_empty());
    assert_eq!(faults.latency, Duration::from_millis(2));
    let token = emulator.issue_token();
    assert_eq!(Raw::new(&emulator).get_with(&token, TAGS_GET).errcode(), 0);
}

/// Sends a tags/create for `name` on its own thread; it stays blocked while held.
fn create_tag_in_background(emulator: &Emulator, token: &str, name: &str) {
    let url = format!("{}{TAGS_CREATE}?access_token={token}", emulator.base_url());
    let body = format!(r#"{{"tag":{{"name":"{name}"}}}}"#);
    // Never joined: the request ends with an error once the emulator stops.
    std::thread::spawn(move || {
        let _ = reqwest::blocking::Client::new().post(url).body(body).send();
    });
}

fn wait_until_held(emulator: &Emulator, count: usize) {
    for _ in 0..3000 {
        if emulator.held() == count {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("no request was held");
}

#[test]
fn hold_mutation_keeps_the_chosen_write_unanswered() {
    for (mode, performed) in [(DropMode::BeforeWrite, false), (DropMode::AfterWrite, true)] {
        let (emulator, token) = setup();
        let raw = Raw::new(&emulator);
        emulator.hold_mutation(1, mode);
        // Reads are never held; the first write is let through.
        assert_eq!(raw.get_with(&token, TAGS_GET).errcode(), 0);
        let first = raw.post_with(&token, TAGS_CREATE, r#"{"tag":{"name":"a"}}"#);
        assert_eq!(first.errcode(), 0);
        create_tag_in_background(&emulator, &token, "b");
        wait_until_held(&emulator, 1);
        let names: Vec<String> = emulator.state().tags.into_iter().map(|t| t.name).collect();
        let expected: &[&str] = if performed { &["a", "b"] } else { &["a"] };
        assert_eq!(names, expected, "{mode:?}");
        assert_eq!(
            emulator.mutating_requests().len(),
            1 + usize::from(performed)
        );
        // One-shot: the next write is answered.
        let next = raw.post_with(&token, TAGS_CREATE, r#"{"tag":{"name":"c"}}"#);
        assert_eq!(next.errcode(), 0);
        assert_eq!(emulator.held(), 1);
    }
}

#[test]
fn clear_faults_cancels_a_pending_hold() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    emulator.hold_mutation(0, DropMode::BeforeWrite);
    emulator.clear_faults();
    let reply = raw.post_with(&token, TAGS_CREATE, r#"{"tag":{"name":"a"}}"#);
    assert_eq!(reply.errcode(), 0);
    assert_eq!(emulator.held(), 0);
}
