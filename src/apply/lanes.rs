//! Making a plan's calls along its lanes ([`Lane`]): every lane on a thread of its own, each
//! starting once the lanes it waits for have ended, and within a lane its stages (the steps of
//! one [`Step::phase`]) in order. A stage whose steps may be made at the same time
//! ([`Step::concurrent`]) starts up to [`AT_ONCE`] of them together; adds of templates of one
//! title form a chain, made one after the other. Any other stage makes its steps one after the
//! other, in plan order.
//!
//! Before a stage of adds, its section is read once, right before the first add needs it
//! ([`Reread`]). When a step fails, no lane starts another step; the steps under way end and
//! are reported as they end. Every step's outcome is kept at its place in the plan, so what was
//! applied, what failed and what was not attempted read in plan order, whatever the timing.

use super::executor::{Executor, Reread, StepResult};
use super::recover;
use super::{PlannedStep, StepError};
use crate::model::Desired;
use crate::mutex::lock;
use crate::plan::{AT_ONCE, Lane, Step};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Instant;

/// A step with its place in the plan.
type Placed<'s> = (usize, &'s PlannedStep);

/// The steps of one phase within a lane.
struct Stage<'s> {
    steps: Vec<Placed<'s>>,
}

impl Stage<'_> {
    fn first(&self) -> &Step {
        &self.steps[0].1.step
    }
}

/// The stages of `lane` among `steps` (in plan order, so sorted by phase), in order.
fn stages(steps: &[PlannedStep], lane: Lane) -> Vec<Stage<'_>> {
    let mut stages: Vec<Stage<'_>> = Vec::new();
    for (at, planned) in steps.iter().enumerate() {
        if planned.step.lane() != lane {
            continue;
        }
        match stages.last_mut() {
            Some(stage) if stage.first().phase() == planned.step.phase() => {
                stage.steps.push((at, planned));
            }
            _ => stages.push(Stage {
                steps: vec![(at, planned)],
            }),
        }
    }
    stages
}

/// Makes the calls of `steps` along their lanes; each step's outcome at its place, `None` for a
/// step not attempted.
pub(super) fn run(executor: &Executor<'_>, steps: &[PlannedStep]) -> Vec<Option<StepResult>> {
    let lanes = Lanes {
        executor,
        ended: Mutex::new(BTreeSet::new()),
        changed: Condvar::new(),
        outcomes: Mutex::new((0..steps.len()).map(|_| None).collect()),
    };
    std::thread::scope(|scope| {
        for lane in Lane::ALL {
            let lanes = &lanes;
            scope.spawn(move || lanes.lane(lane, stages(steps, lane)));
        }
    });
    lanes
        .outcomes
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
}

struct Lanes<'e, 'a> {
    executor: &'e Executor<'a>,
    /// Lanes that have ended, successfully or not.
    ended: Mutex<BTreeSet<Lane>>,
    changed: Condvar,
    outcomes: Mutex<Vec<Option<StepResult>>>,
}

/// Marks a lane ended when its thread leaves it, however it leaves (a panic included, so that
/// no lane waits for it forever).
struct Ending<'l, 'e, 'a> {
    lanes: &'l Lanes<'e, 'a>,
    lane: Lane,
}

impl Drop for Ending<'_, '_, '_> {
    fn drop(&mut self) {
        lock(&self.lanes.ended).insert(self.lane);
        self.lanes.changed.notify_all();
    }
}

impl Lanes<'_, '_> {
    fn lane(&self, lane: Lane, stages: Vec<Stage<'_>>) {
        let _ending = Ending { lanes: self, lane };
        self.wait_for(lane.waits_for());
        for stage in &stages {
            if self.executor.stopped() {
                return;
            }
            if stage.first().concurrent() {
                self.together(stage);
            } else {
                self.one_by_one(stage);
            }
        }
    }

    /// Waits until every lane of `lanes` has ended. A lane ends only after those it waits for,
    /// so this also waits for what they wait for.
    fn wait_for(&self, lanes: &[Lane]) {
        let mut ended = lock(&self.ended);
        while !lanes.iter().all(|lane| ended.contains(lane)) {
            ended = self
                .changed
                .wait(ended)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    fn record(&self, at: usize, outcome: StepResult) -> bool {
        let failed = outcome.is_err();
        lock(&self.outcomes)[at] = Some(outcome);
        failed
    }

    /// The steps of `stage` one after the other, until one fails.
    fn one_by_one(&self, stage: &Stage<'_>) {
        let reread = Reread::new(stage.first());
        for &(at, step) in &stage.steps {
            if self.executor.stopped() || self.record(at, self.executor.run(step, &reread)) {
                return;
            }
        }
    }

    /// The chains of `stage` at the same time, up to [`AT_ONCE`]: the first ones start
    /// together, the next as earlier ones end, while no step has failed.
    fn together(&self, stage: &Stage<'_>) {
        let reread = Reread::new(stage.first());
        if recover::creates(stage.first()) {
            // Read before any add starts, so that one read serves them all.
            let started = Instant::now();
            if let Err(error) = reread.get(self.executor.client) {
                let (at, step) = stage.steps[0];
                let error = StepError::from(error);
                self.executor.failed(step, &error, started);
                self.record(at, Err(error));
                return;
            }
            if self.executor.stopped() {
                return;
            }
        }
        let chains = chains(self.executor.desired, stage);
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..chains.len().min(AT_ONCE) {
                scope.spawn(|| {
                    loop {
                        let index = next.fetch_add(1, Ordering::SeqCst);
                        let Some(chain) = chains.get(index) else {
                            return;
                        };
                        self.chain(chain, index < AT_ONCE, &reread);
                    }
                });
            }
        });
    }

