//! Subscribe notifications (`/wxaapi/newtmpl/*`): categories, public titles and keywords from
//! the library, private templates built from chosen keyword ids (200012–200021), listing and
//! deleting. Every answer carries `errcode`/`errmsg`.

use serde::Serialize;
use serde_json::Value;

use super::library::{self, CATEGORIES, TITLES};
use super::state::SubscribeTemplate;
use super::templates::lay_out;
use super::wire::{Answer, ApiError, action_ok, finish, json, object};
use super::world::{Request, World, json_body, string_or_number};

const SCENE_DESC_LIMIT: usize = 15;
const PAGE_LIMIT: u64 = 30;

fn ok_with(fields: Vec<(&str, String)>) -> Answer {
    let mut all = vec![("errcode", json(&0)), ("errmsg", json("ok"))];
    all.extend(fields);
    Ok(finish(object(all)))
}

#[derive(Serialize)]
struct ListedCategory {
    id: u64,
    name: &'static str,
}

/// `GET /wxaapi/newtmpl/getcategory`.
pub fn categories(_world: &mut World, _request: &Request) -> Answer {
    let data: Vec<_> = CATEGORIES
        .iter()
        .map(|c| ListedCategory {
            id: c.id,
            name: c.name,
        })
        .collect();
    ok_with(vec![("data", json(&data))])
}

#[derive(Serialize)]
struct ListedTitle {
    tid: u64,
    title: &'static str,
    #[serde(rename = "type")]
    kind: u32,
    /// A string on the wire, although documented as a number.
    #[serde(rename = "categoryId")]
    category_id: String,
}

/// `GET /wxaapi/newtmpl/getpubtemplatetitles?ids=2,616&start=0&limit=30`.
pub fn titles(_world: &mut World, request: &Request) -> Answer {
    let ids = request.param("ids").filter(|ids| !ids.trim().is_empty());
    let ids = ids.ok_or(ApiError::from(200018))?;
    let ids: Vec<u64> = ids
        .split(',')
        .map(|id| {
            id.trim()
                .parse::<u64>()
                .ok()
                .filter(|id| CATEGORIES.iter().any(|c| c.id == *id))
        })
        .collect::<Option<_>>()
        .ok_or(ApiError::from(200019))?;
    let start = request.param("start").and_then(|s| s.parse::<u64>().ok());
    let start = start.ok_or(ApiError::from(200016))?;
    let limit = request.param("limit").and_then(|s| s.parse::<u64>().ok());
    let limit = limit
        .filter(|limit| (1..=PAGE_LIMIT).contains(limit))
        .ok_or(ApiError::from(200017))?;
    let matching: Vec<_> = TITLES
        .iter()
        .filter(|t| ids.contains(&t.category))
        .collect();
    let data: Vec<_> = matching
        .iter()
        .skip(start as usize)
        .take(limit as usize)
        .map(|t| ListedTitle {
            tid: t.tid,
            title: t.title,
            kind: t.kind,
            category_id: t.category.to_string(),
        })
        .collect();
    ok_with(vec![
        ("count", json(&matching.len())),
        ("data", json(&data)),
    ])
}

#[derive(Serialize)]
struct ListedKeyword {
    kid: usize,
    name: &'static str,
    example: &'static str,
    rule: &'static str,
}

/// `GET /wxaapi/newtmpl/getpubtemplatekeywords?tid=99`.
pub fn keywords(_world: &mut World, request: &Request) -> Answer {
    let tid = request.param("tid").and_then(|tid| tid.trim().parse().ok());
    let title = tid.and_then(library::title).ok_or(ApiError::from(200014))?;
    let data: Vec<_> = title
        .keywords
        .iter()
        .enumerate()
        .map(|(index, k)| ListedKeyword {
            kid: index + 1,
            name: k.name,
            example: k.example,
            rule: k.rule,
        })
        .collect();
    ok_with(vec![("count", json(&data.len())), ("data", json(&data))])
}

/// `POST /wxaapi/newtmpl/addtemplate` `{"tid":"401","kidList":[1,2],"sceneDesc":"…"}`.
pub fn add(world: &mut World, request: &Request) -> Answer {
    let body = json_body(request)?;
    let tid = string_or_number(body.get("tid")).and_then(|tid| tid.parse().ok());
    let title = tid.and_then(library::title).ok_or(ApiError::from(200014))?;
    let kids = body
        .get("kidList")
        .and_then(Value::as_array)
        .ok_or(ApiError::from(200020))?;
    let mut chosen: Vec<usize> = Vec::new();
    for kid in kids {
        let kid = kid.as_u64().and_then(|kid| usize::try_from(kid).ok());
        match kid {
            Some(kid) if (1..=title.keywords.len()).contains(&kid) && !chosen.contains(&kid) => {
                chosen.push(kid)
            }
            _ => return Err(200020.into()),
        }
    }
    if !(2..=5).contains(&chosen.len()) {
        return Err(200020.into());
    }
    match body.get("sceneDesc") {
        None | Some(Value::Null) => {}
        Some(Value::String(desc)) if desc.chars().count() <= SCENE_DESC_LIMIT => {}
        Some(_) => return Err(200021.into()),
    }
    if world.state.subscribe_templates.len() >= world.options.subscribe_cap {
        return Err(200012.into());
    }
    let mut content = String::new();
    let mut example = String::new();
    for &kid in &chosen {
        let keyword = &title.keywords[kid - 1];
        content.push_str(&format!(
            "{}:{{{{{}{kid}.DATA}}}}\n",
            keyword.name, keyword.rule
        ));
        example.push_str(&format!("{}:{}\n", keyword.name, keyword.example));
    }
    let pri_tmpl_id = world.random_id(43);
    world.state.subscribe_templates.push(SubscribeTemplate {
        pri_tmpl_id: pri_tmpl_id.clone(),
        title: title.title.to_string(),
        content,
        example,
        kind: title.kind,
    });
    world.state.counters.subscribe_adds += 1;
    Ok(finish(object(vec![
        ("errmsg", json("ok")),
        ("errcode", json(&0)),
        ("priTmplId", json(&pri_tmpl_id)),
    ])))
}

/// `GET /wxaapi/newtmpl/gettemplate`, content laid out as the account's `content_layout` says.
pub fn list(world: &mut World, _request: &Request) -> Answer {
    let layout = world.options.content_layout;
    let listed: Vec<SubscribeTemplate> = world
        .state
        .subscribe_templates
        .iter()
        .map(|t| SubscribeTemplate {
            content: lay_out(&t.content, layout),
            ..t.clone()
        })
        .collect();
    ok_with(vec![("data", json(&listed))])
}

/// `POST /wxaapi/newtmpl/deltemplate` `{"priTmplId":"…"}`; an unknown id answers 40037.
pub fn delete(world: &mut World, request: &Request) -> Answer {
    let body = json_body(request)?;
    let id = body
        .get("priTmplId")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let templates = &mut world.state.subscribe_templates;
    let index = templates
        .iter()
        .position(|t| t.pri_tmpl_id == id)
        .ok_or(ApiError::from(40037))?;
    templates.remove(index);
    action_ok()
}
