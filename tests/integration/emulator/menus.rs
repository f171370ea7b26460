//! Default menus: validation errcodes, the menu/get and get_current_selfmenu_info read-back
//! shapes, console-made menus, and the wire quirks (Content-Type, `\/`, raw UTF-8).

use serde_json::json;

use super::{Raw, assert_error, setup};
use crate::support::emulator::{
    Button, DefaultMenu, Emulator, EmulatorOptions, MenuSource, NameEncoding, State,
};

const CREATE: &str = "/cgi-bin/menu/create";
const GET: &str = "/cgi-bin/menu/get";
const SELF_INFO: &str = "/cgi-bin/get_current_selfmenu_info";

const MENU: &str = r#"{"button":[
  {"type":"view","name":"我的首页","url":"http://example.com/index"},
  {"name":"轻松娱乐","sub_button":[
     {"type":"click","name":"刮刮乐","key":"VCX_GUAHAPPY","sub_button":[]},
     {"type":"miniprogram","name":"小程序","url":"https://example.com/fallback","appid":"wx286b93c14bbf93aa","pagepath":"pages/index/index"}]}]}"#;

#[test]
fn create_then_get_reads_back_in_wechat_shape() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let created = raw.post_with(&token, CREATE, MENU);
    assert_eq!(created.text, r#"{"errcode":0,"errmsg":"ok"}"#);
    let got = raw.get_with(&token, GET);
    assert_eq!(got.status, 200);
    assert_eq!(got.content_type, "application/json; encoding=utf-8");
    let expected = concat!(
        r#"{"menu":{"button":[{"type":"view","name":"我的首页","url":"http:\/\/example.com\/index","sub_button":[]},"#,
        r#"{"name":"轻松娱乐","sub_button":[{"type":"click","name":"刮刮乐","key":"VCX_GUAHAPPY","sub_button":[]},"#,
        r#"{"type":"miniprogram","name":"小程序","url":"https:\/\/example.com\/fallback","appid":"wx286b93c14bbf93aa","pagepath":"pages\/index\/index","sub_button":[]}]}]}}"#
    );
    assert_eq!(got.text, expected);
}

#[test]
fn get_without_an_api_menu_is_46003_and_selfmenu_info_is_closed() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    assert_error(&raw.get_with(&token, GET), 46003);
    assert_eq!(
        raw.get_with(&token, SELF_INFO).text,
        r#"{"is_menu_open":0}"#
    );
}

#[test]
fn selfmenu_info_uses_the_list_shape() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, MENU);
    let info = raw.get_with(&token, SELF_INFO);
    assert_eq!(info.json["is_menu_open"], 1);
    let buttons = &info.json["selfmenu_info"]["button"];
    assert_eq!(
        buttons[0],
        json!({"type":"view","name":"我的首页","url":"http://example.com/index"}),
        "leaves carry no sub_button"
    );
    assert_eq!(buttons[1]["sub_button"]["list"][0]["key"], "VCX_GUAHAPPY");
    assert_eq!(
        buttons[1]["sub_button"]["list"][1]["appid"],
        "wx286b93c14bbf93aa"
    );
    assert!(buttons[1].get("type").is_none());
}

