//! Wire shapes of the template-message endpoints: `template/api_set_industry|get_industry|
//! api_add_template|get_all_private_template|del_private_template`.

use super::de;
use serde::{Deserialize, Serialize};

/// `api_set_industry`: codes as strings, as documented.
#[derive(Debug, Clone, Serialize)]
pub struct SetIndustryRequest {
    pub industry_id1: String,
    pub industry_id2: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct IndustryClassIn {
    #[serde(default, deserialize_with = "de::string")]
    pub first_class: String,
    #[serde(default, deserialize_with = "de::string")]
    pub second_class: String,
}

/// `get_industry`: names, not codes (`互联网|电子商务`), with no errcode on success.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GetIndustryResponse {
    #[serde(default)]
    pub primary_industry: Option<IndustryClassIn>,
    #[serde(default)]
    pub secondary_industry: Option<IndustryClassIn>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AddTemplateRequest {
    pub template_id_short: String,
    /// Omitted for classic `TM…` templates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keyword_name_list: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AddTemplateResponse {
    #[serde(deserialize_with = "de::string")]
    pub template_id: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct TemplateIn {
    #[serde(deserialize_with = "de::string")]
    pub template_id: String,
    #[serde(default, deserialize_with = "de::string")]
    pub title: String,
    #[serde(default, deserialize_with = "de::string")]
    pub primary_industry: String,
    #[serde(default, deserialize_with = "de::string")]
    pub deputy_industry: String,
    #[serde(default, deserialize_with = "de::string")]
    pub content: String,
    #[serde(default, deserialize_with = "de::string")]
    pub example: String,
}

/// `get_all_private_template`: no `template_id_short`, no keyword list.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TemplateListResponse {
    #[serde(default)]
    pub template_list: Vec<TemplateIn>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DelTemplateRequest {
    pub template_id: String,
}
