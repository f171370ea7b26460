//! Resolving an account's credentials: from the standard `WECHAT_*` variables, or from the
//! ones a configuration names (`account.appid_env`, `secret_env`, `token_env`), so that each
//! account of a multi-account plan uses its own. A missing variable is reported by the name the
//! file gave it.

use super::credentials::{ENV_ACCESS_TOKEN, ENV_APPID, ENV_APPSECRET, check_appid};
use super::{Credentials, WechatError};
use crate::model::CredentialEnv;

/// The credentials of the account whose variables are `names`, from the process environment.
pub fn from_env(names: &CredentialEnv) -> Result<Credentials, WechatError> {
    resolve(names, |name| std::env::var(name).ok())
}

/// The credentials of the account whose variables are `names`, read through `lookup`. The
/// standard names give the standard reader's messages; named ones are reported by the name the
/// file gave them.
pub fn resolve(
    names: &CredentialEnv,
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<Credentials, WechatError> {
    if names.is_default() {
        Credentials::from_lookup(lookup)
    } else {
        credentials(names, lookup)
    }
}

/// Where `credentials` were read from, naming the variables `names` point at, never a secret.
pub fn describe(names: &CredentialEnv, credentials: &Credentials) -> String {
    match credentials {
        Credentials::AppSecret { appid, .. } => format!(
            "{} ({appid}) + {}",
            names.appid.as_deref().unwrap_or(ENV_APPID),
            names.secret.as_deref().unwrap_or(ENV_APPSECRET)
        ),
        Credentials::AccessToken { .. } => token_variable(names).to_string(),
    }
}

/// The variable holding a ready-made access token for the account whose variables are `names`.
pub fn token_variable(names: &CredentialEnv) -> &str {
    names.token.as_deref().unwrap_or(ENV_ACCESS_TOKEN)
}

/// Whether any credential variable `names` point at is set: when none is, a command that can
/// work without the account (`preview`) goes on without it rather than failing.
pub fn any_set(names: &CredentialEnv, lookup: impl Fn(&str) -> Option<String>) -> bool {
    [
        names.appid.as_deref().unwrap_or(ENV_APPID),
        names.secret.as_deref().unwrap_or(ENV_APPSECRET),
        names.token.as_deref().unwrap_or(ENV_ACCESS_TOKEN),
    ]
    .into_iter()
    .any(|name| lookup(name).is_some_and(|value| !value.trim().is_empty()))
}

/// The credentials `names` point at, read through `lookup` (the environment in production).
fn credentials(
    names: &CredentialEnv,
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<Credentials, WechatError> {
    let appid = names.appid.as_deref().unwrap_or(ENV_APPID);
    let secret = names.secret.as_deref().unwrap_or(ENV_APPSECRET);
    let token = names.token.as_deref().unwrap_or(ENV_ACCESS_TOKEN);
    // Cross-wired, one variable's value would be used (and shown) as another credential.
    if appid == secret || appid == token || secret == token {
        return Err(WechatError::Config(format!(
            "the credential variables must be three different ones, but they are {appid} (appid), {secret} (secret) and {token} (token)"
        )));
    }
    let is_set = |name: &str| lookup(name).is_some_and(|value| !value.trim().is_empty());
    if !is_set(token) {
        let missing: Vec<String> = [
            (appid, &names.appid, "appid_env"),
            (secret, &names.secret, "secret_env"),
        ]
        .into_iter()
        .filter(|(name, _, _)| !is_set(name))
        .map(|(name, named, field)| match named {
            Some(_) => format!("{name} (account.{field})"),
            None => name.to_string(),
        })
        .collect();
        if !missing.is_empty() {
            return Err(WechatError::Config(format!(
                "no credentials for this account: {} not set; set {appid} and {secret}, or {token}",
                missing.join(" and "),
            )));
        }
    }
    // Checked here, so that the message names the variable the file names.
    if let Some(value) = lookup(appid).filter(|value| !value.trim().is_empty()) {
        let named = match names.appid {
            Some(_) => format!("{appid} (account.appid_env)"),
            None => appid.to_string(),
        };
        check_appid(value.trim(), &named)?;
    }
    // The standard reader, looking each standard name up under the configured one.
    Credentials::from_lookup(|standard| {
        let name = match standard {
            ENV_APPID => appid,
            ENV_APPSECRET => secret,
            ENV_ACCESS_TOKEN => token,
            other => other,
        };
        lookup(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn names(appid: &str, secret: &str) -> CredentialEnv {
        CredentialEnv {
            appid: Some(appid.into()),
            secret: Some(secret.into()),
            token: None,
        }
    }

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn named_variables_are_read_and_standard_ones_ignored() {
        let env = with(&[
            ("SHOP_APPID", "wx1111111111111111"),
            ("SHOP_SECRET", "s1"),
            ("WECHAT_APPID", "wx2222222222222222"),
            ("WECHAT_APPSECRET", "s2"),
        ]);
        let credentials = credentials(&names("SHOP_APPID", "SHOP_SECRET"), env).unwrap();
        assert_eq!(credentials.appid(), Some("wx1111111111111111"));
        assert!(matches!(
            credentials,
            Credentials::AppSecret { ref secret, .. } if secret.expose() == "s1"
        ));
    }

    #[test]
    fn an_appid_variable_holding_something_else_is_named_as_the_file_names_it() {
        let err = credentials(
            &names("SHOP_APPID", "SHOP_SECRET"),
            with(&[("SHOP_APPID", "not-an-appid"), ("SHOP_SECRET", "s")]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("SHOP_APPID (account.appid_env) does not hold an AppID"),
            "{err}"
        );
        assert!(
            !err.contains("WECHAT_APPID") && !err.contains("not-an-appid"),
            "{err}"
        );
    }

    #[test]
    fn a_named_token_wins() {
        let names = CredentialEnv {
            token: Some("SHOP_TOKEN".into()),
            ..CredentialEnv::default()
        };
        let credentials = credentials(&names, with(&[("SHOP_TOKEN", "t")])).unwrap();
        assert!(matches!(credentials, Credentials::AccessToken { .. }));
    }

    #[test]
    fn missing_variables_are_named_as_the_file_names_them() {
        let err = credentials(
            &names("SHOP_APPID", "SHOP_SECRET"),
            with(&[
                ("SHOP_APPID", "wx1111111111111111"),
                ("WECHAT_APPSECRET", "s"),
            ]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("SHOP_SECRET (account.secret_env) not set"),
            "{err}"
        );
        assert!(err.contains("or WECHAT_ACCESS_TOKEN"), "{err}");
        assert!(
            !err.contains("wx1111111111111111") && !err.contains(" s "),
            "{err}"
        );
        let err = credentials(&CredentialEnv::default(), with(&[]))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("WECHAT_APPID and WECHAT_APPSECRET not set"),
            "{err}"
        );
    }
}
