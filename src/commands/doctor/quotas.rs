//! doctor's last WeChat check: the daily quota of every endpoint wxform calls, a line each.

use super::super::account::print_warnings;
use super::{Report, probe_failure};
use crate::model::Section;
use crate::quota::{Quota, RESET_TIME};
use crate::render::doctor::{QuotaEntry, Status};
use crate::wechat::endpoint::{self, Endpoint};
use crate::wechat::quotas::{EndpointQuota, read_quotas};
use crate::wechat::{Client, WechatError};
use crate::words::plural;
use anyhow::Result;
use std::collections::BTreeSet;

/// The check's name.
pub(super) const QUOTAS: &str = "daily quotas";

/// The daily quota of every endpoint wxform calls but the token's, a line each: a warning when
/// one the configuration writes with is spent or cannot be read, never a failure (plans check
/// what they can read and go on without the rest).
pub(super) fn report_quotas(
    report: &mut Report,
    client: &Client,
    required: &BTreeSet<Section>,
) -> Result<()> {
    let others: Vec<Endpoint> = endpoint::ALL
        .iter()
        .copied()
        .filter(|e| ![endpoint::STABLE_TOKEN, endpoint::QUOTA_GET].contains(e))
        .collect();
    // quota/get's own quota last, so that it counts every call this check made.
    let read = read_quotas(client, &others).and_then(|mut read| {
        read.extend(read_quotas(client, &[endpoint::QUOTA_GET])?);
        Ok(read)
    });
    print_warnings(client);
    let read = match read {
        Ok(read) => read,
        Err(err) => return report.line(Status::Warn, QUOTAS, &err.to_string()),
    };
    report.quotas = Some(read.iter().map(quota_entry).collect());
    let mut advised = BTreeSet::new();
    if let Some(err) = one_failure_for_all(&read) {
        let detail = format!(
            "not known for any endpoint: {}",
            probe_failure(err, &mut advised)
        );
        return report.line(Status::Warn, QUOTAS, &detail);
    }
    let writes = endpoint::writes_for(required);
    let mut lines = Vec::new();
    let mut short = Vec::new();
    for (endpoint, result) in &read {
        let (line, spent_or_unknown) = quota_line(endpoint, result, &mut advised);
        if spent_or_unknown && writes.contains(endpoint) {
            short.push(endpoint.name);
        }
        lines.push(line);
    }
    let (status, detail) = if short.is_empty() {
        let count = plural(read.len(), "endpoint");
        (
            Status::Ok,
            format!("{count}; WeChat resets them at {RESET_TIME}"),
        )
    } else {
        let detail = format!(
            "spent or not known for {}, which the configuration writes with; WeChat resets the quotas at {RESET_TIME}",
            short.join(", ")
        );
        (Status::Warn, detail)
    };
    report.lines(status, QUOTAS, &[vec![detail], lines].concat())
}

/// The error every quota read failed with, when all failed with the same errcode (a refused IP,
/// a token without the permission): said once rather than on twenty lines alike.
fn one_failure_for_all(read: &[EndpointQuota]) -> Option<&WechatError> {
    let mut errors = read.iter().map(|(_, result)| result.as_ref().err());
    let first = errors.next()??;
    let errcode = first.errcode()?;
    errors
        .all(|error| error.is_some_and(|error| error.errcode() == Some(errcode)))
        .then_some(first)
}

/// An endpoint's line under the quota check, and whether its quota is spent or not known. An
/// error's advice is given once (a missing permission fails every endpoint alike).
fn quota_line(
    endpoint: &Endpoint,
    result: &Result<Quota, WechatError>,
    advised: &mut BTreeSet<String>,
) -> (String, bool) {
    let (text, short) = match result {
        Ok(quota) => (
            format!("{} used, {}", quota.used, quota.left()),
            !quota.allows(1),
        ),
        Err(err) => (format!("not known: {}", probe_failure(err, advised)), true),
    };
    (format!("{:<33} {text}", endpoint.name), short)
}

/// One endpoint's quota as the JSON document lists it.
fn quota_entry((endpoint, result): &EndpointQuota) -> QuotaEntry {
    QuotaEntry {
        endpoint: endpoint.name.to_string(),
        cgi_path: endpoint.cgi_path(),
        quota: result.as_ref().ok().copied(),
        error: result.as_ref().err().map(ToString::to_string),
    }
}
