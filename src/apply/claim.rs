//! `apply --plan`: a saved plan is a claim about what wxform would do, never an authority.
//!
//! The file may come from anywhere (an artifact of a pull-request run, edited by hand, cut
//! short), so the plan is computed again from the configuration and the live account just read,
//! and the file is accepted only when it equals that plan's [`PlanDocument`] in every field but
//! the writer's version: the account, both fingerprints, every action (address, kind, before,
//! after, warnings, destructive flag, steps), every step in apply order, the summary, the
//! unmanaged list, the notes and the errors. What `apply` then shows, the guards it checks and the calls it
//! makes all come from the recomputed plan; nothing is taken from the file.

use crate::model::{Desired, Live};
use crate::plan::saved::{self, SavedPlanError};
use crate::plan::{Plan, PlanDocument, difference, plan};

/// The plan to apply for `saved`: the one computed now from `desired` and `live`, provided the
/// file claims exactly that plan.
pub fn accept_saved(
    saved: &PlanDocument,
    desired: &Desired,
    live: &Live,
) -> Result<Plan, SavedPlanError> {
    saved::verify(saved, desired, live)?;
    let now = plan(desired, live);
    match difference(saved, &PlanDocument::from_plan(&now)) {
        Some(what) => Err(SavedPlanError::Differs(what)),
        None => Ok(now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Step;
    use crate::plan::testkit::*;

    fn honest() -> (Desired, Live, PlanDocument) {
        let (desired, live) = scenario_tag_renamed();
        let saved = PlanDocument::from_plan(&plan(&desired, &live));
        (desired, live, saved)
    }

    fn refusal(saved: &PlanDocument, desired: &Desired, live: &Live) -> String {
        accept_saved(saved, desired, live).unwrap_err().to_string()
    }

    #[test]
    fn the_honest_file_gives_the_plan_computed_now() {
        let (desired, live, saved) = honest();
        let accepted = accept_saved(&saved, &desired, &live).unwrap();
        assert_eq!(accepted, plan(&desired, &live));
        // The writer's version is information only.
        let mut other_version = saved.clone();
        other_version.wxform_version = "9.9.9".into();
        assert_eq!(
            accept_saved(&other_version, &desired, &live).unwrap(),
            accepted
        );
    }

    #[test]
    fn a_forged_destructive_flag_or_warning_is_refused() {
        let (desired, live, saved) = honest();
        let mut forged = saved.clone();
        forged.actions[0].destructive = !forged.actions[0].destructive;
        let err = refusal(&forged, &desired, &live);
        assert!(
            err.starts_with("the destructive flag of action 1 (tag.测试用户) differs"),
            "{err}"
        );
        let mut forged = saved.clone();
        forged.actions[0].warnings.push("nothing to see".into());
        assert!(refusal(&forged, &desired, &live).starts_with("the list of warnings of action 1"));
    }

    #[test]
    fn hidden_steps_and_missing_actions_are_refused() {
        let (desired, live, saved) = honest();
        let mut hidden = saved.clone();
        hidden.actions[0].steps.push(Step::DeleteTag {
            id: 100,
            name: "VIP".into(),
        });
        assert!(refusal(&hidden, &desired, &live).starts_with("the list of steps of action 1"));
        let mut silent = saved.clone();
        silent.actions.clear();
        assert!(
            refusal(&silent, &desired, &live)
                .starts_with("the number of actions (0 in the file, 1 now)")
        );
        let mut reordered = saved.clone();
        reordered.steps.push(reordered.steps[0].clone());
        assert!(refusal(&reordered, &desired, &live).starts_with("the list of steps"));
        let mut summarised = saved.clone();
        summarised.summary.counts.destroy = 1;
        assert!(refusal(&summarised, &desired, &live).starts_with("the summary"));
        let mut noted = saved.clone();
        noted.notes.push("all is well".into());
        assert!(refusal(&noted, &desired, &live).starts_with("the list of notes"));
        let mut anonymous = saved;
        anonymous.appid = None;
        assert!(refusal(&anonymous, &desired, &live).starts_with("the account (appid)"));
    }

    #[test]
    fn a_warning_the_plan_does_not_give_is_refused_whatever_its_numbers() {
        let (desired, live, saved) = honest();
        let mut counted = saved.clone();
        counted.actions[0].warnings = vec!["deleting tag \"VIP\" untags 1520 followers".into()];
        assert!(accept_saved(&counted, &desired, &live).is_err());
    }

    #[test]
    fn stale_files_are_refused_as_stale() {
        let (desired, mut live, saved) = honest();
        live.tags[1].name = "VIP2".into();
        assert!(matches!(
            accept_saved(&saved, &desired, &live),
            Err(SavedPlanError::StaleLive)
        ));
    }
}
