//! Reaching the live account for a command: the client from `--api-base` and the environment,
//! the sections a configuration manages, or a JSON snapshot instead of the network.

use crate::cli::GlobalArgs;
use crate::model::{Desired, Live, SNAPSHOT_FORMAT_VERSION};
use crate::wechat::{Client, Sections, read_live};
use anyhow::{Context, Result};
use std::path::Path;

/// The sections of the live account that `desired` manages, and nothing else: a plan for a
/// menu-only config never calls the template APIs (which an unverified account may not use).
pub(crate) fn sections_for(desired: &Desired) -> Sections {
    Sections::for_desired(desired)
}

/// A client for the account named by the environment.
pub(crate) fn connect(global: &GlobalArgs) -> Result<Client> {
    Ok(Client::from_global(global)?)
}

/// Reads `sections` of the live account, printing the client's warnings to stderr.
pub(crate) fn read(client: &Client, sections: Sections) -> Result<Live> {
    let live = read_live(client, sections).context("cannot read the live account");
    print_warnings(client);
    live
}

/// Prints (and clears) the client's warnings, such as an insecure token cache file.
pub(crate) fn print_warnings(client: &Client) {
    for warning in client.take_warnings() {
        eprintln!("warning: {warning}");
    }
}

/// A snapshot written by `wxform export --format json`.
pub(crate) fn read_snapshot(path: &Path) -> Result<Live> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read snapshot {}", path.display()))?;
    let live: Live = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a wxform snapshot (write one with `wxform export --format json`)",
            path.display()
        )
    })?;
    if live.format_version != SNAPSHOT_FORMAT_VERSION {
        anyhow::bail!(
            "{} is a snapshot of format version {}, but this wxform reads version {SNAPSHOT_FORMAT_VERSION}; export it again",
            path.display(),
            live.format_version
        );
    }
    Ok(live)
}

/// Refuses, before any call, credentials for an account other than the one the configuration
/// names (when the credentials say which account they are for).
pub(crate) fn check_credentials(desired: &Desired, client: &Client) -> Result<()> {
    if let (Some(wanted), Some(actual)) = (&desired.appid, client.appid())
        && wanted != actual
    {
        anyhow::bail!(
            "the configuration is for account {wanted} (account.appid), but the credentials are for {actual}; nothing was read or changed"
        );
    }
    Ok(())
}

/// Refuses to work on an account other than the one the configuration names.
pub(crate) fn check_account(desired: &Desired, live: &Live) -> Result<()> {
    if let (Some(wanted), Some(actual)) = (&desired.appid, &live.appid)
        && wanted != actual
    {
        anyhow::bail!(
            "the configuration is for account {wanted} (account.appid), but the credentials are for {actual}; nothing was read or changed"
        );
    }
    Ok(())
}
