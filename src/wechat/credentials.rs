//! Credentials from the environment: `WECHAT_APPID` + `WECHAT_APPSECRET`, or a ready-made
//! `WECHAT_ACCESS_TOKEN` from a central token service (then no token endpoint is ever called);
//! or, named by the configuration, a program that prints the token (`account.token_command`).
//! Secret values live in [`Secret`], whose `Debug` prints `***` and which has no `Display`.

use super::WechatError;
use crate::model::TokenCommand;
use std::fmt;

pub const ENV_APPID: &str = "WECHAT_APPID";
pub const ENV_APPSECRET: &str = "WECHAT_APPSECRET";
pub const ENV_ACCESS_TOKEN: &str = "WECHAT_ACCESS_TOKEN";

/// A secret string (AppSecret or access token). Read it with [`Secret::expose`] only where it is
/// sent to WeChat or written to the token cache.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Where the token comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// `WECHAT_APPID` + `WECHAT_APPSECRET`: tokens from `stable_token`, cached.
    AppSecret { appid: String, secret: Secret },
    /// `WECHAT_ACCESS_TOKEN` (optionally with `WECHAT_APPID`, used for the cache-free guard
    /// `account.appid` and snapshots): used as is; wxform cannot refresh it.
    AccessToken {
        appid: Option<String>,
        token: Secret,
    },
    /// `account.token_command`: the token a program prints, run again when WeChat rejects it;
    /// no token endpoint is called and no variable read. Whose token it is cannot be told from
    /// it: the configuration's `account.appid` is the account it says.
    Command(TokenCommand),
}

impl Credentials {
    /// Reads credentials through `lookup` (the environment in production, a map in tests).
    /// Empty values count as unset.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Credentials, WechatError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let appid = get(ENV_APPID);
        if let Some(appid) = &appid {
            check_appid(appid, ENV_APPID)?;
        }
        if let Some(token) = get(ENV_ACCESS_TOKEN) {
            return Ok(Credentials::AccessToken {
                appid,
                token: Secret::new(token),
            });
        }
        match (appid, get(ENV_APPSECRET)) {
            (Some(appid), Some(secret)) => Ok(Credentials::AppSecret {
                appid,
                secret: Secret::new(secret),
            }),
            (Some(_), None) => Err(WechatError::Config(format!(
                "{ENV_APPSECRET} is not set (it goes with {ENV_APPID}); or set {ENV_ACCESS_TOKEN}"
            ))),
            (None, Some(_)) => Err(WechatError::Config(format!(
                "{ENV_APPID} is not set (it goes with {ENV_APPSECRET}); or set {ENV_ACCESS_TOKEN}"
            ))),
            (None, None) => Err(WechatError::Config(format!(
                "no WeChat credentials: set {ENV_APPID} and {ENV_APPSECRET}, or {ENV_ACCESS_TOKEN}"
            ))),
        }
    }

    pub fn appid(&self) -> Option<&str> {
        match self {
            Credentials::AppSecret { appid, .. } => Some(appid),
            Credentials::AccessToken { appid, .. } => appid.as_deref(),
            Credentials::Command(_) => None,
        }
    }

    /// The secret values that must never appear in output.
    pub(crate) fn secrets(&self) -> Vec<&str> {
        match self {
            Credentials::AppSecret { secret, .. } => vec![secret.expose()],
            Credentials::AccessToken { token, .. } => vec![token.expose()],
            // What it prints is registered when it is run.
            Credentials::Command(_) => Vec::new(),
        }
    }
}

/// Whether `appid` has the shape of a WeChat AppID: `wx` and 16 hex digits.
pub fn is_appid(appid: &str) -> bool {
    appid.len() == 18
        && appid.starts_with("wx")
        && appid[2..].chars().all(|c| c.is_ascii_hexdigit())
}

/// The appid is printed and names the cache file, so it must be one. Anything else may be a
/// secret read through a cross-wired variable: it is neither shown nor used. `variable` is how
/// the message names the variable it was read from.
pub(super) fn check_appid(appid: &str, variable: &str) -> Result<(), WechatError> {
    if is_appid(appid) {
        Ok(())
    } else {
        Err(WechatError::Config(format!(
            "{variable} does not hold an AppID (`wx` and 16 hex digits); its value is not shown, \
             in case the variable holds something else, such as a secret"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const APPID: &str = "wx1234567890abcdef";

    fn creds(vars: &[(&str, &str)]) -> Result<Credentials, WechatError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Credentials::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn access_token_wins_over_appsecret() {
        let c = creds(&[
            (ENV_ACCESS_TOKEN, "tok"),
            (ENV_APPID, APPID),
            (ENV_APPSECRET, "s"),
        ])
        .unwrap();
        assert!(matches!(c, Credentials::AccessToken { .. }));
        assert_eq!(c.appid(), Some(APPID));
    }

    #[test]
    fn missing_pieces_are_named() {
        let err = creds(&[(ENV_APPID, APPID)]).unwrap_err().to_string();
        assert!(err.contains("WECHAT_APPSECRET is not set"), "{err}");
        let err = creds(&[(ENV_APPID, " "), (ENV_APPSECRET, "s")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("WECHAT_APPID is not set"), "{err}");
        assert!(
            creds(&[])
                .unwrap_err()
                .to_string()
                .contains("no WeChat credentials")
        );
        assert!(creds(&[(ENV_APPID, "../x"), (ENV_APPSECRET, "s")]).is_err());
    }

    #[test]
    fn a_value_that_is_no_appid_is_refused_unseen_even_with_a_token() {
        let secret = "3c5f8e2b9a7d4e6f1b0c8a9d7e6f5a4b";
        for vars in [
            &[(ENV_APPID, secret), (ENV_APPSECRET, "s")][..],
            &[(ENV_APPID, secret), (ENV_ACCESS_TOKEN, "t")][..],
            &[(ENV_APPID, "wx1234567890abcdeg"), (ENV_APPSECRET, "s")][..],
        ] {
            let err = creds(vars).unwrap_err().to_string();
            assert!(err.contains("does not hold an AppID"), "{err}");
            assert!(!err.contains(vars[0].1), "{err}");
        }
        assert!(is_appid(APPID) && !is_appid("wx1") && !is_appid("wx1234567890abcdef0"));
    }

    #[test]
    fn debug_never_shows_secrets() {
        let c = creds(&[(ENV_APPID, APPID), (ENV_APPSECRET, "TOPSECRET")]).unwrap();
        let debug = format!("{c:?}");
        assert!(!debug.contains("TOPSECRET"), "{debug}");
        assert!(debug.contains("***") && debug.contains(APPID));
        let c = creds(&[(ENV_ACCESS_TOKEN, "TOKENVALUE")]).unwrap();
        assert!(!format!("{c:?}").contains("TOKENVALUE"));
        let described = super::super::credential_env::describe(&Default::default(), &c);
        assert_eq!(described, ENV_ACCESS_TOKEN);
    }
}
