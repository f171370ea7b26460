//! Executing a plan: each [`Step`](crate::plan::Step) becomes one WeChat call, and the calls
//! are made along the plan's lanes ([`crate::plan::Lane`]): lanes side by side, each waiting
//! only for the lanes it depends on, and within a lane its stages in order (`lanes`).
//!
//! The executor never prints. It reports every finished, recovered or failed step to an observer
//! callback as the step ends (the command prints them as progress lines) and returns a
//! [`Report`] of what was applied, what failed and what was not attempted, in plan order
//! whatever the timing. After a failure no step starts; the steps already under way end. Before
//! a stage of adds that would create a second object if repeated, its section is read again, and
//! an identical object another run has created meanwhile is adopted instead (`recover`). A write
//! whose outcome is unknown (no answer after it was sent) is never simply repeated: `recover`
//! re-reads the account first, so that nothing is created twice. `executor` runs one step with
//! all of that. `read_back` reads the touched sections back after a complete apply, and `copies`
//! deletes what another run added at the same moment (the race no re-read closes).
//! `converge` runs a whole apply: the plan's calls, then the repairs `menu/create` makes
//! necessary, then the read-back that checks the account matches the configuration.
//! `claim` decides whether a saved plan may be applied: only when it is the plan computed now.
//! `guard` decides whether a plan may be applied at all (errors, `--allow-destroy`, a typed "yes").
//! `lock` keeps two applies of one account on one machine apart.

mod blame;
mod claim;
mod converge;
mod copies;
mod executor;
pub mod guard;
mod lanes;
pub mod lock;
mod read_back;
mod recover;
pub mod restore;

pub use crate::plan::PlannedStep;
pub use claim::accept_saved;
pub use converge::{Converged, Phase, Progress, Unconverged, converge};
pub use lanes::round_trips;
pub use read_back::{read_back, touched_sections, visible_cause};

use crate::model::{Desired, Live};
use crate::wechat::{Client, WechatError};
use executor::Executor;
use std::fmt;
use std::time::Duration;

/// The id WeChat gave to what a step created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewId {
    Tag(u64),
    ConditionalMenu(u64),
    Template(String),
    SubscribeTemplate(String),
    /// An uploaded image's `media_id`.
    Material(String),
}

impl fmt::Display for NewId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewId::Tag(id) => write!(f, "id {id}"),
            NewId::ConditionalMenu(id) => write!(f, "menuid {id}"),
            NewId::Template(id) => write!(f, "template_id {id}"),
            NewId::SubscribeTemplate(id) => write!(f, "priTmplId {id}"),
            NewId::Material(id) => write!(f, "media_id {id}"),
        }
    }
}

/// Why a step failed.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error(transparent)]
    Wechat(#[from] WechatError),
    #[error(
        "the conditional menu names tag \"{0}\", which has no id: it is not on the account and this apply did not create it"
    )]
    UnknownTag(String),
    /// WeChat rejected a menu for the size of a field; `culprit` names the likeliest button.
    #[error("{error}; {culprit}")]
    Button {
        error: Box<WechatError>,
        culprit: String,
    },
    #[error(
        "{error}; re-reading the account to find out whether the change was made failed too: {read}"
    )]
    Unverified {
        error: Box<WechatError>,
        read: Box<WechatError>,
    },
    /// The image changed (or cannot be read) since the plan: it is not uploaded.
    #[error("{0}")]
    MediaFile(String),
    #[error("a button sends the image {0}, which has no media_id: this apply did not upload it")]
    UnknownMaterial(String),
}

impl StepError {
    /// Whether the account may hold the step's change although it failed.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            StepError::Wechat(error) => error.is_outcome_unknown(),
            StepError::Unverified { .. } => true,
            StepError::UnknownTag(_)
            | StepError::Button { .. }
            | StepError::MediaFile(_)
            | StepError::UnknownMaterial(_) => false,
        }
    }
}

/// What the executor tells its observer, as it happens.
#[derive(Debug)]
pub enum Event<'a> {
    /// The step's call succeeded.
    Done {
        step: &'a PlannedStep,
        new_id: Option<&'a NewId>,
        elapsed: Duration,
    },
    /// The call got no usable answer (or `-1`, or "not found" for a delete); the account is
    /// being re-read to find out whether the change was made.
    Checking {
        step: &'a PlannedStep,
        error: &'a WechatError,
    },
    /// The re-read shows the change was made: it is not repeated.
    AlreadyDone {
        step: &'a PlannedStep,
        new_id: Option<&'a NewId>,
    },
    /// The re-read shows the change was not made: the call is tried once more.
    Retrying { step: &'a PlannedStep },
    /// The re-read right before an add found an identical object that another run created
    /// after this apply read the account: it is used instead of adding a second one.
    Adopted {
        step: &'a PlannedStep,
        new_id: Option<&'a NewId>,
    },
    Failed {
        step: &'a PlannedStep,
        error: &'a StepError,
        elapsed: Duration,
    },
}

#[derive(Debug)]
pub struct AppliedStep {
    pub step: PlannedStep,
    pub new_id: Option<NewId>,
    /// Found done by re-reading (before an add, or after an unanswered call): no call made it.
    pub recovered: bool,
}

#[derive(Debug)]
pub struct FailedStep {
    pub step: PlannedStep,
    pub error: StepError,
}

/// The result of [`execute`]: every step in one of three lists, each in plan order.
#[derive(Debug, Default)]
pub struct Report {
    pub applied: Vec<AppliedStep>,
    /// Every step that failed: more than one when steps under way at the same time failed.
    pub failed: Vec<FailedStep>,
    pub not_attempted: Vec<PlannedStep>,
}

impl Report {
    pub fn is_complete(&self) -> bool {
        self.failed.is_empty() && self.not_attempted.is_empty()
    }

    /// Whether a failed call may have taken effect.
    pub fn outcome_unknown(&self) -> bool {
        self.failed
            .iter()
            .any(|failed| failed.error.outcome_unknown())
    }
}

/// What [`execute`] tells its observer about, from whichever lane the step ran in: one event at
/// a time.
pub type Observer<'o> = dyn FnMut(Event<'_>) + Send + 'o;

/// Makes the calls of `steps` (planned for `desired`, in plan order) against the account whose
/// state before apply is `live`: along the plan's lanes, stopping at the first failure (steps
/// under way end; no other starts). `observer` hears of each step as it ends.
pub fn execute(
    client: &Client,
    desired: &Desired,
    live: &Live,
    steps: Vec<PlannedStep>,
    observer: &mut Observer<'_>,
) -> Report {
    let executor = Executor::new(client, desired, live, observer);
    let mut outcomes = lanes::run(&executor, &steps).into_iter();
    let mut report = Report::default();
    for step in steps {
        match outcomes.next().flatten() {
            Some(Ok((new_id, recovered))) => report.applied.push(AppliedStep {
                step,
                new_id,
                recovered,
            }),
            Some(Err(error)) => report.failed.push(FailedStep { step, error }),
            None => report.not_attempted.push(step),
        }
    }
    report
}

#[cfg(test)]
mod tests;
