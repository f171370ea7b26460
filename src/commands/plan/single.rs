//! One account's plan: read the live account (or a snapshot), compare, and show the plan.

use crate::cli::{GlobalArgs, PlanArgs, PlanFormat};
use crate::commands::github::append_step_summary;
use crate::commands::live::{live_and_quotas, snapshot_age};
use crate::commands::load::load_config;
use crate::commands::{Outcome, Reported};
use crate::plan::{Plan, PlanDocument, plan, saved};
use crate::render::{plan_markdown, plan_text};
use crate::wechat::WechatError;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

pub(super) fn run(global: &GlobalArgs, args: &PlanArgs, file: &Path) -> Result<Outcome> {
    let desired = load_config(file)?;
    let (live, quotas) =
        live_and_quotas(global, &desired, args.live.as_deref(), None).map_err(offline_hint)?;
    let mut plan = plan(&desired, &live);
    plan.check_quotas(&live, &quotas);
    if let Some(path) = &args.live {
        plan.snapshot = Some(snapshot_age(path, &live, args.max_snapshot_age)?);
    }
    if args.format == PlanFormat::Json || args.out.is_some() {
        // The plan is data a program reads back: a credential in it is refused, never masked.
        let document = serde_json::to_value(PlanDocument::from_plan(&plan))?;
        crate::secret_in_data::check("the plan", &document)?;
    }

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

fn show(plan: &Plan, format: PlanFormat) -> Result<()> {
    let mut stdout = crate::commands::product_stdout();
    match format {
        PlanFormat::Text => plan_text::write_text(plan, &mut stdout)?,
        PlanFormat::Json => write!(stdout, "{}", PlanDocument::from_plan(plan).to_json())?,
        PlanFormat::Markdown => write!(stdout, "{}", plan_markdown::render_markdown(plan))?,
    }
    stdout.flush()?;
    Ok(())
}
