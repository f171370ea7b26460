//! Executing a plan: each [`Step`] becomes one WeChat call, in the safe order the plan gives,
//! stopping at the first failure.
//!
//! The executor never prints. It reports every finished, recovered or failed step to an observer
//! callback (the command prints them as progress lines) and returns a [`Report`] of what was
//! applied, what failed and what was not attempted. An add that would create a second object if
//! repeated is preceded by a re-read of its section, and an identical object another run has
//! created meanwhile is adopted instead (`recover`). A write whose outcome is unknown (no answer
//! after it was sent) is never simply repeated: `recover` re-reads the account first, so that
//! nothing is created twice. `read_back` reads the touched sections back after a complete apply.
//! `converge` runs a whole apply: the plan's calls, then the repairs `menu/create` makes
//! necessary, then the read-back that checks the account matches the configuration.
//! `claim` decides whether a saved plan may be applied: only when it is the plan computed now.
//! `guard` decides whether a plan may be applied at all (errors, `--allow-destroy`, a typed "yes").
//! `lock` keeps two applies of one account on one machine apart.

mod blame;
mod claim;
mod converge;
pub mod guard;
pub mod lock;
mod read_back;
mod recover;
pub mod restore;

pub use crate::plan::PlannedStep;
pub use claim::accept_saved;
pub use converge::{Converged, Phase, Progress, Unconverged, converge};
pub use read_back::{read_back, touched_sections, visible_cause};

use crate::model::{Desired, IndustryCodes, Live, Menu, TagRef, is_system_tag};
use crate::plan::Step;
use crate::wechat::{Client, MatchRuleOut, WechatError};
use recover::Known;
use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, Instant};

/// The id WeChat gave to what a step created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewId {
    Tag(u64),
    ConditionalMenu(u64),
    Template(String),
    SubscribeTemplate(String),
}

impl fmt::Display for NewId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewId::Tag(id) => write!(f, "id {id}"),
            NewId::ConditionalMenu(id) => write!(f, "menuid {id}"),
            NewId::Template(id) => write!(f, "template_id {id}"),
            NewId::SubscribeTemplate(id) => write!(f, "priTmplId {id}"),
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
}

