//! `wxform test [FILE]`: run the configuration's menu checks, then check the account's server.
//!
//! `user` checks are judged offline against the configuration. `openid` checks ask WeChat with
//! `menu/trymatch`, the only endpoint this command calls (besides the token); without
//! credentials they are skipped. The server checks (`server:` or `--server-url`) call no WeChat
//! endpoint: they push to the account's own server ([`crate::server`]); without its URL they are
//! skipped in one line. Results go to stdout; a failed check ends in exit 1.

use super::account::{check_credentials, connect, print_warnings};
use super::load::load_reported;
use super::{Outcome, Reported};
use crate::cli::{GlobalArgs, TestArgs, TestFormat};
use crate::menu_checks::{self, CheckResult, Status};
use crate::model::{CheckedFollower, CredentialEnv, Desired};
use crate::render::{checks, server_checks};
use crate::server::report::ServerOutcome;
use crate::server::settings::{self, AppidSource, Resolved};
use crate::wechat::credentials::{ENV_ACCESS_TOKEN, ENV_APPID, ENV_APPSECRET};
use crate::wechat::{Client, WechatError};
use anyhow::Result;
use std::io::Write;

/// trymatch errcodes about the follower asked for, not the account: the check fails, the
/// run goes on. 40003 invalid openid, 65302 no such user, 65315 not a follower.
const FOLLOWER_ERRCODES: [i64; 3] = [40003, 65302, 65315];

pub fn run(global: &GlobalArgs, args: &TestArgs) -> Result<Outcome> {
    let loaded = load_reported(&args.file)?;
    let desired = &loaded.desired;
    // Settings first: a missing token or a bad key is an error before anything is sent.
    let server = server_settings(&loaded, args.server_url.as_deref())?;
    let wants_account = desired
        .menu_checks
        .iter()
        .any(|check| matches!(check.who, CheckedFollower::Openid(_)));
    let results = if wants_account && has_credentials(&desired.credentials_env) {
        let client = connect(global, &desired.credentials_env, None)?;
        check_credentials(desired, &client)?;
        let results = run_checks(desired, &client);
        print_warnings(&client);
        results?
    } else {
        menu_checks::offline(desired, &no_credentials(&desired.credentials_env))
    };

    let server = match server {
        None => None,
        Some(Resolved::Skipped(why)) => Some(ServerOutcome::Skipped(why)),
        Some(Resolved::Ready(settings)) => Some(ServerOutcome::Checked(
            crate::server::run::run(&settings, desired, &loaded.server_checks.reply_checks)
                .map_err(anyhow::Error::msg)?,
        )),
    };

    let mut stdout = super::product_stdout();
    write_results(args.format, &results, server.as_ref(), &mut stdout)?;
    stdout.flush()?;
    if desired.menu_checks.is_empty() && server.is_none() {
        eprintln!(
            "{} has no menu_checks",
            crate::inert::text(&loaded.file.name)
        );
    }
    let menu_failed = results.iter().any(|result| result.status == Status::Fail);
    if menu_failed || server.as_ref().is_some_and(ServerOutcome::failed) {
        return Err(Reported.into());
    }
    Ok(Outcome::Success)
}

fn write_results(
    format: TestFormat,
    results: &[CheckResult],
    server: Option<&ServerOutcome>,
    out: &mut impl Write,
) -> Result<()> {
    match format {
        TestFormat::Text => {
            checks::write_text(results, out)?;
            if let Some(server) = server {
                if !results.is_empty() {
                    writeln!(out)?;
                }
                server_checks::write_text(server, out)?;
            }
        }
        TestFormat::Json => {
            let mut document = checks::results_json(results);
            if let (Some(server), serde_json::Value::Object(map)) = (server, &mut document) {
                map.insert("server".into(), server_checks::json(server));
            }
            write!(out, "{}", checks::render_document(&document))?;
        }
        TestFormat::Markdown => {
            write!(out, "{}", checks::markdown(results))?;
            if let Some(server) = server {
                write!(out, "{}", server_checks::markdown(server))?;
            }
        }
    }
    Ok(())
}

/// The server to check, if the configuration has one: ready, or skipped for want of its URL.
/// `--server-url` without a `server:` section is an error: the pushes need its original id and
/// mode.
pub(super) fn server_settings(
    loaded: &crate::config::Loaded,
    url_override: Option<&str>,
) -> Result<Option<Resolved>> {
    let Some(server) = &loaded.server_checks.server else {
        if url_override.is_some() {
            anyhow::bail!(
                "--server-url needs a `server:` section in {}: every push carries its original_id and is sent in its mode",
                crate::inert::text(&loaded.file.name)
            );
        }
        return Ok(None);
    };
    let names = &loaded.desired.credentials_env;
    let appid = AppidSource {
        configured: loaded.desired.appid.as_deref(),
        env: names.appid.as_deref().unwrap_or(ENV_APPID),
    };
    let resolved = settings::resolve(server, url_override, appid).map_err(anyhow::Error::msg)?;
    warn_of_a_short_token(&resolved, server);
    Ok(Some(resolved))
}

/// The server settings `doctor`'s handshake needs: the URL and the token, nothing encrypted.
pub(super) fn handshake_settings(loaded: &crate::config::Loaded) -> Result<Option<Resolved>> {
    let Some(server) = &loaded.server_checks.server else {
        return Ok(None);
    };
    let resolved = settings::resolve_handshake(server, None).map_err(anyhow::Error::msg)?;
    warn_of_a_short_token(&resolved, server);
    Ok(Some(resolved))
}

fn warn_of_a_short_token(resolved: &Resolved, server: &crate::server::config::ServerConfig) {
    if let Resolved::Ready(settings) = resolved
        && let Some(warning) = settings::short_token_warning(settings, server)
    {
        eprintln!("warning: {warning}");
    }
}

/// Whether a secret or a token is set: an AppID alone (a plain repository variable, say, in a
/// pull request from a fork) is no credential.
fn has_credentials(names: &CredentialEnv) -> bool {
    let secret = names.secret.as_deref().unwrap_or(ENV_APPSECRET);
    let token = names.token.as_deref().unwrap_or(ENV_ACCESS_TOKEN);
    [secret, token]
        .iter()
        .any(|name| std::env::var(name).is_ok_and(|value| !value.trim().is_empty()))
}

fn no_credentials(names: &CredentialEnv) -> String {
    format!(
        "no credentials: set {} and {}, or {}",
        names.appid.as_deref().unwrap_or(ENV_APPID),
        names.secret.as_deref().unwrap_or(ENV_APPSECRET),
        names.token.as_deref().unwrap_or(ENV_ACCESS_TOKEN)
    )
}

/// Every check, `openid` ones through trymatch, in file order.
fn run_checks(desired: &Desired, client: &Client) -> Result<Vec<CheckResult>> {
    menu_checks::run(desired, |check, openid| match client.trymatch(openid) {
        Ok(buttons) => Ok(menu_checks::openid(desired, check, &buttons)),
        Err(WechatError::Api(err)) if FOLLOWER_ERRCODES.contains(&err.errcode) => {
            Ok(menu_checks::openid_failed(
                check,
                format!("WeChat error {}: {}", err.errcode, err.advice),
            ))
        }
        Err(err) => Err(anyhow::Error::new(err).context(format!(
            "cannot run menu check `{}`; no check changes the account",
            check.name
        ))),
    })
}
