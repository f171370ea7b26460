//! Wire shapes of the permanent-material endpoints `material/add_material` and
//! `material/batchget_material`.

use super::de;
use serde::{Deserialize, Serialize};

/// `material/add_material`: `{"media_id":"…","url":"…"}`.
#[derive(Debug, Clone, Deserialize)]
pub struct MaterialAddResponse {
    #[serde(deserialize_with = "de::string")]
    pub media_id: String,
}

/// The body of `material/batchget_material`: one page of one type's listing.
#[derive(Debug, Clone, Serialize)]
pub struct MaterialListRequest {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub offset: u64,
    pub count: u64,
}

/// `material/batchget_material`:
/// `{"total_count":N,"item_count":n,"item":[{"media_id","name","update_time","url"}]}`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MaterialListResponse {
    #[serde(default, deserialize_with = "de::u64")]
    pub total_count: u64,
    #[serde(default)]
    pub item: Vec<MaterialItem>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MaterialItem {
    #[serde(deserialize_with = "de::string")]
    pub media_id: String,
    #[serde(default, deserialize_with = "de::string")]
    pub name: String,
    #[serde(default, deserialize_with = "de::opt_u64")]
    pub update_time: Option<u64>,
}
