//! Conditional menus: addconditional rules, the read-back shape (menuid number vs string,
//! matchrule echo under `group_id`), delconditional, the delete cascade and trymatch.

use serde_json::json;

use super::{Raw, assert_error, setup};
use crate::support::emulator::{
    DomainLimitScope, Emulator, EmulatorOptions, MatchruleTagKey, MatchruleValues, State,
    TryMatchTags, User,
};

const CREATE: &str = "/cgi-bin/menu/create";
const GET: &str = "/cgi-bin/menu/get";
const ADD: &str = "/cgi-bin/menu/addconditional";
const DEL: &str = "/cgi-bin/menu/delconditional";

const DEFAULT: &str = r#"{"button":[{"type":"click","name":"默认","key":"DEFAULT"}]}"#;

fn conditional(rule: &str, url: &str) -> String {
    format!(r#"{{"button":[{{"type":"view","name":"会员","url":"{url}"}}],"matchrule":{rule}}}"#)
}

fn vip() -> String {
    conditional(
        r#"{"tag_id":"100","client_platform_type":"1"}"#,
        "https://vip.example.com/",
    )
}

#[test]
fn addconditional_needs_a_default_menu_first() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    assert_error(&raw.post_with(&token, ADD, &vip()), 65303);
}

#[test]
fn add_answers_a_string_menuid_and_get_reads_it_back_as_a_number() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, DEFAULT);
    let added = raw.post_with(&token, ADD, &vip());
    let menuid = added.json["menuid"]
        .as_str()
        .expect("menuid is a string")
        .to_string();
    assert_eq!(menuid.len(), 9, "9-digit menuid: {menuid}");
    assert!(added.json.get("errcode").is_none());

    let got = raw.get_with(&token, GET);
    let default_id = got.json["menu"]["menuid"]
        .as_u64()
        .expect("menu.menuid with conditionals");
    let listed = &got.json["conditionalmenu"][0];
    assert_eq!(listed["menuid"].as_u64().unwrap().to_string(), menuid);
    assert!(
        listed["menuid"].as_u64().unwrap() > default_id,
        "menuids increase"
    );
    assert_eq!(
        listed["matchrule"],
        json!({"group_id":"100","client_platform_type":"1"})
    );
    assert_eq!(
        listed["button"],
        json!([{"type":"view","name":"会员","url":"https://vip.example.com/","sub_button":[]}])
    );
    assert!(
        got.text
            .contains(r#""matchrule":{"group_id":"100","client_platform_type":"1"},"menuid":"#)
    );
}

#[test]
fn matchrule_read_back_is_configurable() {
    let emulator = Emulator::start_with(EmulatorOptions {
        matchrule_tag_key: MatchruleTagKey::TagId,
        matchrule_values: MatchruleValues::Numbers,
        ..EmulatorOptions::default()
    });
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, DEFAULT);
    raw.post_with(&token, ADD, &vip());
    let got = raw.get_with(&token, GET);
    assert_eq!(
        got.json["conditionalmenu"][0]["matchrule"],
        json!({"tag_id":100,"client_platform_type":1})
    );
}

