//! The plan as one versioned JSON document: what `plan --format json` prints, what `plan --out`
//! saves and what `apply --plan` reads back (and checks against the plan computed again).
//!
//! One type, one format version, so the document scripts read and the file `apply` trusts
//! cannot drift apart. It holds only what the account already shows to anyone with the
//! configuration; never a secret.

use super::{Action, Plan, QuotaReport, Step, Summary, Unmanaged};
use crate::menu_checks::CheckResult;
use crate::snapshot_age::SnapshotAge;
use serde::{Deserialize, Serialize};

/// Version of the plan document. Fields are only ever added within a version; it changes when
/// one is removed or changes meaning. Version 2 made `--format json` and the saved plan one
/// document (version 1 had a JSON plan and a saved-plan file of different shapes).
pub const FORMAT_VERSION: u32 = 2;

/// The plan document. Field order is the order in the JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDocument {
    pub format_version: u32,
    /// The wxform version that wrote the document: information only.
    pub wxform_version: String,
    /// The account planned against (`null` when unknown).
    pub appid: Option<String>,
    /// The files the configuration was read from: the file given, then the shared file it
    /// extends, if any. Added within version 2: a document without it reads as an empty list.
    #[serde(default)]
    pub config_files: Vec<String>,
    /// Only in a plan made from a snapshot (`plan --live`): when it was exported and how old it
    /// was, against which limit. Information: `apply --plan` neither needs nor compares it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<SnapshotAge>,
    pub summary: DocumentSummary,
    /// The actions, grouped by resource, each with its own WeChat calls (`steps`).
    pub actions: Vec<Action>,
    /// Every WeChat call of the plan in apply order ([`Plan::apply_steps`]).
    pub steps: Vec<Step>,
    pub unmanaged: Vec<Unmanaged>,
    pub notes: Vec<String>,
    /// Non-empty means the plan cannot be applied.
    pub errors: Vec<String>,
    /// The configuration's menu checks, as `plan` judged them; absent when there are none.
    /// Information: they change nothing on the account, so `apply --plan` does not compare
    /// them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub menu_checks: Vec<CheckResult>,
    /// `sha256:…` of the live sections the configuration manages.
    pub live_fingerprint: String,
    /// `sha256:…` of the configuration.
    pub config_fingerprint: String,
    /// The plan's calls per endpoint against the day's quotas; absent when it makes none.
    /// Added within version 2. Information: `apply --plan` reads the quotas again and neither
    /// needs nor compares these, nor the errors they cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<QuotaReport>,
}

/// The action counts, and whether there is anything to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    #[serde(flatten)]
    pub counts: Summary,
    pub has_changes: bool,
}

impl PlanDocument {
    pub fn from_plan(plan: &Plan) -> PlanDocument {
        PlanDocument {
            format_version: FORMAT_VERSION,
            wxform_version: env!("CARGO_PKG_VERSION").to_string(),
            appid: plan.appid.clone(),
            config_files: plan.config_files.clone(),
            snapshot: plan.snapshot.clone(),
            summary: DocumentSummary {
                counts: plan.summary(),
                has_changes: plan.has_changes(),
            },
            actions: plan.actions.clone(),
            steps: plan.apply_steps(),
            unmanaged: plan.unmanaged.clone(),
            notes: plan.notes.clone(),
            errors: plan.errors.clone(),
            menu_checks: plan.menu_checks.clone(),
            live_fingerprint: plan.live_fingerprint.clone(),
            config_fingerprint: plan.config_fingerprint.clone(),
            quota: plan.quota.clone(),
        }
    }

    /// The plan this document describes, for showing a saved plan (`wxform show`) as `plan`
    /// showed it: every part the renderers read is in the document. What a plan derives from
    /// its actions (the summary, the steps in apply order) is derived again, never taken from
    /// the file; [`super::saved::read`] refuses a file whose own copies of them disagree.
    pub fn to_plan(&self) -> Plan {
        Plan {
            appid: self.appid.clone(),
            config_files: self.config_files.clone(),
            snapshot: self.snapshot.clone(),
            actions: self.actions.clone(),
            unmanaged: self.unmanaged.clone(),
            notes: self.notes.clone(),
            errors: self.errors.clone(),
            live_fingerprint: self.live_fingerprint.clone(),
            config_fingerprint: self.config_fingerprint.clone(),
            menu_checks: self.menu_checks.clone(),
            quota: self.quota.clone(),
        }
    }

    /// The first part of this document that does not follow from its actions (the summary, the
    /// list of steps), when one does not: the file was edited.
    pub fn inconsistency(&self) -> Option<String> {
        super::difference(self, &PlanDocument::from_plan(&self.to_plan()))
    }

