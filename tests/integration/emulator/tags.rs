//! Tags: create/get/update/delete shapes, realistic ids, and the limits 45056–45159.

use serde_json::json;

use super::{Raw, assert_error, setup};
use crate::support::emulator::{State, Tag};

const CREATE: &str = "/cgi-bin/tags/create";
const GET: &str = "/cgi-bin/tags/get";
const UPDATE: &str = "/cgi-bin/tags/update";
const DELETE: &str = "/cgi-bin/tags/delete";

#[test]
fn tags_are_created_from_100_and_listed_after_the_star_group() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let created = raw.post_with(&token, CREATE, r#"{"tag":{"name":"广东"}}"#);
    assert_eq!(created.text, r#"{"tag":{"id":100,"name":"广东"}}"#);
    raw.post_with(&token, CREATE, r#"{"tag":{"name":"VIP"}}"#);
    let listed = raw.get_with(&token, GET);
    assert_eq!(
        listed.text,
        r#"{"tags":[{"id":2,"name":"星标组","count":0},{"id":100,"name":"广东","count":0},{"id":101,"name":"VIP","count":0}]}"#
    );
}

#[test]
fn fresh_account_lists_only_the_star_group() {
    let (emulator, token) = setup();
    let listed = Raw::new(&emulator).get_with(&token, GET);
    assert_eq!(
        listed.json,
        json!({"tags":[{"id":2,"name":"星标组","count":0}]})
    );
}

#[test]
fn names_are_checked() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, r#"{"tag":{"name":"广东"}}"#);
    assert_error(
        &raw.post_with(&token, CREATE, r#"{"tag":{"name":"广东"}}"#),
        45157,
    );
    assert_error(
        &raw.post_with(&token, CREATE, r#"{"tag":{"name":"星标组"}}"#),
        45157,
    );
    assert_error(
        &raw.post_with(&token, CREATE, r#"{"tag":{"name":""}}"#),
        45157,
    );
    let eleven = "字".repeat(11);
    let long = format!(r#"{{"tag":{{"name":"{eleven}"}}}}"#);
    assert_error(&raw.post_with(&token, CREATE, &long), 45158);
    let ten = format!(r#"{{"tag":{{"name":"{}"}}}}"#, "字".repeat(10));
    assert_eq!(
        raw.post_with(&token, CREATE, &ten).errcode(),
        0,
        "30 bytes is fine"
    );
    assert_error(&raw.post_with(&token, CREATE, ""), 44002);
    assert_error(&raw.post_with(&token, CREATE, "{tag"), 47001);
    // Only menu writes refuse `\u` escapes.
    let escaped = raw.post_with(&token, CREATE, r#"{"tag":{"name":"\u6e2f"}}"#);
    assert_eq!(escaped.json["tag"]["name"], "港");
}

#[test]
fn the_hundred_tag_cap_is_45056() {
    let (emulator, token) = setup();
    let tags = (0..100)
        .map(|i| Tag::new(100 + i, &format!("t{i}")))
        .collect();
    emulator.seed(State {
        tags,
        ..State::default()
    });
    let raw = Raw::new(&emulator);
    assert_error(
        &raw.post_with(&token, CREATE, r#"{"tag":{"name":"one more"}}"#),
        45056,
    );
    raw.post_with(&token, DELETE, r#"{"tag":{"id":150}}"#);
    let created = raw.post_with(&token, CREATE, r#"{"tag":{"name":"one more"}}"#);
    assert_eq!(created.json["tag"]["id"], 200, "ids are never reused");
}

#[test]
fn update_and_delete_rules() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, r#"{"tag":{"name":"beta"}}"#);
    raw.post_with(&token, CREATE, r#"{"tag":{"name":"VIP"}}"#);
    let renamed = raw.post_with(&token, UPDATE, r#"{"tag":{"id":100,"name":"内测用户"}}"#);
    assert_eq!(renamed.text, r#"{"errcode":0,"errmsg":"ok"}"#);
    assert_eq!(emulator.state().tags[0], Tag::new(100, "内测用户"));
    assert_error(
        &raw.post_with(&token, UPDATE, r#"{"tag":{"id":100,"name":"VIP"}}"#),
        45157,
    );
    assert_eq!(
        raw.post_with(&token, UPDATE, r#"{"tag":{"id":"100","name":"内测用户"}}"#)
            .errcode(),
        0
    );
    for id in 0..=2 {
        let body = format!(r#"{{"tag":{{"id":{id},"name":"x"}}}}"#);
        assert_error(&raw.post_with(&token, UPDATE, &body), 45058);
        assert_error(
            &raw.post_with(&token, DELETE, &format!(r#"{{"tag":{{"id":{id}}}}}"#)),
            45058,
        );
    }
    assert_error(
        &raw.post_with(&token, UPDATE, r#"{"tag":{"id":999,"name":"x"}}"#),
        45159,
    );
    assert_error(
        &raw.post_with(&token, DELETE, r#"{"tag":{"id":999}}"#),
        45159,
    );
    assert_error(&raw.post_with(&token, DELETE, r#"{"tag":{}}"#), 44002);
    assert_eq!(
        raw.post_with(&token, DELETE, r#"{"tag":{"id":101}}"#)
            .errcode(),
        0
    );
    assert_eq!(emulator.state().tags, vec![Tag::new(100, "内测用户")]);
}

#[test]
fn a_tag_with_too_many_followers_cannot_be_deleted() {
    let (emulator, token) = setup();
    let mut big = Tag::new(120, "大家");
    big.count = 100_001;
    emulator.seed(State {
        tags: vec![big],
        ..State::default()
    });
    assert_error(
        &Raw::new(&emulator).post_with(&token, DELETE, r#"{"tag":{"id":120}}"#),
        45057,
    );
}
