//! Template-message endpoints (industry and private templates) as typed methods.

use crate::model::{IndustryCodes, LiveIndustry, LiveTemplate};
use crate::wechat::endpoint::{
    ADD_TEMPLATE, DEL_TEMPLATE, GET_INDUSTRY, LIST_TEMPLATES, SET_INDUSTRY,
};
use crate::wechat::normalise::{industry::industry, template::template};
use crate::wechat::wire::template::{
    AddTemplateRequest, AddTemplateResponse, DelTemplateRequest, GetIndustryResponse,
    SetIndustryRequest, TemplateListResponse,
};
use crate::wechat::{Client, WechatError};
use serde::de::IgnoredAny;

impl Client {
    /// `template/api_set_industry` (codes sent as strings, as documented).
    pub fn set_industry(&self, codes: IndustryCodes) -> Result<(), WechatError> {
        let body = SetIndustryRequest {
            industry_id1: codes.primary.to_string(),
            industry_id2: codes.secondary.to_string(),
        };
        self.post::<IgnoredAny, _>(&SET_INDUSTRY, &body).map(drop)
    }

    /// `template/get_industry`, names mapped to codes; `None` when no industry is set.
    pub fn get_industry(&self) -> Result<Option<LiveIndustry>, WechatError> {
        let answer: GetIndustryResponse = self.get(&GET_INDUSTRY, &[])?;
        Ok(industry(answer))
    }

    /// `template/api_add_template`; the new template_id. Not idempotent: after
    /// [`WechatError::OutcomeUnknown`] re-read before adding again. `keywords` empty = not sent
    /// (classic `TM…` templates).
    pub fn add_template(&self, short_id: &str, keywords: &[String]) -> Result<String, WechatError> {
        let body = AddTemplateRequest {
            template_id_short: short_id.to_string(),
            keyword_name_list: keywords.to_vec(),
        };
        let answer: AddTemplateResponse = self.post(&ADD_TEMPLATE, &body)?;
        Ok(answer.template_id)
    }

    /// `template/get_all_private_template`, with keyword labels parsed from each content.
    pub fn templates(&self) -> Result<Vec<LiveTemplate>, WechatError> {
        let answer: TemplateListResponse = self.get(&LIST_TEMPLATES, &[])?;
        Ok(answer.template_list.into_iter().map(template).collect())
    }

    /// `template/del_private_template`.
    pub fn del_template(&self, template_id: &str) -> Result<(), WechatError> {
        let body = DelTemplateRequest {
            template_id: template_id.to_string(),
        };
        self.post::<IgnoredAny, _>(&DEL_TEMPLATE, &body).map(drop)
    }
}
