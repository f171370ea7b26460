//! Wire shapes of the custom-menu endpoints: `menu/create|get|delete|addconditional|
//! delconditional|trymatch` and `get_current_selfmenu_info`.
//!
//! Read shapes are lenient: a leaf may carry `sub_button: []`, `get_current_selfmenu_info` wraps
//! children in `{"list": [...]}`, folders come without `type`, console-made leaves carry `value`
//! or `news_info`, the tag key is `group_id` or `tag_id`, and numbers and strings mix. Request
//! shapes omit empty fields and are serialised by serde_json, which never `\u`-escapes CJK or
//! `& < >` (WeChat rejects any `\uXXXX` in a menu body with 40033).

use super::de;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

// ------------------------------------------------------------------------------------------
// Responses
// ------------------------------------------------------------------------------------------

/// A button as `menu/get`, `menu/trymatch` or `get_current_selfmenu_info` return it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ButtonIn {
    #[serde(rename = "type", default, deserialize_with = "de::opt_string")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "de::string")]
    pub name: String,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub key: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub media_id: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub article_id: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub appid: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub pagepath: Option<String>,
    /// Console-only leaves: text, a temporary media id, or a video URL.
    #[serde(default, deserialize_with = "de::opt_string")]
    pub value: Option<String>,
    /// Console-only `news` leaves: the articles (kept opaque; the model does not manage them).
    #[serde(default)]
    pub news_info: Option<Value>,
    #[serde(default)]
    pub sub_button: Option<SubButtons>,
}

/// Children of a folder: an array (`menu/get`) or `{"list": [...]}` (`get_current_selfmenu_info`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum SubButtons {
    List(Vec<ButtonIn>),
    Wrapped {
        #[serde(default)]
        list: Vec<ButtonIn>,
    },
}

impl SubButtons {
    pub fn into_vec(self) -> Vec<ButtonIn> {
        match self {
            SubButtons::List(list) | SubButtons::Wrapped { list } => list,
        }
    }
}

/// `menu/get`. A missing menu is errcode 46003, not an empty body.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MenuGetResponse {
    #[serde(default)]
    pub menu: Option<MenuBody>,
    #[serde(default)]
    pub conditionalmenu: Vec<ConditionalMenuBody>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MenuBody {
    #[serde(default)]
    pub button: Vec<ButtonIn>,
    #[serde(default, deserialize_with = "de::opt_u64")]
    pub menuid: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ConditionalMenuBody {
    #[serde(default)]
    pub button: Vec<ButtonIn>,
    #[serde(default)]
    pub matchrule: MatchRuleIn,
    #[serde(deserialize_with = "de::u64")]
    pub menuid: u64,
}

/// A matchrule as read back: the tag as `group_id` (legacy, usual) or `tag_id`, values as
/// numbers or strings, retired fields still present on old menus.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MatchRuleIn {
    #[serde(default, deserialize_with = "de::opt_string")]
    pub group_id: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub tag_id: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub client_platform_type: Option<String>,
    /// Everything else (`sex`, `country`, `province`, `city`, `language`, future fields).
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

/// `get_current_selfmenu_info`: the menu in force, made through the API or the web console.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SelfMenuInfoResponse {
    #[serde(default, deserialize_with = "de::opt_u64")]
    pub is_menu_open: Option<u64>,
    #[serde(default)]
    pub selfmenu_info: Option<SelfMenuInfo>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SelfMenuInfo {
    #[serde(default)]
    pub button: Vec<ButtonIn>,
}

/// `menu/trymatch`: the menu a user would see, in `menu/get` leaf format.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TryMatchResponse {
    #[serde(default)]
    pub button: Vec<ButtonIn>,
}

/// `menu/addconditional`: `{"menuid":"208379533"}` (a string here, a number in `menu/get`).
#[derive(Debug, Clone, Deserialize)]
pub struct AddConditionalResponse {
    #[serde(deserialize_with = "de::u64")]
    pub menuid: u64,
}

// ------------------------------------------------------------------------------------------
// Requests
// ------------------------------------------------------------------------------------------

/// A button as `menu/create` and `menu/addconditional` take it: empty fields omitted, folders
/// without `type`, leaves without `sub_button`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ButtonOut {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagepath: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_button: Vec<ButtonOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MenuCreateRequest {
    pub button: Vec<ButtonOut>,
}

/// A matchrule as `menu/addconditional` takes it: the tag under `tag_id`, values as strings
/// (as documented), unset fields omitted.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct MatchRuleOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_platform_type: Option<String>,
}

impl MatchRuleOut {
    pub fn new(tag_id: Option<u64>, platform: Option<crate::model::Platform>) -> MatchRuleOut {
        MatchRuleOut {
            tag_id: tag_id.map(|id| id.to_string()),
            client_platform_type: platform.map(|p| p.wire_code().to_string()),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AddConditionalRequest {
    pub button: Vec<ButtonOut>,
    pub matchrule: MatchRuleOut,
}

#[derive(Debug, Clone, Serialize)]
pub struct DelConditionalRequest {
    pub menuid: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TryMatchRequest {
    pub user_id: String,
}
