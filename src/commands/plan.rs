//! `wxform plan`: read the live account (or a snapshot), compare, and show the plan.

use super::account::{check_account, check_credentials, connect, read, read_snapshot};
use super::load::load_config;
use super::plan_many;
use super::{Outcome, Reported};
use crate::cli::{GlobalArgs, PlanArgs, PlanFormat};
use crate::model::{Desired, Live};
use crate::plan::{Plan, plan, saved};
use crate::render::{plan_json, plan_markdown, plan_text};
use crate::wechat::{HttpPool, Sections, WechatError};
use anyhow::{Context, Result};
use std::io::Write;

pub fn run(global: &GlobalArgs, args: &PlanArgs) -> Result<Outcome> {
    let Some(file) = plan_many::single_file(args) else {
        return plan_many::run(global, args);
    };
    let desired = load_config(file)?;
    let live = live_state(global, &desired, args.live.as_deref(), None).map_err(offline_hint)?;
    let plan = plan(&desired, &live);

    show(&plan, args.format)?;
    append_step_summary(&plan_markdown::render_markdown(&plan))?;
    if plan.has_errors() {
        eprintln!(
            "error: the plan cannot be applied: {}",
            plan.errors.join("; ")
        );
        return Err(Reported.into());
    }
    if let Some(out) = &args.out {
        saved::write(&plan, out)?;
        eprintln!(
            "Saved the plan to {}; apply it with `wxform apply --plan {}`.",
            out.display(),
            out.display()
        );
    }
    Ok(if args.detailed_exitcode && plan.has_changes() {
        Outcome::Changes
    } else {
        Outcome::Success
    })
}

/// Missing credentials: point at the offline way to plan (pull requests from forks have no
/// secrets).
fn offline_hint(err: anyhow::Error) -> anyhow::Error {
    match err.downcast_ref::<WechatError>() {
        Some(WechatError::Config(text)) if text.contains("credentials") => anyhow::anyhow!(
            "{text}; to plan without an account, pass --live SNAPSHOT (written by `wxform export --format json`)"
        ),
        _ => err,
    }
}

/// The live state from `--live SNAPSHOT`, else from the network (only the managed sections),
/// through `pool` when several accounts share one.
pub(crate) fn live_state(
    global: &GlobalArgs,
    desired: &Desired,
    snapshot: Option<&std::path::Path>,
    pool: Option<&HttpPool>,
) -> Result<Live> {
    let live = match snapshot {
        Some(path) => {
            let live = read_snapshot(path)?;
            check_account(desired, live.appid.as_deref(), |actual| {
                format!("{} is a snapshot of {actual}", path.display())
            })?;
            live
        }
        None => {
            let client = connect(global, &desired.credentials_env, pool)?;
            check_credentials(desired, &client)?;
            read(&client, Sections::for_desired(desired))?
        }
    };
    Ok(live)
}

fn show(plan: &Plan, format: PlanFormat) -> Result<()> {
    let mut stdout = super::product_stdout();
    match format {
        PlanFormat::Text => plan_text::write_text(plan, &mut stdout)?,
        PlanFormat::Json => writeln!(stdout, "{}", plan_json::render_json(plan))?,
        PlanFormat::Markdown => write!(stdout, "{}", plan_markdown::render_markdown(plan))?,
    }
    stdout.flush()?;
    Ok(())
}

/// GitHub Actions shows `$GITHUB_STEP_SUMMARY` on the run's page.
pub(crate) fn append_step_summary(markdown: &str) -> Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| {
            format!(
                "cannot open GITHUB_STEP_SUMMARY ({})",
                path.to_string_lossy()
            )
        })?;
    file.write_all(crate::redact::scrub(markdown).as_bytes())?;
    Ok(())
}
