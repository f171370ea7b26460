//! `wxform apply`: plan (or take a saved plan), show it, check the guards (plan errors,
//! `--allow-destroy`, confirmation), make the calls with a progress line per step on stderr,
//! read back what changed, and print the outputs.

use super::account::{check_account, check_credentials, connect_as, print_warnings, read};
use super::load::load_config;
use super::{Outcome, Reported};
use crate::apply::{self, Event, PlannedStep, Report, label_steps};
use crate::cli::{ApplyArgs, GlobalArgs};
use crate::model::{Desired, Live};
use crate::outputs::outputs;
use crate::plan::{ActionKind, Plan, Step, plan, saved};
use crate::render::plan_text::{self, clean};
use crate::wechat::{Client, Sections, WechatError};
use anyhow::{Context, Result};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

pub fn run(global: &GlobalArgs, args: &ApplyArgs) -> Result<Outcome> {
    let desired = load_config(&args.file)?;
    match &args.plan {
        Some(path) => apply_saved(global, args, &desired, path),
        None => apply_fresh(global, args, &desired),
    }
}

/// `apply [FILE]`: plan now, show the plan, and apply it once approved.
fn apply_fresh(global: &GlobalArgs, args: &ApplyArgs, desired: &Desired) -> Result<Outcome> {
    let client = connect_as(global, &desired.credentials_env)?;
    let live = read_account(&client, desired)?;
    let plan = plan(desired, &live);
    show(&plan)?;
    if plan.has_errors() {
        eprintln!(
            "error: the plan cannot be applied: {}; nothing was changed",
            plan.errors.join("; ")
        );
        return Err(Reported.into());
    }
    if plan.is_empty() {
        return Ok(Outcome::Success);
    }
    check_destroy(&plan, args.allow_destroy)?;
    if !args.auto_approve {
        confirm(&plan)?;
    }
    let steps = label_steps(&plan.actions, &plan.apply_steps());
    execute(&client, desired, &live, &plan, steps)
}

/// `apply --plan PLAN`: the saved plan's steps, exactly, if the account and the config are
/// still what the plan was made from. It was reviewed when it was made: no prompt.
fn apply_saved(
    global: &GlobalArgs,
    args: &ApplyArgs,
    desired: &Desired,
    path: &Path,
) -> Result<Outcome> {
    let saved = saved::read(path)?;
    let client = connect_as(global, &desired.credentials_env)?;
    let live = read_account(&client, desired)?;
    if let Err(err) = saved.verify(desired, &live) {
        let stale = matches!(
            err,
            saved::SavedPlanError::StaleLive | saved::SavedPlanError::StaleConfig
        );
        let stale = if stale {
            "the saved plan is stale: "
        } else {
            ""
        };
        eprintln!("error: {stale}{err}");
        eprintln!("Nothing was changed.");
        return Err(Reported.into());
    }
    // Same config, same account: planning again must give the same steps. Anything else is a
    // file edited by hand (whose destructive flags cannot be trusted) or another version.
    if plan(desired, &live).apply_steps() != saved.steps {
        anyhow::bail!(
            "{} does not hold the steps wxform plans for this configuration and account (edited, or written by another version of wxform); run `wxform plan --out` again and review it. Nothing was changed",
            path.display()
        );
    }
    let plan = Plan {
        appid: saved.appid.clone(),
        actions: saved.actions.clone(),
        live_fingerprint: saved.live_fingerprint.clone(),
        config_fingerprint: saved.config_fingerprint.clone(),
        ..Plan::default()
    };
    show(&plan)?;
    if saved.steps.is_empty() {
        return Ok(Outcome::Success);
    }
    check_destroy(&plan, args.allow_destroy)?;
    let steps = label_steps(&saved.actions, &saved.steps);
    execute(&client, desired, &live, &plan, steps)
}

/// The managed sections of the account, after the `account.appid` guard.
fn read_account(client: &Client, desired: &Desired) -> Result<Live> {
    check_credentials(desired, client)?;
    let live = read(client, Sections::for_desired(desired))?;
    check_account(desired, &live)?;
    Ok(live)
}

fn show(plan: &Plan) -> Result<()> {
    let mut stdout = super::product_stdout();
    plan_text::write_text(plan, &mut stdout)?;
    stdout.flush()?;
    Ok(())
}

