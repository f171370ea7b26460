//! Bounded retries with exponential backoff and jitter, for `-1`, `45011` and transport
//! failures of reads (and of writes that certainly were not sent).

use super::error::WechatError;
use std::time::Duration;

/// Environment variable overriding the base delay in milliseconds (tests set it to 1).
pub const ENV_RETRY_BASE_MS: &str = "WXFORM_RETRY_BASE_MS";

/// The longest first retry delay `WXFORM_RETRY_BASE_MS` can set: a minute (three retries then
/// wait at most seven minutes in all).
const MAX_BASE_DELAY_MS: u64 = 60_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Delay before the first retry; doubled for each further retry, ± jitter.
    pub base_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
        }
    }
}

impl RetryPolicy {
    /// The default policy, with the base delay from `WXFORM_RETRY_BASE_MS` when set (an
    /// empty value counts as unset; more than a minute counts as a minute).
    pub fn from_env() -> Result<RetryPolicy, WechatError> {
        let mut policy = RetryPolicy::default();
        let what = "a whole number of milliseconds";
        if let Some(ms) = super::settings::env_number(ENV_RETRY_BASE_MS, what)? {
            policy.base_delay = Duration::from_millis(ms.min(MAX_BASE_DELAY_MS));
        }
        Ok(policy)
    }

    /// How long to wait before retry number `retry` (0-based): `base · 2^retry`, of which the
    /// upper half is random so that parallel runs do not retry in lockstep.
    pub fn delay(&self, retry: u32) -> Duration {
        let full = self.base_delay.saturating_mul(1 << retry.min(16));
        let half = full / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_exponentially_within_jitter_bounds() {
        let policy = RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(100),
        };
        for retry in 0..4 {
            let full = Duration::from_millis(100 << retry);
            for _ in 0..20 {
                let delay = policy.delay(retry);
                assert!(
                    delay >= full / 2 && delay <= full,
                    "{delay:?} for retry {retry}"
                );
            }
        }
    }

    #[test]
    fn zero_base_means_no_wait() {
        let policy = RetryPolicy {
            max_retries: 3,
            base_delay: Duration::ZERO,
        };
        assert_eq!(policy.delay(2), Duration::ZERO);
    }
}
