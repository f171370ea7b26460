//! `wxform apply`: plan (and, with `--plan`, check that the saved file claims exactly that
//! plan), show it, check the guards (plan errors, `--allow-destroy`, confirmation), make the
//! calls with a progress line per step on stderr, read back what changed, repair what
//! `menu/create` removed, and print the outputs.

use super::account::{check_account, check_credentials, connect_as, print_warnings, read};
use super::load::load_config;
use super::{Outcome, Reported};
use crate::apply::lock::{self, ApplyLock, Holder, LockError};
use crate::apply::restore::{self, Restore};
use crate::apply::{self, AppliedStep, Event, PlannedStep};
use crate::cli::{ApplyArgs, GlobalArgs};
use crate::model::{Desired, Live};
use crate::outputs::outputs;
use crate::plan::saved::{self, SavedPlan};
use crate::plan::{ActionKind, Plan, Step, plan};
use crate::render::apply_report;
use crate::render::plan_text::{self, clean};
use crate::wechat::cache::TokenCache;
use crate::wechat::{Client, Sections};
use anyhow::{Context, Result};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

pub fn run(global: &GlobalArgs, args: &ApplyArgs) -> Result<Outcome> {
    let desired = load_config(&args.file)?;
    // A file that is not a complete plan is refused before any call.
    let saved = args.plan.as_deref().map(saved::read).transpose()?;
    let client = connect_as(global, &desired.credentials_env)?;
    check_credentials(&desired, &client)?;
    let _lock = lock_account(args, &desired, &client)?;
    let live = read_account(&client, &desired)?;
    let plan = match (&saved, &args.plan) {
        (Some(saved), Some(path)) => accept(saved, &desired, &live, path)?,
        _ => plan(&desired, &live),
    };
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
    // A saved plan was reviewed when it was made: no prompt.
    if saved.is_none() && !args.auto_approve {
        confirm(&plan)?;
    }
    let steps = plan.planned_steps();
    execute(&client, &desired, &live, &plan, steps)
}

/// `apply --plan PLAN`: the plan computed now, when the file claims exactly that plan.
fn accept(saved: &SavedPlan, desired: &Desired, live: &Live, path: &Path) -> Result<Plan> {
    apply::accept_saved(saved, desired, live).map_err(|err| {
        eprintln!(
            "error: {} does not match what wxform would do now: {err}",
            path.display()
        );
        eprintln!("Nothing was changed.");
        Reported.into()
    })
}

/// One apply per account on this machine: waits while another apply of the account holds the
/// lock (up to `--lock-timeout`), and gives up before reading anything. A lock that cannot be
/// used safely (no cache directory, or one others could tamper with) is skipped with a warning:
/// each add still re-reads the account first, so nothing is added twice.
fn lock_account(args: &ApplyArgs, desired: &Desired, client: &Client) -> Result<Option<ApplyLock>> {
    let without = "this apply runs without the lock that keeps two applies of one account apart";
    let Some(cache) = TokenCache::from_env() else {
        eprintln!("warning: there is no cache directory (set WXFORM_CACHE_DIR); {without}");
        return Ok(None);
    };
    let path = lock::lock_path(cache.dir(), client.appid().or(desired.appid.as_deref()));
    let mut waiting = |holder: Option<&Holder>| {
        let holder = holder.map_or_else(
            || "it has not said who it is yet".to_string(),
            ToString::to_string,
        );
        eprintln!(
            "Another apply of this account is running on this machine ({holder}); waiting up to {} s for it to finish (--lock-timeout).",
            args.lock_timeout
        );
    };
    match lock::acquire(&path, Duration::from_secs(args.lock_timeout), &mut waiting) {
        Ok(lock) => Ok(Some(lock)),
        Err(err @ LockError::Busy { .. }) => {
            eprintln!("error: {err}; nothing was read or changed");
            eprintln!(
                "Run apply again once it has finished, or wait longer with --lock-timeout SECONDS (or WXFORM_LOCK_TIMEOUT)."
            );
            Err(Reported.into())
        }
        Err(err @ LockError::Unusable { .. }) => {
            eprintln!("warning: {err}; {without}");
            Ok(None)
        }
    }
}

