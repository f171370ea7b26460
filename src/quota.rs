//! WeChat's daily call quotas as one run of wxform knows them: what `openapi/quota/get` said of
//! each endpoint it asked about, or why it could not say, and when WeChat resets them.
//!
//! WeChat counts every call of an account per endpoint and day, whoever makes it, and refuses
//! calls beyond the daily limit with 45009 until the next midnight, Beijing time. The numbers
//! move all day, so they are never part of a snapshot, a fingerprint or what makes a saved plan
//! stale: `plan` reads them with the account, in the same round trip, and measures its calls
//! against them (`plan::quota`); `doctor` lists them.

use serde::{Deserialize, Serialize};

/// When WeChat resets every daily quota, in words a reader anywhere can place.
pub const RESET_TIME: &str = "midnight Beijing time (16:00 UTC)";

/// One endpoint's quota today, as `openapi/quota/get` states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    /// Calls the account may make a day; 0 when WeChat states no daily limit (its documented
    /// example answers zeros).
    pub daily_limit: u64,
    /// Calls made today. It may pass `daily_limit`: a refused call counts too (a recorded
    /// answer says `"used":1001` of 1000).
    pub used: u64,
    /// Calls left today: the number a plan is measured against.
    pub remain: u64,
}

impl Quota {
    /// Whether WeChat states a daily limit for the endpoint.
    pub fn is_limited(&self) -> bool {
        self.daily_limit > 0
    }

    /// Whether `calls` more calls fit in what is left today.
    pub fn allows(&self, calls: u64) -> bool {
        !self.is_limited() || calls <= self.remain
    }

    /// `998 of 1000 left today`, or that there is no daily limit.
    pub fn left(&self) -> String {
        if self.is_limited() {
            format!("{} of {} left today", self.remain, self.daily_limit)
        } else {
            "no daily limit stated".to_string()
        }
    }
}

/// What one run learnt of one endpoint's quota.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaReading {
    /// The endpoint's name in messages: `menu/create`.
    pub endpoint: String,
    /// Its quota, or why it could not be read, in a few words (`WeChat error 48001`).
    pub quota: Result<Quota, String>,
}

/// The quotas known beside a live state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveQuotas {
    /// The live state is a snapshot (`plan --live`), which holds no quotas.
    Snapshot,
    /// Read from the account with the live state: one reading per endpoint asked about.
    Read(Vec<QuotaReading>),
}

impl LiveQuotas {
    /// The reading of `endpoint`, when it was asked about.
    pub fn reading(&self, endpoint: &str) -> Option<&QuotaReading> {
        match self {
            LiveQuotas::Snapshot => None,
            LiveQuotas::Read(readings) => readings.iter().find(|r| r.endpoint == endpoint),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quota(daily_limit: u64, used: u64, remain: u64) -> Quota {
        Quota {
            daily_limit,
            used,
            remain,
        }
    }

    #[test]
    fn what_is_left_is_remain_not_the_limit_less_the_used() {
        // A recorded answer: refused calls pushed `used` past the limit.
        let spent = quota(1000, 1001, 0);
        assert!(!spent.allows(1));
        assert!(spent.allows(0));
        assert_eq!(spent.left(), "0 of 1000 left today");
        let some = quota(1000, 997, 3);
        assert!(some.allows(3) && !some.allows(4));
    }

    #[test]
    fn an_answer_of_zeros_states_no_limit() {
        let zeros = quota(0, 0, 0);
        assert!(!zeros.is_limited());
        assert!(zeros.allows(1_000_000));
        assert_eq!(zeros.left(), "no daily limit stated");
    }

    #[test]
    fn a_snapshot_has_no_readings() {
        let read = LiveQuotas::Read(vec![QuotaReading {
            endpoint: "menu/create".into(),
            quota: Ok(quota(1000, 0, 1000)),
        }]);
        assert!(read.reading("menu/create").is_some());
        assert!(read.reading("tags/create").is_none());
        assert!(LiveQuotas::Snapshot.reading("menu/create").is_none());
    }
}
