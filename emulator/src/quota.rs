//! Daily quotas. Every business call that passes the token and permission checks counts
//! against its endpoint's limit for the day — a day of Beijing time on the virtual clock, as
//! WeChat resets at its midnight — and once the limit is reached calls are refused with 45009
//! without being made. `openapi/quota/get` says where an endpoint stands.

use serde_json::Value;
use std::collections::BTreeMap;

use super::options::QuotaAnswer;
use super::wire::{Answer, ApiError, finish, json, object};
use super::world::{Request, World, json_body, serves};

/// Beijing time is UTC+8.
const BEIJING_OFFSET_SECS: u64 = 8 * 3600;

/// The daily limit of an endpoint WeChat documents none for (an assumption).
pub const DEFAULT_DAILY_LIMIT: u64 = 10_000;

/// The documented daily limits of a verified account, per path.
pub fn documented_limits() -> BTreeMap<String, u64> {
    [
        ("/cgi-bin/menu/create", 1000),
        ("/cgi-bin/menu/get", 10_000),
        ("/cgi-bin/menu/delete", 1000),
        ("/cgi-bin/menu/addconditional", 2000),
        ("/cgi-bin/menu/delconditional", 2000),
        ("/cgi-bin/menu/trymatch", 20_000),
    ]
    .into_iter()
    .map(|(path, limit)| (path.to_string(), limit))
    .collect()
}

/// The documented daily limits of a test account (测试号), lower where they differ.
pub fn test_account_limits() -> BTreeMap<String, u64> {
    let mut limits = documented_limits();
    limits.insert("/cgi-bin/menu/create".into(), 100);
    limits.insert("/cgi-bin/menu/get".into(), 1000);
    limits.insert("/cgi-bin/menu/delete".into(), 100);
    limits
}

/// The calls made today, per path.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// The Beijing-time day (days since 1970-01-01) the counts are of.
    day: u64,
    used: BTreeMap<String, u64>,
}

impl Usage {
    /// Today's counts at `now_secs`: a new day starts with none.
    fn today(&mut self, now_secs: u64) -> &mut BTreeMap<String, u64> {
        let day = (now_secs + BEIJING_OFFSET_SECS) / 86_400;
        if day != self.day {
            self.day = day;
            self.used.clear();
        }
        &mut self.used
    }

    /// Calls made to `path` today.
    pub fn used(&mut self, path: &str, now_secs: u64) -> u64 {
        self.today(now_secs).get(path).copied().unwrap_or(0)
    }

    /// Counts `calls` more calls to `path` today (a test's "someone else used the quota").
    pub fn spend(&mut self, path: &str, calls: u64, now_secs: u64) {
        *self.today(now_secs).entry(path.to_string()).or_insert(0) += calls;
    }
}

/// Counts one call to `path`: 45009 when its limit is reached (the refused call counts too,
/// unless `refused_calls_count` is off).
pub fn count(world: &mut World, path: &str) -> Result<(), ApiError> {
    let limit = world.options.daily_limit(path);
    let now = world.now_secs();
    let used = world.quota.used(path, now);
    let refused = limit > 0 && used >= limit;
    if !refused || world.options.refused_calls_count {
        world.quota.spend(path, 1, now);
    }
    if refused { Err(45009.into()) } else { Ok(()) }
}

/// `POST /cgi-bin/openapi/quota/get` `{"cgi_path":"/cgi-bin/menu/create"}`: the path's quota
/// today. 76021 for a path the platform does not serve; 76003 for one without its leading `/`
/// (the documentation's code for a malformed path); an endpoint without a limit answers zeros.
pub fn get(world: &mut World, request: &Request) -> Answer {
    let body = json_body(request)?;
    let Some(path) = body.get("cgi_path").and_then(Value::as_str) else {
        return Err(47001.into());
    };
    if !path.starts_with('/') {
        return Err(76003.into());
    }
    let wxaapi_unknown = path.starts_with("/wxaapi/") && !world.options.quota_knows_wxaapi;
    if !serves(path) || wxaapi_unknown {
        return Err(76021.into());
    }
    let limit = world.options.daily_limit(path);
    let used = world.quota.used(path, world.now_secs());
    let (daily_limit, used, remain) = if limit == 0 {
        (0, 0, 0)
    } else {
        (limit, used, limit.saturating_sub(used))
    };
    let quota = object(vec![
        ("daily_limit", json(&daily_limit)),
        ("used", json(&used)),
        ("remain", json(&remain)),
    ]);
    let mut fields = vec![
        ("errcode", "0".to_string()),
        ("errmsg", json("ok")),
        ("quota", quota),
    ];
    if world.options.quota_answer == QuotaAnswer::WithRateLimits {
        let rate = r#"{"call_count":100,"refresh_second":60}"#.to_string();
        fields.push(("rate_limit", rate.clone()));
        fields.push(("component_rate_limit", rate));
    }
    Ok(finish(object(fields)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_ends_at_midnight_beijing_time() {
        let mut usage = Usage::default();
        // 2026-11-28T15:59:59Z is 23:59:59 in Beijing.
        let before = 1_795_881_599;
        usage.spend("/cgi-bin/menu/create", 3, before);
        assert_eq!(usage.used("/cgi-bin/menu/create", before), 3);
        assert_eq!(usage.used("/cgi-bin/menu/create", before + 1), 0);
    }
}