#[test]
fn conditional_menus_are_listed_newest_first_by_default() {
    for newest_first in [true, false] {
        let emulator = Emulator::start_with(EmulatorOptions {
            conditional_newest_first: newest_first,
            ..EmulatorOptions::default()
        });
        let token = emulator.issue_token();
        let raw = Raw::new(&emulator);
        raw.post_with(&token, CREATE, DEFAULT);
        raw.post_with(
            &token,
            ADD,
            &conditional(r#"{"tag_id":"100"}"#, "https://a.com/"),
        );
        raw.post_with(
            &token,
            ADD,
            &conditional(r#"{"tag_id":"101"}"#, "https://a.com/"),
        );
        let got = raw.get_with(&token, GET);
        let ids: Vec<u64> = got.json["conditionalmenu"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["menuid"].as_u64().unwrap())
            .collect();
        assert_eq!(ids[0] > ids[1], newest_first);
    }
}

#[test]
fn matchrule_rules() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, DEFAULT);
    let url = "https://a.com/";
    assert_error(&raw.post_with(&token, ADD, &conditional("{}", url)), 65304);
    assert_error(
        &raw.post_with(&token, ADD, &conditional(r#"{"tag_id":""}"#, url)),
        65304,
    );
    let no_rule = r#"{"button":[{"type":"click","name":"a","key":"k"}]}"#;
    assert_error(&raw.post_with(&token, ADD, no_rule), 65304);
    for retired in [
        r#"{"sex":"1"}"#,
        r#"{"tag_id":"100","country":"中国"}"#,
        r#"{"language":"zh_CN"}"#,
    ] {
        assert_error(
            &raw.post_with(&token, ADD, &conditional(retired, url)),
            65320,
        );
    }
    // The buttons follow menu/create's rules, and `\u` escapes are refused.
    let bad = r#"{"button":[{"type":"click","name":"a"}],"matchrule":{"tag_id":"100"}}"#;
    assert_error(&raw.post_with(&token, ADD, bad), 40019);
    let escaped =
        r#"{"button":[{"type":"click","name":"\u4f1a","key":"k"}],"matchrule":{"tag_id":"100"}}"#;
    assert_error(&raw.post_with(&token, ADD, escaped), 40033);
    // A number is accepted, and the legacy `group_id` key too.
    assert_eq!(
        raw.post_with(&token, ADD, &conditional(r#"{"tag_id":100}"#, url))
            .errcode(),
        0
    );
    assert_eq!(
        raw.post_with(&token, ADD, &conditional(r#"{"group_id":"101"}"#, url))
            .errcode(),
        0
    );
    let rules: Vec<_> = emulator
        .state()
        .conditional_menus
        .into_iter()
        .map(|m| m.matchrule.tag_id)
        .collect();
    assert_eq!(
        rules,
        vec![Some("100".to_string()), Some("101".to_string())]
    );
}

/// A menu linking to `hosts` (https, one `view` button each, in folders of five).
fn linking(hosts: &[&str]) -> String {
    let views: Vec<String> = hosts
        .iter()
        .enumerate()
        .map(|(i, host)| format!(r#"{{"type":"view","name":"链接{i}","url":"https://{host}/x"}}"#))
        .collect();
    let folders: Vec<String> = views
        .chunks(5)
        .map(|chunk| format!(r#"{{"name":"更多","sub_button":[{}]}}"#, chunk.join(",")))
        .collect();
    format!(r#"[{}]"#, folders.join(","))
}

fn conditional_linking(rule: &str, hosts: &[&str]) -> String {
    format!(r#"{{"button":{},"matchrule":{rule}}}"#, linking(hosts))
}

fn default_linking(hosts: &[&str]) -> String {
    format!(r#"{{"button":{}}}"#, linking(hosts))
}

#[test]
fn each_conditional_menu_links_to_at_most_three_outside_hosts_besides_wechats() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, DEFAULT);
    // Six menus of three outside hosts each (one of them twice, as A.COM:8443) plus WeChat's
    // own: seven outside hosts in all.
    for (i, pair) in [["a.com", "b.com"], ["c.com", "d.com"], ["e.com", "f.com"]]
        .iter()
        .enumerate()
    {
        for platform in ["1", "2"] {
            let rule = format!(
                r#"{{"tag_id":"{}","client_platform_type":"{platform}"}}"#,
                100 + i
            );
            let again = format!("{}:8443", pair[0].to_uppercase());
            let hosts = [pair[0], pair[1], "shared.com", "mp.weixin.qq.com", &again];
            let reply = raw.post_with(&token, ADD, &conditional_linking(&rule, &hosts));
            assert_eq!(reply.errcode(), 0, "{rule}: {}", reply.text);
        }
    }
    let fourth = conditional_linking(r#"{"tag_id":"100"}"#, &["a.com", "b.com", "c.com", "d.com"]);
    assert_error(&raw.post_with(&token, ADD, &fourth), 65316);
    assert_eq!(emulator.state().conditional_menus.len(), 6);
}

#[test]
fn across_all_conditional_menus_the_fourth_outside_host_is_refused() {
    let emulator = Emulator::start_with(EmulatorOptions {
        domain_limit_scope: DomainLimitScope::AcrossConditionalMenus,
        ..EmulatorOptions::default()
    });
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, DEFAULT);
    let rule = r#"{"tag_id":"100"}"#;
    for host in ["a.com", "b.com", "c.com", "A.com:8443", "mp.weixin.qq.com"] {
        let reply = raw.post_with(
            &token,
            ADD,
            &conditional(rule, &format!("https://{host}/x")),
        );
        assert_eq!(reply.errcode(), 0, "{host}");
    }
    let fourth = conditional(rule, "https://d.com/");
    assert_error(&raw.post_with(&token, ADD, &fourth), 65316);
}

#[test]
fn the_default_menu_is_held_to_the_link_limit_only_when_configured() {
    let four = default_linking(&["a.com", "b.com", "c.com", "d.com", "weixin.qq.com"]);
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    assert_eq!(raw.post_with(&token, CREATE, &four).errcode(), 0);

    let emulator = Emulator::start_with(EmulatorOptions {
        domain_limit_counts_default_menu: true,
        ..EmulatorOptions::default()
    });
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    assert_error(&raw.post_with(&token, CREATE, &four), 65316);
    let three = default_linking(&["a.com", "b.com", "c.com", "mp.weixin.qq.com"]);
    assert_eq!(raw.post_with(&token, CREATE, &three).errcode(), 0);
    // Per menu, a conditional menu's hosts are its own.
    let other = conditional_linking(r#"{"tag_id":"100"}"#, &["x.com", "y.com", "z.com"]);
    assert_eq!(raw.post_with(&token, ADD, &other).errcode(), 0);
}

#[test]
fn across_conditional_menus_a_counted_default_menu_shares_their_three_hosts() {
    let emulator = Emulator::start_with(EmulatorOptions {
        domain_limit_counts_default_menu: true,
        domain_limit_scope: DomainLimitScope::AcrossConditionalMenus,
        ..EmulatorOptions::default()
    });
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    let default = default_linking(&["a.com", "b.com"]);
    assert_eq!(raw.post_with(&token, CREATE, &default).errcode(), 0);
    let rule = r#"{"tag_id":"100"}"#;
    assert_eq!(
        raw.post_with(&token, ADD, &conditional_linking(rule, &["c.com"]))
            .errcode(),
        0
    );
    assert_error(
        &raw.post_with(&token, ADD, &conditional_linking(rule, &["d.com"])),
        65316,
    );
    // menu/create counts the conditional menus' hosts too.
    let more = default_linking(&["a.com", "b.com", "e.com"]);
    assert_error(&raw.post_with(&token, CREATE, &more), 65316);
}

#[test]
fn delconditional_accepts_string_or_number_and_rejects_unknown_ids() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, DEFAULT);
    let first = raw.post_with(&token, ADD, &vip()).json["menuid"]
        .as_str()
        .unwrap()
        .to_string();
    let second = raw.post_with(&token, ADD, &vip()).json["menuid"]
        .as_str()
        .unwrap()
        .to_string();
    let by_string = raw.post_with(&token, DEL, &format!(r#"{{"menuid":"{first}"}}"#));
    assert_eq!(by_string.text, r#"{"errcode":0,"errmsg":"ok"}"#);
    assert_eq!(
        raw.post_with(&token, DEL, &format!(r#"{{"menuid":{second}}}"#))
            .errcode(),
        0
    );
    assert_error(
        &raw.post_with(&token, DEL, &format!(r#"{{"menuid":"{first}"}}"#)),
        65301,
    );
    assert!(emulator.state().conditional_menus.is_empty());
    let got = raw.get_with(&token, GET);
    assert!(got.json.get("conditionalmenu").is_none());
    assert!(
        got.json["menu"].get("menuid").is_none(),
        "no menuid without conditionals"
    );
}

#[test]
fn menu_delete_cascades_and_create_keeps_conditionals_by_default() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, DEFAULT);
    raw.post_with(&token, ADD, &vip());
    raw.post_with(&token, CREATE, DEFAULT);
    assert_eq!(
        emulator.state().conditional_menus.len(),
        1,
        "create keeps them"
    );
    let deleted = raw.get_with(&token, "/cgi-bin/menu/delete");
    assert_eq!(deleted.text, r#"{"errcode":0,"errmsg":"ok"}"#);
    let state = emulator.state();
    assert!(state.menu.is_none() && state.conditional_menus.is_empty());
    assert_error(&raw.get_with(&token, GET), 46003);

    let wiping = Emulator::start_with(EmulatorOptions {
        create_keeps_conditional: false,
        ..EmulatorOptions::default()
    });
    let token = wiping.issue_token();
    let raw = Raw::new(&wiping);
    raw.post_with(&token, CREATE, DEFAULT);
    raw.post_with(&token, ADD, &vip());
    raw.post_with(&token, CREATE, DEFAULT);
    assert!(wiping.state().conditional_menus.is_empty());
}

#[test]
fn trymatch_picks_the_newest_matching_menu() {
    let (emulator, token) = setup();
    emulator.seed(State {
        users: vec![
            User {
                openid: "o_vip_ios".into(),
                tag_ids: vec![101, 100],
                client_platform_type: "1".into(),
            },
            User {
                openid: "o_plain".into(),
                tag_ids: vec![],
                client_platform_type: "2".into(),
            },
        ],
        ..State::default()
    });
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, DEFAULT);
    raw.post_with(&token, ADD, &vip());
    let try_match = |user: &str| {
        raw.post_with(
            &token,
            "/cgi-bin/menu/trymatch",
            &format!(r#"{{"user_id":"{user}"}}"#),
        )
    };
    let vip = try_match("o_vip_ios");
    assert_eq!(vip.json["button"][0]["name"], "会员");
    assert_eq!(vip.json["button"][0]["sub_button"], json!([]));
    assert_eq!(try_match("o_plain").json["button"][0]["key"], "DEFAULT");
    assert_error(&try_match("o_nobody"), 65302);
    assert_error(&try_match(""), 40003);
}

#[test]
fn which_of_several_tags_trymatch_matches_on_is_an_option() {
    // Tagged VIP (100) first, then 101: only the newest tag counts by default.
    let user = User {
        openid: "o_vip_then_beta".into(),
        tag_ids: vec![100, 101],
        client_platform_type: "1".into(),
    };
    let first_key = |options: EmulatorOptions| {
        let emulator = Emulator::start_with(options);
        let token = emulator.issue_token();
        emulator.seed(State {
            users: vec![user.clone()],
            ..State::default()
        });
        let raw = Raw::new(&emulator);
        raw.post_with(&token, CREATE, DEFAULT);
        raw.post_with(&token, ADD, &vip());
        let answer = raw.post_with(
            &token,
            "/cgi-bin/menu/trymatch",
            r#"{"user_id":"o_vip_then_beta"}"#,
        );
        answer.json["button"][0]["name"].clone()
    };
    assert_eq!(first_key(EmulatorOptions::default()), "默认");
    let any = EmulatorOptions {
        trymatch_tags: TryMatchTags::Any,
        ..EmulatorOptions::default()
    };
    assert_eq!(first_key(any), "会员");
}

#[test]
fn unverified_accounts_cannot_use_conditional_menus() {
    let emulator = Emulator::start_with(EmulatorOptions::unverified());
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    assert_eq!(raw.post_with(&token, CREATE, DEFAULT).errcode(), 0);
    assert_error(&raw.post_with(&token, ADD, &vip()), 65306);
}

#[test]
fn an_optional_conditional_menu_limit_answers_65305() {
    let emulator = Emulator::start_with(EmulatorOptions {
        conditional_menu_limit: Some(1),
        ..EmulatorOptions::default()
    });
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, DEFAULT);
    assert_eq!(raw.post_with(&token, ADD, &vip()).errcode(), 0);
    assert_error(&raw.post_with(&token, ADD, &vip()), 65305);
}
