//! Resolving an account's credentials: from the standard `WECHAT_*` variables, or from the
//! ones a configuration names (`account.appid_env`, `secret_env`, `token_env`), so that each
//! account of a multi-account plan uses its own; or the program a configuration names
//! (`account.token_command`), when no variable is read at all. A missing variable is reported
//! by the name the file gave it.

use super::credentials::{ENV_ACCESS_TOKEN, ENV_APPID, ENV_APPSECRET, check_appid};
use super::{Credentials, WechatError};
use crate::model::{CredentialEnv, TokenCommand};

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
    if let Some(command) = &names.token_command {
        return command_credentials(names, command);
    }
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
        Credentials::Command(command) => format!(
            "account.token_command `{}` (no credential variable is read)",
            crate::inert::text(command.program())
        ),
    }
}

/// The variable holding a ready-made access token for the account whose variables are `names`.
pub fn token_variable(names: &CredentialEnv) -> &str {
    names.token.as_deref().unwrap_or(ENV_ACCESS_TOKEN)
}

/// Whether any credential variable `names` point at is set: when none is, a command that can
/// work without the account (`preview`) goes on without it rather than failing.
pub fn any_set(names: &CredentialEnv, lookup: impl Fn(&str) -> Option<String>) -> bool {
    if names.token_command.is_some() {
        return true;
    }
    [
        names.appid.as_deref().unwrap_or(ENV_APPID),
        names.secret.as_deref().unwrap_or(ENV_APPSECRET),
        names.token.as_deref().unwrap_or(ENV_ACCESS_TOKEN),
    ]
    .into_iter()
    .any(|name| lookup(name).is_some_and(|value| !value.trim().is_empty()))
}

/// The program `names` name: the account's one source of credentials. `validate` refuses a
/// configuration naming variables too, at their place; a file read without it (`doctor`) is
/// refused here.
fn command_credentials(
    names: &CredentialEnv,
    command: &TokenCommand,
) -> Result<Credentials, WechatError> {
    let variables: Vec<String> = [
        ("appid_env", &names.appid),
        ("secret_env", &names.secret),
        ("token_env", &names.token),
    ]
    .into_iter()
    .filter(|(_, name)| name.is_some())
    .map(|(field, _)| format!("account.{field}"))
    .collect();
    if !variables.is_empty() {
        return Err(WechatError::Config(format!(
            "account.token_command and {} each say where this account's access token comes from; keep one source (`wxform validate` shows where)",
            variables.join(", ")
        )));
    }
    if command.program().trim().is_empty() {
        return Err(WechatError::Config(
            "account.token_command names no program (`wxform validate` shows where)".into(),
        ));
    }
    Ok(Credentials::Command(command.clone()))
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
            ..CredentialEnv::default()
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
    fn command(argv: &[&str]) -> TokenCommand {
        TokenCommand {
            argv: argv.iter().map(|arg| arg.to_string()).collect(),
            config: "wxform.yaml".into(),
        }
    }

    #[test]
    fn a_token_command_is_the_only_source_and_no_variable_is_read() {
        let names = CredentialEnv {
            token_command: Some(command(&["./token", "wx1111111111111111"])),
            ..CredentialEnv::default()
        };
        let env = with(&[
            ("WECHAT_APPID", "wx2222222222222222"),
            ("WECHAT_APPSECRET", "s2"),
            ("WECHAT_ACCESS_TOKEN", "t2"),
        ]);
        let credentials = resolve(&names, &env).unwrap();
        assert_eq!(
            credentials,
            Credentials::Command(command(&["./token", "wx1111111111111111"]))
        );
        assert_eq!(credentials.appid(), None, "a token says not whose it is");
        assert_eq!(
            describe(&names, &credentials),
            "account.token_command `./token` (no credential variable is read)"
        );
        assert!(any_set(&names, with(&[])));
    }

    #[test]
    fn a_token_command_beside_variables_or_without_a_program_is_refused() {
        let names = CredentialEnv {
            secret: Some("SHOP_SECRET".into()),
            token: Some("SHOP_TOKEN".into()),
            token_command: Some(command(&["./token"])),
            ..CredentialEnv::default()
        };
        let err = resolve(&names, with(&[("SHOP_TOKEN", "t")]))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "account.token_command and account.secret_env, account.token_env each say where this account's access token comes from; keep one source (`wxform validate` shows where)"
        );
        let names = CredentialEnv {
            token_command: Some(command(&[" "])),
            ..CredentialEnv::default()
        };
        let err = resolve(&names, with(&[])).unwrap_err().to_string();
        assert!(
            err.starts_with("account.token_command names no program"),
            "{err}"
        );
    }
}
