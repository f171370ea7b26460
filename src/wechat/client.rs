//! The [`Client`]: configuration, the authenticated call (token, one refresh-and-retry on a
//! rejected token), typed decoding, secret scrubbing and the warnings a command may print.

use super::api_base::ApiBase;
use super::cache::TokenCache;
use super::credentials::{Credentials, Secret};
use super::endpoint::Endpoint;
use super::errcodes;
use super::pool::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_IN_FLIGHT, DEFAULT_TIMEOUT, HttpPool};
use super::retry::RetryPolicy;
use super::token::Token;
use super::{ApiError, WechatError};
use crate::log;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Environment variable overriding the per-request time limit, in seconds.
pub const ENV_TIMEOUT_SECS: &str = "WXFORM_TIMEOUT_SECS";

/// The longest per-request time limit: a day, like `--lock-timeout`'s. A larger one is taken
/// as a day (an unbounded one would overflow the clock's deadline arithmetic).
pub const MAX_TIMEOUT_SECS: u64 = 24 * 60 * 60;

/// The largest answer body wxform reads. WeChat's largest real answers (a full menu with
/// conditional menus, a template library page) are tens of KiB; anything beyond this is a
/// broken or hostile server, and reading it would only use memory.
pub const MAX_BODY_BYTES: u64 = 2 * 1024 * 1024;

/// Everything needed to build a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// A connection pool shared with other clients (several accounts in one run); its own
    /// timeouts then apply instead of `connect_timeout` and `timeout`. `None`: a pool of its own.
    pub pool: Option<HttpPool>,
    /// `--api-base`, e.g. `https://api.weixin.qq.com`.
    pub api_base: String,
    pub credentials: Credentials,
    /// `None` disables the on-disk token cache.
    pub cache: Option<TokenCache>,
    pub retry: RetryPolicy,
    pub connect_timeout: Duration,
    /// Per request, from sending to the end of the answer body.
    pub timeout: Duration,
}

