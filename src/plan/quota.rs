//! A plan's calls per endpoint, measured against the day's quotas: the quota lines a plan
//! shows, and an error for each endpoint whose calls do not fit in what is left today, so that
//! `plan` and `apply` stop before the first write rather than at WeChat's 45009 half-way.
//!
//! What is counted: one call per step ([`Step::endpoint`]), in apply order. `apply` may make
//! more. When `menu/create` removes the conditional menus (undocumented; see
//! `apply::converge`), apply adds back those the plan keeps: counted apart as `repair` on
//! `menu/addconditional`, shown, but not required to fit, since WeChat may keep them. A write
//! repeated after it went unanswered and copies deleted after two applies raced are not
//! foreseeable and not counted; the re-reads around adds are reads, whose quotas are far larger.
//!
//! The quotas are information, like follower counts: they move all day, so a saved plan is the
//! same plan whatever they said when it was made ([`super::difference`]). Only the errors they
//! cause count, and `apply` computes those again from the quotas it reads itself.

use super::{Plan, Step};
use crate::model::Live;
use crate::quota::{LiveQuotas, Quota, RESET_TIME};
use crate::wechat::endpoint::{self, Endpoint};
use crate::words::plural;
use serde::{Deserialize, Serialize};

impl Step {
    /// The endpoint the step calls.
    pub fn endpoint(&self) -> Endpoint {
        match self {
            Step::RenameTag { .. } => endpoint::TAGS_UPDATE,
            Step::CreateTag { .. } => endpoint::TAGS_CREATE,
            Step::DeleteTag { .. } => endpoint::TAGS_DELETE,
            Step::SetIndustry { .. } => endpoint::SET_INDUSTRY,
            Step::DeleteTemplate { .. } => endpoint::DEL_TEMPLATE,
            Step::AddTemplate { .. } => endpoint::ADD_TEMPLATE,
            Step::DeleteSubscribeTemplate { .. } => endpoint::SUB_DEL,
            Step::AddSubscribeTemplate { .. } => endpoint::SUB_ADD,
            Step::CreateMenu { .. } => endpoint::MENU_CREATE,
            Step::DeleteMenu => endpoint::MENU_DELETE,
            Step::DeleteConditionalMenu { .. } => endpoint::MENU_DEL_CONDITIONAL,
            Step::AddConditionalMenu { .. } => endpoint::MENU_ADD_CONDITIONAL,
            Step::UploadMaterial { .. } => endpoint::MATERIAL_ADD,
        }
    }
}

/// The plan's calls against the day's quotas: a line per endpoint it calls, and why some
/// quotas are not known, said once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaReport {
    /// One line per endpoint, in the order the plan first calls them.
    pub endpoints: Vec<QuotaLine>,
    /// Why the quota of some (or every) endpoint is not known; absent when all are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_known: Option<String>,
}

/// One endpoint's calls and quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaLine {
    /// The endpoint's name: `menu/create`.
    pub endpoint: String,
    /// The calls the plan makes.
    pub calls: u64,
    /// The calls apply may make besides, adding back the conditional menus `menu/create`
    /// removes: not required to fit.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub repair: u64,
    /// Today's quota, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<Quota>,
}

fn is_zero(count: &u64) -> bool {
    *count == 0
}

impl QuotaLine {
    /// Why the plan cannot be applied today, when its calls do not fit.
    pub fn error(&self) -> Option<String> {
        let quota = self.quota.filter(|quota| !quota.allows(self.calls))?;
        Some(format!(
            "{} would run out half-way: the plan makes {} and {} of its {} a day are left; WeChat resets the quota at {RESET_TIME} (wxform never clears a quota: see docs/troubleshooting.md)",
            self.endpoint,
            plural(self.calls, "call"),
            quota.remain,
            quota.daily_limit
        ))
    }

    /// Whether the calls fit but those of a repair might not.
    pub fn repair_may_run_out(&self) -> bool {
        self.quota.is_some_and(|quota| {
            quota.allows(self.calls) && !quota.allows(self.calls + self.repair)
        })
    }
}

impl QuotaReport {
    /// The plan's errors its quotas cause, in line order.
    pub fn errors(&self) -> Vec<String> {
        self.endpoints.iter().filter_map(QuotaLine::error).collect()
    }
}

impl Plan {
    /// Measures the plan (made against `live`) against `quotas`: sets [`Plan::quota`] when the
    /// plan makes any call, and adds an error for each endpoint whose calls do not fit.
    pub fn check_quotas(&mut self, live: &Live, quotas: &LiveQuotas) {
        let mut lines = calls(self, live);
        if lines.is_empty() {
            return;
        }
        let mut unknown: Vec<(String, String)> = Vec::new();
        for line in &mut lines {
            match quotas.reading(&line.endpoint).map(|reading| &reading.quota) {
                Some(Ok(quota)) => line.quota = Some(*quota),
                Some(Err(why)) => unknown.push((line.endpoint.clone(), why.clone())),
                None => unknown.push((line.endpoint.clone(), "not read".to_string())),
            }
        }
        let not_known = match quotas {
            LiveQuotas::Snapshot => Some(
                "the daily quotas are not known: the plan was made from a snapshot, which holds none"
                    .to_string(),
            ),
            LiveQuotas::Read(_) => not_known(&unknown),
        };
        let report = QuotaReport {
            endpoints: lines,
            not_known,
        };
        self.errors.extend(report.errors());
        self.quota = Some(report);
    }
}

