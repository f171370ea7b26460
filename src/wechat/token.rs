//! Access tokens: where the current one comes from and how a fresh one is obtained.
//!
//! With `WECHAT_ACCESS_TOKEN` the given token is used as is and no token endpoint is ever
//! called. With `account.token_command` the token is what the program prints
//! ([`super::token_command`]): no token endpoint is called either, and a rejected token makes
//! the program run once more (once in a run). Its token is kept for the run, never written to
//! the cache: the program (a token service, a third-party platform) owns it, caches it and
//! knows its lifetime, which wxform cannot tell; a second copy on disk would only outlive a
//! revocation.
//!
//! Otherwise the token comes from the on-disk cache while it has more than 5 minutes left,
//! else from `POST /cgi-bin/stable_token` in normal mode — never `/cgi-bin/token`, which would
//! invalidate the token the account's production servers hold. Fetching happens under the
//! cache lock, so parallel runs refresh once.
//!
//! [`Tokens`] keeps one client's current token; it reaches WeChat through the client's
//! [`Transport`] and knows nothing else of the client.

use super::WechatError;
use super::cache::{self, CachedToken, Lookup, TokenCache};
use super::credentials::{Credentials, Secret};
use super::endpoint::STABLE_TOKEN;
use super::token_command;
use super::transport::Transport;
use super::wire::token::{StableTokenRequest, TokenResponse};
use crate::log;
use crate::model::TokenCommand;
use crate::mutex::lock;
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

/// Where the token in use came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// Fetched from `POST /cgi-bin/stable_token` during this run.
    StableToken,
    /// Reused from the on-disk cache.
    Cache,
    /// Given in `WECHAT_ACCESS_TOKEN`.
    Environment,
    /// Printed by `account.token_command` during this run.
    Command,
}

impl fmt::Display for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenSource::StableToken => "stable_token",
            TokenSource::Cache => "cache",
            TokenSource::Environment => "WECHAT_ACCESS_TOKEN",
            TokenSource::Command => "account.token_command",
        })
    }
}

/// What may be said about the token in use: never its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenInfo {
    pub source: TokenSource,
    /// Remaining lifetime; unknown for `WECHAT_ACCESS_TOKEN` and a command's token.
    pub remaining: Option<Duration>,
}

#[derive(Clone)]
pub(super) struct Token {
    pub(super) value: Secret,
    pub(super) source: TokenSource,
    /// Unix seconds; `None` when unknown.
    pub(super) expires_at: Option<u64>,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("value", &self.value)
            .field("source", &self.source)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl Token {
    fn fresh_enough(&self, now: u64) -> bool {
        self.expires_at
            .is_none_or(|at| now.saturating_add(cache::EXPIRY_MARGIN_SECS) < at)
    }

    fn from_cached(cached: CachedToken, source: TokenSource) -> Token {
        Token {
            expires_at: Some(cached.expires_at()),
            value: cached.access_token,
            source,
        }
    }
}

/// One client's tokens: its credentials, its cache, the token in use, and the warnings getting
/// one gave (an unsafe cache file, say).
pub(super) struct Tokens {
    pub(super) credentials: Credentials,
    pub(super) cache: Option<TokenCache>,
    /// How long `account.token_command` may run.
    command_timeout: Duration,
    current: Mutex<Option<Token>>,
    /// The rejected token the current one replaced, so that calls which saw the same token
    /// rejected take the replacement, even when it is that same token again (a token service
    /// that hands it out once more), instead of each asking again.
    replaced: Mutex<Option<Secret>>,
    /// The last failure of `account.token_command`, with the rejected token it was to replace
    /// (`None`: the first token): calls that need the same token get the same answer instead
    /// of each running the command again.
    command_failure: Mutex<Option<(Option<Secret>, String)>>,
    warnings: Mutex<Vec<String>>,
}

impl Tokens {
    pub(super) fn new(
        credentials: Credentials,
        cache: Option<TokenCache>,
        command_timeout: Duration,
    ) -> Tokens {
        Tokens {
            credentials,
            cache,
            command_timeout,
            current: Mutex::new(None),
            replaced: Mutex::new(None),
            command_failure: Mutex::new(None),
            warnings: Mutex::new(Vec::new()),
        }
    }

