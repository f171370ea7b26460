//! Normalisation of every menu shape WeChat returns, and the request encoding.

use super::{button_out, buttons, buttons_out, matchrule};
use crate::model::{Button, Platform};
use crate::wechat::wire::menu::{
    AddConditionalRequest, MatchRuleOut, MenuCreateRequest, MenuGetResponse, SelfMenuInfoResponse,
};

fn leaf(name: &str, kind: &str) -> Button {
    Button {
        name: name.into(),
        kind: Some(kind.into()),
        ..Button::default()
    }
}

fn expected_menu() -> Vec<Button> {
    vec![
        Button {
            url: Some("http://example.com/index".into()),
            ..leaf("我的首页", "view")
        },
        Button {
            name: "轻松娱乐".into(),
            sub_button: vec![Button {
                key: Some("VCX_GUAHAPPY".into()),
                ..leaf("刮刮乐", "click")
            }],
            ..Button::default()
        },
    ]
}

#[test]
fn menu_get_shape_drops_empty_sub_buttons_and_unescapes_slashes() {
    let body = r#"{"menu":{"button":[
      {"type":"view","name":"我的首页","url":"http:\/\/example.com\/index","sub_button":[]},
      {"name":"轻松娱乐","sub_button":[
         {"type":"click","name":"刮刮乐","key":"VCX_GUAHAPPY","sub_button":[]}]}]}}"#;
    let wire: MenuGetResponse = serde_json::from_str(body).unwrap();
    assert_eq!(buttons(wire.menu.unwrap().button), expected_menu());
}

#[test]
fn selfmenu_info_shape_with_list_objects_normalises_the_same() {
    let body = r#"{"is_menu_open":1,"selfmenu_info":{"button":[
      {"type":"view","name":"我的首页","url":"http://example.com/index"},
      {"name":"轻松娱乐","sub_button":{"list":[
         {"type":"click","name":"刮刮乐","key":"VCX_GUAHAPPY"}]}}]}}"#;
    let wire: SelfMenuInfoResponse = serde_json::from_str(body).unwrap();
    assert_eq!(wire.is_menu_open, Some(1));
    assert_eq!(buttons(wire.selfmenu_info.unwrap().button), expected_menu());
}

#[test]
fn console_only_types_keep_their_value() {
    let body = r#"{"is_menu_open":1,"selfmenu_info":{"button":[
      {"type":"text","name":"联系","value":"电话 123"},
      {"name":"素材","sub_button":{"list":[
        {"type":"img","name":"photo","value":"XXqbkEBMbWbK"},
        {"type":"news","name":"图文","value":"KQb_w_Tiz","news_info":{"list":[{"title":"t","author":"a","digest":"d","show_cover":0,"cover_url":"http://c","content_url":"http://u","source_url":""}]}},
        {"type":"video","name":"视频","value":"http://61.161.1.1/v.mp4"},
        {"type":"voice","name":"语音","value":"nH"}]}}]}}"#;
    let wire: SelfMenuInfoResponse = serde_json::from_str(body).unwrap();
    let menu = buttons(wire.selfmenu_info.unwrap().button);
    assert_eq!(
        menu[0],
        Button {
            value: Some("电话 123".into()),
            ..leaf("联系", "text")
        }
    );
    let subs = &menu[1].sub_button;
    assert_eq!(subs.len(), 4);
    assert_eq!(subs[0].kind.as_deref(), Some("img"));
    assert_eq!(
        subs[1],
        Button {
            value: Some("KQb_w_Tiz".into()),
            ..leaf("图文", "news")
        }
    );
    assert!(menu[1].is_folder());
}

#[test]
fn miniprogram_leaf_keeps_its_fields() {
    let body = r#"{"menu":{"button":[{"type":"miniprogram","name":"学科商城","url":"https:\/\/host","appid":"wx720f","pagepath":"pages\/home\/index","sub_button":[]}]}}"#;
    let wire: MenuGetResponse = serde_json::from_str(body).unwrap();
    let got = buttons(wire.menu.unwrap().button);
    assert_eq!(got[0].pagepath.as_deref(), Some("pages/home/index"));
    assert_eq!(got[0].appid.as_deref(), Some("wx720f"));
    assert!(got[0].sub_button.is_empty());
}

