//! The planner: a pure function of (desired, live) → [`Plan`], the plan document scripts read,
//! and the saved-plan file.
//!
//! [`plan`] compares each managed section of the configuration with the live account and lists
//! the actions, per address, that would make them match. It never calls WeChat and never prints;
//! `render` shows a plan, `apply` executes its [`Plan::planned_steps`].

mod action;
mod capacity;
mod classic;
mod conditional;
mod difference;
mod document;
pub mod fingerprint;
mod industry;
mod library_templates;
mod matching;
mod materials;
mod menu;
mod order;
mod planned;
mod quota;
pub mod saved;
mod subscribe_templates;
mod tags;
mod templates;

#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;

pub use crate::industry_table::{INDUSTRIES, industry_name};
pub use action::{
    Action, ActionKind, ConditionalMenuView, IndustryCodeView, IndustryView, MatchRuleView,
    MaterialView, MenuView, Resource, Step, SubscribeTemplateView, TagView, TemplateView,
    Unmanaged,
};
pub(crate) use conditional::describe_live;
pub use difference::difference;
pub use document::{DocumentSummary, FORMAT_VERSION, PlanDocument};
pub use library_templates::CopyOf;
pub use materials::{resolve as resolve_media_files, resolve_buttons};
pub use order::{AT_ONCE, Lane};
pub use planned::PlannedStep;
pub use quota::{QuotaLine, QuotaReport};
pub use subscribe_templates::{pair_subscribe_templates, subscribe_template_copies};
pub use tags::{TagIds, TagPairing, TagTarget, pair_tags};
pub use templates::{pair_templates, template_copies};

use crate::menu_checks::{self, CheckResult};
use crate::model::{Desired, Live};
use crate::snapshot_age::SnapshotAge;
use serde::{Deserialize, Serialize};

/// The actions that would make the live account match the configuration. Its JSON form is the
/// [`PlanDocument`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// The account planned against (from the live state, else the config's guard).
    pub appid: Option<String>,
    /// The files the configuration was read from: the file given, then the shared file it
    /// extends, if any ([`Desired::config_files`]).
    pub config_files: Vec<String>,
    /// The snapshot's age when the plan was made from one (`plan --live`), set by the command
    /// that read it: the planner knows no clock.
    pub snapshot: Option<SnapshotAge>,
    /// Actions grouped by resource: tags, industry, templates, subscribe templates, default menu,
    /// conditional menus (in configuration order).
    pub actions: Vec<Action>,
    /// Live objects left alone and "not managed".
    pub unmanaged: Vec<Unmanaged>,
    /// Facts worth knowing that change nothing.
    pub notes: Vec<String>,
    /// Problems that make the plan impossible to apply (capacity, a missing default menu, an
    /// unknown tag, a daily quota too small for its calls).
    pub errors: Vec<String>,
    /// `sha256:…` of the live sections the configuration manages.
    pub live_fingerprint: String,
    /// `sha256:…` of the desired state.
    pub config_fingerprint: String,
    /// The configuration's menu checks: `user` checks judged against the configuration (what
    /// followers will see after apply); `openid` checks are left to `wxform test`.
    pub menu_checks: Vec<CheckResult>,
    /// The plan's calls per endpoint against the day's quotas, set by [`Plan::check_quotas`]
    /// when the plan makes any call: information, like follower counts.
    pub quota: Option<QuotaReport>,
}

/// Action counts, as in "Plan: 1 to add, 2 to change, 0 to replace, 1 to destroy."
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Summary {
    pub add: usize,
    pub change: usize,
    pub replace: usize,
    pub destroy: usize,
}

impl Plan {
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for action in &self.actions {
            match action.kind {
                ActionKind::Create => summary.add += 1,
                ActionKind::Update => summary.change += 1,
                ActionKind::Replace => summary.replace += 1,
                ActionKind::Delete => summary.destroy += 1,
            }
        }
        summary
    }

    /// No action at all (notes and the unmanaged list do not count).
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    pub fn has_changes(&self) -> bool {
        !self.is_empty()
    }

    /// Problems that make the plan unappliable (see [`Plan::errors`]).
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Any action that needs `--allow-destroy`.
    pub fn is_destructive(&self) -> bool {
        self.actions.iter().any(|action| action.destructive)
    }

    /// Every WeChat call of the plan in the safe write order (see [`Step::phase`]); within a
    /// phase the plan's own order holds, so conditional menus are added in configuration order.
    /// `apply` makes them in this order along each chain of dependencies ([`Lane`]).
    pub fn apply_steps(&self) -> Vec<Step> {
        let planned = self.planned_steps().into_iter();
        planned.map(|planned| planned.step).collect()
    }
}

/// Compare `desired` with `live` and list what `apply` would do. Pure and deterministic.
pub fn plan(desired: &Desired, live: &Live) -> Plan {
    let mut plan = Plan {
        appid: live.appid.clone().or_else(|| desired.appid.clone()),
        config_files: desired.config_files.clone(),
        live_fingerprint: fingerprint::live(desired, live),
        config_fingerprint: fingerprint::desired(desired),
        ..Plan::default()
    };
    if let (Some(wanted), Some(actual)) =
        (desired.other_account(live.appid.as_deref()), &live.appid)
    {
        plan.errors.push(format!(
            "the configuration is for account {wanted}, but the live account is {actual}"
        ));
    }
    let tag_ids = tags::plan_tags(desired, live, &mut plan);
    industry::plan_industry(desired, live, &mut plan);
    templates::plan_templates(desired, live, &mut plan);
    subscribe_templates::plan_subscribe_templates(desired, live, &mut plan);
    // Menus name their images by the id of their upload: found on the account, or made first.
    let menus = materials::plan_materials(desired, live, &mut plan);
    let menu_deleted = menu::plan_menu(&menus, live, &mut plan);
    conditional::plan_conditional_menus(&menus, live, &tag_ids, menu_deleted, &mut plan);
    capacity::check(live, &mut plan);
    plan.menu_checks = menu_checks::offline(desired, "needs the live account: run `wxform test`");
    plan
}
