//! The [`Client`]: configuration, the authenticated call (token, one refresh-and-retry on a
//! rejected token), typed decoding, secret scrubbing and the warnings a command may print.

use super::api_base::ApiBase;
use super::cache::TokenCache;
use super::credentials::{Credentials, Secret};
use super::endpoint::Endpoint;
use super::errcodes;
use super::pool::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_IN_FLIGHT, DEFAULT_TIMEOUT, HttpPool};
use super::retry::RetryPolicy;
use super::scrub::Scrubber;
use super::settings;
use super::token::{Token, TokenInfo, TokenSource, Tokens};
use super::transport::Transport;
use super::{ApiError, WechatError};
use crate::log;
use crate::mutex::lock;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::Mutex;
use std::time::Duration;

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
    /// How long `account.token_command` may run.
    pub token_command_timeout: Duration,
}

impl ClientConfig {
    /// Defaults: no cache, 3 retries from 500 ms, 10 s to connect, 30 s per request, 30 s for
    /// a token command.
    pub fn new(api_base: impl Into<String>, credentials: Credentials) -> ClientConfig {
        ClientConfig {
            pool: None,
            api_base: api_base.into(),
            credentials,
            cache: None,
            retry: RetryPolicy::default(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            token_command_timeout: settings::DEFAULT_TOKEN_COMMAND_TIMEOUT,
        }
    }

    /// The configuration the commands use: `credentials` (see [`super::credential_env`]) with
    /// the cache dir (`WXFORM_CACHE_DIR`), retry base delay (`WXFORM_RETRY_BASE_MS`), request
    /// timeout (`WXFORM_TIMEOUT_SECS`) and token command timeout
    /// (`WXFORM_TOKEN_COMMAND_TIMEOUT_SECS`) of the environment (see [`settings`]).
    pub fn with_env_settings(
        api_base: impl Into<String>,
        credentials: Credentials,
    ) -> Result<ClientConfig, WechatError> {
        let mut config = ClientConfig::new(api_base, credentials);
        config.cache = TokenCache::from_env();
        config.retry = RetryPolicy::from_env()?;
        if let Some(timeout) = settings::timeout_from_env()? {
            config.timeout = timeout;
        }
        if let Some(timeout) = settings::token_command_timeout_from_env()? {
            config.token_command_timeout = timeout;
        }
        Ok(config)
    }
}

/// A blocking WeChat API client. It is `Sync`: reads run on parallel threads sharing it.
pub struct Client {
    pub(super) transport: Transport,
    tokens: Tokens,
    warnings: Mutex<Vec<String>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.transport.base.as_str())
            .field("credentials", &self.tokens.credentials)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Client, WechatError> {
        let base = ApiBase::parse(&config.api_base)?;
        let secrets = config.credentials.secrets().into_iter().map(Secret::new);
        let scrubber = Scrubber::new(secrets.collect());
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
            transport: Transport {
                pool,
                base,
                retry: config.retry,
                timeout: config.timeout,
                scrubber,
            },
            tokens: Tokens::new(config.credentials, cache, config.token_command_timeout),
            warnings: Mutex::new(warnings),
        })
    }

    pub fn api_base(&self) -> &ApiBase {
        &self.transport.base
    }

    pub fn credentials(&self) -> &Credentials {
        &self.tokens.credentials
    }

    pub fn appid(&self) -> Option<&str> {
        self.tokens.credentials.appid()
    }

    pub fn cache(&self) -> Option<&TokenCache> {
        self.tokens.cache.as_ref()
    }

    /// Warnings gathered so far (e.g. an insecure token cache file), for the command to print.
    pub fn take_warnings(&self) -> Vec<String> {
        let mut warnings = std::mem::take(&mut *lock(&self.warnings));
        warnings.extend(self.tokens.take_warnings());
        warnings
    }

    /// Makes sure a token is available (fetching or loading it) and describes it.
    pub fn token_info(&self) -> Result<TokenInfo, WechatError> {
        self.tokens.info(&self.transport)
    }

    /// Removes every known secret, and any `access_token=…` query value, from `text`.
    pub(super) fn scrub(&self, text: &str) -> String {
        self.transport.scrub(text)
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
            host: self.transport.base.host(),
            detail: format!("cannot encode the request: {err}"),
        })?;
        let value = self.authed(endpoint, &[], Some(&body))?;
        self.decode(endpoint, value)
    }

    /// A POST of `body` as it is (a multipart form: see [`Endpoint::multipart`]) to
    /// `endpoint` with the token and `query`, decoded as `T`.
    pub(crate) fn post_bytes<T: DeserializeOwned>(
        &self,
        endpoint: &Endpoint,
        query: &[(&str, String)],
        body: &[u8],
    ) -> Result<T, WechatError> {
        let value = self.authed(endpoint, query, Some(body))?;
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
                    host: self.transport.base.host(),
                    detail,
                }
            } else {
                WechatError::InvalidResponse {
                    endpoint: endpoint.name,
                    host: self.transport.base.host(),
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
        let transport = &self.transport;
        let token = self.tokens.token(transport)?;
        match transport.execute(endpoint, Some(&token.value), query, body) {
            Err(WechatError::Api(api)) if errcodes::is_token_invalid(api.errcode) => {
                if !self.tokens.can_refresh() {
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
                let fresh = self.tokens.refresh(transport, &token)?;
                if fresh.source == TokenSource::Command && fresh.value == token.value {
                    // WeChat has just refused this very token: sending it again changes nothing.
                    return refused_again(Err(WechatError::Api(api)), &fresh);
                }
                let retried = transport.execute(endpoint, Some(&fresh.value), query, body);
                refused_again(retried, &fresh)
            }
            other => other,
        }
    }
}

/// The retry's outcome, saying what to do when WeChat also refused the token a token command
/// printed, after the command ran once more: the command owns its tokens, so only its service
/// can fix it.
fn refused_again(retried: Result<Value, WechatError>, fresh: &Token) -> Result<Value, WechatError> {
    match retried {
        Err(WechatError::Api(api))
            if errcodes::is_token_invalid(api.errcode) && fresh.source == TokenSource::Command =>
        {
            Err(WechatError::Api(ApiError {
                advice: "WeChat refused the access token account.token_command printed, also after running the command once more: its token service hands out a token that is invalid, expired or another account's; check the service (wxform keeps no token of a command, so the next run asks it again)".to_string(),
                ..api
            }))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_scrubs_its_secrets_and_debug_hides_them() {
        let credentials = Credentials::AppSecret {
            appid: "wx1".into(),
            secret: Secret::new("SECRETVALUE"),
        };
        let client = Client::new(ClientConfig::new("http://127.0.0.1:1", credentials)).unwrap();
        client
            .transport
            .scrubber
            .remember_token(&Secret::new("TOKENVALUE"));
        assert_eq!(client.scrub("a SECRETVALUE b TOKENVALUE"), "a *** b ***");
        let debug = format!("{client:?}");
        assert!(!debug.contains("SECRETVALUE"), "{debug}");
    }
}