impl ClientConfig {
    /// Defaults: no cache, 3 retries from 500 ms, 10 s to connect, 30 s per request.
    pub fn new(api_base: impl Into<String>, credentials: Credentials) -> ClientConfig {
        ClientConfig {
            pool: None,
            api_base: api_base.into(),
            credentials,
            cache: None,
            retry: RetryPolicy::default(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The configuration the commands use: `credentials` (see [`super::credential_env`]) with
    /// the cache dir (`WXFORM_CACHE_DIR`), retry base delay (`WXFORM_RETRY_BASE_MS`) and
    /// request timeout (`WXFORM_TIMEOUT_SECS`) of the environment. An empty variable counts as
    /// unset; one that is not a number is an error rather than silently ignored.
    pub fn with_env_settings(
        api_base: impl Into<String>,
        credentials: Credentials,
    ) -> Result<ClientConfig, WechatError> {
        let mut config = ClientConfig::new(api_base, credentials);
        config.cache = TokenCache::from_env();
        config.retry = RetryPolicy::from_env()?;
        let what = "a whole number of seconds above 0";
        match env_number(ENV_TIMEOUT_SECS, what)? {
            Some(0) => {
                return Err(WechatError::Config(format!(
                    "{ENV_TIMEOUT_SECS} must be {what}"
                )));
            }
            Some(secs) => config.timeout = Duration::from_secs(secs.min(MAX_TIMEOUT_SECS)),
            None => {}
        }
        Ok(config)
    }
}

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

/// A blocking WeChat API client. It is `Sync`: reads run on parallel threads sharing it.
pub struct Client {
    pub(super) pool: HttpPool,
    pub(super) base: ApiBase,
    pub(super) credentials: Credentials,
    pub(super) cache: Option<TokenCache>,
    pub(super) retry: RetryPolicy,
    /// Per request, from sending to the last byte of the answer.
    pub(super) timeout: Duration,
    pub(super) token: Mutex<Option<Token>>,
    /// Every token seen in this run, so that none can slip into an error message.
    seen_tokens: Mutex<Vec<Secret>>,
    warnings: Mutex<Vec<String>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Client, WechatError> {
        let base = ApiBase::parse(&config.api_base)?;
        for secret in config.credentials.secrets() {
            crate::redact::register(secret);
        }
        let direct = base.is_plain_http();
        let pool = match config.pool {
            // A shared pool that may go through a proxy never carries a plain-http base's
            // credentials.
            Some(pool) if pool.is_direct() || !direct => pool,
            _ => HttpPool::new(
                config.connect_timeout,
                config.timeout,
                DEFAULT_MAX_IN_FLIGHT,
                direct,
            )?,
        };
        let mut warnings = Vec::new();
        let cache = config.cache.and_then(|cache| match cache.distrust() {
            None => Some(cache.for_host(&base.host())),
            Some(why) => {
                warnings.push(format!(
                    "not using the token cache directory {}: {why}; running without a token cache",
                    cache.dir().display()
                ));
                None
            }
        });
        Ok(Client {
            pool,
            base,
            credentials: config.credentials,
            cache,
            retry: config.retry,
            timeout: config.timeout,
            token: Mutex::new(None),
            seen_tokens: Mutex::new(Vec::new()),
            warnings: Mutex::new(warnings),
        })
    }

    pub fn api_base(&self) -> &ApiBase {
        &self.base
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    pub fn appid(&self) -> Option<&str> {
        self.credentials.appid()
    }

    pub fn cache(&self) -> Option<&TokenCache> {
        self.cache.as_ref()
    }

    /// Warnings gathered so far (e.g. an insecure token cache file), for the command to print.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.warnings))
    }

    pub(super) fn warn(&self, text: String) {
        lock(&self.warnings).push(self.scrub(&text));
    }

    pub(super) fn remember_token(&self, token: &Secret) {
        crate::redact::register(token.expose());
        lock(&self.seen_tokens).push(token.clone());
    }

    /// Removes every known secret, and any `access_token=…` query value, from `text`.
    pub(super) fn scrub(&self, text: &str) -> String {
        let mut text = scrub_query_token(text);
        let tokens = lock(&self.seen_tokens).clone();
        let secrets = self.credentials.secrets();
        for secret in secrets.into_iter().chain(tokens.iter().map(Secret::expose)) {
            if !secret.is_empty() {
                text = text.replace(secret, "***");
            }
        }
        crate::redact::scrub(&text).into_owned()
    }

    /// A GET to `endpoint` with the token, decoded as `T`.
    pub(crate) fn get<T: DeserializeOwned>(
        &self,
        endpoint: &Endpoint,
        query: &[(&str, String)],
    ) -> Result<T, WechatError> {
        let value = self.authed(endpoint, query, None)?;
        self.decode(endpoint, value)
    }

    /// A POST of `body` as JSON to `endpoint` with the token, decoded as `T`.
    pub(crate) fn post<T: DeserializeOwned, B: Serialize>(
        &self,
        endpoint: &Endpoint,
        body: &B,
    ) -> Result<T, WechatError> {
        let body = serde_json::to_vec(body).map_err(|err| WechatError::InvalidResponse {
            endpoint: endpoint.name,
            host: self.base.host(),
            detail: format!("cannot encode the request: {err}"),
        })?;
        let value = self.authed(endpoint, &[], Some(&body))?;
        self.decode(endpoint, value)
    }

    /// The answer as `T`. Every WeChat answer is a JSON object: anything else (`[]`, `null`) is
    /// refused, where serde would read `[]` as a struct of defaults, an empty listing.
    pub(super) fn decode<T: DeserializeOwned>(
        &self,
        endpoint: &Endpoint,
        value: Value,
    ) -> Result<T, WechatError> {
        let decoded = if value.is_object() {
            serde_json::from_value(value).map_err(|err| err.to_string())
        } else {
            Err(format!("it is not a JSON object: {value}"))
        };
        decoded.map_err(|err| {
            // serde quotes the value it did not expect, which may be most of the answer: scrubbed
            // whole, then cut (a cut secret would no longer be recognised).
            let detail = super::error::quoted(
                &self.scrub(&format!("the answer has an unexpected shape: {err}")),
            );
            if endpoint.write {
                WechatError::OutcomeUnknown {
                    endpoint: endpoint.name,
                    host: self.base.host(),
                    detail,
                }
            } else {
                WechatError::InvalidResponse {
                    endpoint: endpoint.name,
                    host: self.base.host(),
                    detail,
                }
            }
        })
    }

    /// Sends with the current token; on 40001/40014/42001 gets a fresh token and retries once.
    fn authed(
        &self,
        endpoint: &Endpoint,
        query: &[(&str, String)],
        body: Option<&[u8]>,
    ) -> Result<Value, WechatError> {
        let token = self.token()?;
        match self.execute(endpoint, Some(&token.value), query, body) {
            Err(WechatError::Api(api)) if errcodes::is_token_invalid(api.errcode) => {
                if let Credentials::AccessToken { .. } = self.credentials {
                    log::debug(|| {
                        format!(
                            "{}: token rejected (errcode {}): a WECHAT_ACCESS_TOKEN cannot be refreshed; not retried",
                            endpoint.name, api.errcode
                        )
                    });
                    return Err(WechatError::Api(ApiError {
                        advice: "WeChat rejected WECHAT_ACCESS_TOKEN: the token from your \
                                 token service is invalid or expired; fetch a fresh one from it \
                                 (wxform cannot refresh a token it was given)"
                            .to_string(),
                        ..api
                    }));
                }
                log::debug(|| {
                    format!(
                        "{}: token rejected (errcode {}): getting a fresh token, then retrying once",
                        endpoint.name, api.errcode
                    )
                });
                let fresh = self.refresh(&token)?;
                self.execute(endpoint, Some(&fresh.value), query, body)
            }
            other => other,
        }
    }
}

/// Replaces the value of any `access_token=` in `text` with `***`.
fn scrub_query_token(text: &str) -> String {
    const KEY: &str = "access_token=";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        out.push_str(&rest[..at + KEY.len()]);
        out.push_str("***");
        let tail = &rest[at + KEY.len()..];
        let end = tail.find(['&', ' ', ')', '"', '\'']).unwrap_or(tail.len());
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_tokens_are_scrubbed() {
        assert_eq!(
            scrub_query_token("GET http://h/x?access_token=ABC&ids=1 failed"),
            "GET http://h/x?access_token=***&ids=1 failed"
        );
        assert_eq!(
            scrub_query_token("url (http://h/?access_token=ABC)"),
            "url (http://h/?access_token=***)"
        );
        assert_eq!(scrub_query_token("nothing here"), "nothing here");
    }

    #[test]
    fn client_scrubs_its_secrets_and_debug_hides_them() {
        let credentials = Credentials::AppSecret {
            appid: "wx1".into(),
            secret: Secret::new("SECRETVALUE"),
        };
        let client = Client::new(ClientConfig::new("http://127.0.0.1:1", credentials)).unwrap();
        client.remember_token(&Secret::new("TOKENVALUE"));
        assert_eq!(client.scrub("a SECRETVALUE b TOKENVALUE"), "a *** b ***");
        let debug = format!("{client:?}");
        assert!(!debug.contains("SECRETVALUE"), "{debug}");
    }
}
