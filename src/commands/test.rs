//! `wxform test [FILE]`: run the configuration's menu checks.
//!
//! `user` checks are judged offline against the configuration. `openid` checks ask WeChat with
//! `menu/trymatch`, the only endpoint this command calls (besides the token); without
//! credentials they are skipped. Results go to stdout; a failed check ends in exit 1.

use super::account::{check_credentials, connect, print_warnings};
use super::load::load_reported;
use super::{Outcome, Reported};
use crate::cli::{GlobalArgs, TestArgs, TestFormat};
use crate::menu_checks::{self, CheckResult, Status};
use crate::model::{CheckedFollower, CredentialEnv, Desired};
use crate::render::checks;
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

    let mut stdout = super::product_stdout();
    match args.format {
        TestFormat::Text => checks::write_text(&results, &mut stdout)?,
        TestFormat::Json => write!(stdout, "{}", checks::render_json(&results))?,
    }
    stdout.flush()?;
    if desired.menu_checks.is_empty() {
        eprintln!(
            "{} has no menu_checks",
            crate::inert::text(&loaded.file.name)
        );
    }
    if results.iter().any(|result| result.status == Status::Fail) {
        return Err(Reported.into());
    }
    Ok(Outcome::Success)
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
