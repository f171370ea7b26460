//! User tags: create, get (always listing the system tag 2 星标组), update, delete, with the
//! platform's limits (100 tags, 30-byte names, system ids 0–2).

use serde::Serialize;
use serde_json::Value;

use super::state::Tag;
use super::wire::{Answer, ApiError, action_ok, finish, json, object};
use super::world::{Request, World, json_body};

/// The system tag every account lists.
const STAR_ID: u64 = 2;
const STAR_NAME: &str = "星标组";
const NAME_LIMIT: usize = 30;

#[derive(Serialize)]
struct Listed<'a> {
    id: u64,
    name: &'a str,
    count: u64,
}

/// The `tag` object of a request body.
fn tag_object(request: &Request) -> Result<serde_json::Map<String, Value>, ApiError> {
    let body = json_body(request)?;
    body.get("tag")
        .and_then(Value::as_object)
        .cloned()
        .ok_or(ApiError::from(44002))
}

fn tag_id(tag: &serde_json::Map<String, Value>) -> Result<u64, ApiError> {
    match tag.get("id") {
        Some(Value::Number(n)) => n.as_u64().ok_or(ApiError::from(45159)),
        Some(Value::String(s)) => s.trim().parse().map_err(|_| ApiError::from(45159)),
        _ => Err(44002.into()),
    }
}

/// A new or changed name: 45158 over 30 bytes, 45157 empty or taken by another tag.
fn check_name(
    world: &World,
    name: Option<&Value>,
    own_id: Option<u64>,
) -> Result<String, ApiError> {
    let name = name.and_then(Value::as_str).unwrap_or_default().trim();
    if name.is_empty() {
        return Err(45157.into());
    }
    if name.len() > NAME_LIMIT {
        return Err(45158.into());
    }
    let taken = name == STAR_NAME
        || world
            .state
            .tags
            .iter()
            .any(|t| t.name == name && Some(t.id) != own_id);
    if taken {
        return Err(45157.into());
    }
    Ok(name.to_string())
}

/// `POST /cgi-bin/tags/create` → `{"tag":{"id":134,"name":"广东"}}`.
pub fn create(world: &mut World, request: &Request) -> Answer {
    let tag = tag_object(request)?;
    let name = check_name(world, tag.get("name"), None)?;
    if world.state.tags.len() >= world.options.tag_cap {
        return Err(45056.into());
    }
    let id = world.state.counters.next_tag_id;
    world.state.counters.next_tag_id += 1;
    world.state.tags.push(Tag::new(id, &name));
    let created = object(vec![("id", json(&id)), ("name", json(&name))]);
    Ok(finish(object(vec![("tag", created)])))
}

/// `GET /cgi-bin/tags/get`.
pub fn get(world: &mut World, _request: &Request) -> Answer {
    let star = Listed {
        id: STAR_ID,
        name: STAR_NAME,
        count: 0,
    };
    let tags = std::iter::once(star).chain(world.state.tags.iter().map(|t| Listed {
        id: t.id,
        name: &t.name,
        count: t.count,
    }));
    let tags: Vec<Listed> = tags.collect();
    Ok(finish(object(vec![("tags", json(&tags))])))
}

fn user_tag_index(world: &World, id: u64) -> Result<usize, ApiError> {
    if id <= STAR_ID {
        return Err(45058.into());
    }
    world
        .state
        .tags
        .iter()
        .position(|t| t.id == id)
        .ok_or(ApiError::from(45159))
}

/// `POST /cgi-bin/tags/update`: renames, keeping the id and the followers.
pub fn update(world: &mut World, request: &Request) -> Answer {
    let tag = tag_object(request)?;
    let index = user_tag_index(world, tag_id(&tag)?)?;
    let id = world.state.tags[index].id;
    let name = check_name(world, tag.get("name"), Some(id))?;
    world.state.tags[index].name = name;
    action_ok()
}

/// `POST /cgi-bin/tags/delete`: 45057 while more than 100 000 followers carry the tag.
pub fn delete(world: &mut World, request: &Request) -> Answer {
    let tag = tag_object(request)?;
    let index = user_tag_index(world, tag_id(&tag)?)?;
    if world.state.tags[index].count > 100_000 {
        return Err(45057.into());
    }
    let id = world.state.tags.remove(index).id;
    for user in &mut world.state.users {
        user.tag_ids.retain(|&t| t != id);
    }
    action_ok()
}
