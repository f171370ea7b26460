//! Wire shapes of the user-tag endpoints `tags/create|get|update|delete`.

use super::de;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize)]
pub struct TagIn {
    #[serde(deserialize_with = "de::u64")]
    pub id: u64,
    #[serde(default, deserialize_with = "de::string")]
    pub name: String,
    #[serde(default, deserialize_with = "de::opt_u64")]
    pub count: Option<u64>,
}

/// `tags/get`: `{"tags":[{"id":2,"name":"星标组","count":0}, …]}`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TagsGetResponse {
    #[serde(default)]
    pub tags: Vec<TagIn>,
}

/// `tags/create`: `{"tag":{"id":134,"name":"广东"}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct TagCreateResponse {
    pub tag: TagIn,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The body of `tags/create`, `tags/update` and `tags/delete`: `{"tag":{...}}`.
#[derive(Debug, Clone, Serialize)]
pub struct TagRequest {
    pub tag: TagOut,
}
