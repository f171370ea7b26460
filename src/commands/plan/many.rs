//! `wxform plan a.yaml b.yaml …` (or a directory): several accounts planned concurrently, each
//! with the credentials its file names, into one report and one exit code.
//!
//! Files are loaded one by one first (their diagnostics print in order, offline); then at most
//! `--parallelism` accounts are read at a time, their clients sharing one [`HttpPool`] so that
//! connections are bounded and reused from one account to the next. One account failing does
//! not stop the others: the report shows every account, and the exit code is 1 if any failed.
//! Two files that are one account are warned about, on stderr and in the report.

use super::same_account::same_accounts;
use crate::cli::{GlobalArgs, PlanArgs, PlanFormat};
use crate::commands::github::append_step_summary;
use crate::commands::live::live_and_quotas;
use crate::commands::load::{config_files, load_config};
use crate::commands::{Outcome, Reported, UsageError};
use crate::model::Desired;
use crate::plan::{Plan, plan};
use crate::progress::{self, Wait};
use crate::render::plans_report::{
    AccountPlan, SameAccount, render_json_report, render_markdown_report, write_text_report,
};
use crate::wechat::HttpPool;
use crate::wechat::pool::DEFAULT_MAX_IN_FLIGHT;
use anyhow::Result;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The one configuration file of a single-account plan: exactly one FILE that is not a
/// directory. Its output is the single-account plan, unchanged.
pub(super) fn single_file(args: &PlanArgs) -> Option<&Path> {
    match args.files.as_slice() {
        [file] if !file.is_dir() => Some(file),
        _ => None,
    }
}

pub(super) fn run(global: &GlobalArgs, args: &PlanArgs) -> Result<Outcome> {
    refuse_single_account_options(args)?;
    let files = config_files(&args.files)?;
    let loaded = load_all(&files);
    let same = same_accounts(&loaded);
    for warning in &same {
        eprintln!("warning: {}", warning.sentence(crate::inert::text));
    }
    let pool = pool_for(global)?;
    let accounts = plan_all(global, loaded, usize::from(args.parallelism), &pool);

    report_failures(&accounts);
    show(&accounts, &same, args.format)?;
    append_step_summary(&render_markdown_report(&accounts, &same))?;

    let failed = accounts
        .iter()
        .any(|a| a.result.as_ref().map_or(true, |plan| plan.has_errors()));
    if failed {
        return Err(Reported.into());
    }
    let changes = accounts
        .iter()
        .any(|a| a.result.as_ref().is_ok_and(|plan| plan.has_changes()));
    Ok(if args.detailed_exitcode && changes {
        Outcome::Changes
    } else {
        Outcome::Success
    })
}

/// `--out` and `--live` belong to one account; with several configurations they are refused.
fn refuse_single_account_options(args: &PlanArgs) -> Result<()> {
    // A lone directory is several accounts too; saying "several configurations" would puzzle.
    let given = match args.files.as_slice() {
        [dir] => format!("{} is a directory of configurations", dir.display()),
        _ => "several configurations were given".to_string(),
    };
    if let Some(out) = &args.out {
        return Err(UsageError(format!(
            "--out {} saves one account's plan, but {given}; plan each file on its own to save its plan (`wxform plan FILE --out PLAN`)",
            out.display()
        ))
        .into());
    }
    if args.live.is_some() {
        return Err(UsageError(format!(
            "--live takes one account's snapshot, but {given}; plan each file on its own against its snapshot"
        ))
        .into());
    }
    Ok(())
}

/// Each file's name with its configuration, or why it could not be loaded.
fn load_all(files: &[PathBuf]) -> Vec<(String, Result<Desired, String>)> {
    files
        .iter()
        .map(|file| {
            let name = file.display().to_string();
            let desired = load_config(file).map_err(|err| {
                if err.is::<Reported>() {
                    "the configuration is invalid (see the diagnostics above)".to_string()
                } else {
                    format!("{err:#}")
                }
            });
            (name, desired)
        })
        .collect()
}

/// One error line on stderr for each account that failed or whose plan cannot be applied. The
/// file's name and the error may quote anything (a pull request names the files): inert.
fn report_failures(accounts: &[AccountPlan]) {
    for account in accounts {
        let file = crate::inert::text(&account.file);
        match &account.result {
            Err(error) => eprintln!(
                "error: {file}: {}",
                crate::inert::lines(&crate::redact::scrub(error))
            ),
            Ok(plan) if plan.has_errors() => eprintln!(
                "error: {file}: the plan cannot be applied: {}",
                plan.errors.join("; ")
            ),
            Ok(_) => {}
        }
    }
}

/// One account's plan, measured against its own daily quotas.
fn plan_account(global: &GlobalArgs, desired: &Desired, pool: &HttpPool) -> Result<Plan, String> {
    let (live, quotas) =
        live_and_quotas(global, desired, None, Some(pool)).map_err(|err| format!("{err:#}"))?;
    let mut plan = plan(desired, &live);
    plan.check_quotas(&live, &quotas);
    Ok(plan)
}

/// The connection pool every account's client shares.
fn pool_for(global: &GlobalArgs) -> Result<HttpPool, crate::wechat::WechatError> {
    // WeChat limits calls per account, not per caller: the bound on connections is for the
    // runner's sake and the host's, and the number of accounts at a time only sets how long
    // the run takes.
    // A plain-http base (a local emulator) is reached without proxies; `Client::new` makes
    // sure of it whatever the pool.
    let direct = global
        .api_base
        .trim()
        .to_ascii_lowercase()
        .starts_with("http://");
    HttpPool::with_bound(DEFAULT_MAX_IN_FLIGHT, direct)
}

/// Plans every loaded account, `parallelism` at a time through `pool`, keeping the given order;
/// how many are done is reported to [`progress`] while it runs.
fn plan_all(
    global: &GlobalArgs,
    loaded: Vec<(String, Result<Desired, String>)>,
    parallelism: usize,
    pool: &HttpPool,
) -> Vec<AccountPlan> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let total = loaded.len();
    let planning = progress::begin(Wait::Planning { done: 0, total });
    let results: Vec<Mutex<Option<Result<Plan, String>>>> =
        loaded.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..parallelism.clamp(1, loaded.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some((_, desired)) = loaded.get(index) else {
                        break;
                    };
                    let result = desired
                        .clone()
                        .and_then(|desired| plan_account(global, &desired, pool));
                    *crate::mutex::lock(&results[index]) = Some(result);
                    let done = done.fetch_add(1, Ordering::Relaxed) + 1;
                    planning.update(Wait::Planning { done, total });
                }
            });
        }
    });
    drop(planning);
    loaded
        .into_iter()
        .zip(results)
        .map(|((file, _), result)| AccountPlan {
            file,
            result: result
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .unwrap_or_else(|| Err("not planned".to_string())),
        })
        .collect()
}

fn show(accounts: &[AccountPlan], same: &[SameAccount], format: PlanFormat) -> Result<()> {
    let mut stdout = crate::commands::product_stdout();
    match format {
        PlanFormat::Text => write_text_report(accounts, same, &mut stdout)?,
        PlanFormat::Json => {
            let report = render_json_report(accounts, same);
            // The report is data a program reads: a credential in it is refused, never masked.
            crate::secret_in_data::check("the plans", &serde_json::from_str(&report)?)?;
            write!(stdout, "{report}")?
        }
        PlanFormat::Markdown => write!(stdout, "{}", render_markdown_report(accounts, same))?,
    }
    stdout.flush()?;
    Ok(())
}