/// The managed sections of the account, after the `account.appid` guard.
fn read_account(client: &Client, desired: &Desired) -> Result<Live> {
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
    let mut run = Run {
        client,
        desired,
        applied: Vec::new(),
    };
    eprintln!();
    run.steps(live, steps)?;
    let mut after = read_back(client, live, touched)?;
    let mut remaining = crate::plan::plan(desired, &after);
    let mut repaired = 0;
    if conditional_menus_were_dropped(plan, &remaining) {
        // Whether menu/create keeps the conditional menus is not documented; when the platform
        // drops them, adding them back is what the configuration asks for.
        eprintln!(
            "\nWeChat removed the conditional menus when the default menu was replaced; adding them again:"
        );
        let steps = remaining.planned_steps();
        repaired += steps.len();
        let touched = apply::touched_sections(&steps);
        run.steps(&after, steps)?;
        after = read_back(client, &after, touched)?;
        remaining = crate::plan::plan(desired, &after);
    }
    if desired.conditional_menus.is_none() && replaced_menu(plan) {
        repaired += run.restore_unmanaged(live, &mut after)?;
    }
    let cause = apply::visible_cause(plan, live, &after);
    if remaining.has_changes() {
        let cause =
            cause.unwrap_or_else(|| "WeChat stored something other than what was sent".into());
        eprintln!(
            "error: every call succeeded, but the account does not match the configuration: {cause}. What still differs:"
        );
        let mut stderr = anstream::stderr().lock();
        plan_text::write_text(&remaining, &mut stderr)?;
        return Err(Reported.into());
    }
    if let Some(cause) = cause {
        // The account matches the configuration, but not the plan: say how.
        eprintln!("warning: {cause}");
    }
    let summary = plan.summary();
    let mut stdout = super::product_stdout();
    writeln!(
        stdout,
        "\nApply complete: {} added, {} changed, {} replaced, {} destroyed.",
        summary.add, summary.change, summary.replace, summary.destroy
    )?;
    if repaired > 0 {
        let menus = if repaired == 1 {
            "conditional menu"
        } else {
            "conditional menus"
        };
        writeln!(
            stdout,
            "Repaired: {repaired} {menus} that menu/create removed, added again."
        )?;
    }
    writeln!(
        stdout,
        "\nOutputs:\n{}",
        serde_json::to_string_pretty(&outputs(desired, &after))?
    )?;
    stdout.flush()?;
    Ok(Outcome::Success)
}

/// The calls of one apply, in phases (the plan, then repairs), with everything applied so far:
/// a failure in any phase reports all of it.
struct Run<'a> {
    client: &'a Client,
    desired: &'a Desired,
    applied: Vec<AppliedStep>,
}

impl Run<'_> {
    /// Makes `steps` against the account as `live` shows it; on a failure, prints the report
    /// of the whole run and returns [`Reported`].
    fn steps(&mut self, live: &Live, steps: Vec<PlannedStep>) -> Result<()> {
        self.steps_then(live, steps, apply_report::RERUN)
    }

    /// [`Run::steps`], with `next` saying what to do after a failure.
    fn steps_then(&mut self, live: &Live, steps: Vec<PlannedStep>, next: &str) -> Result<()> {
        let mut report = apply::execute(self.client, self.desired, live, steps, &mut progress);
        print_warnings(self.client);
        let complete = report.is_complete();
        self.applied.append(&mut report.applied);
        if complete {
            return Ok(());
        }
        report.applied = std::mem::take(&mut self.applied);
        let _ = apply_report::write_failure(&mut anstream::stderr().lock(), &report, next);
        Err(Reported.into())
    }

    /// Puts back, exactly as they were read, the conditional menus the configuration does not
    /// manage and that replacing the default menu removed; how many were put back.
    fn restore_unmanaged(&mut self, before: &Live, after: &mut Live) -> Result<usize> {
        let steps = match restore::plan_restore(before, after) {
            Restore::Nothing => return Ok(0),
            Restore::Impossible { missing, why } => {
                eprintln!(
                    "error: replacing the default menu removed conditional menus this configuration does not manage, and they cannot be put back as they were: {why}. Every configured change was made; removed:"
                );
                for name in missing {
                    eprintln!("  {}", clean(&name));
                }
                return Err(Reported.into());
            }
            Restore::Add(steps) => steps,
        };
        eprintln!(
            "\nWeChat removed the conditional menus this configuration does not manage when the default menu was replaced; adding them back as they were:"
        );
        let count = steps.len();
        let touched = apply::touched_sections(&steps);
        // A later run does not see what is gone as missing: the configuration does not ask
        // for these menus.
        self.steps_then(
            after,
            steps,
            "The conditional menus listed as failed or not attempted are gone, and `wxform apply` does not add menus the configuration does not manage: add them again by hand, or manage them under `conditional_menus`.",
        )?;
        *after = read_back(self.client, after, touched)?;
        if !restore::restored(before, after) {
            eprintln!(
                "error: conditional menus this configuration does not manage were added back, but the account does not show them as they were read; removed:"
            );
            for menu in &before.conditional_menus {
                eprintln!("  {}", clean(&restore::name(menu, before)));
            }
            return Err(Reported.into());
        }
        Ok(count)
    }
}

fn read_back(client: &Client, before: &Live, touched: Sections) -> Result<Live> {
    apply::read_back(client, before, touched).context(
        "every change was made, but the account could not be read back to check it; run `wxform plan` to see its state",
    )
}

/// Whether the plan replaced the default menu (`menu/create`).
fn replaced_menu(plan: &Plan) -> bool {
    plan.apply_steps()
        .iter()
        .any(|step| matches!(step, Step::CreateMenu { .. }))
}

/// The applied plan replaced the default menu, and all that is left to do is add conditional
/// menus back: `menu/create` dropped them.
fn conditional_menus_were_dropped(applied: &Plan, remaining: &Plan) -> bool {
    replaced_menu(applied)
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
    let _ = apply_report::write_progress(&mut anstream::stderr().lock(), event);
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
