//! The default menu: menu/create, menu/get (with conditional menus), menu/delete, and
//! get_current_selfmenu_info with its different shape and console-made menus.

use serde::Serialize;
use serde_json::Value;

use super::link_domains;
use super::menu_rules::{menu_body, parse_buttons};
use super::options::{MatchruleTagKey, MatchruleValues};
use super::state::{Button, DefaultMenu, Matchrule, MenuSource};
use super::wire::{Answer, action_ok, finish, json, object};
use super::world::{Request, World};

/// A button as menu/get shows it: `type, name, key|url|…, sub_button`, with `"sub_button":[]`
/// on every leaf and no `type` on folders.
#[derive(Serialize)]
pub struct GetButton<'a> {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    appid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagepath: Option<&'a str>,
    sub_button: Vec<GetButton<'a>>,
}

pub fn get_buttons(buttons: &[Button]) -> Vec<GetButton<'_>> {
    buttons
        .iter()
        .map(|b| GetButton {
            kind: b.kind.as_deref(),
            name: &b.name,
            key: b.key.as_deref(),
            url: b.url.as_deref(),
            media_id: b.media_id.as_deref(),
            article_id: b.article_id.as_deref(),
            appid: b.appid.as_deref(),
            pagepath: b.pagepath.as_deref(),
            sub_button: get_buttons(&b.sub_button),
        })
        .collect()
}

/// A button as get_current_selfmenu_info shows it: folders hold `{"list":[...]}`, leaves carry
/// no `sub_button`, console-only leaves carry `value` (and `news_info`).
#[derive(Serialize)]
struct SelfButton<'a> {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    appid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagepath: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    news_info: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_button: Option<SelfList<'a>>,
}

#[derive(Serialize)]
struct SelfList<'a> {
    list: Vec<SelfButton<'a>>,
}

fn self_buttons(buttons: &[Button]) -> Vec<SelfButton<'_>> {
    buttons
        .iter()
        .map(|b| SelfButton {
            kind: b.kind.as_deref(),
            name: &b.name,
            key: b.key.as_deref(),
            url: b.url.as_deref(),
            value: b.value.as_deref(),
            media_id: b.media_id.as_deref(),
            article_id: b.article_id.as_deref(),
            appid: b.appid.as_deref(),
            pagepath: b.pagepath.as_deref(),
            news_info: b.news_info.as_ref(),
            sub_button: b.is_folder().then(|| SelfList {
                list: self_buttons(&b.sub_button),
            }),
        })
        .collect()
}

/// `POST /cgi-bin/menu/create`: replaces the default menu.
pub fn create(world: &mut World, request: &Request) -> Answer {
    let body = menu_body(request)?;
    let button = parse_buttons(&body, &world.options)?;
    link_domains::check_create(world, &button)?;
    let menuid = world.next_menuid();
    world.state.menu = Some(DefaultMenu {
        source: MenuSource::Api,
        menuid,
        button,
    });
    if !world.options.create_keeps_conditional {
        world.state.conditional_menus.clear();
    }
    world.state.counters.menu_creates += 1;
    action_ok()
}

/// `GET /cgi-bin/menu/get`: only API-made menus; 46003 when there is none.
pub fn get(world: &mut World, _request: &Request) -> Answer {
    let menu = world
        .state
        .menu
        .as_ref()
        .filter(|m| m.source == MenuSource::Api);
    let Some(menu) = menu else {
        return Err(46003.into());
    };
    let conditional = &world.state.conditional_menus;
    let mut fields = vec![("button", json(&get_buttons(&menu.button)))];
    if !conditional.is_empty() {
        fields.push(("menuid", json(&menu.menuid)));
    }
    let mut top = vec![("menu", object(fields))];
    if !conditional.is_empty() {
        let mut listed: Vec<_> = conditional.iter().collect();
        if world.options.conditional_newest_first {
            listed.reverse();
        }
        let items: Vec<String> = listed
            .into_iter()
            .map(|m| {
                object(vec![
                    ("button", json(&get_buttons(&m.button))),
                    ("matchrule", read_matchrule(&m.matchrule, world)),
                    ("menuid", json(&m.menuid)),
                ])
            })
            .collect();
        top.push(("conditionalmenu", format!("[{}]", items.join(","))));
    }
    Ok(finish(object(top)))
}

/// A matchrule as menu/get reports it: only the fields supplied, the tag under `group_id`
/// (by default), values as strings (by default).
fn read_matchrule(rule: &Matchrule, world: &World) -> String {
    let tag_key = match world.options.matchrule_tag_key {
        MatchruleTagKey::GroupId => "group_id",
        MatchruleTagKey::TagId => "tag_id",
    };
    let fields = [
        (tag_key, &rule.tag_id),
        ("sex", &rule.sex),
        ("country", &rule.country),
        ("province", &rule.province),
        ("city", &rule.city),
        ("client_platform_type", &rule.client_platform_type),
        ("language", &rule.language),
    ];
    let numbers = world.options.matchrule_values == MatchruleValues::Numbers;
    let fields = fields
        .into_iter()
        .filter_map(|(key, value)| {
            let value = value.as_deref()?;
            let number = value.parse::<u64>().ok().filter(|_| numbers);
            Some((key, number.map_or_else(|| json(value), |n| json(&n))))
        })
        .collect();
    object(fields)
}

/// `GET /cgi-bin/menu/delete`: removes the default menu and every conditional menu.
pub fn delete(world: &mut World, _request: &Request) -> Answer {
    world.state.menu = None;
    world.state.conditional_menus.clear();
    action_ok()
}

/// `GET /cgi-bin/get_current_selfmenu_info`: the menu in force, API- or console-made.
pub fn selfmenu_info(world: &mut World, _request: &Request) -> Answer {
    let Some(menu) = &world.state.menu else {
        return Ok(r#"{"is_menu_open":0}"#.to_string());
    };
    let info = object(vec![("button", json(&self_buttons(&menu.button)))]);
    Ok(finish(object(vec![
        ("is_menu_open", json(&1)),
        ("selfmenu_info", info),
    ])))
}
