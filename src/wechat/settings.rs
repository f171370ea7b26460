//! The client's settings from the environment: the request time limit (`WXFORM_TIMEOUT_SECS`)
//! and the token command's (`WXFORM_TOKEN_COMMAND_TIMEOUT_SECS`) here, the retry delay in
//! [`super::retry`]. An empty variable counts as unset; one that is not a number is an error
//! rather than silently ignored.

use super::WechatError;

/// Environment variable overriding the per-request time limit, in seconds.
pub const ENV_TIMEOUT_SECS: &str = "WXFORM_TIMEOUT_SECS";

/// The longest per-request time limit: a day, like `--lock-timeout`'s. A larger one is taken
/// as a day (an unbounded one would overflow the clock's deadline arithmetic).
pub const MAX_TIMEOUT_SECS: u64 = 24 * 60 * 60;

/// The whole number in the environment variable `name`: `None` when unset or empty, an error
/// saying what it must be (`what`) when it is something else. The value itself is not quoted.
pub(super) fn env_number(name: &str, what: &str) -> Result<Option<u64>, WechatError> {
    let Some(value) = std::env::var_os(name) else {
        return Ok(None);
    };
    let value = value.to_str().map(str::trim).unwrap_or("?");
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse::<u64>()
        .map(Some)
        .map_err(|_| WechatError::Config(format!("{name} must be {what}")))
}

/// The request time limit `WXFORM_TIMEOUT_SECS` sets, capped at a day; `None` when unset.
pub(super) fn timeout_from_env() -> Result<Option<std::time::Duration>, WechatError> {
    seconds_from_env(ENV_TIMEOUT_SECS)
}

/// Environment variable overriding how long `account.token_command` may run, in seconds.
pub const ENV_TOKEN_COMMAND_TIMEOUT_SECS: &str = "WXFORM_TOKEN_COMMAND_TIMEOUT_SECS";

/// How long `account.token_command` may run unless [`ENV_TOKEN_COMMAND_TIMEOUT_SECS`] says
/// otherwise: a token service answers in a second or two; a hung one is not waited on forever.
pub const DEFAULT_TOKEN_COMMAND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The token command's time limit `WXFORM_TOKEN_COMMAND_TIMEOUT_SECS` sets, capped at a day;
/// `None` when unset.
pub(super) fn token_command_timeout_from_env() -> Result<Option<std::time::Duration>, WechatError> {
    seconds_from_env(ENV_TOKEN_COMMAND_TIMEOUT_SECS)
}

/// The time limit in seconds the variable `name` sets, above 0 and capped at a day.
fn seconds_from_env(name: &str) -> Result<Option<std::time::Duration>, WechatError> {
    let what = "a whole number of seconds above 0";
    match env_number(name, what)? {
        Some(0) => Err(WechatError::Config(format!("{name} must be {what}"))),
        Some(secs) => Ok(Some(std::time::Duration::from_secs(
            secs.min(MAX_TIMEOUT_SECS),
        ))),
        None => Ok(None),
    }
}
