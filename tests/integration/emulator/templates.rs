//! Template messages: industry rules, library adds (not idempotent), the listing shape, caps
//! and deletion, and permission denial.

use std::time::Duration;

use serde_json::json;

use super::{Raw, assert_error, setup};
use crate::support::emulator::{Emulator, EmulatorOptions, Industry, State, Template};

const SET: &str = "/cgi-bin/template/api_set_industry";
const GET_INDUSTRY: &str = "/cgi-bin/template/get_industry";
const ADD: &str = "/cgi-bin/template/api_add_template";
const LIST: &str = "/cgi-bin/template/get_all_private_template";
const DEL: &str = "/cgi-bin/template/del_private_template";

#[test]
fn industry_is_set_and_read_back_by_name() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let set = raw.post_with(&token, SET, r#"{"industry_id1":"13","industry_id2":1}"#);
    assert_eq!(set.text, r#"{"errcode":0,"errmsg":"ok"}"#);
    let got = raw.get_with(&token, GET_INDUSTRY);
    assert_eq!(
        got.text,
        r#"{"primary_industry":{"first_class":"运输与仓储","second_class":"快递"},"secondary_industry":{"first_class":"IT科技","second_class":"互联网|电子商务"}}"#
    );
    assert_error(
        &raw.post_with(&token, SET, r#"{"industry_id1":"42","industry_id2":"1"}"#),
        40102,
    );
    assert_error(
        &raw.post_with(&token, SET, r#"{"industry_id1":"1"}"#),
        40102,
    );
    assert_error(
        &raw.post_with(&token, SET, r#"{"industry_id1":"1","industry_id2":"1"}"#),
        40103,
    );
}

#[test]
fn classic_and_category_templates_are_added_from_the_library() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, SET, r#"{"industry_id1":"1","industry_id2":"4"}"#);
    let classic = raw.post_with(&token, ADD, r#"{"template_id_short":"TM00015"}"#);
    assert_eq!(
        classic.json["errcode"], 0,
        "errcode present on this data endpoint"
    );
    let id = classic.json["template_id"].as_str().unwrap();
    assert_eq!(id.len(), 43);
    assert!(
        id.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    );

    let body = r#"{"template_id_short":"47123","keyword_name_list":["订单号","支付金额"]}"#;
    raw.post_with(&token, ADD, body);
    let listed = raw.get_with(&token, LIST);
    let list = listed.json["template_list"].as_array().unwrap();
    assert_eq!(list[0]["title"], "订单支付成功");
    assert_eq!(list[0]["primary_industry"], "IT科技");
    assert_eq!(list[0]["deputy_industry"], "互联网|电子商务");
    assert_eq!(
        list[0]["content"],
        "{{first.DATA}}\n订单号:{{keyword1.DATA}}\n支付金额:{{keyword2.DATA}}\n商品信息:{{keyword3.DATA}}\n{{remark.DATA}}"
    );
    assert_eq!(
        list[1]["content"],
        "订单号:{{character_string1.DATA}}\n支付金额:{{amount2.DATA}}"
    );
    assert!(
        list[1]["example"]
            .as_str()
            .unwrap()
            .starts_with("订单号:20240501123456\n")
    );
    assert!(
        list[0].get("template_id_short").is_none(),
        "no library id in the listing"
    );
}

#[test]
fn adds_are_not_idempotent() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, SET, r#"{"industry_id1":"1","industry_id2":"4"}"#);
    let a = raw.post_with(&token, ADD, r#"{"template_id_short":"TM00015"}"#);
    let b = raw.post_with(&token, ADD, r#"{"template_id_short":"TM00015"}"#);
    assert_ne!(a.json["template_id"], b.json["template_id"]);
    assert_eq!(emulator.state().templates.len(), 2);
}

#[test]
fn add_errors() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    assert_error(
        &raw.post_with(&token, ADD, r#"{"template_id_short":"TM00015"}"#),
        45027,
    );
    raw.post_with(&token, SET, r#"{"industry_id1":"1","industry_id2":"4"}"#);
    assert_error(
        &raw.post_with(&token, ADD, r#"{"template_id_short":"TM99999"}"#),
        40037,
    );
    assert_error(
        &raw.post_with(&token, ADD, r#"{"template_id_short":"OPENTM207940503"}"#),
        45027,
    );
    assert_error(
        &raw.post_with(&token, ADD, r#"{"template_id_short":"47123"}"#),
        40246,
    );
    let unknown = r#"{"template_id_short":"47123","keyword_name_list":["不存在"]}"#;
    assert_error(&raw.post_with(&token, ADD, unknown), 40246);
    assert_error(&raw.post_with(&token, ADD, ""), 44002);
    assert!(emulator.state().templates.is_empty());
}

fn seeded_template(id: usize, industry: Option<u32>) -> Template {
    Template {
        template_id: format!("{id:0>43}"),
        title: format!("模板{id}"),
        content: "{{first.DATA}}\n{{remark.DATA}}".into(),
        example: String::new(),
        industry,
    }
}

#[test]
fn the_25_template_cap_is_45026() {
    let (emulator, token) = setup();
    emulator.seed(State {
        industry: Some(Industry {
            primary: 1,
            secondary: 4,
            changed_at: None,
        }),
        templates: (0..25).map(|i| seeded_template(i, Some(1))).collect(),
        ..State::default()
    });
    let raw = Raw::new(&emulator);
    assert_error(
        &raw.post_with(&token, ADD, r#"{"template_id_short":"TM00015"}"#),
        45026,
    );
}

#[test]
fn delete_and_unknown_ids() {
    let (emulator, token) = setup();
    emulator.seed(State {
        templates: vec![seeded_template(1, None)],
        ..State::default()
    });
    let raw = Raw::new(&emulator);
    let listed = raw.get_with(&token, LIST);
    assert_eq!(
        listed.json["template_list"][0]["primary_industry"], "",
        "custom templates"
    );
    let id = format!("{:0>43}", 1);
    let body = format!(r#"{{"template_id":"{id}"}}"#);
    assert_eq!(
        raw.post_with(&token, DEL, &body).text,
        r#"{"errcode":0,"errmsg":"ok"}"#
    );
    assert_error(&raw.post_with(&token, DEL, &body), 40037);
    assert_eq!(raw.get_with(&token, LIST).json, json!({"template_list":[]}));
}

#[test]
fn changing_industry_deletes_the_old_industrys_templates() {
    assert_eq!(
        titles_after_leaving_industry_4(EmulatorOptions::default()),
        vec!["模板1", "模板3"]
    );
}

/// Titles left after moving an account of industries 1/4 holding templates of industry 1, 4
/// and none to 1/13, on an emulator with `options`.
fn titles_after_leaving_industry_4(options: EmulatorOptions) -> Vec<String> {
    let emulator = Emulator::start_with(options);
    let token = emulator.issue_token();
    emulator.seed(State {
        industry: Some(Industry {
            primary: 1,
            secondary: 4,
            changed_at: None,
        }),
        templates: vec![
            seeded_template(1, Some(1)),
            seeded_template(2, Some(4)),
            seeded_template(3, None),
        ],
        ..State::default()
    });
    let raw = Raw::new(&emulator);
    let set = raw.post_with(&token, SET, r#"{"industry_id1":"1","industry_id2":"13"}"#);
    assert_eq!(set.errcode(), 0);
    let state = emulator.state();
    state.templates.into_iter().map(|t| t.title).collect()
}

#[test]
fn what_an_industry_change_deletes_is_configurable() {
    let keep_all = EmulatorOptions {
        industry_change_deletes_templates: false,
        ..EmulatorOptions::default()
    };
    assert_eq!(
        titles_after_leaving_industry_4(keep_all),
        vec!["模板1", "模板2", "模板3"]
    );
    let unclassified_too = EmulatorOptions {
        industry_change_deletes_unclassified: true,
        ..EmulatorOptions::default()
    };
    assert_eq!(
        titles_after_leaving_industry_4(unclassified_too),
        vec!["模板1"]
    );
}

#[test]
fn classic_keywords_can_be_fixed() {
    let emulator = Emulator::start_with(EmulatorOptions {
        classic_keywords_fixed: true,
        ..EmulatorOptions::default()
    });
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, SET, r#"{"industry_id1":"1","industry_id2":"4"}"#);
    let body = r#"{"template_id_short":"TM00015","keyword_name_list":["支付金额"]}"#;
    assert_eq!(raw.post_with(&token, ADD, body).errcode(), 0);
    let listed = raw.get_with(&token, LIST);
    assert_eq!(
        listed.json["template_list"][0]["content"],
        "{{first.DATA}}\n订单号:{{keyword1.DATA}}\n支付金额:{{keyword2.DATA}}\n商品信息:{{keyword3.DATA}}\n{{remark.DATA}}"
    );
    // The list is still checked; a category template keeps only the keywords asked for.
    let unknown = r#"{"template_id_short":"TM00015","keyword_name_list":["无此关键词"]}"#;
    assert_error(&raw.post_with(&token, ADD, unknown), 40246);
    let category = r#"{"template_id_short":"47123","keyword_name_list":["订单号"]}"#;
    raw.post_with(&token, ADD, category);
    let listed = raw.get_with(&token, LIST);
    assert_eq!(
        listed.json["template_list"][1]["content"],
        "订单号:{{character_string1.DATA}}"
    );
}

#[test]
fn the_monthly_industry_rule_is_optional() {
    let emulator = Emulator::start_with(EmulatorOptions {
        enforce_industry_monthly: true,
        ..EmulatorOptions::default()
    });
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    assert_eq!(
        raw.post_with(&token, SET, r#"{"industry_id1":"1","industry_id2":"4"}"#)
            .errcode(),
        0
    );
    assert_eq!(
        raw.post_with(&token, SET, r#"{"industry_id1":"1","industry_id2":"4"}"#)
            .errcode(),
        0,
        "same industry: no change"
    );
    assert_error(
        &raw.post_with(&token, SET, r#"{"industry_id1":"2","industry_id2":"4"}"#),
        43100,
    );
    emulator.advance(Duration::from_secs(31 * 24 * 3600));
    let token = emulator.issue_token();
    assert_eq!(
        raw.post_with(&token, SET, r#"{"industry_id1":"2","industry_id2":"4"}"#)
            .errcode(),
        0
    );
}

#[test]
fn unverified_accounts_get_48001_on_templates() {
    let emulator = Emulator::start_with(EmulatorOptions::unverified());
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    assert_error(&raw.get_with(&token, LIST), 48001);
    assert_error(
        &raw.post_with(&token, SET, r#"{"industry_id1":"1","industry_id2":"4"}"#),
        48001,
    );
    assert_eq!(raw.get_with(&token, "/cgi-bin/tags/get").errcode(), 0);
}

#[test]
fn every_library_template_adds_and_its_labels_parse_back() {
    use crate::support::emulator::library::TEMPLATES;
    for entry in TEMPLATES {
        let (emulator, token) = setup();
        let raw = Raw::new(&emulator);
        let other = if entry.industry == 41 { 40 } else { 41 };
        let set = format!(
            r#"{{"industry_id1":"{}","industry_id2":"{other}"}}"#,
            entry.industry
        );
        assert_eq!(raw.post_with(&token, SET, &set).errcode(), 0);
        let names: Vec<&str> = entry.keywords.iter().map(|k| k.name).collect();
        let body = json!({"template_id_short": entry.short_id, "keyword_name_list": names});
        let added = raw.post_with(&token, ADD, &body.to_string());
        assert_eq!(added.errcode(), 0, "{}: {}", entry.short_id, added.text);
        let listed = raw.get_with(&token, LIST);
        let content = listed.json["template_list"][0]["content"].as_str().unwrap();
        assert_eq!(
            wxform::model::keyword_labels(content),
            names,
            "{}",
            entry.short_id
        );
        assert_eq!(listed.json["template_list"][0]["title"], entry.title);
    }
}
