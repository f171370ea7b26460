//! Conditional (personalised) menus: addconditional with its matchrule rules (65303, 65304,
//! 65316, 65320), delconditional (menuid as string or number, 65301) and trymatch.

use serde_json::{Map, Value};

use super::link_domains;
use super::menu_rules::{menu_body, parse_buttons};
use super::menus::get_buttons;
use super::options::{TryMatchShape, TryMatchTags};
use super::state::{ConditionalMenu, Matchrule, MenuSource};
use super::wire::{Answer, ApiError, action_ok, finish, json, object};
use super::world::{Request, World, json_body, string_or_number};

/// Matchrule fields retired for privacy: creating with any of them answers 65320.
const RETIRED: [&str; 5] = ["sex", "country", "province", "city", "language"];

/// `POST /cgi-bin/menu/addconditional`: answers `{"menuid":"<id>"}` (a string; a number with
/// `menuid_as_number`).
pub fn add(world: &mut World, request: &Request) -> Answer {
    let body = menu_body(request)?;
    let has_default = world
        .state
        .menu
        .as_ref()
        .is_some_and(|m| m.source == MenuSource::Api);
    if !has_default {
        return Err(65303.into());
    }
    let button = parse_buttons(&body, &world.options)?;
    let matchrule = parse_matchrule(body.get("matchrule"))?;
    let count = world.state.conditional_menus.len();
    if world
        .options
        .conditional_menu_limit
        .is_some_and(|limit| count >= limit)
    {
        return Err(65305.into());
    }

    link_domains::check_conditional(world, &button)?;

    let menuid = world.next_menuid();
    world.state.conditional_menus.push(ConditionalMenu {
        menuid,
        button,
        matchrule,
    });
    world.state.counters.conditional_adds += 1;
    let menuid = if world.options.menuid_as_number {
        json(&menuid)
    } else {
        json(&menuid.to_string())
    };
    Ok(object(vec![("menuid", menuid)]))
}

/// Keeps only the non-empty fields; `group_id` is taken as the legacy name of `tag_id`.
fn parse_matchrule(value: Option<&Value>) -> Result<Matchrule, ApiError> {
    let empty = Map::new();
    let object = value.and_then(Value::as_object).unwrap_or(&empty);
    let field = |name: &str| string_or_number(object.get(name)).filter(|v| !v.is_empty());
    if RETIRED.iter().any(|name| field(name).is_some()) {
        return Err(65320.into());
    }
    let rule = Matchrule {
        tag_id: field("tag_id").or_else(|| field("group_id")),
        client_platform_type: field("client_platform_type"),
        ..Matchrule::default()
    };
    if rule == Matchrule::default() {
        return Err(65304.into());
    }
    Ok(rule)
}

/// `POST /cgi-bin/menu/delconditional`: `{"menuid":"208379533"}` or `{"menuid":208379533}`.
pub fn delete(world: &mut World, request: &Request) -> Answer {
    let body = json_body(request)?;
    let menuid = string_or_number(body.get("menuid")).ok_or(ApiError::from(44002))?;
    let menus = &mut world.state.conditional_menus;
    let index = menus
        .iter()
        .position(|m| m.menuid.to_string() == menuid)
        .ok_or(ApiError::from(65301))?;
    menus.remove(index);
    action_ok()
}

/// `POST /cgi-bin/menu/trymatch`: the menu a follower would see. Conditional menus are tried
/// newest first; a follower matches on their most recently applied tag (or, with
/// [`TryMatchTags::Any`], on any of their tags). The menu is answered as `{"button":[…]}`, or
/// wrapped in `menu` ([`TryMatchShape::WrappedInMenu`]).
pub fn trymatch(world: &mut World, request: &Request) -> Answer {
    let body = json_body(request)?;
    let user_id = string_or_number(body.get("user_id")).filter(|id| !id.is_empty());
    let user_id = user_id.ok_or(ApiError::from(40003))?;
    let user = world.state.users.iter().find(|u| u.openid == user_id);
    let user = user.ok_or(ApiError::from(65302))?;
    let tags: Vec<String> = match world.options.trymatch_tags {
        TryMatchTags::Newest => user
            .tag_ids
            .last()
            .iter()
            .map(|id| id.to_string())
            .collect(),
        TryMatchTags::Any => user.tag_ids.iter().map(u64::to_string).collect(),
    };
    let matched = world.state.conditional_menus.iter().rev().find(|m| {
        let rule = &m.matchrule;
        let tag_ok = rule.tag_id.as_ref().is_none_or(|tag| tags.contains(tag));
        let platform = rule.client_platform_type.as_deref();
        let platform_ok = platform.is_none_or(|p| p == user.client_platform_type);
        // Menus that still carry retired fields silently stopped matching.
        let retired = [
            &rule.sex,
            &rule.country,
            &rule.province,
            &rule.city,
            &rule.language,
        ]
        .iter()
        .any(|field| field.is_some());
        !retired && tag_ok && platform_ok
    });
    let buttons = match matched {
        Some(menu) => &menu.button,
        None => match &world.state.menu {
            Some(menu) if menu.source == MenuSource::Api => &menu.button,
            _ => return Err(46002.into()),
        },
    };
    let menu = object(vec![("button", json(&get_buttons(buttons)))]);
    Ok(finish(match world.options.trymatch_shape {
        TryMatchShape::Documented => menu,
        TryMatchShape::WrappedInMenu => object(vec![("menu", menu)]),
    }))
}
