//! Fault injection: latency, `-1`-style errcodes at a seeded rate or on the next calls,
//! connections closed without an answer (before or after the write happened), and hostile
//! bodies (endless, huge, dripping).

use std::time::Duration;

/// When a dropped connection happens relative to the request's effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropMode {
    /// Close without performing the request.
    BeforeWrite,
    /// Perform the request (the write happens), then close without answering: a timeout after
    /// the mutation.
    AfterWrite,
}

/// A hostile answer body: what a broken or malicious server (or a proxy in between) may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFault {
    /// HTTP 200, chunked, a JSON-looking body that never ends, as fast as the client reads.
    Endless,
    /// HTTP 200 declaring `Content-Length` of 1 GiB, then sending it.
    Huge,
    /// HTTP 200, chunked, one byte every 100 ms forever: never too big, never finished.
    Drip,
}

/// What an injected fault does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultAction {
    /// Answer this errcode (HTTP 200) without performing the request.
    Errcode(i64),
    Drop(DropMode),
    /// Answer with a hostile body without performing the request.
    Body(BodyFault),
}

/// A fault for the next `remaining` calls, on one path or on any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    /// `None` matches every path.
    pub path: Option<String>,
    pub remaining: u32,
    pub action: FaultAction,
}

/// A mutating request to hold without answering: the one after `skip` more mutating requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hold {
    pub skip: usize,
    /// `BeforeWrite`: the held request is not performed; `AfterWrite`: it is, and then held.
    pub mode: DropMode,
    /// Every later mutating request is held too, without being performed or recorded, until
    /// the faults are cleared (a client killed while several of its writes are under way).
    pub every_later: bool,
}

/// The injected faults currently in force.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    pub latency: Duration,
    /// Holds one mutating request (a client killed while waiting for its answer).
    pub hold: Option<Hold>,
    /// Rules in the order added; the first matching one fires.
    pub rules: Vec<FaultRule>,
    /// Probability of answering `-1` to any call.
    pub fail_rate: f64,
    rate_rng: Option<fastrand::Rng>,
    /// Every mutating request is held (see [`Hold::every_later`]).
    holding_all: bool,
}

impl Faults {
    pub fn set_fail_rate(&mut self, rate: f64, seed: u64) {
        self.fail_rate = rate;
        self.rate_rng = Some(fastrand::Rng::with_seed(seed));
    }

    pub fn add(&mut self, path: Option<&str>, count: u32, action: FaultAction) {
        if count > 0 {
            self.rules.push(FaultRule {
                path: path.map(str::to_string),
                remaining: count,
                action,
            });
        }
    }

    /// Removes every rule and the failure rate (latency stays).
    pub fn clear(&mut self) {
        self.rules.clear();
        self.hold = None;
        self.holding_all = false;
        self.fail_rate = 0.0;
        self.rate_rng = None;
    }

    /// Whether this mutating request is one to hold, and how; consumes the hold when it is the
    /// one.
    pub fn take_hold(&mut self) -> Option<DropMode> {
        if self.holding_all {
            return Some(DropMode::BeforeWrite);
        }
        let hold = self.hold.as_mut()?;
        if hold.skip > 0 {
            hold.skip -= 1;
            return None;
        }
        let mode = hold.mode;
        self.holding_all = hold.every_later;
        self.hold = None;
        Some(mode)
    }

    /// The fault for one call to `path`, consuming it.
    pub fn take(&mut self, path: &str) -> Option<FaultAction> {
        let index = self
            .rules
            .iter()
            .position(|rule| rule.path.as_deref().is_none_or(|p| p == path));
        if let Some(index) = index {
            let rule = &mut self.rules[index];
            rule.remaining -= 1;
            let action = rule.action;
            if rule.remaining == 0 {
                self.rules.remove(index);
            }
            return Some(action);
        }
        let rng = self.rate_rng.as_mut()?;
        (rng.f64() < self.fail_rate).then_some(FaultAction::Errcode(-1))
    }
}
