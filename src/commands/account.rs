//! Reaching the live account for a command: the client from `--api-base` and the credentials,
//! its warnings, and the `account.appid` guard. Reading the account is [`super::live`].

use crate::cli::GlobalArgs;
use crate::model::{CredentialEnv, Desired};
use crate::wechat::{Client, ClientConfig, Credentials, HttpPool, credential_env};
use anyhow::Result;

/// A client for the account whose credentials are in the variables `names` (the standard
/// `WECHAT_*` ones unless the configuration names others), its requests going through `pool`
/// when one is given (several accounts in one run share their connections).
pub(crate) fn connect(
    global: &GlobalArgs,
    names: &CredentialEnv,
    pool: Option<&HttpPool>,
) -> Result<Client> {
    client(global, credential_env::from_env(names)?, pool)
}

/// A client for `credentials` at `--api-base`, with the environment's cache, retry and timeout
/// settings: the one way every command reaches an account.
pub(crate) fn client(
    global: &GlobalArgs,
    credentials: Credentials,
    pool: Option<&HttpPool>,
) -> Result<Client> {
    let mut config = ClientConfig::with_env_settings(global.api_base.clone(), credentials)?;
    config.pool = pool.cloned();
    Ok(Client::new(config)?)
}

/// Prints (and clears) the client's warnings, such as an insecure token cache file. A warning
/// already printed in this run (the same cache directory, for several accounts) is not
/// repeated.
pub(crate) fn print_warnings(client: &Client) {
    static PRINTED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut printed = crate::mutex::lock(&PRINTED);
    for warning in client.take_warnings() {
        if !printed.contains(&warning) {
            eprintln!("warning: {warning}");
            printed.push(warning);
        }
    }
}

/// Refuses, before any call, credentials for an account other than the one the configuration
/// names (when the credentials say which account they are for). What is read with `client`
/// is that account's, so this one check guards everything read and changed through it.
pub(crate) fn check_credentials(desired: &Desired, client: &Client) -> Result<()> {
    check_account(desired, client.appid(), |actual| {
        format!("the credentials are for {actual}; nothing was read or changed")
    })?;
    // A bare WECHAT_ACCESS_TOKEN does not say whose it is: the guard cannot hold. Neither can
    // it for a token command's token, which no variable claims either: the command is named
    // beside `account.appid` in the file, and the manual says to give it the appid.
    let given = matches!(client.credentials(), Credentials::AccessToken { .. });
    if given && desired.appid.is_some() && client.appid().is_none() {
        eprintln!(
            "warning: account.appid is not checked: WECHAT_ACCESS_TOKEN is set without WECHAT_APPID; set WECHAT_APPID to the token's account"
        );
    }
    Ok(())
}

/// The `account.appid` guard, the one every command applies: refuses an account `actual`
/// other than the one the configuration names; `but` says whose `actual` is.
pub(crate) fn check_account(
    desired: &Desired,
    actual: Option<&str>,
    but: impl FnOnce(&str) -> String,
) -> Result<()> {
    match (desired.other_account(actual), actual) {
        (Some(wanted), Some(actual)) => anyhow::bail!(
            "the configuration is for account {wanted} (account.appid), but {}",
            but(actual)
        ),
        _ => Ok(()),
    }
}