#[test]
fn console_menus_are_visible_only_to_selfmenu_info() {
    let (emulator, token) = setup();
    let mut news = Button::console(
        "news",
        "图文",
        "KQb_w_Tiz-nSdVLoTV35Psmty8hGBulGhEdbb9SKs-o",
    );
    news.news_info = Some(
        json!({"list":[{"title":"MWC","author":"JIMZHENG","digest":"text",
        "show_cover":0,"cover_url":"http://mmbiz.qpic.cn/x/0","content_url":"http://mp.weixin.qq.com/s?x",
        "source_url":""}]}),
    );
    emulator.seed(State {
        menu: Some(DefaultMenu {
            source: MenuSource::Console,
            menuid: 0,
            button: vec![
                Button::console("text", "文字", "你好"),
                Button::folder(
                    "菜单",
                    vec![
                        news,
                        Button::console(
                            "img",
                            "photo",
                            "ax5Whs5dsoomJLEppAvftBUuH7CgXCZGFbFJifmbUjnQk_ierMHY99Y5d2Cv14RD",
                        ),
                    ],
                ),
            ],
        }),
        ..State::default()
    });
    let raw = Raw::new(&emulator);
    assert_error(&raw.get_with(&token, GET), 46003);
    let info = raw.get_with(&token, SELF_INFO);
    let buttons = &info.json["selfmenu_info"]["button"];
    assert_eq!(
        buttons[0],
        json!({"type":"text","name":"文字","value":"你好"})
    );
    let list = &buttons[1]["sub_button"]["list"];
    assert_eq!(list[0]["type"], "news");
    assert_eq!(list[0]["news_info"]["list"][0]["title"], "MWC");
    assert_eq!(list[1]["type"], "img");
}

fn create_error(raw: &Raw, token: &str, body: &str, errcode: i64) {
    let reply = raw.post_with(token, CREATE, body);
    assert_error(&reply, errcode);
}

