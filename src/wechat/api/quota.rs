//! `openapi/quota/get` as a typed method.

use crate::quota::Quota;
use crate::wechat::endpoint::{Endpoint, QUOTA_GET};
use crate::wechat::wire::quota::{QuotaGetRequest, QuotaGetResponse};
use crate::wechat::{Client, WechatError};

impl Client {
    /// `openapi/quota/get`: today's quota of `endpoint` on this account. One call of quota/get's
    /// own daily quota each.
    pub fn quota_get(&self, endpoint: &Endpoint) -> Result<Quota, WechatError> {
        let body = QuotaGetRequest {
            cgi_path: endpoint.cgi_path(),
        };
        let answer: QuotaGetResponse = self.post(&QUOTA_GET, &body)?;
        Ok(Quota {
            daily_limit: answer.quota.daily_limit,
            used: answer.quota.used,
            remain: answer.quota.remain,
        })
    }
}
