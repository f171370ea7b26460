//! `wxform show PLAN`: a saved plan shown as `plan` showed it when it was made (text,
//! Markdown), or as its document (JSON). Offline: no configuration, no credentials, no call.
//!
//! The file is hostile input (an artifact of an earlier CI run): it is read as `apply --plan`
//! reads it before anything else (bounded, complete, of this format version, its summary and
//! steps following from its actions), and a credential in it is refused rather than shown.
//! Every text from it goes through the same inert renderers as a plan computed now.

use super::{Outcome, Reported};
use crate::cli::{PlanFormat, ShowArgs};
use crate::plan::saved;
use crate::render::{plan_markdown, plan_text};
use crate::{inert, redact};
use anyhow::Result;
use std::io::Write;

pub fn run(args: &ShowArgs) -> Result<Outcome> {
    let document = saved::read(&args.plan).map_err(|err| {
        if let saved::SavedPlanError::Read { .. } = err {
            // A file that cannot be read at all (missing, a FIFO, too large): its cause, once.
            return err.into();
        }
        eprintln!("error: {}", inert::lines(&redact::scrub(&err.to_string())));
        if err.needs_a_new_plan() {
            eprintln!("Make the plan again with `wxform plan --out PLAN`.");
        }
        anyhow::Error::from(Reported)
    })?;
    // A plan is data a program reads: a credential in it is refused, never masked.
    crate::secret_in_data::check("the plan", &serde_json::to_value(&document)?)?;
    let plan = document.to_plan();
    let mut stdout = super::product_stdout();
    match args.format {
        PlanFormat::Text => plan_text::write_text(&plan, &mut stdout)?,
        PlanFormat::Markdown => write!(stdout, "{}", plan_markdown::render_markdown(&plan))?,
        PlanFormat::Json => write!(stdout, "{}", document.to_json())?,
    }
    stdout.flush()?;
    if plan.has_errors() {
        eprintln!(
            "error: the plan cannot be applied: {}",
            inert::text(&plan.errors.join("; "))
        );
        return Err(Reported.into());
    }
    Ok(Outcome::Success)
}
