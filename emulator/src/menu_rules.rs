//! The validation menu/create and menu/addconditional apply to a request body, with the
//! platform's errcodes (40016–40027, 40033, 44002, 47001, …), producing stored buttons that
//! keep only the fields their type uses.

use serde_json::{Map, Value};

use super::options::{EmulatorOptions, NameEncoding};
use super::state::Button;
use super::wire::ApiError;
use super::world::Request;

/// Leaf types the API accepts, with the field each needs.
const API_TYPES: [&str; 13] = [
    "click",
    "view",
    "scancode_push",
    "scancode_waitmsg",
    "pic_sysphoto",
    "pic_photo_or_album",
    "pic_weixin",
    "location_select",
    "media_id",
    "view_limited",
    "article_id",
    "article_view_limited",
    "miniprogram",
];

/// Where a button sits: the errcodes differ by level.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Top,
    Sub,
}

struct Codes {
    kind: i64,
    name: i64,
    key: i64,
    url: i64,
    media_id: i64,
}

const TOP: Codes = Codes {
    kind: 40017,
    name: 40018,
    key: 40019,
    url: 40020,
    media_id: 40007,
};

const SUB: Codes = Codes {
    kind: 40024,
    name: 40025,
    key: 40026,
    url: 40027,
    media_id: 40118,
};

/// The raw body of a menu write: 44002 empty, 40033 for any `\u` escape, 47001 unparseable.
pub fn menu_body(request: &Request) -> Result<Map<String, Value>, ApiError> {
    let text = String::from_utf8_lossy(&request.body);
    if text.trim().is_empty() {
        return Err(44002.into());
    }
    // The platform scans the raw bytes, so even an escaped backslash before `u` trips it.
    if text.contains("\\u") {
        return Err(40033.into());
    }
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(object)) => Ok(object),
        // A JSON string or array where the object belongs: no `button` to be found.
        Ok(_) => Err(40016.into()),
        Err(_) => Err(47001.into()),
    }
}

/// Validates `body.button` and returns the buttons to store.
pub fn parse_buttons(
    body: &Map<String, Value>,
    options: &EmulatorOptions,
) -> Result<Vec<Button>, ApiError> {
    let buttons = body
        .get("button")
        .and_then(Value::as_array)
        .ok_or(ApiError::from(40016))?;
    if !(1..=3).contains(&buttons.len()) {
        return Err(40016.into());
    }
    buttons.iter().map(|b| parse_top(b, options)).collect()
}

fn parse_top(value: &Value, options: &EmulatorOptions) -> Result<Button, ApiError> {
    let object = value.as_object().ok_or(ApiError::from(40017))?;
    let subs = object.get("sub_button").and_then(Value::as_array);
    let is_folder = subs.is_some_and(|subs| !subs.is_empty());
    if !is_folder {
        return parse_leaf(object, Level::Top, options);
    }
    if options.strict_folder_type && object.contains_key("type") {
        return Err(40017.into());
    }
    let name = name(object, 16, options.name_encoding, TOP.name)?;
    let subs = subs.expect("a folder has sub buttons");
    if subs.len() > 5 {
        return Err(40023.into());
    }
    let sub_button = subs
        .iter()
        .map(|sub| {
            let object = sub.as_object().ok_or(ApiError::from(40024))?;
            let nested = object.get("sub_button").and_then(Value::as_array);
            if nested.is_some_and(|nested| !nested.is_empty()) {
                return Err(ApiError::from(40022));
            }
            parse_leaf(object, Level::Sub, options)
        })
        .collect::<Result<_, _>>()?;
    // A `type` beside a non-empty sub_button is dropped: folders never carry one.
    Ok(Button::folder(&name, sub_button))
}

fn parse_leaf(
    object: &Map<String, Value>,
    level: Level,
    options: &EmulatorOptions,
) -> Result<Button, ApiError> {
    let (codes, name_limit) = match level {
        Level::Top => (&TOP, 16),
        Level::Sub => (&SUB, options.sub_button_name_limit),
    };
    let kind = object
        .get("type")
        .and_then(Value::as_str)
        .filter(|kind| API_TYPES.contains(kind))
        .ok_or(ApiError::from(codes.kind))?;
    let name = name(object, name_limit, options.name_encoding, codes.name)?;
    let text = |field: &str| {
        object
            .get(field)
            .and_then(Value::as_str)
            .filter(|text| !text.is_empty())
            .map(str::to_string)
    };
    let mut button = Button {
        kind: Some(kind.to_string()),
        name,
        ..Button::default()
    };
    match kind {
        "view" | "miniprogram" => {
            let url = text("url").filter(|url| url.len() <= 1024);
            button.url = Some(url.ok_or(ApiError::from(codes.url))?);
            if kind == "miniprogram" {
                button.appid = Some(text("appid").ok_or(ApiError::from(45064))?);
                button.pagepath = Some(text("pagepath").ok_or(ApiError::from(40165))?);
            }
        }
        "media_id" | "view_limited" => {
            button.media_id = Some(text("media_id").ok_or(ApiError::from(codes.media_id))?);
        }
        "article_id" | "article_view_limited" => {
            button.article_id = Some(text("article_id").ok_or(ApiError::from(53600))?);
        }
        _ => {
            let key = text("key").filter(|key| key.len() <= 128);
            button.key = Some(key.ok_or(ApiError::from(codes.key))?);
        }
    }
    Ok(button)
}

fn name(
    object: &Map<String, Value>,
    limit: usize,
    encoding: NameEncoding,
    code: i64,
) -> Result<String, ApiError> {
    object
        .get("name")
        .and_then(Value::as_str)
        .filter(|name| !name.is_empty() && byte_len(name, encoding) <= limit)
        .map(str::to_string)
        .ok_or(ApiError::from(code))
}

/// The length of a name as the platform measures it.
pub fn byte_len(text: &str, encoding: NameEncoding) -> usize {
    match encoding {
        NameEncoding::Utf8 => text.len(),
        NameEncoding::Gbk => text
            .chars()
            .map(|c| match c as u32 {
                0..=0x7f => 1,
                0x80..=0xffff => 2,
                _ => 4,
            })
            .sum(),
    }
}
