//! Subscribe-notification endpoints (`/wxaapi/newtmpl/*`) as typed methods.

use crate::model::LiveSubscribeTemplate;
use crate::wechat::endpoint::{
    SUB_ADD, SUB_CATEGORY, SUB_DEL, SUB_LIST, SUB_PUB_KEYWORDS, SUB_PUB_TITLES,
};
use crate::wechat::normalise::template::subscribe_template;
use crate::wechat::wire::subscribe_template::{
    AddSubscribeRequest, AddSubscribeResponse, CategoryIn, CategoryResponse, DelSubscribeRequest,
    PubKeywordIn, PubKeywordsResponse, PubTitlesResponse, SubscribeListResponse,
};
use crate::wechat::{Client, WechatError};
use serde::de::IgnoredAny;

impl Client {
    /// `getcategory`: the account's categories.
    pub fn subscribe_categories(&self) -> Result<Vec<CategoryIn>, WechatError> {
        let answer: CategoryResponse = self.get(&SUB_CATEGORY, &[])?;
        Ok(answer.data)
    }

    /// `getpubtemplatetitles` for category ids `ids` (at most 30 from `start`).
    pub fn subscribe_pub_titles(
        &self,
        ids: &[u64],
        start: u32,
        limit: u32,
    ) -> Result<PubTitlesResponse, WechatError> {
        let ids = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        let query = [
            ("ids", ids),
            ("start", start.to_string()),
            ("limit", limit.to_string()),
        ];
        self.get(&SUB_PUB_TITLES, &query)
    }

    /// `getpubtemplatekeywords` of library template `tid`.
    pub fn subscribe_pub_keywords(&self, tid: u64) -> Result<Vec<PubKeywordIn>, WechatError> {
        let answer: PubKeywordsResponse =
            self.get(&SUB_PUB_KEYWORDS, &[("tid", tid.to_string())])?;
        Ok(answer.data)
    }

    /// `addtemplate`; the new priTmplId. Not idempotent: after
    /// [`WechatError::OutcomeUnknown`] re-read before adding again.
    pub fn subscribe_add(
        &self,
        tid: u64,
        kid_list: &[u64],
        scene_desc: Option<&str>,
    ) -> Result<String, WechatError> {
        let body = AddSubscribeRequest {
            tid: tid.to_string(),
            kid_list: kid_list.to_vec(),
            scene_desc: scene_desc.map(str::to_string),
        };
        let answer: AddSubscribeResponse = self.post(&SUB_ADD, &body)?;
        Ok(answer.pri_tmpl_id)
    }

    /// `gettemplate`: the account's subscribe templates, keyword labels parsed.
    pub fn subscribe_templates(&self) -> Result<Vec<LiveSubscribeTemplate>, WechatError> {
        let answer: SubscribeListResponse = self.get(&SUB_LIST, &[])?;
        Ok(answer.data.into_iter().map(subscribe_template).collect())
    }

    /// `deltemplate`.
    pub fn subscribe_del(&self, pri_tmpl_id: &str) -> Result<(), WechatError> {
        let body = DelSubscribeRequest {
            pri_tmpl_id: pri_tmpl_id.to_string(),
        };
        self.post::<IgnoredAny, _>(&SUB_DEL, &body).map(drop)
    }
}