/// Refuses a destructive plan without `--allow-destroy`, naming what would be destroyed.
fn check_destroy(plan: &Plan, allow_destroy: bool) -> Result<()> {
    if allow_destroy || !plan.is_destructive() {
        return Ok(());
    }
    let refused: Vec<String> = plan
        .actions
        .iter()
        .filter(|action| action.destructive)
        .map(|action| clean(&action.address))
        .collect();
    let resources = if refused.len() == 1 {
        "resource"
    } else {
        "resources"
    };
    let mut message = format!(
        "the plan destroys or replaces {} {resources} ({}) and --allow-destroy was not given; nothing was changed",
        refused.len(),
        refused.join(", ")
    );
    let deletes_menu = plan
        .actions
        .iter()
        .any(|action| action.steps.contains(&Step::DeleteMenu));
    if deletes_menu {
        message.push_str(
            ". `menu: {button: []}` deletes the default menu, and WeChat then deletes every conditional menu too",
        );
    }
    eprintln!("error: {message}");
    eprintln!(
        "Review the plan above, then run `wxform apply --allow-destroy` to make these changes."
    );
    Err(Reported.into())
}

/// Asks for "yes" on the terminal; refuses when stdin is not one.
fn confirm(plan: &Plan) -> Result<()> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        eprintln!(
            "error: not applying: the plan needs confirmation, but stdin is not a terminal; nothing was changed"
        );
        eprintln!(
            "Review the plan, then run `wxform apply --auto-approve`, or save it with `wxform plan --out PLAN` and run `wxform apply --plan PLAN`."
        );
        return Err(Reported.into());
    }
    let account = plan.appid.as_deref().unwrap_or("the account");
    let approved = ask(account, &mut stdin.lock(), &mut std::io::stderr())
        .context("cannot read the answer")?;
    if !approved {
        eprintln!("error: apply cancelled; nothing was changed");
        return Err(Reported.into());
    }
    Ok(())
}

/// Prompts on `out` and reads one line from `input`: only "yes" approves.
fn ask(account: &str, input: &mut dyn BufRead, out: &mut dyn Write) -> std::io::Result<bool> {
    write!(
        out,
        "\nDo you want to make these changes to {account}?\n  Only 'yes' is accepted: "
    )?;
    out.flush()?;
    let mut answer = String::new();
    input.read_line(&mut answer)?;
    Ok(answer.trim() == "yes")
}

/// Makes the calls, then reads back and prints the outputs; exit 1 on any failure.
fn execute(
    client: &Client,
    desired: &Desired,
    live: &Live,
    plan: &Plan,
    steps: Vec<PlannedStep>,
) -> Result<Outcome> {
    let touched = apply::touched_sections(&steps);
    eprintln!();
    let report = apply::execute(client, live, steps, &mut progress);
    print_warnings(client);
    if !report.is_complete() {
        print_failure(&report);
        return Err(Reported.into());
    }
    let mut after = apply::read_back(client, live, touched).context(
        "every change was made, but the account could not be read back to check it; run `wxform plan` to see its state",
    )?;
    let mut remaining = crate::plan::plan(desired, &after);
    if conditional_menus_were_dropped(plan, &remaining) {
        // Whether menu/create keeps the conditional menus is not documented; when the platform
        // drops them, adding them back is what the configuration asks for.
        eprintln!(
            "\nWeChat removed the conditional menus when the default menu was replaced; adding them again:"
        );
        let steps = label_steps(&remaining.actions, &remaining.apply_steps());
        let touched = apply::touched_sections(&steps);
        let report = apply::execute(client, &after, steps, &mut progress);
        print_warnings(client);
        if !report.is_complete() {
            print_failure(&report);
            return Err(Reported.into());
        }
        after = apply::read_back(client, &after, touched).context(
            "every change was made, but the account could not be read back to check it; run `wxform plan` to see its state",
        )?;
        remaining = crate::plan::plan(desired, &after);
    }
    if remaining.has_changes() {
        eprintln!(
            "error: every call succeeded, but the account does not match the configuration: WeChat stored something other than what was sent. What still differs:"
        );
        let mut stderr = anstream::stderr().lock();
        plan_text::write_text(&remaining, &mut stderr)?;
        return Err(Reported.into());
    }
    let summary = plan.summary();
    let mut stdout = super::product_stdout();
    writeln!(
        stdout,
        "\nApply complete: {} added, {} changed, {} replaced, {} destroyed.",
        summary.add, summary.change, summary.replace, summary.destroy
    )?;
    writeln!(
        stdout,
        "\nOutputs:\n{}",
        serde_json::to_string_pretty(&outputs(desired, &after))?
    )?;
    stdout.flush()?;
    Ok(Outcome::Success)
}

