//! Menus: wire buttons (either read shape) → canonical [`model::Button`]s, wire matchrules →
//! [`model::LiveMatchRule`], and canonical buttons → request buttons.
//!
//! Canonical form: a leaf has a `type` and no children (`sub_button: []` dropped); a folder has
//! children and no `type` or action fields; empty strings are absent.

use crate::model::{Button, LiveMatchRule, Platform};
use crate::wechat::wire::menu::{ButtonIn, ButtonOut, MatchRuleIn};
use serde_json::Value;

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.is_empty())
}

/// One read button, in `menu/get`, `trymatch` or `get_current_selfmenu_info` shape.
pub fn button(wire: ButtonIn) -> Button {
    let children: Vec<ButtonIn> = wire.sub_button.map(|s| s.into_vec()).unwrap_or_default();
    let kind = non_empty(wire.kind);
    if !children.is_empty() || kind.is_none() {
        // A folder: WeChat never returns a type on one; drop stray action fields too.
        return Button {
            name: wire.name,
            sub_button: buttons(children),
            ..Button::default()
        };
    }
    // Console `news` leaves carry their media id in `value` when WeChat gives one; the
    // articles themselves (`news_info`) are not modelled.
    Button {
        name: wire.name,
        kind,
        key: non_empty(wire.key),
        url: non_empty(wire.url),
        media_id: non_empty(wire.media_id),
        article_id: non_empty(wire.article_id),
        appid: non_empty(wire.appid),
        pagepath: non_empty(wire.pagepath),
        value: non_empty(wire.value),
        sub_button: Vec::new(),
        media_file: None,
    }
}

pub fn buttons(wire: Vec<ButtonIn>) -> Vec<Button> {
    wire.into_iter().map(button).collect()
}

/// A read matchrule: `group_id` or `tag_id` → `tag_id`, platform codes → [`Platform`], the
/// rest (retired fields) kept verbatim when non-empty.
pub fn matchrule(wire: MatchRuleIn) -> LiveMatchRule {
    let tag = non_empty(wire.tag_id).or(non_empty(wire.group_id));
    let mut retired = std::collections::BTreeMap::new();
    // A tag id that does not parse, or an unknown platform code, is kept visible rather than
    // silently dropped, so that the plan shows the rule as it really is.
    let tag_id = tag.as_deref().and_then(|t| t.trim().parse::<u64>().ok());
    if let (Some(text), None) = (&tag, tag_id) {
        retired.insert("tag_id".to_string(), text.clone());
    }
    let platform_text = non_empty(wire.client_platform_type);
    let client_platform_type = platform_text.as_deref().and_then(Platform::parse);
    if let (Some(text), None) = (&platform_text, client_platform_type) {
        retired.insert("client_platform_type".to_string(), text.clone());
    }
    for (key, value) in wire.other {
        let text = match value {
            Value::Null => continue,
            Value::String(text) => text,
            other => other.to_string(),
        };
        if !text.is_empty() {
            retired.insert(key, text);
        }
    }
    LiveMatchRule {
        tag_id,
        client_platform_type,
        retired,
    }
}

/// A canonical button as `menu/create` / `menu/addconditional` take it. Console-only `value`
/// is not writable and is not sent.
pub fn button_out(button: &Button) -> ButtonOut {
    let text = |value: &Option<String>| value.clone().filter(|v| !v.is_empty());
    if button.is_folder() {
        return ButtonOut {
            kind: None,
            name: button.name.clone(),
            key: None,
            url: None,
            media_id: None,
            article_id: None,
            appid: None,
            pagepath: None,
            sub_button: buttons_out(&button.sub_button),
        };
    }
    ButtonOut {
        kind: button.kind.clone(),
        name: button.name.clone(),
        key: text(&button.key),
        url: text(&button.url),
        media_id: text(&button.media_id),
        article_id: text(&button.article_id),
        appid: text(&button.appid),
        pagepath: text(&button.pagepath),
        sub_button: Vec::new(),
    }
}

pub fn buttons_out(buttons: &[Button]) -> Vec<ButtonOut> {
    buttons.iter().map(button_out).collect()
}

#[cfg(test)]
mod tests;
