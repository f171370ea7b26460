//! The WeChat client against the emulator: every endpoint, the read shapes normalised into the
//! model, and the write methods.

use crate::client::support::{
    BASIC_TOKEN, STABLE_TOKEN, click, client, count, folder, leaf, menus_and_tags, sample_menu,
    seeded_account, view,
};
use crate::support::emulator::{
    self as emu, DefaultMenu, Emulator, EmulatorOptions, MatchruleTagKey, MatchruleValues,
    MenuSource as EmuSource, State,
};
use wxform::model::{Button, MenuSource, Platform};
use wxform::wechat::{Sections, read_live};

#[test]
fn menu_create_then_read_back_equals_what_was_sent() {
    let emulator = Emulator::start();
    let client = client(&emulator);
    client.menu_create(&sample_menu()).unwrap();
    // The emulator answers 40033 to any `\u` escape, so success proves the body was raw UTF-8.
    let live = read_live(
        &client,
        Sections {
            menu: true,
            ..Sections::default()
        },
    )
    .unwrap();
    let menu = live.menu.unwrap();
    assert_eq!(menu.button, sample_menu().button);
    assert_eq!(menu.source, MenuSource::Api);
    assert_eq!(live.appid.as_deref(), Some(emulator.appid()));
    assert_eq!(count(&emulator, BASIC_TOKEN), 0, "never /cgi-bin/token");
    let create = emulator
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/menu/create")
        .unwrap();
    let body = create.body.unwrap().to_string();
    assert!(
        body.contains("今日歌曲🎵") && !body.contains("sub_button\":[]"),
        "{body}"
    );
}

#[test]
fn read_live_normalises_every_section_in_one_round_trip() {
    let emulator = Emulator::start();
    seeded_account(&emulator);
    let client = client(&emulator);
    let sections = Sections {
        templates: false,
        industry: false,
        subscribe_templates: false,
        ..Sections::all()
    };
    let live = read_live(&client, sections).unwrap();

    let menu = live.menu.unwrap();
    assert_eq!(
        menu.button,
        vec![
            click("今日", "K1"),
            folder("更多", vec![view("官网", "https://example.com/")])
        ]
    );
    assert_eq!(menu.menuid, Some(408_396_901));
    // menu/get lists newest first; the model keeps creation order (ascending menuid).
    let ids: Vec<u64> = live.conditional_menus.iter().map(|c| c.menuid).collect();
    assert_eq!(ids, vec![408_396_902, 408_396_903]);
    let vip = &live.conditional_menus[0].matchrule;
    assert_eq!(
        (vip.tag_id, vip.client_platform_type),
        (Some(100), Some(Platform::Ios))
    );
    let old = &live.conditional_menus[1].matchrule;
    assert_eq!(old.retired.get("sex").map(String::as_str), Some("1"));
    assert_eq!(old.retired.get("city").map(String::as_str), Some("广州"));

    let tags: Vec<(u64, &str, u64)> = live
        .tags
        .iter()
        .map(|t| (t.id, t.name.as_str(), t.count))
        .collect();
    assert_eq!(
        tags,
        vec![(2, "星标组", 0), (100, "VIP", 0), (101, "内测用户", 7)]
    );

    let counts = emulator.counts_by_path();
    assert_eq!(counts.get(STABLE_TOKEN), Some(&1));
    assert_eq!(counts.get("/cgi-bin/menu/get"), Some(&1));
    assert_eq!(counts.get("/cgi-bin/get_current_selfmenu_info"), Some(&1));
    assert_eq!(counts.get("/cgi-bin/tags/get"), Some(&1));
    assert_eq!(counts.len(), 4, "{counts:?}");
}

#[test]
fn matchrule_read_as_tag_id_with_numbers_normalises_the_same() {
    let options = EmulatorOptions {
        matchrule_tag_key: MatchruleTagKey::TagId,
        matchrule_values: MatchruleValues::Numbers,
        ..EmulatorOptions::default()
    };
    let emulator = Emulator::start_with(options);
    seeded_account(&emulator);
    let live = read_live(
        &client(&emulator),
        Sections {
            conditional_menus: true,
            ..Sections::default()
        },
    )
    .unwrap();
    let vip = &live.conditional_menus[0].matchrule;
    assert_eq!(
        (vip.tag_id, vip.client_platform_type),
        (Some(100), Some(Platform::Ios))
    );
    assert!(live.menu.is_none(), "menu section not requested");
}

#[test]
fn only_requested_sections_are_read() {
    let emulator = Emulator::start();
    seeded_account(&emulator);
    let live = read_live(
        &client(&emulator),
        Sections {
            tags: true,
            ..Sections::default()
        },
    )
    .unwrap();
    assert_eq!(live.tags.len(), 3);
    assert!(live.menu.is_none() && live.conditional_menus.is_empty());
    let paths: Vec<String> = emulator.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, vec![STABLE_TOKEN, "/cgi-bin/tags/get"]);
}

#[test]
fn console_menu_is_seen_through_selfmenu_info() {
    let emulator = Emulator::start();
    emulator.seed(State {
        menu: Some(DefaultMenu {
            source: EmuSource::Console,
            menuid: 0,
            button: vec![
                emu::Button::console("text", "联系我们", "电话 123"),
                emu::Button::folder(
                    "素材",
                    vec![
                        emu::Button::console("img", "photo", "MEDIA1"),
                        emu::Button::view("官网", "https://example.com/"),
                    ],
                ),
            ],
        }),
        ..State::default()
    });
    let live = read_live(&client(&emulator), menus_and_tags()).unwrap();
    let menu = live.menu.unwrap();
    assert_eq!(menu.source, MenuSource::Console);
    assert_eq!(menu.menuid, None);
    assert_eq!(
        menu.button[0],
        Button {
            value: Some("电话 123".into()),
            ..leaf("联系我们", "text")
        }
    );
    assert_eq!(
        menu.button[1].sub_button[0].value.as_deref(),
        Some("MEDIA1")
    );
    assert!(menu.button[1].is_folder());
}

#[test]
fn empty_account_reads_as_empty() {
    let emulator = Emulator::start();
    let live = read_live(&client(&emulator), menus_and_tags()).unwrap();
    assert!(live.menu.is_none());
    assert!(live.conditional_menus.is_empty());
    assert_eq!(live.tags.len(), 1, "only the system tag 星标组");
}
