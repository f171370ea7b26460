//! Optional wire roughness: text/plain error answers and raw control characters in strings.

use super::Raw;
use crate::support::emulator::{Emulator, EmulatorOptions, State, Tag, Template};

#[test]
fn plain_text_errors_change_only_the_content_type_of_errors() {
    let emulator = Emulator::start_with(EmulatorOptions {
        plain_text_errors: true,
        ..EmulatorOptions::default()
    });
    let raw = Raw::new(&emulator);
    let error = raw.get("/cgi-bin/tags/get");
    assert_eq!(error.content_type, "text/plain");
    assert_eq!(error.errcode(), 41001, "the body is still JSON");
    let token = emulator.issue_token();
    let ok = raw.get_with(&token, "/cgi-bin/tags/get");
    assert_eq!(ok.content_type, "application/json; encoding=utf-8");
}

#[test]
fn raw_control_characters_are_written_unescaped() {
    let emulator = Emulator::start_with(EmulatorOptions {
        raw_control_characters: true,
        ..EmulatorOptions::default()
    });
    emulator.seed(State {
        tags: vec![Tag::new(100, "a\\nb\u{1}")],
        templates: vec![Template {
            template_id: "x".repeat(43),
            title: "t".into(),
            content: "{{first.DATA}}\n{{remark.DATA}}".into(),
            example: String::new(),
            industry: None,
        }],
        ..State::default()
    });
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    let tags = raw.get_with(&token, "/cgi-bin/tags/get");
    assert!(tags.text.contains("\"a\\\\nb\u{1}\""), "{:?}", tags.text);
    assert!(tags.json.is_null(), "a strict parser rejects it");
    let list = raw.get_with(&token, "/cgi-bin/template/get_all_private_template");
    assert!(list.text.contains("{{first.DATA}}\n{{remark.DATA}}"));
}