#[test]
fn button_counts_are_checked() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let leaf = r#"{"type":"click","name":"a","key":"k"}"#;
    create_error(&raw, &token, r#"{"button":[]}"#, 40016);
    create_error(
        &raw,
        &token,
        &format!(r#"{{"button":[{leaf},{leaf},{leaf},{leaf}]}}"#),
        40016,
    );
    create_error(&raw, &token, r#"{"menu":[]}"#, 40016);
    create_error(&raw, &token, r#""{\"button\":[]}""#, 40016);
    create_error(&raw, &token, r#""button""#, 40016);
    let six = [leaf; 6].join(",");
    create_error(
        &raw,
        &token,
        &format!(r#"{{"button":[{{"name":"f","sub_button":[{six}]}}]}}"#),
        40023,
    );
    let nested = format!(
        r#"{{"button":[{{"name":"f","sub_button":[{{"name":"g","sub_button":[{leaf}]}}]}}]}}"#
    );
    create_error(&raw, &token, &nested, 40022);
    assert!(emulator.state().menu.is_none(), "nothing was stored");
}

#[test]
fn types_and_required_fields_are_checked() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let top = |button: &str| format!(r#"{{"button":[{button}]}}"#);
    let sub = |button: &str| format!(r#"{{"button":[{{"name":"f","sub_button":[{button}]}}]}}"#);
    create_error(
        &raw,
        &token,
        &top(r#"{"type":"CLICK","name":"a","key":"k"}"#),
        40017,
    );
    create_error(
        &raw,
        &token,
        &top(r#"{"type":"text","name":"a","value":"v"}"#),
        40017,
    );
    create_error(&raw, &token, &top(r#"{"name":"a","sub_button":[]}"#), 40017);
    create_error(
        &raw,
        &token,
        &sub(r#"{"type":"bogus","name":"a","key":"k"}"#),
        40024,
    );
    create_error(&raw, &token, &top(r#"{"type":"click","name":"a"}"#), 40019);
    create_error(&raw, &token, &sub(r#"{"type":"click","name":"a"}"#), 40026);
    create_error(&raw, &token, &top(r#"{"type":"view","name":"a"}"#), 40020);
    create_error(&raw, &token, &sub(r#"{"type":"view","name":"a"}"#), 40027);
    let long_key = "k".repeat(129);
    create_error(
        &raw,
        &token,
        &top(&format!(
            r#"{{"type":"click","name":"a","key":"{long_key}"}}"#
        )),
        40019,
    );
    let ok_key = "k".repeat(128);
    let reply = raw.post_with(
        &token,
        CREATE,
        &top(&format!(
            r#"{{"type":"click","name":"a","key":"{ok_key}"}}"#
        )),
    );
    assert_eq!(reply.errcode(), 0);
    let long_url = format!("https://example.com/{}", "p".repeat(1005));
    create_error(
        &raw,
        &token,
        &sub(&format!(
            r#"{{"type":"view","name":"a","url":"{long_url}"}}"#
        )),
        40027,
    );
}

#[test]
fn name_sizes_are_counted_in_bytes() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let top =
        |name: &str| format!(r#"{{"button":[{{"type":"click","name":"{name}","key":"k"}}]}}"#);
    let sub = |name: &str| {
        format!(
            r#"{{"button":[{{"name":"f","sub_button":[{{"type":"click","name":"{name}","key":"k"}}]}}]}}"#
        )
    };
    assert_eq!(
        raw.post_with(&token, CREATE, &top("五个汉字啊")).errcode(),
        0,
        "15 bytes"
    );
    create_error(&raw, &token, &top("六个汉字啊啊"), 40018);
    create_error(&raw, &token, &top(""), 40018);
    assert_eq!(
        raw.post_with(&token, CREATE, &sub(&"字".repeat(20)))
            .errcode(),
        0,
        "60 bytes"
    );
    create_error(&raw, &token, &sub(&"字".repeat(21)), 40025);

    let old_limit = Emulator::start_with(EmulatorOptions {
        sub_button_name_limit: 40,
        ..EmulatorOptions::default()
    });
    let raw = Raw::new(&old_limit);
    let token = old_limit.issue_token();
    create_error(&raw, &token, &sub(&"字".repeat(14)), 40025);
    assert_eq!(
        raw.post_with(&token, CREATE, &sub(&"字".repeat(13)))
            .errcode(),
        0
    );

    let gbk = Emulator::start_with(EmulatorOptions {
        name_encoding: NameEncoding::Gbk,
        ..EmulatorOptions::default()
    });
    let raw = Raw::new(&gbk);
    let token = gbk.issue_token();
    assert_eq!(
        raw.post_with(&token, CREATE, &top("八个汉字八个汉字"))
            .errcode(),
        0
    );
}

#[test]
fn any_unicode_escape_is_40033_and_bad_bodies_are_rejected() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    create_error(
        &raw,
        &token,
        r#"{"button":[{"type":"click","name":"\u4eca\u65e5","key":"k"}]}"#,
        40033,
    );
    let go_style = r#"{"button":[{"type":"view","name":"a","url":"https://e.com/?a=1\u0026b=2"}]}"#;
    create_error(&raw, &token, go_style, 40033);
    create_error(&raw, &token, "", 44002);
    create_error(&raw, &token, "{\"button\":[", 47001);
    assert!(emulator.state().menu.is_none());
}

#[test]
fn a_type_beside_sub_buttons_is_stored_as_a_folder() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    let body = r#"{"button":[{"type":"click","name":"f","key":"k","sub_button":[{"type":"click","name":"a","key":"k"}]}]}"#;
    assert_eq!(raw.post_with(&token, CREATE, body).errcode(), 0);
    let got = raw.get_with(&token, GET);
    assert_eq!(
        got.json["menu"]["button"][0],
        json!({"name":"f","sub_button":[{"type":"click","name":"a","key":"k","sub_button":[]}]})
    );

    let strict = Emulator::start_with(EmulatorOptions {
        strict_folder_type: true,
        ..EmulatorOptions::default()
    });
    let token = strict.issue_token();
    create_error(&Raw::new(&strict), &token, body, 40017);
}

#[test]
fn get_endpoints_reject_a_post_only_call_made_with_get() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    assert_error(&raw.get_with(&token, CREATE), 43002);
    // menu/get and menu/delete also accept POST.
    raw.post_with(&token, CREATE, MENU);
    assert_eq!(raw.post_with(&token, GET, "").errcode(), 0);
    assert_eq!(
        raw.post_with(&token, "/cgi-bin/menu/delete", "").errcode(),
        0
    );
}
