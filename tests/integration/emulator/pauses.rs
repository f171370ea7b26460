//! Writes paused until the test resumes them, and writes held for good: on one path or any,
//! one or every one after a chosen write; resumed oldest first, by path, or all at once.

use super::{Raw, setup};
use crate::support::emulator::{DropMode, Emulator};
use std::thread::JoinHandle;
use std::time::Duration;

const TAGS_CREATE: &str = "/cgi-bin/tags/create";
const TAGS_DELETE: &str = "/cgi-bin/tags/delete";

/// Sends a tags/create for `name` on its own thread; the errcode of its answer.
fn create_tag_in_background(emulator: &Emulator, token: &str, name: &str) -> JoinHandle<i64> {
    let url = format!("{}{TAGS_CREATE}?access_token={token}", emulator.base_url());
    let body = format!(r#"{{"tag":{{"name":"{name}"}}}}"#);
    std::thread::spawn(move || {
        let answer = reqwest::blocking::Client::new().post(url).body(body).send();
        let json: serde_json::Value = answer.and_then(|a| a.json()).unwrap_or_default();
        json["errcode"].as_i64().unwrap_or(0)
    })
}

/// Polls `count` (paused or held requests) until it is `expected`.
fn wait_until(what: &str, count: impl Fn() -> usize, expected: usize) {
    for _ in 0..3000 {
        if count() == expected {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("{what}: {} instead of {expected}", count());
}

fn tag_names(emulator: &Emulator) -> Vec<String> {
    emulator.state().tags.into_iter().map(|t| t.name).collect()
}

#[test]
fn a_pause_on_a_path_lets_other_writes_through_until_resumed() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    emulator.pause_mutation_on(TAGS_CREATE, 1);
    assert_eq!(
        create_tag_in_background(&emulator, &token, "a")
            .join()
            .unwrap(),
        0
    );
    let paused = create_tag_in_background(&emulator, &token, "b");
    wait_until("paused", || emulator.paused(), 1);
    // A write to another path is not paused (and not counted).
    let delete = raw.post_with(&token, TAGS_DELETE, r#"{"tag":{"id":100}}"#);
    assert_eq!(delete.errcode(), 0);
    assert!(tag_names(&emulator).is_empty(), "b waits, unmade");
    emulator.resume_on(TAGS_CREATE);
    assert_eq!(paused.join().unwrap(), 0);
    assert_eq!(tag_names(&emulator), ["b"]);
}

#[test]
fn every_write_after_the_chosen_one_is_paused_until_pausing_stops() {
    let (emulator, token) = setup();
    emulator.pause_mutations(0);
    let first = create_tag_in_background(&emulator, &token, "a");
    wait_until("paused", || emulator.paused(), 1);
    let second = create_tag_in_background(&emulator, &token, "b");
    wait_until("paused", || emulator.paused(), 2);
    emulator.stop_pausing();
    assert_eq!(
        create_tag_in_background(&emulator, &token, "c")
            .join()
            .unwrap(),
        0
    );
    // The oldest first, then all the others.
    emulator.resume();
    assert_eq!(first.join().unwrap(), 0);
    assert_eq!(tag_names(&emulator), ["c", "a"]);
    emulator.resume_all();
    assert_eq!(second.join().unwrap(), 0);
    assert_eq!(tag_names(&emulator), ["c", "a", "b"]);
    assert_eq!(emulator.paused(), 2);
}

#[test]
fn a_resume_given_before_the_pause_lets_the_paused_write_through() {
    let (emulator, token) = setup();
    emulator.resume();
    emulator.pause_mutation(0);
    assert_eq!(
        create_tag_in_background(&emulator, &token, "a")
            .join()
            .unwrap(),
        0
    );
    assert_eq!(emulator.paused(), 1);
}

#[test]
fn every_write_after_the_held_one_is_held_unmade_until_the_faults_are_cleared() {
    let (emulator, token) = setup();
    emulator.hold_mutations(0, DropMode::AfterWrite);
    // Never joined: held requests end with an error once the emulator stops.
    let _first = create_tag_in_background(&emulator, &token, "a");
    wait_until("held", || emulator.held(), 1);
    let _second = create_tag_in_background(&emulator, &token, "b");
    wait_until("held", || emulator.held(), 2);
    assert_eq!(tag_names(&emulator), ["a"], "the first held write was made");
    assert_eq!(emulator.mutating_requests().len(), 1, "the second was not");
    emulator.clear_faults();
    assert_eq!(
        create_tag_in_background(&emulator, &token, "c")
            .join()
            .unwrap(),
        0
    );
    assert_eq!(tag_names(&emulator), ["a", "c"]);
}
