//! One apply from start to finish: make the plan's calls, read back what they touched, delete
//! the copies another run added at the same moment (`copies`), plan again, and repair what
//! `menu/create` did beyond the plan (conditional menus of the configuration it dropped are
//! added again; those the configuration does not manage are put back as they were). Every
//! phase's calls count as one run: a failure reports all of them.
//!
//! Like [`super::execute`], this never prints: the observer hears of each step and phase, and
//! the result says how the account ended up.

use super::copies;
use super::restore::{self, Restore};
use super::visible_cause;
use super::{AppliedStep, Event, PlannedStep, Report, execute, read_back, touched_sections};
use crate::model::{Desired, Live};
use crate::plan::{ActionKind, Plan, Step};
use crate::wechat::{Client, Sections, WechatError};
use std::collections::BTreeSet;

/// What [`converge`] tells its observer, as it happens.
#[derive(Debug)]
pub enum Progress<'a> {
    /// A step ended (or is being checked or retried).
    Step(Event<'a>),
    /// A phase's calls ended, successfully or not.
    CallsEnded,
    /// `menu/create` dropped the configured conditional menus: they are added again.
    AddingDroppedMenus,
    /// `menu/create` dropped conditional menus the configuration does not manage: they are put
    /// back as they were read.
    RestoringUnmanaged,
    /// Another run added objects identical to this run's at the same moment: the copies are
    /// deleted, the lowest id of each kept.
    DeletingCopies,
}

/// The phase a failed call belonged to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The plan's calls, or adding the configured conditional menus again.
    Plan,
    /// Putting back conditional menus the configuration does not manage.
    RestoreUnmanaged,
}

/// An apply that made every call and left the account as the configuration asks.
#[derive(Debug)]
pub struct Converged {
    /// The account as read back.
    pub after: Live,
    /// Conditional menus that `menu/create` removed and that were added again.
    pub repaired: usize,
    /// Copies another run added at the same moment, deleted.
    pub copies: usize,
    /// How the account differs from the plan (not from the configuration), when visible.
    pub cause: Option<String>,
}

/// Why an apply did not end with the account matching the configuration.
#[derive(Debug)]
pub enum Unconverged {
    /// A call failed; `report` lists every call of the run (all phases) applied before it.
    Failed { report: Box<Report>, phase: Phase },
    /// Every call succeeded, but the account could not be read back.
    ReadBack(WechatError),
    /// Unmanaged conditional menus were removed and cannot be put back as they were.
    RestoreImpossible { missing: Vec<String>, why: String },
    /// Unmanaged conditional menus were added back but do not read as they were; `removed`
    /// names every unmanaged menu read before.
    NotRestored { removed: Vec<String> },
    /// Every call succeeded, but planning again still finds `remaining` to do.
    Diverged { remaining: Box<Plan>, cause: String },
}

/// Applies `plan` (planned for `desired` against `live`) and converges: see the module.
pub fn converge(
    client: &Client,
    desired: &Desired,
    live: &Live,
    plan: &Plan,
    observer: &mut (dyn FnMut(Progress<'_>) + Send),
) -> Result<Converged, Unconverged> {
    let mut run = Run {
        client,
        desired,
        start: live,
        applied: Vec::new(),
        copies: 0,
        observer,
    };
    let steps = plan.planned_steps();
    let touched = touched_sections(&steps);
    run.steps(live, steps, Phase::Plan)?;
    let mut after = run.settle(live, touched)?;
    let mut remaining = crate::plan::plan(desired, &after);
    let mut repaired = 0;
    if conditional_menus_were_dropped(plan, &remaining) {
        // Whether menu/create keeps the conditional menus is not documented; when the platform
        // drops them, adding them back is what the configuration asks for.
        (run.observer)(Progress::AddingDroppedMenus);
        let steps = remaining.planned_steps();
        repaired += steps.len();
        let touched = touched_sections(&steps);
        run.steps(&after, steps, Phase::Plan)?;
        after = run.settle(&after, touched)?;
        remaining = crate::plan::plan(desired, &after);
    }
    if desired.conditional_menus.is_none() && replaced_menu(plan) {
        repaired += run.restore_unmanaged(live, &mut after)?;
    }
    let cause = visible_cause(plan, live, &after);
    if remaining.has_changes() {
        let cause =
            cause.unwrap_or_else(|| "WeChat stored something other than what was sent".into());
        return Err(Unconverged::Diverged {
            remaining: Box::new(remaining),
            cause,
        });
    }
    Ok(Converged {
        after,
        repaired,
        copies: run.copies,
        cause,
    })
}

/// The calls of one apply, in phases, with everything applied so far.
struct Run<'a, 'o> {
    client: &'a Client,
    desired: &'a Desired,
    /// The account as this apply read it.
    start: &'a Live,
    applied: Vec<AppliedStep>,
    /// Copies another run added, deleted so far.
    copies: usize,
    observer: &'o mut (dyn FnMut(Progress<'_>) + Send),
}

impl Run<'_, '_> {
    /// Makes `steps` against the account as `live` shows it; a failure reports the whole run.
    fn steps(
        &mut self,
        live: &Live,
        steps: Vec<PlannedStep>,
        phase: Phase,
    ) -> Result<(), Unconverged> {
        let observer = &mut *self.observer;
        let mut report = execute(self.client, self.desired, live, steps, &mut |event| {
            observer(Progress::Step(event));
        });
        observer(Progress::CallsEnded);
        let complete = report.is_complete();
        self.applied.append(&mut report.applied);
        if complete {
            return Ok(());
        }
        report.applied = std::mem::take(&mut self.applied);
        Err(Unconverged::Failed {
            report: Box::new(report),
            phase,
        })
    }

    /// `before` with the `touched` sections read back, without the copies another run added at
    /// the same moment as this one (see `copies`).
    fn settle(&mut self, before: &Live, touched: Sections) -> Result<Live, Unconverged> {
        let mut after = read_back(self.client, before, touched).map_err(Unconverged::ReadBack)?;
        let added: BTreeSet<String> = self
            .applied
            .iter()
            .filter(|applied| super::recover::creates(&applied.step.step))
            .map(|applied| applied.step.address.clone())
            .collect();
        let deletes = copies::extra_copies(self.desired, self.start, &after, &added);
        if deletes.is_empty() {
            return Ok(after);
        }
        (self.observer)(Progress::DeletingCopies);
        self.copies += deletes.len();
        self.steps(&after, deletes.clone(), Phase::Plan)?;
        copies::forget(&mut after, &deletes);
        Ok(after)
    }

    /// Puts back, exactly as they were read, the conditional menus the configuration does not
    /// manage and that replacing the default menu removed; how many were put back.
    fn restore_unmanaged(&mut self, before: &Live, after: &mut Live) -> Result<usize, Unconverged> {
        let steps = match restore::plan_restore(before, after) {
            Restore::Nothing => return Ok(0),
            Restore::Impossible { missing, why } => {
                return Err(Unconverged::RestoreImpossible { missing, why });
            }
            Restore::Add(steps) => steps,
        };
        (self.observer)(Progress::RestoringUnmanaged);
        let count = steps.len();
        let touched = touched_sections(&steps);
        self.steps(after, steps, Phase::RestoreUnmanaged)?;
        *after = read_back(self.client, after, touched).map_err(Unconverged::ReadBack)?;
        if !restore::restored(before, after) {
            let removed = before.conditional_menus.iter();
            let removed = removed.map(|menu| restore::name(menu, before)).collect();
            return Err(Unconverged::NotRestored { removed });
        }
        Ok(count)
    }
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