    /// The steps of one chain in order, until one fails; the first starts even after a failure
    /// elsewhere when `committed` (it started with its stage).
    fn chain(&self, chain: &[Placed<'_>], committed: bool, reread: &Reread) {
        for (n, &(at, step)) in chain.iter().enumerate() {
            if !(committed && n == 0) && self.executor.stopped() {
                return;
            }
            if self.record(at, self.executor.run(step, reread)) {
                return;
            }
        }
    }
}

/// The steps of `stage` in chains: adds of one template title together, in plan order (a
/// classic template configured without keywords is recognised by its title alone, so what one
/// of them creates could be taken for another's); every other step alone.
fn chains<'s>(desired: &Desired, stage: &Stage<'s>) -> Vec<Vec<Placed<'s>>> {
    let mut chains: Vec<(Option<&str>, Vec<Placed<'s>>)> = Vec::new();
    for &(at, step) in &stage.steps {
        let title = recover::identity(desired, &step.step).map(|(t, _)| t);
        match chains
            .iter_mut()
            .find(|(key, _)| title.is_some() && *key == title)
        {
            Some((_, chain)) => chain.push((at, step)),
            None => chains.push((title, vec![(at, step)])),
        }
    }
    chains.into_iter().map(|(_, chain)| chain).collect()
}

/// The round trips the calls of `steps` take when each takes one, along the longest chain of
/// lanes: per stage, one for the re-read before adds, and one per [`AT_ONCE`] steps made at the
/// same time or one per step made one after the other. The lower bound of an apply's calls
/// (`benches/apply_latency.rs`).
pub fn round_trips(steps: &[PlannedStep]) -> usize {
    let mut ends: Vec<(Lane, usize)> = Vec::new();
    // `Lane::ALL` lists every lane after those it waits for.
    for lane in Lane::ALL {
        let start = lane.waits_for().iter();
        let start = start.filter_map(|earlier| ends.iter().find(|(l, _)| l == earlier));
        let start = start.map(|(_, end)| *end).max().unwrap_or(0);
        let length: usize = stages(steps, lane)
            .iter()
            .map(|stage| {
                let calls = match stage.first().concurrent() {
                    true => stage.steps.len().div_ceil(AT_ONCE),
                    false => stage.steps.len(),
                };
                calls + usize::from(recover::creates(stage.first()))
            })
            .sum();
        ends.push((lane, start + length));
    }
    ends.into_iter().map(|(_, end)| end).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DesiredTemplates;
    use crate::plan::testkit::template;

    fn add(name: &str) -> PlannedStep {
        PlannedStep {
            address: format!("template.{name}"),
            symbol: "+",
            step: Step::AddTemplate {
                name: name.into(),
                short_id: "TM1".into(),
                keywords: vec![],
            },
        }
    }

    #[test]
    fn adds_of_one_title_are_chained_and_other_adds_run_alone() {
        let desired = Desired {
            templates: Some(DesiredTemplates {
                items: vec![
                    template("paid", "TM00015", "订单支付成功", &[]),
                    template("shipped", "43216", "发货提醒", &["订单编号"]),
                    template("paid_detail", "47123", "订单支付成功", &["订单号"]),
                ],
                ..DesiredTemplates::default()
            }),
            ..Desired::default()
        };
        let steps = [add("paid"), add("shipped"), add("paid_detail")];
        let found = stages(&steps, Lane::Templates);
        assert_eq!(found.len(), 1);
        let chained: Vec<Vec<usize>> = chains(&desired, &found[0])
            .iter()
            .map(|chain| chain.iter().map(|(at, _)| *at).collect())
            .collect();
        assert_eq!(chained, [vec![0, 2], vec![1]]);
    }

    #[test]
    fn a_lane_has_a_stage_per_phase_in_order() {
        let delete = PlannedStep {
            address: "template[id=x]".into(),
            symbol: "-",
            step: Step::DeleteTemplate {
                template_id: "x".into(),
                title: "t".into(),
            },
        };
        let steps = [delete.clone(), delete, add("a"), add("b")];
        let places: Vec<Vec<usize>> = stages(&steps, Lane::Templates)
            .iter()
            .map(|stage| stage.steps.iter().map(|(at, _)| *at).collect())
            .collect();
        assert_eq!(places, [vec![0, 1], vec![2, 3]]);
        assert!(stages(&steps, Lane::Tags).is_empty());
    }
}
