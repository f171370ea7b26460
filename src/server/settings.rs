//! What a run of the server checks needs from the environment: the URL (`--server-url`, the
//! file's `url`, or the variable `url_env` names), the token and the EncodingAESKey from their
//! variables, the AppID encrypted pushes carry, and the time a reply has. Values read here are
//! registered as secrets before anything else sees them; an error names a variable, never its
//! value.

use super::config::{Mode, ServerConfig, UrlSource};
use super::crypto::AesKey;
use std::time::Duration;

/// The variable that lowers the time a reply has (milliseconds), for tests and slow links.
pub const ENV_SERVER_TIMEOUT_MS: &str = "WXFORM_SERVER_TIMEOUT_MS";

/// The time WeChat gives a reply before it drops the connection.
pub const WECHAT_LIMIT: Duration = Duration::from_secs(5);

/// Everything a run needs, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub url: String,
    pub original_id: String,
    pub mode: Mode,
    pub token: String,
    /// In compatible and safe mode.
    pub key: Option<AesKey>,
    /// The variable the key is read from, to name it.
    pub key_env: String,
    /// The AppID encrypted messages carry; `None` in plaintext mode when unknown.
    pub appid: Option<String>,
    pub openid: String,
    /// How long a reply may take.
    pub limit: Duration,
}

/// A run to make, or why there is none.
#[derive(Debug, Clone)]
pub enum Resolved {
    Ready(Box<Settings>),
    /// No URL in this environment: the checks are skipped, and why.
    Skipped(String),
}

/// Where the account's AppID may be: the file's `account.appid`, or the variable of its
/// credentials (`account.appid_env`, default `WECHAT_APPID`).
#[derive(Debug, Clone, Copy)]
pub struct AppidSource<'a> {
    pub configured: Option<&'a str>,
    pub env: &'a str,
}

/// The settings for `config`, the URL given on the command line first.
pub fn resolve(
    config: &ServerConfig,
    url_override: Option<&str>,
    appid: AppidSource,
) -> Result<Resolved, String> {
    let mut settings = match resolve_handshake(config, url_override)? {
        Resolved::Ready(settings) => settings,
        skipped => return Ok(skipped),
    };
    if config.mode.encrypts() {
        settings.key = Some(aes_key(config)?);
    }
    let appid_env = appid.env;
    settings.appid = appid
        .configured
        .map(str::to_string)
        .or_else(|| variable(appid_env));
    if settings.appid.is_none() && config.mode.encrypts() {
        return Err(format!(
            "in {} mode every push is encrypted for the account's AppID: set account.appid or {appid_env}",
            config.mode.name()
        ));
    }
    Ok(Resolved::Ready(settings))
}

/// What the URL handshake alone needs (`doctor`): the URL and the token. The handshake is
/// never encrypted, so neither the EncodingAESKey nor the AppID is read.
pub fn resolve_handshake(
    config: &ServerConfig,
    url_override: Option<&str>,
) -> Result<Resolved, String> {
    let url = match (url_override, &config.url) {
        (Some(url), _) => checked_url(url, "--server-url")?,
        (None, UrlSource::Given(url)) => url.clone(),
        (None, UrlSource::Env(name)) => match variable(name) {
            Some(url) => checked_url(&url, name)?,
            None => {
                return Ok(Resolved::Skipped(format!(
                    "{name} is not set: give --server-url URL, or set {name} to the server's URL"
                )));
            }
        },
    };
    let token = secret(&config.token_env).ok_or_else(|| {
        format!(
            "{} is not set: every push is signed with the server's token (令牌, on the account's 服务器配置 page)",
            config.token_env
        )
    })?;
    Ok(Resolved::Ready(Box::new(Settings {
        url,
        original_id: config.original_id.clone(),
        mode: config.mode,
        token,
        key: None,
        key_env: config.encoding_aes_key_env.clone(),
        appid: None,
        openid: config.openid.clone(),
        limit: limit()?,
    })))
}

/// A warning when the server's token is too short to be masked in output
/// ([`crate::redact::MIN_LEN`]): WeChat takes tokens of 3 to 32 characters.
pub fn short_token_warning(settings: &Settings, config: &ServerConfig) -> Option<String> {
    (settings.token.chars().count() < crate::redact::MIN_LEN).then(|| {
        format!(
            "{} holds fewer than {} characters, too few to be masked in wxform's output: a server that echoes it would show it; choose a longer token (WeChat takes up to 32)",
            config.token_env,
            crate::redact::MIN_LEN
        )
    })
}

fn aes_key(config: &ServerConfig) -> Result<AesKey, String> {
    let name = &config.encoding_aes_key_env;
    let text = secret(name).ok_or_else(|| {
        format!(
            "{name} is not set: in {} mode pushes and replies are encrypted with the EncodingAESKey (消息加解密密钥)",
            config.mode.name()
        )
    })?;
    AesKey::decode(&text).map_err(|err| {
        format!("{name} does not hold an EncodingAESKey: {err} (its value is not shown)")
    })
}

/// A variable's value; an empty one counts as unset.
fn variable(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|value| value.trim().to_string())
        .filter(|value| !value.is_empty())
}

/// A secret variable's value, registered so that no output shows it.
fn secret(name: &str) -> Option<String> {
    let value = variable(name)?;
    crate::redact::register_as(&value, name);
    Some(value)
}

fn checked_url(url: &str, from: &str) -> Result<String, String> {
    let web = reqwest::Url::parse(url.trim())
        .ok()
        .filter(|parsed| matches!(parsed.scheme(), "http" | "https") && parsed.has_host());
    match web {
        Some(_) => Ok(url.trim().to_string()),
        None => Err(format!("the server URL in {from} is not an http(s) URL")),
    }
}

/// [`WECHAT_LIMIT`], or less when [`ENV_SERVER_TIMEOUT_MS`] says so.
fn limit() -> Result<Duration, String> {
    let Some(text) = variable(ENV_SERVER_TIMEOUT_MS) else {
        return Ok(WECHAT_LIMIT);
    };
    let most = WECHAT_LIMIT.as_millis();
    match text.parse::<u64>() {
        Ok(millis) if (1..=most).contains(&u128::from(millis)) => Ok(Duration::from_millis(millis)),
        _ => Err(format!(
            "{ENV_SERVER_TIMEOUT_MS} must be a number of milliseconds from 1 to {most}: WeChat waits no longer"
        )),
    }
}