    /// The warnings gathered so far.
    pub(super) fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.warnings))
    }

    /// Whether a rejected token can be replaced: not one given ready-made.
    pub(super) fn can_refresh(&self) -> bool {
        !matches!(self.credentials, Credentials::AccessToken { .. })
    }

    /// Makes sure a token is available (fetching or loading it) and describes it.
    pub(super) fn info(&self, transport: &Transport) -> Result<TokenInfo, WechatError> {
        let token = self.token(transport)?;
        let now = cache::now_secs();
        Ok(TokenInfo {
            source: token.source,
            remaining: token
                .expires_at
                .map(|at| Duration::from_secs(at.saturating_sub(now))),
        })
    }

    /// The token to use now.
    pub(super) fn token(&self, transport: &Transport) -> Result<Token, WechatError> {
        let mut current = lock(&self.current);
        if let Some(token) = current
            .as_ref()
            .filter(|t| t.fresh_enough(cache::now_secs()))
        {
            return Ok(token.clone());
        }
        let token = self.obtain(transport, None)?;
        *current = Some(token.clone());
        Ok(token)
    }

    /// A replacement for `rejected`, which WeChat refused. If another thread already replaced
    /// it, that replacement is returned (the same token, if that is what came back). A token
    /// command runs once more in a run, not once per refused token: after that, the current
    /// token is returned, which may be `rejected` itself.
    pub(super) fn refresh(
        &self,
        transport: &Transport,
        rejected: &Token,
    ) -> Result<Token, WechatError> {
        let mut current = lock(&self.current);
        let mut replaced = lock(&self.replaced);
        let already = replaced.as_ref() == Some(&rejected.value);
        let command_rerun =
            matches!(self.credentials, Credentials::Command(_)) && replaced.is_some();
        if let Some(token) = current
            .as_ref()
            .filter(|t| t.value != rejected.value || already || command_rerun)
        {
            return Ok(token.clone());
        }
        let token = self.obtain(transport, Some(&rejected.value))?;
        *current = Some(token.clone());
        *replaced = Some(rejected.value.clone());
        Ok(token)
    }

    fn obtain(
        &self,
        transport: &Transport,
        rejected: Option<&Secret>,
    ) -> Result<Token, WechatError> {
        let (appid, secret) = match &self.credentials {
            Credentials::AccessToken { token, .. } => {
                log::debug(|| "token: given in WECHAT_ACCESS_TOKEN".into());
                return Ok(Token {
                    value: token.clone(),
                    source: TokenSource::Environment,
                    expires_at: None,
                });
            }
            Credentials::Command(command) => return self.run_command(transport, command, rejected),
            Credentials::AppSecret { appid, secret } => (appid.as_str(), secret),
        };
        match &self.cache {
            Some(cache) => self.obtain_cached(transport, cache, appid, secret, rejected),
            None => {
                log::debug(|| "token: no cache; fetching one with stable_token".into());
                Ok(Token::from_cached(
                    self.fetch_stable(transport, appid, secret)?,
                    TokenSource::StableToken,
                ))
            }
        }
    }

    /// A token for `appid` from `cache` when it holds a usable one other than `rejected`, else
    /// from `stable_token`, then written to the cache.
    fn obtain_cached(
        &self,
        transport: &Transport,
        cache: &TokenCache,
        appid: &str,
        secret: &Secret,
        rejected: Option<&Secret>,
    ) -> Result<Token, WechatError> {
        // Held until the fresh token is written, so a parallel run waits and then reuses it.
        let _lock =
            cache
                .lock(appid)
                .map_err(|err| {
                    self.warn(transport, format!(
                    "could not lock the token cache in {}: {err}; continuing without the lock",
                    cache.dir().display()
                ))
                })
                .ok();
        if let Some(token) = self.reuse_cached(transport, cache, appid, rejected) {
            return Ok(token);
        }
        let path = cache.path(appid);
        if rejected.is_some() {
            let _ = cache.remove(appid);
        }
        log::debug(|| {
            match rejected {
            Some(_) => "token: the rejected token is dropped from the cache; fetching one with stable_token".into(),
            None => "token: none usable in the cache; fetching one with stable_token".into(),
        }
        });
        let fresh = self.fetch_stable(transport, appid, secret)?;
        if let Err(err) = cache.store(appid, &fresh) {
            self.warn(
                transport,
                format!("could not write the token cache {}: {err}", path.display()),
            );
        }
        Ok(Token::from_cached(fresh, TokenSource::StableToken))
    }

    /// The token `command` prints, to replace `rejected` (or the first one). A failure is
    /// remembered: every call waiting for the same token gets it without another run.
    fn run_command(
        &self,
        transport: &Transport,
        command: &TokenCommand,
        rejected: Option<&Secret>,
    ) -> Result<Token, WechatError> {
        let mut failure = lock(&self.command_failure);
        if let Some((_, message)) = failure
            .as_ref()
            .filter(|(after, _)| after.as_ref() == rejected)
        {
            return Err(WechatError::TokenCommand(message.clone()));
        }
        match token_command::run(command, self.command_timeout) {
            Ok(value) => {
                transport.scrubber.remember_token(&value);
                Ok(Token {
                    value,
                    source: TokenSource::Command,
                    expires_at: None,
                })
            }
            Err(message) => {
                let message = transport.scrub(&message);
                *failure = Some((rejected.cloned(), message.clone()));
                Err(WechatError::TokenCommand(message))
            }
        }
    }

    /// The cached token when it is still usable and not the one WeChat just rejected; a cache
    /// file that is unsafe or unreadable is reported and passed over.
    fn reuse_cached(
        &self,
        transport: &Transport,
        cache: &TokenCache,
        appid: &str,
        rejected: Option<&Secret>,
    ) -> Option<Token> {
        let path = cache.path(appid);
        match cache.load(appid) {
            Lookup::Found(cached) => {
                let rejected_here = rejected.is_some_and(|r| *r == cached.access_token);
                if !rejected_here && cached.usable(cache::now_secs()) {
                    log::debug(|| "token: reused from the cache".into());
                    transport.scrubber.remember_token(&cached.access_token);
                    return Some(Token::from_cached(cached, TokenSource::Cache));
                }
            }
            Lookup::Missing => {}
            Lookup::Insecure(mode) => {
                let _ = cache.remove(appid);
                self.warn(transport, format!(
                    "ignored the token cache file {} because other users can read it (mode {mode:o}); \
                     it was replaced by a private one (mode 600)",
                    path.display()
                ));
            }
            Lookup::Unreadable(why) => self.warn(
                transport,
                format!(
                    "ignored the unreadable token cache file {}: {why}",
                    path.display()
                ),
            ),
        }
        None
    }

    /// `POST /cgi-bin/stable_token` in normal mode (`force_refresh: false`).
    fn fetch_stable(
        &self,
        transport: &Transport,
        appid: &str,
        secret: &Secret,
    ) -> Result<CachedToken, WechatError> {
        let request = StableTokenRequest {
            grant_type: "client_credential",
            appid,
            secret: secret.expose(),
            force_refresh: false,
        };
        let body = serde_json::to_vec(&request).expect("a token request always encodes");
        let obtained_at = cache::now_secs();
        let value = transport.execute(&STABLE_TOKEN, None, &[], Some(&body))?;
        // No serde detail here: it could quote the token.
        let response: TokenResponse = serde_json::from_value(value)
            .ok()
            .filter(|r: &TokenResponse| !r.access_token.is_empty())
            .ok_or_else(|| WechatError::InvalidResponse {
                endpoint: STABLE_TOKEN.name,
                host: transport.base.host(),
                detail: "the answer has no usable access_token and expires_in".into(),
            })?;
        if response.expires_in == 0 {
            return Err(WechatError::InvalidResponse {
                endpoint: STABLE_TOKEN.name,
                host: transport.base.host(),
                detail: "the token has no lifetime (expires_in is 0)".into(),
            });
        }
        let access_token = Secret::new(response.access_token);
        transport.scrubber.remember_token(&access_token);
        Ok(CachedToken {
            access_token,
            obtained_at,
            expires_in: response.expires_in,
        })
    }

    fn warn(&self, transport: &Transport, text: String) {
        lock(&self.warnings).push(transport.scrub(&text));
    }
}
