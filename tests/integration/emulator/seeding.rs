//! Seeding and inspecting state: a live account that already has things, as a Rust value or
//! as JSON, and ids that keep clear of seeded ones.

use super::{Raw, setup};
use crate::support::emulator::{
    ApiGroup, Button, ConditionalMenu, DefaultMenu, Emulator, EmulatorOptions, Matchrule,
    MenuSource, State, Tag,
};

#[test]
fn a_seeded_account_reads_back_through_the_api() {
    let (emulator, token) = setup();
    emulator.seed(State {
        menu: Some(DefaultMenu {
            source: MenuSource::Api,
            menuid: 408_000_001,
            button: vec![
                Button::click("今日歌曲", "V1001_TODAY_MUSIC"),
                Button::folder("服务", vec![Button::view("官网", "https://example.com/")]),
            ],
        }),
        conditional_menus: vec![ConditionalMenu {
            menuid: 408_000_050,
            button: vec![Button::click("会员", "VIP")],
            matchrule: Matchrule {
                tag_id: Some("100".into()),
                sex: Some("1".into()),
                ..Matchrule::default()
            },
        }],
        tags: vec![Tag::new(100, "VIP")],
        ..State::default()
    });
    let raw = Raw::new(&emulator);
    let got = raw.get_with(&token, "/cgi-bin/menu/get");
    assert_eq!(got.json["menu"]["menuid"], 408_000_001);
    assert_eq!(
        got.json["menu"]["button"][1]["sub_button"][0]["url"],
        "https://example.com/"
    );
    // Old menus keep their retired fields on read.
    assert_eq!(got.json["conditionalmenu"][0]["matchrule"]["sex"], "1");

    // New ids keep clear of the seeded ones.
    let tag = raw.post_with(&token, "/cgi-bin/tags/create", r#"{"tag":{"name":"新"}}"#);
    assert_eq!(tag.json["tag"]["id"], 101);
    let body = r#"{"button":[{"type":"click","name":"a","key":"k"}],"matchrule":{"tag_id":"101"}}"#;
    let added = raw.post_with(&token, "/cgi-bin/menu/addconditional", body);
    let menuid: u64 = added.json["menuid"].as_str().unwrap().parse().unwrap();
    assert!(menuid > 408_000_050);
}

#[test]
fn state_round_trips_through_json() {
    let (emulator, token) = setup();
    let raw = Raw::new(&emulator);
    raw.post_with(
        &token,
        "/cgi-bin/menu/create",
        r#"{"button":[{"type":"click","name":"a","key":"k"}]}"#,
    );
    raw.post_with(&token, "/cgi-bin/tags/create", r#"{"tag":{"name":"VIP"}}"#);
    let state = emulator.state();
    assert_eq!(state.appid, emulator.appid());
    let json = serde_json::to_string(&state).unwrap();

    let copy = Emulator::start();
    copy.seed_json(&json);
    assert_eq!(copy.state(), state);
    copy.seed_json(r#"{"tags":[{"id":120,"name":"种子"}]}"#);
    assert_eq!(copy.state().tags, vec![Tag::new(120, "种子")]);
    assert_eq!(
        copy.state().secret,
        copy.secret(),
        "credentials come from the options"
    );
}

#[test]
fn seeding_other_credentials_is_refused() {
    let emulator = Emulator::start();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        emulator.seed(State {
            appid: "wx0000000000000000".into(),
            ..State::default()
        })
    }));
    assert!(result.is_err());
}

#[test]
fn permissions_can_be_denied_per_group() {
    let emulator = Emulator::start_with(EmulatorOptions::default().deny(ApiGroup::Tags, 48001));
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    super::assert_error(&raw.get_with(&token, "/cgi-bin/tags/get"), 48001);
    emulator.configure(|options| {
        options.denied.clear();
    });
    assert_eq!(raw.get_with(&token, "/cgi-bin/tags/get").errcode(), 0);
}

#[test]
fn update_state_changes_the_live_account_in_place() {
    let (emulator, token) = setup();
    emulator.update_state(|state| {
        state.menu = Some(DefaultMenu {
            source: MenuSource::Console,
            menuid: 0,
            button: vec![Button::console("text", "联系我们", "电话 123")],
        });
        state.tags.push(Tag::new(130, "控制台"));
    });
    let raw = Raw::new(&emulator);
    let info = raw.get_with(&token, "/cgi-bin/get_current_selfmenu_info");
    assert_eq!(info.json["selfmenu_info"]["button"][0]["value"], "电话 123");
    let created = raw.post_with(&token, "/cgi-bin/tags/create", r#"{"tag":{"name":"新"}}"#);
    assert_eq!(created.json["tag"]["id"], 131);
}

#[test]
fn selfmenu_info_is_never_denied() {
    let options = EmulatorOptions::default().deny(ApiGroup::Menus, 65319);
    let emulator = Emulator::start_with(options);
    let token = emulator.issue_token();
    let raw = Raw::new(&emulator);
    super::assert_error(&raw.get_with(&token, "/cgi-bin/menu/get"), 65319);
    let info = raw.get_with(&token, "/cgi-bin/get_current_selfmenu_info");
    assert_eq!(info.text, r#"{"is_menu_open":0}"#);
}
