//! The client's write methods against the emulator: conditional menus, menu delete, tags, and
//! how permission errors are explained.

use crate::client::support::{click, client, count, menus_and_tags, sample_menu, seeded_account};
use crate::support::emulator::{Emulator, EmulatorOptions, User};
use wxform::model::Platform;
use wxform::wechat::{MatchRuleOut, Sections, read_live};

#[test]
fn conditional_menus_add_read_trymatch_delete() {
    let emulator = Emulator::start();
    let client = client(&emulator);
    let err = client
        .add_conditional(&[click("a", "A")], &MatchRuleOut::new(Some(100), None))
        .unwrap_err();
    assert_eq!(
        err.errcode(),
        Some(65303),
        "needs a default menu first: {err}"
    );
    assert!(err.to_string().contains("menu/addconditional"), "{err}");

    client.menu_create(&sample_menu()).unwrap();
    let tag = client.tag_create("VIP").unwrap();
    let menuid = client
        .add_conditional(
            &[click("会员专区", "VIP&<>")],
            &MatchRuleOut::new(Some(tag), Some(Platform::Android)),
        )
        .unwrap();
    let sent = emulator
        .requests()
        .into_iter()
        .rfind(|r| r.path == "/cgi-bin/menu/addconditional")
        .unwrap();
    assert_eq!(
        sent.body.unwrap()["matchrule"],
        serde_json::json!({"tag_id": tag.to_string(), "client_platform_type": "2"})
    );

    let live = read_live(
        &client,
        Sections {
            conditional_menus: true,
            ..Sections::default()
        },
    )
    .unwrap();
    assert_eq!(live.conditional_menus.len(), 1);
    assert_eq!(live.conditional_menus[0].menuid, menuid);
    assert_eq!(live.conditional_menus[0].matchrule.tag_id, Some(tag));
    assert_eq!(
        live.conditional_menus[0].button,
        vec![click("会员专区", "VIP&<>")]
    );

    let mut state = emulator.state();
    state.users.push(User {
        openid: "o1".into(),
        tag_ids: vec![tag],
        client_platform_type: "2".into(),
    });
    emulator.seed(state);
    assert_eq!(
        client.trymatch("o1").unwrap(),
        vec![click("会员专区", "VIP&<>")]
    );
    assert_eq!(
        client.trymatch("nobody").unwrap_err().errcode(),
        Some(65302)
    );

    client.del_conditional(menuid).unwrap();
    assert!(emulator.state().conditional_menus.is_empty());
    assert_eq!(
        client.del_conditional(menuid).unwrap_err().errcode(),
        Some(65301)
    );
}

#[test]
fn menu_delete_removes_everything() {
    let emulator = Emulator::start();
    seeded_account(&emulator);
    let client = client(&emulator);
    client.menu_delete().unwrap();
    assert!(
        client.menu_get().unwrap().is_none(),
        "46003 reads as no menu"
    );
    let live = read_live(&client, menus_and_tags()).unwrap();
    assert!(live.menu.is_none() && live.conditional_menus.is_empty());
}

#[test]
fn tags_create_rename_delete() {
    let emulator = Emulator::start();
    let client = client(&emulator);
    let id = client.tag_create("beta").unwrap();
    assert!(id >= 100);
    let err = client.tag_create("beta").unwrap_err();
    assert_eq!(err.errcode(), Some(45157));
    assert!(err.to_string().contains("already exists"), "{err}");
    client.tag_update(id, "内测用户").unwrap();
    let names: Vec<String> = client
        .tags_get()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, vec!["星标组", "内测用户"]);
    assert_eq!(
        client.tag_update(2, "x").unwrap_err().errcode(),
        Some(45058)
    );
    client.tag_delete(id).unwrap();
    assert_eq!(client.tags_get().unwrap().len(), 1);
    assert_eq!(client.tag_delete(id).unwrap_err().errcode(), Some(45159));
}

#[test]
fn unverified_account_gets_explained_permission_errors() {
    let emulator = Emulator::start_with(EmulatorOptions::unverified());
    let client = client(&emulator);
    client.menu_create(&sample_menu()).unwrap();
    let err = client
        .add_conditional(
            &[click("a", "A")],
            &MatchRuleOut::new(None, Some(Platform::Ios)),
        )
        .unwrap_err();
    assert_eq!(err.errcode(), Some(65306));
    assert!(
        err.to_string()
            .contains("conditional menus need a verified account"),
        "{err}"
    );
    assert_eq!(
        count(&emulator, "/cgi-bin/menu/addconditional"),
        1,
        "not retried"
    );
}
