//! Reading the daily quotas of endpoints: one `openapi/quota/get` each, all at once on scoped
//! threads — beside the section reads of [`super::read_live_and_quotas`], in the same round
//! trip. A quota that cannot be read (76021, 76022, 48001, no answer) is a reading that says
//! why, never a failure of the read: plans and `doctor` go on without it.

use super::endpoint::Endpoint;
use super::{Client, WechatError};
use crate::quota::{Quota, QuotaReading};
use std::thread::{Scope, ScopedJoinHandle};

/// One endpoint and its quota, or the error that kept it unknown.
pub type EndpointQuota = (Endpoint, Result<Quota, WechatError>);

/// One endpoint's quota read under way.
pub(super) type Pending<'scope> = (
    Endpoint,
    ScopedJoinHandle<'scope, Result<Quota, WechatError>>,
);

/// Starts reading the quota of every endpoint of `endpoints` on `scope`.
pub(super) fn spawn<'scope>(
    scope: &'scope Scope<'scope, '_>,
    client: &'scope Client,
    endpoints: &[Endpoint],
) -> Vec<Pending<'scope>> {
    endpoints
        .iter()
        .map(|&endpoint| (endpoint, scope.spawn(move || client.quota_get(&endpoint))))
        .collect()
}

/// Each endpoint with its quota or the error that kept it unknown, in the order started.
pub(super) fn join(pending: Vec<Pending<'_>>) -> Vec<EndpointQuota> {
    pending
        .into_iter()
        .map(|(endpoint, handle)| match handle.join() {
            Ok(result) => (endpoint, result),
            Err(panic) => std::panic::resume_unwind(panic),
        })
        .collect()
}

/// The readings a plan keeps: each quota, or why it is not known in a few words.
pub(super) fn readings(read: Vec<EndpointQuota>) -> Vec<QuotaReading> {
    read.into_iter()
        .map(|(endpoint, result)| QuotaReading {
            endpoint: endpoint.name.to_string(),
            quota: result.map_err(|error| why(&error)),
        })
        .collect()
}

/// The quotas of `endpoints`, read at once after the token, each with the error that kept it
/// unknown (for `doctor`, which explains them).
pub fn read_quotas(
    client: &Client,
    endpoints: &[Endpoint],
) -> Result<Vec<EndpointQuota>, WechatError> {
    client.token_info()?;
    Ok(std::thread::scope(|scope| {
        join(spawn(scope, client, endpoints))
    }))
}

/// Why a quota could not be read, in a few words: WeChat's errcode, or what became of the
/// request. Never WeChat's text, which a plan would carry into its document.
pub fn why(error: &WechatError) -> String {
    match error {
        WechatError::Api(api) => format!("WeChat error {}", api.errcode),
        WechatError::Transport { kind, .. } => kind.to_string(),
        WechatError::InvalidResponse { .. } => "an answer of an unexpected shape".to_string(),
        other => other.to_string(),
    }
}
