//! How an apply ended, in the user's words: the phases that repair what `menu/create` removed
//! or delete what another run added at the same moment, why the account does not match the
//! configuration when it does not, and the closing summary.

use super::apply_report::{self, RERUN};
use super::plan_text;
use crate::apply::{Phase, Progress, Unconverged};
use crate::inert;
use crate::plan::Summary;
use crate::words::plural;
use std::io::{self, Write};

/// What to do after a failure while putting back conditional menus the configuration does
/// not manage: a later run does not see what is gone as missing.
const RESTORE_NEXT: &str = "The conditional menus listed as failed or not attempted are gone, and `wxform apply` does not add menus the configuration does not manage: add them again by hand, or manage them under `conditional_menus`.";

/// Every call succeeded but the read-back failed: the start of the error, before its cause.
pub const READ_BACK_FAILED: &str = "every change was made, but the account could not be read back to check it; run `wxform plan` to see its state";

/// The line that starts a repair phase, or a progress line for a step; nothing for the end of
/// a phase's calls.
pub fn write_progress(out: &mut dyn Write, progress: Progress<'_>) -> io::Result<()> {
    match progress {
        Progress::Step(event) => apply_report::write_progress(out, event),
        Progress::CallsEnded => Ok(()),
        Progress::AddingDroppedMenus => writeln!(
            out,
            "\nWeChat removed the conditional menus when the default menu was replaced; adding them again:"
        ),
        Progress::RestoringUnmanaged => writeln!(
            out,
            "\nWeChat removed the conditional menus this configuration does not manage when the default menu was replaced; adding them back as they were:"
        ),
        Progress::DeletingCopies => writeln!(
            out,
            "\nAnother run added the same objects as this one at the same moment; keeping the one with the lowest id of each and deleting the other copies:"
        ),
    }
}

/// Why the account does not match the configuration after apply.
pub fn write_unconverged(out: &mut dyn Write, unconverged: &Unconverged) -> io::Result<()> {
    match unconverged {
        Unconverged::Failed { report, phase } => {
            let next = match phase {
                Phase::Plan => RERUN,
                Phase::RestoreUnmanaged => RESTORE_NEXT,
            };
            apply_report::write_failure(out, report, next)
        }
        Unconverged::ReadBack(error) => writeln!(
            out,
            "error: {READ_BACK_FAILED}: {}",
            inert::text(&error.to_string())
        ),
        Unconverged::RestoreImpossible { missing, why } => {
            writeln!(
                out,
                "error: replacing the default menu removed conditional menus this configuration does not manage, and they cannot be put back as they were: {why}. Every configured change was made; removed:"
            )?;
            write_names(out, missing)
        }
        Unconverged::NotRestored { removed } => {
            writeln!(
                out,
                "error: conditional menus this configuration does not manage were added back, but the account does not show them as they were read; removed:"
            )?;
            write_names(out, removed)
        }
        Unconverged::Diverged { remaining, cause } => {
            writeln!(
                out,
                "error: every call succeeded, but the account does not match the configuration: {cause}. What still differs:"
            )?;
            plan_text::write_text(remaining, out)
        }
    }
}

fn write_names(out: &mut dyn Write, names: &[String]) -> io::Result<()> {
    for name in names {
        writeln!(out, "  {}", inert::text(name))?;
    }
    Ok(())
}

/// `Apply complete: …`, how many conditional menus were added again, and how many copies
/// another run added at the same moment were deleted.
pub fn write_complete(
    out: &mut dyn Write,
    summary: Summary,
    repaired: usize,
    copies: usize,
) -> io::Result<()> {
    writeln!(
        out,
        "\nApply complete: {} added, {} changed, {} replaced, {} destroyed.",
        summary.add, summary.change, summary.replace, summary.destroy
    )?;
    if repaired > 0 {
        writeln!(
            out,
            "Repaired: {} that menu/create removed, added again.",
            plural(repaired, "conditional menu")
        )?;
    }
    if copies > 0 {
        writeln!(
            out,
            "Copies: {} that another run added at the same moment, deleted; the outputs name the one kept of each.",
            plural(copies, "object")
        )?;
    }
    Ok(())
}
