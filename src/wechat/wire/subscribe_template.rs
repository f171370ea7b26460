//! Wire shapes of the subscribe-notification endpoints `/wxaapi/newtmpl/*`. These answers carry
//! `errcode: 0` alongside the data; `categoryId` is a string although documented as a number.

use super::de;
use serde::{Deserialize, Serialize};

/// `addtemplate`: `tid` as a string, as documented.
#[derive(Debug, Clone, Serialize)]
pub struct AddSubscribeRequest {
    pub tid: String,
    #[serde(rename = "kidList")]
    pub kid_list: Vec<u64>,
    #[serde(rename = "sceneDesc", skip_serializing_if = "Option::is_none")]
    pub scene_desc: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AddSubscribeResponse {
    #[serde(rename = "priTmplId", deserialize_with = "de::string")]
    pub pri_tmpl_id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SubscribeTemplateIn {
    #[serde(rename = "priTmplId", deserialize_with = "de::string")]
    pub pri_tmpl_id: String,
    #[serde(default, deserialize_with = "de::string")]
    pub title: String,
    #[serde(default, deserialize_with = "de::string")]
    pub content: String,
    #[serde(default, deserialize_with = "de::string")]
    pub example: String,
    #[serde(rename = "type", default, deserialize_with = "de::opt_u64")]
    pub kind: Option<u64>,
}

/// `gettemplate`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SubscribeListResponse {
    #[serde(default)]
    pub data: Vec<SubscribeTemplateIn>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DelSubscribeRequest {
    #[serde(rename = "priTmplId")]
    pub pri_tmpl_id: String,
}
