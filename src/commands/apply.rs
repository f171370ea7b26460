//! `wxform apply`: plan (and, with `--plan`, check that the saved file claims exactly that
//! plan), measure it against the daily quotas read with the account, show it, check the guards
//! (plan errors, a quota too small among them, `--allow-destroy`, confirmation), make the
//! calls with a progress line per step on stderr, read back what changed, repair what
//! `menu/create` removed, and print the outputs.

use super::account::{check_credentials, connect, print_warnings};
use super::live::read;
use super::load::load_config;
use super::{Outcome, Reported};
use crate::apply::lock::{self, ApplyLock, Holder, LockError};
use crate::apply::{self, Progress, Unconverged, guard};
use crate::cli::{ApplyArgs, DEFAULT_CONFIG, GlobalArgs};
use crate::inert;
use crate::live_ids::outputs;
use crate::model::{Desired, Live};
use crate::plan::saved::{self, SavedPlanError};
use crate::plan::{Plan, PlanDocument, plan};
use crate::redact;
use crate::render::apply_outcome;
use crate::render::plan_text;
use crate::wechat::Client;
use crate::wechat::cache::TokenCache;
use anyhow::{Context, Result};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

pub fn run(global: &GlobalArgs, args: &ApplyArgs) -> Result<Outcome> {
    let desired = load_config(&args.file)?;
    let typed = Typed::of(args);
    // A file that is not a complete plan is refused before any call.
    let saved = match &args.plan {
        Some(path) => Some(saved::read(path).map_err(|err| refuse_saved(err, &typed))?),
        None => None,
    };
    let client = connect(global, &desired.credentials_env, None)?;
    check_credentials(&desired, &client)?;
    let _lock = lock_account(args, &typed, &desired, &client)?;
    let (live, quotas) = read(&client, &desired, true)?;
    let mut plan = match (&saved, &args.plan) {
        (Some(saved), Some(path)) => accept(saved, &desired, &live, path, &typed)?,
        _ => plan(&desired, &live),
    };
    // Against the quotas read just now, whatever the saved plan said of them.
    plan.check_quotas(&live, &quotas);
    show(&plan)?;
    if !plan.has_errors() && plan.is_empty() {
        return Ok(Outcome::Success);
    }
    check_guards(&plan, args, &typed)?;
    // A saved plan was reviewed when it was made: no prompt.
    if saved.is_none() && !args.auto_approve {
        confirm(&plan, &typed)?;
    }
    execute(&client, &desired, &live, &plan)
}

/// The refused command as typed, for the hints that say what to run next: with FILE when it is
/// not the default, and with `--plan PLAN` when a saved plan was given, so that what a hint
/// applies is the reviewed plan, never a new one nobody read.
struct Typed {
    /// ` FILE`, or nothing for the default file.
    file: String,
    /// The `--plan` path, shown inert.
    plan: Option<String>,
}

impl Typed {
    fn of(args: &ApplyArgs) -> Typed {
        let shown = |path: &Path| inert::text(&path.display().to_string());
        Typed {
            file: if args.file == Path::new(DEFAULT_CONFIG) {
                String::new()
            } else {
                format!(" {}", shown(&args.file))
            },
            plan: args.plan.as_deref().map(shown),
        }
    }

    /// `wxform apply [FILE] [--plan PLAN]`.
    fn apply(&self) -> String {
        match &self.plan {
            Some(plan) => format!("wxform apply{} --plan {plan}", self.file),
            None => format!("wxform apply{}", self.file),
        }
    }

    /// What to do when the saved plan cannot be used: make it again, into the same file, and
    /// apply that file.
    fn plan_again(&self) -> Option<String> {
        let plan = self.plan.as_ref()?;
        Some(format!(
            "Make the plan again with `wxform plan{} --out {plan}`, review it, then run `{}`.",
            self.file,
            self.apply()
        ))
    }
}

/// A saved plan that cannot be used: the error, then how to make a plan that can.
fn refuse_saved(err: SavedPlanError, typed: &Typed) -> anyhow::Error {
    if let SavedPlanError::Read { .. } = err {
        // A file that cannot be read at all (missing, a FIFO, too large): its cause, once.
        return err.into();
    }
    eprintln!("error: {}", inert::lines(&redact::scrub(&err.to_string())));
    eprintln!("Nothing was changed.");
    if let Some(hint) = typed.plan_again().filter(|_| err.needs_a_new_plan()) {
        eprintln!("{hint}");
    }
    Reported.into()
}

/// `apply --plan PLAN`: the plan computed now, when the file claims exactly that plan.
fn accept(
    saved: &PlanDocument,
    desired: &Desired,
    live: &Live,
    path: &Path,
    typed: &Typed,
) -> Result<Plan> {
    apply::accept_saved(saved, desired, live).map_err(|err| {
        eprintln!(
            "error: {} does not match what wxform would do now: {err}",
            inert::text(&path.display().to_string())
        );
        eprintln!("Nothing was changed.");
        if let Some(hint) = typed.plan_again().filter(|_| err.needs_a_new_plan()) {
            eprintln!("{hint}");
        }
        Reported.into()
    })
}

