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

/// `menu/trymatch`: the menu a user would see, in `menu/get` leaf format. WeChat documents
/// `{"button": [...]}`; several SDKs read `{"menu": {"button": [...]}}`, so both are accepted.
/// An answer of neither shape is refused (the client reports it as an unexpected answer of
/// `menu/trymatch`): read as a menu with no buttons, it would pass or fail checks on nothing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(try_from = "TryMatchShapes")]
pub struct TryMatchResponse {
    pub button: Vec<ButtonIn>,
}

/// Both shapes of a trymatch answer, as they arrive.
#[derive(Deserialize)]
struct TryMatchShapes {
    #[serde(default)]
    button: Option<Vec<ButtonIn>>,
    #[serde(default)]
    menu: Option<TryMatchMenu>,
}

#[derive(Deserialize)]
struct TryMatchMenu {
    #[serde(default)]
    button: Option<Vec<ButtonIn>>,
}

impl TryFrom<TryMatchShapes> for TryMatchResponse {
    type Error = &'static str;

    fn try_from(shapes: TryMatchShapes) -> Result<TryMatchResponse, Self::Error> {
        shapes
            .button
            .or_else(|| shapes.menu.and_then(|menu| menu.button))
            .map(|button| TryMatchResponse { button })
            .ok_or("it holds no menu: neither `button` nor `menu.button`")
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn trymatch(body: &str) -> Result<TryMatchResponse, serde_json::Error> {
        serde_json::from_str(body)
    }

    fn names(answer: &TryMatchResponse) -> Vec<&str> {
        answer.button.iter().map(|b| b.name.as_str()).collect()
    }

    /// The documented answer (the example of WeChat's trymatch page).
    #[test]
    fn trymatch_reads_the_documented_shape() {
        let answer = trymatch(
            r#"{"button":[{"type":"view","name":"tx","url":"http:\/\/www.qq.com\/","sub_button":[]},{"type":"view","name":"tx","url":"http:\/\/www.qq.com\/","sub_button":[]},{"type":"view","name":"tx","url":"http:\/\/www.qq.com\/","sub_button":[]}]}"#,
        )
        .unwrap();
        assert_eq!(names(&answer), ["tx", "tx", "tx"]);
    }

    /// The shape WxJava's `menuTryMatch` (through `WxMenuGsonAdapter`) and chanxuehong's
    /// `TryMatch` parse: the menu wrapped in `menu`, as in `menu/get`.
    #[test]
    fn trymatch_reads_the_menu_wrapped_in_menu() {
        let answer = trymatch(
            r#"{"menu":{"button":[{"type":"click","name":"今日歌曲","key":"V1001_TODAY_MUSIC","sub_button":[]},{"name":"菜单","sub_button":[{"type":"view","name":"搜索","url":"http:\/\/www.soso.com\/","sub_button":[]}]}]}}"#,
        )
        .unwrap();
        assert_eq!(names(&answer), ["今日歌曲", "菜单"]);
        assert_eq!(
            answer.button[1]
                .sub_button
                .clone()
                .unwrap()
                .into_vec()
                .len(),
            1
        );
    }

    /// `{"menuid":"208379533"}` as documented; a number as a recorded answer has it
    /// (wechat-api.md §12), also beside `"errcode":0,"errmsg":""`.
    #[test]
    fn addconditional_menuid_reads_as_a_string_or_a_number() {
        for body in [
            r#"{"menuid":"208379533"}"#,
            r#"{"menuid":208379533}"#,
            r#"{"errcode":0,"errmsg":"","menuid":208379533}"#,
        ] {
            let answer: AddConditionalResponse = serde_json::from_str(body).unwrap();
            assert_eq!(answer.menuid, 208_379_533, "{body}");
        }
    }

    /// An answer of neither shape is an error, never a menu with no buttons.
    #[test]
    fn trymatch_refuses_an_answer_of_neither_shape() {
        for body in [
            "{}",
            r#"{"menu":{}}"#,
            r#"{"menu":null}"#,
            r#"{"errcode":0,"errmsg":""}"#,
        ] {
            let error = trymatch(body).map(|a| a.button.len()).unwrap_err();
            assert_eq!(
                error.to_string(),
                "it holds no menu: neither `button` nor `menu.button`",
                "{body}"
            );
        }
        for body in [r#"{"button":"x"}"#, r#"{"menu":{"button":"x"}}"#] {
            assert!(trymatch(body).is_err(), "{body}");
        }
        assert!(trymatch(r#"{"button":[]}"#).unwrap().button.is_empty());
    }
}
