//! The live state a command works on: the sections a configuration manages, read from the
//! account (see [`super::account`] for connecting to it), or a JSON snapshot instead of the
//! network; for a plan, with the daily quotas of its writes.

use super::account::{check_account, check_credentials, connect, print_warnings};
use crate::cli::GlobalArgs;
use crate::model::{Desired, Live, SNAPSHOT_FORMAT_VERSION};
use crate::quota::LiveQuotas;
use crate::snapshot_age::{MaxAge, SnapshotAge};
use crate::wechat::endpoint;
use crate::wechat::{Client, HttpPool, Sections, read_live_and_quotas};
use anyhow::{Context, Result};
use std::path::Path;

/// The live state from `--live SNAPSHOT`, else from the network (only the managed sections),
/// through `pool` when several accounts share one.
pub(crate) fn live_state(
    global: &GlobalArgs,
    desired: &Desired,
    snapshot: Option<&Path>,
    pool: Option<&HttpPool>,
) -> Result<Live> {
    state(global, desired, snapshot, pool, false).map(|(live, _)| live)
}

/// [`live_state`] for a plan, with the daily quotas of the writes it may make: read with the
/// account, in the same round trip; a snapshot holds none.
pub(crate) fn live_and_quotas(
    global: &GlobalArgs,
    desired: &Desired,
    snapshot: Option<&Path>,
    pool: Option<&HttpPool>,
) -> Result<(Live, LiveQuotas)> {
    state(global, desired, snapshot, pool, true)
}

fn state(
    global: &GlobalArgs,
    desired: &Desired,
    snapshot: Option<&Path>,
    pool: Option<&HttpPool>,
    quotas: bool,
) -> Result<(Live, LiveQuotas)> {
    match snapshot {
        Some(path) => {
            let live = read_snapshot(path)?;
            check_account(desired, live.appid.as_deref(), |actual| {
                format!("{} is a snapshot of {actual}", path.display())
            })?;
            Ok((live, LiveQuotas::Snapshot))
        }
        None => {
            let client = connect(global, &desired.credentials_env, pool)?;
            check_credentials(desired, &client)?;
            read(&client, desired, quotas)
        }
    }
}

/// Reads the sections of the live account a plan of `desired` needs and, with `quotas`, the
/// daily quotas of the writes it may make, printing the client's warnings to stderr.
pub(crate) fn read(client: &Client, desired: &Desired, quotas: bool) -> Result<(Live, LiveQuotas)> {
    let mut writes = Vec::new();
    if quotas {
        writes = endpoint::writes_for(&desired.managed());
        // Images a button names by file are uploaded before the menus that use them.
        if !desired.media_files.is_empty() {
            writes.push(endpoint::MATERIAL_ADD);
        }
    }
    let read = read_live_and_quotas(client, Sections::for_desired(desired), &writes)
        .context("cannot read the live account");
    print_warnings(client);
    read.map(|(live, readings)| (live, LiveQuotas::Read(readings)))
}

/// A snapshot written by `wxform export --format json`.
pub(crate) fn read_snapshot(path: &Path) -> Result<Live> {
    let text = crate::files::read_text(path, crate::files::MAX_DATA_BYTES)?;
    let not_a_snapshot = || {
        format!(
            "{} is not a wxform snapshot (write one with `wxform export --format json`)",
            path.display()
        )
    };
    // `format_version`, which export always writes, is what makes a JSON file a snapshot.
    let value: serde_json::Value = serde_json::from_str(&text).with_context(not_a_snapshot)?;
    let version = crate::format_version::of(&value)
        .map_err(|why| anyhow::anyhow!("{}: {why}", not_a_snapshot()))?;
    if version != u64::from(SNAPSHOT_FORMAT_VERSION) {
        anyhow::bail!(
            "{} is a snapshot of format version {version}, but this wxform reads version {SNAPSHOT_FORMAT_VERSION}; export it again",
            path.display(),
        );
    }
    // Parsed from the text again, so that a wrong field is reported with its line and column.
    let live: Live = serde_json::from_str(&text).with_context(not_a_snapshot)?;
    // Its appid is shown and compared: something else there is never shown.
    if live
        .appid
        .as_deref()
        .is_some_and(|appid| !crate::wechat::credentials::is_appid(appid))
    {
        anyhow::bail!(
            "{} is not a wxform snapshot: its appid is not an AppID (`wx` and 16 hex digits; the value is not shown)",
            path.display()
        );
    }
    if live
        .exported_at
        .as_deref()
        .is_some_and(|date| crate::utc::parse(date).is_none())
    {
        anyhow::bail!(
            "{} is not a wxform snapshot: its exported_at is not a UTC time such as 2026-11-28T09:00:00Z (the value is not shown)",
            path.display()
        );
    }
    Ok(live)
}

/// How old the snapshot `live`, read from `path`, is now, judged against `max`; said on one
/// line of stderr (a warning when it is past `max` or dated in the future).
pub(crate) fn snapshot_age(path: &Path, live: &Live, max: MaxAge) -> Result<SnapshotAge> {
    let now = crate::utc::now().map_err(anyhow::Error::msg)?;
    let age = SnapshotAge::judge(live.exported_at.as_deref(), now, max);
    let shown = crate::inert::text(&path.display().to_string());
    eprintln!("{}", age.log_line(&shown));
    Ok(age)
}