/// One apply per account on this machine: waits while another apply of the account holds the
/// lock (up to `--lock-timeout`), and gives up before reading anything. A lock that cannot be
/// used safely (no cache directory, or one others could tamper with) is skipped with a warning:
/// each add still re-reads the account first, so nothing is added twice.
fn lock_account(
    args: &ApplyArgs,
    typed: &Typed,
    desired: &Desired,
    client: &Client,
) -> Result<Option<ApplyLock>> {
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
                "Run `{}` again once it has finished, or wait longer with --lock-timeout SECONDS (or WXFORM_LOCK_TIMEOUT).",
                typed.apply()
            );
            Err(Reported.into())
        }
        Err(err @ LockError::Unusable { .. }) => {
            eprintln!("warning: {err}; {without}");
            Ok(None)
        }
    }
}

fn show(plan: &Plan) -> Result<()> {
    let mut stdout = super::product_stdout();
    plan_text::write_text(plan, &mut stdout)?;
    stdout.flush()?;
    Ok(())
}

/// Refuses a plan with errors, or a destructive one without `--allow-destroy`; the hint
/// repeats the command with `--plan PLAN` when a saved plan was given.
fn check_guards(plan: &Plan, args: &ApplyArgs, typed: &Typed) -> Result<()> {
    let Err(refusal) = guard::check(plan, args.allow_destroy) else {
        return Ok(());
    };
    eprintln!("error: {refusal}");
    if let Some(hint) = refusal.hint(&typed.apply()) {
        eprintln!("{hint}");
    }
    Err(Reported.into())
}

/// Asks for "yes" on the terminal; refuses when stdin is not one.
fn confirm(plan: &Plan, typed: &Typed) -> Result<()> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        eprintln!(
            "error: not applying: the plan needs confirmation, but stdin is not a terminal; nothing was changed"
        );
        eprintln!(
            "Review the plan, then run `{} --auto-approve`, or save it with `wxform plan{} --out PLAN` and run `{} --plan PLAN`.",
            typed.apply(),
            typed.file,
            typed.apply()
        );
        return Err(Reported.into());
    }
    let account = plan.appid.as_deref().unwrap_or("the account");
    let approved = guard::ask(account, &mut stdin.lock(), &mut std::io::stderr())
        .context("cannot read the answer")?;
    if !approved {
        eprintln!("error: apply cancelled; nothing was changed");
        return Err(Reported.into());
    }
    Ok(())
}

/// Makes the calls, repairs and reads back (see [`apply::converge`]), then prints the outputs;
/// exit 1 on any failure.
fn execute(client: &Client, desired: &Desired, live: &Live, plan: &Plan) -> Result<Outcome> {
    eprintln!();
    // Above the waiting line, which a slow call of another lane may be showing.
    let mut progress = |progress: Progress<'_>| {
        crate::progress::suspend(|| {
            if matches!(progress, Progress::CallsEnded) {
                print_warnings(client);
            }
            let _ = apply_outcome::write_progress(&mut anstream::stderr().lock(), progress);
        });
    };
    let converged = match apply::converge(client, desired, live, plan, &mut progress) {
        Ok(converged) => converged,
        Err(Unconverged::ReadBack(error)) => {
            return Err(anyhow::Error::new(error).context(apply_outcome::READ_BACK_FAILED));
        }
        Err(unconverged) => {
            let _ = apply_outcome::write_unconverged(&mut anstream::stderr().lock(), &unconverged);
            return Err(Reported.into());
        }
    };
    if let Some(cause) = &converged.cause {
        // The account matches the configuration, but not the plan: say how.
        eprintln!("warning: {cause}");
    }
    let mut stdout = super::product_stdout();
    apply_outcome::write_complete(
        &mut stdout,
        plan.summary(),
        converged.repaired,
        converged.copies,
    )?;
    writeln!(
        stdout,
        "\nOutputs:\n{}",
        crate::inert::json(&serde_json::to_string_pretty(&outputs(
            desired,
            &converged.after
        ))?)
    )?;
    stdout.flush()?;
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn typed(args: &[&str]) -> Typed {
        let cli = crate::cli::Cli::try_parse_from(args).unwrap();
        let crate::cli::Command::Apply(args) = cli.command else {
            panic!("apply");
        };
        Typed::of(&args)
    }

    #[test]
    fn hints_repeat_the_file_and_the_saved_plan_as_typed() {
        let plain = typed(&["wxform", "apply"]);
        assert_eq!(plain.apply(), "wxform apply");
        assert_eq!(plain.plan_again(), None);
        let saved = typed(&["wxform", "apply", "shop.yaml", "--plan", "p.json"]);
        assert_eq!(saved.apply(), "wxform apply shop.yaml --plan p.json");
        assert_eq!(
            saved.plan_again().unwrap(),
            "Make the plan again with `wxform plan shop.yaml --out p.json`, review it, then run `wxform apply shop.yaml --plan p.json`."
        );
        let hostile = typed(&["wxform", "apply", "--plan", "a\u{1b}[2Jb"]);
        assert_eq!(hostile.apply(), "wxform apply --plan a\\u{1b}[2Jb");
    }
}