/// The applied plan replaced the default menu, and all that is left to do is add conditional
/// menus back: `menu/create` dropped them.
fn conditional_menus_were_dropped(applied: &Plan, remaining: &Plan) -> bool {
    let replaced_menu = applied
        .apply_steps()
        .iter()
        .any(|step| matches!(step, Step::CreateMenu { .. }));
    replaced_menu
        && remaining.has_changes()
        && !remaining.has_errors()
        && remaining.actions.iter().all(|action| {
            action.address.starts_with("conditional_menu.")
                && matches!(action.kind, ActionKind::Create | ActionKind::Replace)
                && !action.destructive
        })
}

/// One line per step on stderr, as it ends.
fn progress(event: Event<'_>) {
    match event {
        Event::Done {
            step,
            new_id,
            elapsed,
        } => {
            let id = new_id.map(|id| format!("{}, ", clean(&id.to_string())));
            eprintln!(
                "{} … done ({}{} ms)",
                line(step),
                id.unwrap_or_default(),
                elapsed.as_millis()
            );
        }
        Event::Checking { step, error } => {
            let why = match error {
                WechatError::OutcomeUnknown { detail, .. } => format!("no answer: {detail}"),
                other => other.to_string(),
            };
            eprintln!(
                "{} … {why}; re-reading the account to see whether the change was made",
                line(step)
            );
        }
        Event::AlreadyDone { step, new_id } => {
            let id = new_id.map(|id| format!(" ({})", clean(&id.to_string())));
            eprintln!(
                "{} … done: the account already shows this change{}; not repeating it",
                line(step),
                id.unwrap_or_default()
            );
        }
        Event::Retrying { step } => {
            eprintln!("{} … the change was not made; trying once more", line(step))
        }
        Event::Failed { step, elapsed, .. } => {
            eprintln!("{} … failed ({} ms)", line(step), elapsed.as_millis());
        }
    }
}

fn line(step: &PlannedStep) -> String {
    format!("{} {}", step.symbol, clean(&step.address))
}

/// What was applied, what failed and why, what was not attempted, and how to go on.
fn print_failure(report: &Report) {
    eprintln!();
    if let Some(failed) = &report.failed {
        eprintln!(
            "error: apply stopped at {}: {}",
            line(&failed.step),
            failed.error
        );
    }
    eprintln!("Applied ({}):", report.applied.len());
    for applied in &report.applied {
        let id = applied
            .new_id
            .as_ref()
            .map(|id| format!(" ({})", clean(&id.to_string())));
        eprintln!("  {}{}", line(&applied.step), id.unwrap_or_default());
    }
    if let Some(failed) = &report.failed {
        let unknown = if failed.error.outcome_unknown() {
            " (it may or may not have been made)"
        } else {
            ""
        };
        eprintln!("Failed:\n  {}{unknown}", line(&failed.step));
    }
    eprintln!("Not attempted ({}):", report.not_attempted.len());
    for step in &report.not_attempted {
        eprintln!("  {}", line(step));
    }
    eprintln!(
        "\nThe account is partly changed. Fix the cause and run `wxform apply` again: it plans from the live account, so it makes only the changes still missing and creates nothing twice."
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(typed: &str) -> (bool, String) {
        let mut prompt = Vec::new();
        let approved = ask("wx1", &mut typed.as_bytes(), &mut prompt).unwrap();
        (approved, String::from_utf8(prompt).unwrap())
    }

    #[test]
    fn only_yes_approves() {
        let (approved, prompt) = answer("yes\n");
        assert!(approved);
        assert!(prompt.contains("make these changes to wx1?"), "{prompt}");
        assert!(answer("  yes  \n").0);
        for refused in ["y\n", "YES\n", "no\n", "\n", ""] {
            assert!(!answer(refused).0, "{refused:?}");
        }
    }
}
