//! Subscribe notifications: library reads, private templates from chosen keyword ids, their
//! limits (200012–200021) and the listing shape.

use super::{Raw, assert_error, setup};
use crate::support::emulator::{State, SubscribeTemplate};

const CATEGORIES: &str = "/wxaapi/newtmpl/getcategory";
const TITLES_PATH: &str = "/wxaapi/newtmpl/getpubtemplatetitles";
const KEYWORDS: &str = "/wxaapi/newtmpl/getpubtemplatekeywords";
const ADD: &str = "/wxaapi/newtmpl/addtemplate";
const LIST: &str = "/wxaapi/newtmpl/gettemplate";
const DEL: &str = "/wxaapi/newtmpl/deltemplate";

#[test]
fn library_reads() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let categories = raw.get_with(&token, CATEGORIES);
    assert_eq!(categories.json["errcode"], 0);
    assert!(categories.text.contains(r#"{"id":616,"name":"公交"}"#));

    let titles = raw.get(&format!(
        "{TITLES_PATH}?access_token={token}&ids=616,763&start=0&limit=3"
    ));
    assert_eq!(titles.json["count"], 4);
    assert_eq!(titles.json["data"].as_array().unwrap().len(), 3);
    assert!(
        titles
            .text
            .contains(r#"{"tid":99,"title":"付款成功通知","type":2,"categoryId":"616"}"#)
    );
    let page = |query: &str| raw.get(&format!("{TITLES_PATH}?access_token={token}&{query}"));
    assert_error(&page("start=0&limit=30"), 200018);
    assert_error(&page("ids=616,x&start=0&limit=30"), 200019);
    assert_error(&page("ids=616&start=-1&limit=30"), 200016);
    assert_error(&page("ids=616&start=0&limit=31"), 200017);

    let keywords = raw.get(&format!("{KEYWORDS}?access_token={token}&tid=99"));
    assert!(
        keywords
            .text
            .contains(r#"{"kid":1,"name":"物品名称","example":"名称","rule":"thing"}"#)
    );
    assert_error(
        &raw.get(&format!("{KEYWORDS}?access_token={token}&tid=1")),
        200014,
    );
}

#[test]
fn addtemplate_builds_content_from_the_chosen_keywords() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let added = raw.post_with(
        &token,
        ADD,
        r#"{"tid":"99","kidList":[1,3],"sceneDesc":"支付后通知"}"#,
    );
    assert!(
        added
            .text
            .starts_with(r#"{"errmsg":"ok","errcode":0,"priTmplId":""#)
    );
    let id = added.json["priTmplId"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 43);
    let again = raw.post_with(&token, ADD, r#"{"tid":99,"kidList":[1,3]}"#);
    assert_ne!(again.json["priTmplId"], id.as_str(), "not idempotent");

    let listed = raw.get_with(&token, LIST);
    let first = &listed.json["data"][0];
    assert_eq!(first["priTmplId"], id.as_str());
    assert_eq!(first["title"], "付款成功通知");
    assert_eq!(
        first["content"],
        "物品名称:{{thing1.DATA}}\n付款时间:{{time3.DATA}}\n"
    );
    assert_eq!(
        first["example"],
        "物品名称:名称\n付款时间:2019年10月1日 15:01\n"
    );
    assert_eq!(first["type"], 2);

    let body = format!(r#"{{"priTmplId":"{id}"}}"#);
    assert_eq!(
        raw.post_with(&token, DEL, &body).text,
        r#"{"errcode":0,"errmsg":"ok"}"#
    );
    assert_error(&raw.post_with(&token, DEL, &body), 40037);
}

#[test]
fn addtemplate_errors() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let add = |body: &str| raw.post_with(&token, ADD, body);
    assert_error(&add(r#"{"tid":"7","kidList":[1,2]}"#), 200014);
    assert_error(&add(r#"{"tid":"99","kidList":[1]}"#), 200020);
    assert_error(&add(r#"{"tid":"1230","kidList":[1,2,3,4,5,6]}"#), 200020);
    assert_error(&add(r#"{"tid":"99","kidList":[1,9]}"#), 200020);
    assert_error(&add(r#"{"tid":"99","kidList":[1,1]}"#), 200020);
    assert_error(&add(r#"{"tid":"99"}"#), 200020);
    assert_error(
        &add(r#"{"tid":"99","kidList":[1,2],"sceneDesc":"一二三四五六七八九十一二三四五六"}"#),
        200021,
    );
    assert!(emulator.state().subscribe_templates.is_empty());
    assert_eq!(
        add(r#"{"tid":"99","kidList":[1,2],"sceneDesc":"一二三四五六七八九十一二三四五"}"#)
            .errcode(),
        0
    );
}

#[test]
fn the_25_subscribe_template_cap_is_200012() {
    let (emulator, token) = setup();
    let templates = (0..25)
        .map(|i| SubscribeTemplate {
            pri_tmpl_id: format!("{i:0>43}"),
            title: "付款成功通知".into(),
            content: "物品名称:{{thing1.DATA}}\n".into(),
            example: "物品名称:名称\n".into(),
            kind: 2,
        })
        .collect();
    emulator.seed(State {
        subscribe_templates: templates,
        ..State::default()
    });
    let reply = Raw::new(&emulator).post_with(&token, ADD, r#"{"tid":"99","kidList":[1,2]}"#);
    assert_error(&reply, 200012);
}

#[test]
fn every_library_title_is_listed_and_its_labels_parse_back() {
    use crate::support::emulator::library::TITLES;
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let all = raw.get(&format!(
        "{TITLES_PATH}?access_token={token}&ids=616,763,425&start=0&limit=30"
    ));
    assert_eq!(all.json["count"], TITLES.len());
    for title in TITLES {
        let kids: Vec<usize> = (1..=title.keywords.len().min(5)).collect();
        let body = serde_json::json!({"tid": title.tid.to_string(), "kidList": kids});
        assert_eq!(raw.post_with(&token, ADD, &body.to_string()).errcode(), 0);
    }
    let listed = raw.get_with(&token, LIST);
    for (item, title) in listed.json["data"].as_array().unwrap().iter().zip(TITLES) {
        let labels = wxform::model::keyword_labels(item["content"].as_str().unwrap());
        let expected: Vec<&str> = title.keywords.iter().take(5).map(|k| k.name).collect();
        assert_eq!(labels, expected);
        assert_eq!(item["type"], title.kind);
    }
}