/// The plan's calls per endpoint, in the order it first calls them, with the repair apply may
/// make after `menu/create`.
fn calls(plan: &Plan, live: &Live) -> Vec<QuotaLine> {
    let steps = plan.apply_steps();
    let mut lines: Vec<QuotaLine> = Vec::new();
    for step in &steps {
        line_of(&mut lines, step.endpoint()).calls += 1;
    }
    if steps.iter().any(|s| matches!(s, Step::CreateMenu { .. })) {
        let deleted = steps
            .iter()
            .filter(|s| matches!(s, Step::DeleteConditionalMenu { .. }))
            .count();
        // The conditional menus the plan leaves in place; those it adds come after menu/create.
        let kept = live.conditional_menus.len().saturating_sub(deleted) as u64;
        if kept > 0 {
            line_of(&mut lines, endpoint::MENU_ADD_CONDITIONAL).repair = kept;
        }
    }
    lines
}

/// The line of `endpoint`, added with no calls when there is none yet.
fn line_of(lines: &mut Vec<QuotaLine>, endpoint: Endpoint) -> &mut QuotaLine {
    let at = match lines.iter().position(|line| line.endpoint == endpoint.name) {
        Some(at) => at,
        None => {
            lines.push(QuotaLine {
                endpoint: endpoint.name.to_string(),
                calls: 0,
                repair: 0,
                quota: None,
            });
            lines.len() - 1
        }
    };
    &mut lines[at]
}

