//! Subscribe-notification endpoints (`/wxaapi/newtmpl/*`) as typed methods.

use crate::model::LiveSubscribeTemplate;
use crate::wechat::endpoint::{SUB_ADD, SUB_DEL, SUB_LIST};
use crate::wechat::normalise::template::subscribe_template;
use crate::wechat::wire::subscribe_template::{
    AddSubscribeRequest, AddSubscribeResponse, DelSubscribeRequest, SubscribeListResponse,
};
use crate::wechat::{Client, WechatError};
use serde::de::IgnoredAny;

impl Client {
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