    /// Pretty-printed with a final newline. Characters that would hide or reorder text on a
    /// screen are written as `\u` escapes: the same strings to a JSON reader.
    pub fn to_json(&self) -> String {
        let text = serde_json::to_string_pretty(self).expect("a plan always serialises");
        let mut text = crate::inert::json(&text);
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{plan, testkit::*};

    fn sample() -> PlanDocument {
        let (desired, live) = scenario_tag_renamed();
        PlanDocument::from_plan(&plan(&desired, &live))
    }

    #[test]
    fn holds_the_versioned_fields_in_order() {
        let mut document = sample();
        document.menu_checks = vec![crate::menu_checks::CheckResult {
            name: "vip on ios".into(),
            kind: crate::menu_checks::Kind::User,
            status: crate::menu_checks::Status::Pass,
            expected: "vip".into(),
            detail: None,
        }];
        let text = document.to_json();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["format_version"], 2);
        assert_eq!(json["wxform_version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(json["appid"], "wx1234567890abcdef");
        assert_eq!(json["summary"]["change"], 1);
        assert_eq!(json["summary"]["has_changes"], true);
        assert_eq!(json["actions"][0]["address"], "tag.测试用户");
        assert_eq!(json["actions"][0]["action"], "update");
        assert_eq!(json["actions"][0]["steps"][0]["op"], "rename_tag");
        assert_eq!(json["steps"][0]["op"], "rename_tag");
        assert_eq!(json["steps"][0]["id"], 101);
        let keys = [
            "format_version",
            "wxform_version",
            "appid",
            "config_files",
            "summary",
            "actions",
            "steps",
            "unmanaged",
            "notes",
            "errors",
            "menu_checks",
            "live_fingerprint",
            "config_fingerprint",
        ];
        let positions: Vec<usize> = keys
            .iter()
            .map(|key| text.find(&format!("\n  \"{key}\":")).expect(key))
            .collect();
        assert!(positions.is_sorted(), "{text}");
    }

    #[test]
    fn lists_the_configuration_s_files_and_reads_a_document_without_them() {
        let (mut desired, live) = scenario_tag_renamed();
        desired.config_files = vec!["accounts/test.yaml".into(), "wxform.yaml".into()];
        let document = PlanDocument::from_plan(&plan(&desired, &live));
        let mut json: serde_json::Value = serde_json::from_str(&document.to_json()).unwrap();
        assert_eq!(
            json["config_files"],
            serde_json::json!(["accounts/test.yaml", "wxform.yaml"])
        );
        // Written before the field was added: the same version, read as no files.
        json.as_object_mut().unwrap().remove("config_files");
        let older: PlanDocument = serde_json::from_value(json).unwrap();
        assert!(older.config_files.is_empty());
        assert_eq!(older.actions, document.actions);
    }

    #[test]
    fn a_plan_from_a_snapshot_carries_its_age_and_other_plans_do_not() {
        let without = sample().to_json();
        assert!(!without.contains("\"snapshot\""), "{without}");
        let (desired, live) = scenario_tag_renamed();
        let mut plan = plan(&desired, &live);
        plan.snapshot = Some(crate::snapshot_age::SnapshotAge::judge(
            Some("2026-11-28T00:00:00Z"),
            1_796_083_200,
            crate::snapshot_age::MaxAge(Some(86_400)),
        ));
        let document = PlanDocument::from_plan(&plan);
        let text = document.to_json();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            json["snapshot"],
            serde_json::json!({
                "exported_at": "2026-11-28T00:00:00Z",
                "age_seconds": 259_200,
                "max_age_seconds": 86_400,
                "status": "stale"
            })
        );
        assert!(
            text.find("\"appid\"").unwrap() < text.find("\"snapshot\"").unwrap()
                && text.find("\"snapshot\"").unwrap() < text.find("\"summary\"").unwrap(),
            "after the account, before the summary: {text}"
        );
        let back: PlanDocument = serde_json::from_str(&text).unwrap();
        assert_eq!(back, document);
        // A document written before the field existed still reads.
        let older: PlanDocument = serde_json::from_str(&without).unwrap();
        assert_eq!(older.snapshot, None);
    }

    #[test]
    fn round_trips_and_keeps_cjk_readable() {
        let document = sample();
        let text = document.to_json();
        assert!(text.contains("测试用户") && !text.contains("\\u"), "{text}");
        let back: PlanDocument = serde_json::from_str(&text).unwrap();
        assert_eq!(back, document);
    }

    #[test]
    fn invisible_characters_are_escaped_and_read_back_the_same() {
        let mut document = sample();
        document.notes.push("a\u{202e}b".into());
        let text = document.to_json();
        assert!(text.contains("a\\u202eb"), "{text}");
        let back: PlanDocument = serde_json::from_str(&text).unwrap();
        assert_eq!(back, document);
    }

    #[test]
    fn the_plan_a_document_describes_is_the_plan_it_was_made_from() {
        for (desired, live) in [scenario_tag_renamed(), scenario_menu_deleted()] {
            let planned = plan(&desired, &live);
            let document = PlanDocument::from_plan(&planned);
            assert_eq!(document.to_plan(), planned);
            assert_eq!(document.inconsistency(), None);
        }
    }

    #[test]
    fn a_summary_or_steps_that_do_not_follow_from_the_actions_are_named() {
        let (desired, live) = scenario_menu_deleted();
        let mut document = PlanDocument::from_plan(&plan(&desired, &live));
        document.steps.pop();
        assert_eq!(
            document.inconsistency().as_deref(),
            Some("the list of steps")
        );
        let mut document = PlanDocument::from_plan(&plan(&desired, &live));
        document.summary.counts.destroy = 0;
        assert_eq!(document.inconsistency().as_deref(), Some("the summary"));
    }
}