/// The one sentence about the quotas that could not be read: their endpoints, grouped by why.
fn not_known(unknown: &[(String, String)]) -> Option<String> {
    if unknown.is_empty() {
        return None;
    }
    let mut reasons: Vec<(&str, Vec<&str>)> = Vec::new();
    for (endpoint, why) in unknown {
        match reasons.iter_mut().find(|(known, _)| known == why) {
            Some((_, endpoints)) => endpoints.push(endpoint),
            None => reasons.push((why, vec![endpoint])),
        }
    }
    let groups: Vec<String> = reasons
        .iter()
        .map(|(why, endpoints)| format!("{} ({why})", endpoints.join(", ")))
        .collect();
    Some(format!(
        "the daily quota could not be read for {}; the plan goes on without checking it (`wxform doctor` lists the quotas)",
        groups.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Section;
    use crate::plan::testkit::*;
    use crate::plan::{Action, ActionKind, plan};
    use crate::quota::QuotaReading;

    fn quota(daily_limit: u64, remain: u64) -> Quota {
        Quota {
            daily_limit,
            used: daily_limit.saturating_sub(remain),
            remain,
        }
    }

    fn read(readings: &[(&str, Result<Quota, &str>)]) -> LiveQuotas {
        LiveQuotas::Read(
            readings
                .iter()
                .map(|(endpoint, quota)| QuotaReading {
                    endpoint: endpoint.to_string(),
                    quota: quota.map_err(str::to_string),
                })
                .collect(),
        )
    }

    fn plan_of(steps: Vec<Step>) -> Plan {
        Plan {
            actions: vec![Action {
                address: "menu".into(),
                kind: ActionKind::Update,
                before: None,
                after: None,
                warnings: vec![],
                destructive: false,
                steps,
            }],
            ..Plan::default()
        }
    }

    fn tag(name: &str) -> Step {
        Step::CreateTag { name: name.into() }
    }

    #[test]
    fn calls_are_counted_per_endpoint_in_apply_order() {
        let mut plan = plan_of(vec![
            Step::DeleteTag {
                id: 100,
                name: "a".into(),
            },
            tag("b"),
            tag("c"),
        ]);
        plan.check_quotas(&Live::default(), &read(&[]));
        let report = plan.quota.unwrap();
        let counted: Vec<(&str, u64)> = report
            .endpoints
            .iter()
            .map(|line| (line.endpoint.as_str(), line.calls))
            .collect();
        assert_eq!(counted, [("tags/create", 2), ("tags/delete", 1)]);
        assert_eq!(
            report.not_known.as_deref(),
            Some(
                "the daily quota could not be read for tags/create, tags/delete (not read); the plan goes on without checking it (`wxform doctor` lists the quotas)"
            )
        );
    }

    #[test]
    fn calls_beyond_what_is_left_are_an_error_and_exactly_enough_is_not() {
        let mut short = plan_of(vec![tag("a"), tag("b"), tag("c")]);
        short.check_quotas(
            &Live::default(),
            &read(&[("tags/create", Ok(quota(1000, 2)))]),
        );
        assert_eq!(
            short.errors,
            [
                "tags/create would run out half-way: the plan makes 3 calls and 2 of its 1000 a day are left; WeChat resets the quota at midnight Beijing time (16:00 UTC) (wxform never clears a quota: see docs/troubleshooting.md)"
            ]
        );
        assert_eq!(short.quota.as_ref().unwrap().errors(), short.errors);
        let mut enough = plan_of(vec![tag("a"), tag("b")]);
        enough.check_quotas(
            &Live::default(),
            &read(&[("tags/create", Ok(quota(1000, 2)))]),
        );
        assert!(enough.errors.is_empty());
        assert_eq!(enough.quota.unwrap().not_known, None);
    }

    #[test]
    fn an_endpoint_without_a_stated_limit_never_runs_out() {
        let mut plan = plan_of(vec![tag("a")]);
        plan.check_quotas(&Live::default(), &read(&[("tags/create", Ok(quota(0, 0)))]));
        assert!(plan.errors.is_empty());
    }

    #[test]
    fn a_plan_without_calls_has_no_quota_lines() {
        let (desired, live) = scenario_no_change();
        let mut planned = plan(&desired, &live);
        planned.check_quotas(&live, &LiveQuotas::Snapshot);
        assert_eq!(planned.quota, None);
        assert!(planned.errors.is_empty());
    }

    #[test]
    fn unknown_quotas_are_said_once_grouped_by_why_and_are_never_an_error() {
        let mut plan = plan_of(vec![
            Step::SetIndustry {
                primary: 1,
                secondary: 2,
            },
            tag("a"),
            Step::DeleteTag {
                id: 100,
                name: "b".into(),
            },
        ]);
        plan.check_quotas(
            &Live::default(),
            &read(&[
                ("tags/create", Err("WeChat error 48001")),
                ("tags/delete", Err("WeChat error 48001")),
                ("template/api_set_industry", Err("timed out")),
            ]),
        );
        assert!(plan.errors.is_empty());
        assert_eq!(
            plan.quota.unwrap().not_known.unwrap(),
            "the daily quota could not be read for tags/create, tags/delete (WeChat error 48001); template/api_set_industry (timed out); the plan goes on without checking it (`wxform doctor` lists the quotas)"
        );
        let mut from_snapshot = plan_of(vec![tag("a")]);
        from_snapshot.check_quotas(&Live::default(), &LiveQuotas::Snapshot);
        let report = from_snapshot.quota.unwrap();
        assert_eq!(report.endpoints[0].calls, 1);
        assert_eq!(report.endpoints[0].quota, None);
        assert!(report.not_known.unwrap().contains("snapshot"));
        assert!(from_snapshot.errors.is_empty());
    }

    #[test]
    fn a_new_default_menu_may_cost_the_kept_conditional_menus_again() {
        let (desired, mut live) = scenario_sub_button_renamed();
        let mut planned = plan(&desired, &live);
        let kept = live.conditional_menus.len() as u64;
        assert!(kept > 0);
        let addconditional = "menu/addconditional";
        planned.check_quotas(
            &live,
            &read(&[
                ("menu/create", Ok(quota(1000, 1))),
                (addconditional, Ok(quota(2000, 1))),
            ]),
        );
        let report = planned.quota.as_ref().unwrap();
        let line = |name: &str| report.endpoints.iter().find(|l| l.endpoint == name);
        assert_eq!(line("menu/create").unwrap().calls, 1);
        let repair = line(addconditional).unwrap();
        assert_eq!((repair.calls, repair.repair), (0, kept));
        // What may not be needed is shown, never an error.
        assert!(repair.repair_may_run_out());
        assert!(planned.errors.is_empty());
        // Without conditional menus there is nothing to repair (the plan adds them after).
        live.conditional_menus.clear();
        let mut planned = plan(&desired, &live);
        planned.check_quotas(&live, &read(&[]));
        let line = line_named(&planned, addconditional).unwrap();
        assert_eq!((line.calls, line.repair), (kept, 0));
    }

    fn line_named<'p>(plan: &'p Plan, name: &str) -> Option<&'p QuotaLine> {
        plan.quota
            .as_ref()?
            .endpoints
            .iter()
            .find(|line| line.endpoint == name)
    }

    #[test]
    fn every_step_writes_with_an_endpoint_whose_quota_its_section_reads() {
        // An upload belongs to no section: its quota is read when the file names images.
        let section_of = |step: &Step| match step.lane() {
            super::super::Lane::Tags | super::super::Lane::TagDeletes => Some(Section::Tags),
            super::super::Lane::Templates => Some(Section::Templates),
            super::super::Lane::SubscribeTemplates => Some(Section::SubscribeTemplates),
            super::super::Lane::DefaultMenu => Some(Section::Menu),
            super::super::Lane::ConditionalMenus => Some(Section::ConditionalMenus),
            super::super::Lane::Materials => None,
        };
        let steps = crate::plan::testkit::one_of_each_step();
        assert_eq!(steps.len(), 13, "one of each kind");
        for step in &steps {
            let read = match section_of(step) {
                Some(section) => endpoint::writes_for(&[section].into_iter().collect()),
                None => vec![endpoint::MATERIAL_ADD],
            };
            assert!(read.contains(&step.endpoint()), "{step:?}");
            assert!(step.endpoint().write, "{step:?}");
        }
    }
}