#[test]
fn folder_with_a_stray_type_is_a_folder() {
    let body = r#"{"menu":{"button":[{"type":"click","key":"K","name":"F","sub_button":[{"type":"click","name":"a","key":"A","sub_button":[]}]}]}}"#;
    let wire: MenuGetResponse = serde_json::from_str(body).unwrap();
    let got = buttons(wire.menu.unwrap().button);
    assert!(got[0].is_folder());
    assert_eq!(got[0].key, None);
}

#[test]
fn conditional_menus_accept_group_id_tag_id_numbers_and_strings() {
    let body = r#"{"menu":{"button":[],"menuid":208396938},"conditionalmenu":[
       {"button":[],"matchrule":{"group_id":2,"sex":1,"country":"中国","province":"广东","city":"广州","client_platform_type":2},"menuid":208396993},
       {"button":[],"matchrule":{"client_platform_type":"1"},"menuid":"208396994"},
       {"button":[],"matchrule":{"tag_id":"101","language":"","sex":""},"menuid":208396995}]}"#;
    let wire: MenuGetResponse = serde_json::from_str(body).unwrap();
    assert_eq!(wire.menu.as_ref().unwrap().menuid, Some(208_396_938));
    let rules: Vec<_> = wire
        .conditionalmenu
        .into_iter()
        .map(|c| (c.menuid, matchrule(c.matchrule)))
        .collect();
    assert_eq!(rules[0].0, 208_396_993);
    assert_eq!(rules[0].1.tag_id, Some(2));
    assert_eq!(rules[0].1.client_platform_type, Some(Platform::Android));
    assert_eq!(rules[0].1.retired.get("sex").map(String::as_str), Some("1"));
    assert_eq!(
        rules[0].1.retired.get("city").map(String::as_str),
        Some("广州")
    );
    assert_eq!(rules[1].0, 208_396_994);
    assert_eq!(rules[1].1.client_platform_type, Some(Platform::Ios));
    assert_eq!(rules[1].1.tag_id, None);
    assert_eq!(rules[2].1.tag_id, Some(101));
    assert!(
        rules[2].1.retired.is_empty(),
        "empty retired fields are absent"
    );
}

#[test]
fn unknown_platform_codes_stay_visible() {
    let rule = matchrule(serde_json::from_str(r#"{"client_platform_type":"9"}"#).unwrap());
    assert_eq!(rule.client_platform_type, None);
    assert_eq!(
        rule.retired.get("client_platform_type").map(String::as_str),
        Some("9")
    );
}

#[test]
fn request_buttons_omit_empty_fields_and_folder_types() {
    let folder = Button {
        name: "服务".into(),
        sub_button: vec![Button {
            url: Some("https://example.com/?a=1&b=<2>".into()),
            key: Some(String::new()),
            ..leaf("官网", "view")
        }],
        ..Button::default()
    };
    let json = serde_json::to_string(&button_out(&folder)).unwrap();
    assert_eq!(
        json,
        r#"{"name":"服务","sub_button":[{"type":"view","name":"官网","url":"https://example.com/?a=1&b=<2>"}]}"#
    );
}

#[test]
fn menu_bodies_never_contain_unicode_escapes() {
    let menu = vec![
        Button {
            key: Some("K&<>".into()),
            ..leaf("今日歌曲🎵", "click")
        },
        Button {
            url: Some("https://例子.com/a?x=1&y=2".into()),
            ..leaf("官网", "view")
        },
    ];
    let create = serde_json::to_string(&MenuCreateRequest {
        button: buttons_out(&menu),
    })
    .unwrap();
    let conditional = serde_json::to_string(&AddConditionalRequest {
        button: buttons_out(&menu),
        matchrule: MatchRuleOut::new(Some(101), Some(Platform::Others)),
    })
    .unwrap();
    for body in [&create, &conditional] {
        assert!(!body.contains("\\u"), "{body}");
        assert!(body.contains("今日歌曲🎵") && body.contains("&y=2") && body.contains("K&<>"));
    }
    assert!(
        conditional.contains(r#""matchrule":{"tag_id":"101","client_platform_type":"3"}"#),
        "{conditional}"
    );
}

#[test]
fn console_values_are_not_sent() {
    let button = Button {
        value: Some("hi".into()),
        ..leaf("联系", "text")
    };
    let json = serde_json::to_string(&button_out(&button)).unwrap();
    assert_eq!(json, r#"{"type":"text","name":"联系"}"#);
}
