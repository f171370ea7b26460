//! Pausing writes until the test lets them go on: a slow write overtaken by another client, or
//! a client stopped before every write it has under way at once, with no sleep.
//!
//! A rule names the mutating request to pause: the one after `skip` more (to one path, or to
//! any). Once paused, a request waits at a gate of its own until the test resumes it (the
//! oldest first, the oldest to a path, or all), and is then performed and answered as if it
//! had just arrived.

use std::collections::VecDeque;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Which mutating request to pause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PauseRule {
    /// `None`: any mutating path; only requests to this path count towards `skip` otherwise.
    pub path: Option<String>,
    pub skip: usize,
    /// Once this rule has paused its request, every later mutating request is paused too,
    /// until [`Pauses::stop`].
    pub every_later: bool,
}

/// The pause rules in force and the requests paused.
#[derive(Debug, Default)]
pub struct Pauses {
    rules: Vec<PauseRule>,
    /// Every mutating request is paused (a rule with `every_later` has fired).
    all: bool,
    /// Paused requests not resumed yet, oldest first, with their paths.
    waiting: VecDeque<(String, Arc<Semaphore>)>,
    /// Resumes given while nothing waited: each lets the next paused request through at once.
    passes: usize,
    /// Requests paused so far.
    pub count: usize,
}

impl Pauses {
    pub fn add(&mut self, rule: PauseRule) {
        self.rules.push(rule);
    }

    /// No request is paused from now on; those paused still wait to be resumed.
    pub fn stop(&mut self) {
        self.rules.clear();
        self.all = false;
    }

    /// The gate to wait at when this mutating request (to `path`) is one to pause.
    pub fn take(&mut self, path: &str) -> Option<Arc<Semaphore>> {
        if !self.all && !self.fire(path) {
            return None;
        }
        self.count += 1;
        let gate = Arc::new(Semaphore::new(0));
        if self.passes > 0 {
            self.passes -= 1;
            gate.add_permits(1);
        } else {
            self.waiting
                .push_back((path.to_string(), Arc::clone(&gate)));
        }
        Some(gate)
    }

    /// Whether a rule pauses this request (consuming it), counting it towards the others'
    /// skips.
    fn fire(&mut self, path: &str) -> bool {
        let mut fired = None;
        for (at, rule) in self.rules.iter_mut().enumerate() {
            if rule.path.as_deref().is_some_and(|wanted| wanted != path) {
                continue;
            }
            if rule.skip > 0 {
                rule.skip -= 1;
            } else if fired.is_none() {
                fired = Some(at);
            }
        }
        let Some(at) = fired else {
            return false;
        };
        let rule = self.rules.remove(at);
        self.all = rule.every_later;
        true
    }

    /// Lets the oldest paused request go on, or the next one to be paused if none waits.
    pub fn resume(&mut self) {
        match self.waiting.pop_front() {
            Some((_, gate)) => gate.add_permits(1),
            None => self.passes += 1,
        }
    }

    /// Lets the oldest request paused on `path` go on; whether there was one.
    pub fn resume_on(&mut self, path: &str) -> bool {
        let Some(at) = self.waiting.iter().position(|(p, _)| p == path) else {
            return false;
        };
        if let Some((_, gate)) = self.waiting.remove(at) {
            gate.add_permits(1);
        }
        true
    }

    /// Lets every paused request go on.
    pub fn resume_all(&mut self) {
        for (_, gate) in self.waiting.drain(..) {
            gate.add_permits(1);
        }
    }
}
