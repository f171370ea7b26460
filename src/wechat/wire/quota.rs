//! Wire shapes of `openapi/quota/get`: `{"cgi_path":"/cgi-bin/menu/create"}` →
//! `{"errcode":0,"errmsg":"ok","quota":{"daily_limit":1000,"used":2,"remain":998}}` (recorded);
//! the current documentation adds `rate_limit` and `component_rate_limit` beside `quota` (one
//! SDK reads them inside it), which wxform does not need and ignores wherever they are.

use super::de;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct QuotaGetRequest {
    pub cgi_path: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct QuotaGetResponse {
    pub quota: QuotaIn,
}

/// Every field is required: an answer without `remain` says nothing a plan can be measured
/// against, and is taken as a quota that cannot be read.
#[derive(Debug, Clone, Deserialize)]
pub struct QuotaIn {
    #[serde(deserialize_with = "de::u64")]
    pub daily_limit: u64,
    #[serde(deserialize_with = "de::u64")]
    pub used: u64,
    #[serde(deserialize_with = "de::u64")]
    pub remain: u64,
}