impl StepError {
    /// Whether the account may hold the step's change although it failed.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            StepError::Wechat(error) => error.is_outcome_unknown(),
            StepError::Unverified { .. } => true,
            StepError::UnknownTag(_) | StepError::Button { .. } => false,
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

/// The result of [`execute`].
#[derive(Debug, Default)]
pub struct Report {
    pub applied: Vec<AppliedStep>,
    pub failed: Option<FailedStep>,
    pub not_attempted: Vec<PlannedStep>,
}

impl Report {
    pub fn is_complete(&self) -> bool {
        self.failed.is_none() && self.not_attempted.is_empty()
    }
}

/// Makes the calls of `steps` (planned for `desired`) in order against the account whose state
/// before apply is `live`, stopping at the first failure. `observer` hears of each step as it
/// ends.
pub fn execute(
    client: &Client,
    desired: &Desired,
    live: &Live,
    steps: Vec<PlannedStep>,
    observer: &mut dyn FnMut(Event<'_>),
) -> Report {
    let mut executor = Executor {
        client,
        desired,
        known: Known::from_live(live),
        tag_ids: live
            .tags
            .iter()
            .filter(|tag| !is_system_tag(tag.id))
            .map(|tag| (tag.name.clone(), tag.id))
            .collect(),
    };
    let mut report = Report::default();
    let mut steps = steps.into_iter();
    for step in steps.by_ref() {
        match executor.run(&step, observer) {
            Ok((new_id, recovered)) => report.applied.push(AppliedStep {
                step,
                new_id,
                recovered,
            }),
            Err(error) => {
                report.failed = Some(FailedStep { step, error });
                break;
            }
        }
    }
    report.not_attempted = steps.collect();
    report
}

/// A size rejection of a menu, with the button it most likely concerns.
fn blame(step: &PlannedStep, error: StepError) -> StepError {
    let buttons = match &step.step {
        Step::CreateMenu { button } | Step::AddConditionalMenu { button, .. } => button,
        _ => return error,
    };
    let StepError::Wechat(wechat) = &error else {
        return error;
    };
    let culprit = wechat
        .errcode()
        .and_then(|code| blame::blame(&step.address, buttons, code));
    match (culprit, error) {
        (Some(culprit), StepError::Wechat(wechat)) => StepError::Button {
            error: Box::new(wechat),
            culprit,
        },
        (_, error) => error,
    }
}

struct Executor<'a> {
    client: &'a Client,
    /// The configuration, for the identity of what an add creates.
    desired: &'a Desired,
    /// Ids that existed before each add, to recognise what an unanswered add created.
    known: Known,
    /// Tag names → ids, including tags created or renamed by this apply.
    tag_ids: BTreeMap<String, u64>,
}

impl Executor<'_> {
    /// One step, with recovery; the id it created and whether it was found done by re-reading.
    fn run(
        &mut self,
        step: &PlannedStep,
        observer: &mut dyn FnMut(Event<'_>),
    ) -> Result<(Option<NewId>, bool), StepError> {
        let started = Instant::now();
        let result = self
            .attempt(step, observer)
            .map_err(|error| blame(step, error));
        match &result {
            Ok((new_id, recovered)) => {
                self.learn(&step.step, new_id.as_ref());
                if !recovered {
                    observer(Event::Done {
                        step,
                        new_id: new_id.as_ref(),
                        elapsed: started.elapsed(),
                    });
                }
            }
            Err(error) => observer(Event::Failed {
                step,
                error,
                elapsed: started.elapsed(),
            }),
        }
        result
    }

    fn attempt(
        &mut self,
        step: &PlannedStep,
        observer: &mut dyn FnMut(Event<'_>),
    ) -> Result<(Option<NewId>, bool), StepError> {
        let tag_id = self.matchrule_tag(&step.step)?;
        if recover::creates(&step.step) {
            let found =
                recover::find_effect(self.client, self.desired, &step.step, tag_id, &self.known)?;
            if let Some(new_id) = found {
                observer(Event::Adopted {
                    step,
                    new_id: new_id.as_ref(),
                });
                return Ok((new_id, true));
            }
        }
        let error = match self.call(&step.step, tag_id) {
            Ok(new_id) => return Ok((new_id, false)),
            Err(error) if !recover::worth_checking(&step.step, &error) => return Err(error.into()),
            Err(error) => error,
        };
        observer(Event::Checking {
            step,
            error: &error,
        });
        match recover::find_effect(self.client, self.desired, &step.step, tag_id, &self.known) {
            Err(read) => Err(StepError::Unverified {
                error: Box::new(error),
                read: Box::new(read),
            }),
            Ok(Some(new_id)) => {
                observer(Event::AlreadyDone {
                    step,
                    new_id: new_id.as_ref(),
                });
                Ok((new_id, true))
            }
            // "Not found" is an answer; an unanswered call or a -1 (which the client does not
            // repeat for adds) that left no trace gets one more try.
            Ok(None) if !(error.is_outcome_unknown() || recover::is_system_error(&error)) => {
                Err(error.into())
            }
            Ok(None) => {
                observer(Event::Retrying { step });
                Ok((self.call(&step.step, tag_id)?, false))
            }
        }
    }

    /// The tag id a conditional menu's matchrule needs (a tag name is one created or renamed
    /// by this apply).
    fn matchrule_tag(&self, step: &Step) -> Result<Option<u64>, StepError> {
        let Step::AddConditionalMenu { matchrule, .. } = step else {
            return Ok(None);
        };
        match &matchrule.tag {
            None => Ok(None),
            Some(TagRef::Id(id)) => Ok(Some(*id)),
            Some(TagRef::Name(name)) => self
                .tag_ids
                .get(name)
                .map(|id| Some(*id))
                .ok_or_else(|| StepError::UnknownTag(name.clone())),
        }
    }

    /// Remembers what a successful step changed, for the steps after it.
    fn learn(&mut self, step: &Step, new_id: Option<&NewId>) {
        if let Some(new_id) = new_id {
            self.known.record(new_id);
        }
        match (step, new_id) {
            (Step::CreateTag { name }, Some(NewId::Tag(id))) => {
                self.tag_ids.insert(name.clone(), *id);
            }
            (Step::RenameTag { id, from, to }, _) => {
                self.tag_ids.remove(from);
                self.tag_ids.insert(to.clone(), *id);
            }
            _ => {}
        }
    }

    fn call(&self, step: &Step, tag_id: Option<u64>) -> Result<Option<NewId>, WechatError> {
        let client = self.client;
        match step {
            Step::RenameTag { id, to, .. } => client.tag_update(*id, to).map(|()| None),
            Step::CreateTag { name } => Ok(Some(NewId::Tag(client.tag_create(name)?))),
            Step::SetIndustry { primary, secondary } => {
                client.set_industry(IndustryCodes {
                    primary: *primary,
                    secondary: *secondary,
                })?;
                Ok(None)
            }
            Step::DeleteTemplate { template_id, .. } => {
                client.del_template(template_id).map(|()| None)
            }
            Step::AddTemplate {
                short_id, keywords, ..
            } => Ok(Some(NewId::Template(
                client.add_template(short_id, keywords)?,
            ))),
            Step::DeleteSubscribeTemplate { pri_tmpl_id, .. } => {
                client.subscribe_del(pri_tmpl_id).map(|()| None)
            }
            Step::AddSubscribeTemplate {
                tid,
                kid_list,
                scene_desc,
                ..
            } => Ok(Some(NewId::SubscribeTemplate(client.subscribe_add(
                *tid,
                kid_list,
                scene_desc.as_deref(),
            )?))),
            Step::CreateMenu { button } => client
                .menu_create(&Menu {
                    button: button.clone(),
                })
                .map(|()| None),
            Step::DeleteMenu => client.menu_delete().map(|()| None),
            Step::DeleteConditionalMenu { menuid } => {
                client.del_conditional(*menuid).map(|()| None)
            }
            Step::AddConditionalMenu {
                matchrule, button, ..
            } => {
                let rule = MatchRuleOut::new(tag_id, matchrule.client_platform_type);
                Ok(Some(NewId::ConditionalMenu(
                    client.add_conditional(button, &rule)?,
                )))
            }
            Step::DeleteTag { id, .. } => client.tag_delete(*id).map(|()| None),
        }
    }
}

#[cfg(test)]
mod tests;
