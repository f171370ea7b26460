//! Where two plan documents differ, in words: the first part in which a saved plan differs from
//! the plan computed now (`apply --plan`), or from the plan its own actions describe (a saved
//! plan whose summary or steps were edited, refused when it is read).

use super::{Action, PlanDocument};
use crate::inert;

/// The first part in which `file` differs from `now`, in words; `None` when they are the same
/// plan. The version of wxform that wrote either is information only, and so are the menu
/// checks' results (they change nothing on the account) and the daily quotas with the errors
/// they cause (they move all day; `apply` measures the plan against the quotas it reads).
pub fn difference(file: &PlanDocument, now: &PlanDocument) -> Option<String> {
    if file.format_version != now.format_version {
        return Some("the format version".to_string());
    }
    if file.appid != now.appid {
        return Some("the account (appid)".to_string());
    }
    if file.live_fingerprint != now.live_fingerprint
        || file.config_fingerprint != now.config_fingerprint
    {
        return Some("a fingerprint".to_string());
    }
    if file.actions.len() != now.actions.len() {
        return Some(format!(
            "the number of actions ({} in the file, {} now)",
            file.actions.len(),
            now.actions.len()
        ));
    }
    let actions = file.actions.iter().zip(&now.actions).enumerate();
    for (index, (claimed, actual)) in actions {
        if let Some(field) = action_difference(claimed, actual) {
            return Some(format!(
                "the {field} of action {} ({})",
                index + 1,
                inert::text(&actual.address)
            ));
        }
    }
    let parts = [
        ("the list of steps", file.steps == now.steps),
        ("the summary", file.summary == now.summary),
        (
            "the list of unmanaged objects",
            file.unmanaged == now.unmanaged,
        ),
        ("the list of notes", file.notes == now.notes),
        (
            "the list of errors",
            errors_but_quota(file) == errors_but_quota(now),
        ),
    ];
    parts
        .into_iter()
        .find(|(_, same)| !same)
        .map(|(part, _)| part.to_string())
}

/// The document's errors but those its own quota lines cause.
fn errors_but_quota(document: &PlanDocument) -> Vec<&String> {
    let quota = document
        .quota
        .as_ref()
        .map(|report| report.errors())
        .unwrap_or_default();
    document
        .errors
        .iter()
        .filter(|error| !quota.contains(error))
        .collect()
}

/// Warnings with every number written as `#`. A number in a warning counts what changes all
/// day without changing any call (a tag's followers), and the warnings `apply` shows are the
/// ones computed now, with today's numbers: a file planned before more followers were tagged
/// is the same plan.
fn without_numbers(warnings: &[String]) -> Vec<String> {
    let mask = |warning: &String| {
        let mut masked = String::with_capacity(warning.len());
        for ch in warning.chars() {
            match ch {
                '0'..='9' if masked.ends_with('#') => {}
                '0'..='9' => masked.push('#'),
                _ => masked.push(ch),
            }
        }
        masked
    };
    warnings.iter().map(mask).collect()
}

/// The first field in which two actions differ.
fn action_difference(claimed: &Action, actual: &Action) -> Option<&'static str> {
    let fields = [
        ("address", claimed.address == actual.address),
        ("kind", claimed.kind == actual.kind),
        ("before", claimed.before == actual.before),
        ("after", claimed.after == actual.after),
        (
            "list of warnings",
            without_numbers(&claimed.warnings) == without_numbers(&actual.warnings),
        ),
        (
            "destructive flag",
            claimed.destructive == actual.destructive,
        ),
        ("list of steps", claimed.steps == actual.steps),
    ];
    fields
        .into_iter()
        .find(|(_, same)| !same)
        .map(|(field, _)| field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{plan, testkit::*};

    fn honest() -> PlanDocument {
        let (desired, live) = scenario_tag_renamed();
        PlanDocument::from_plan(&plan(&desired, &live))
    }

    #[test]
    fn numbers_in_warnings_are_information() {
        let saved = honest();
        let mut counted = saved.clone();
        counted.actions[0].warnings = vec!["deleting tag \"VIP\" untags 1520 followers".into()];
        let mut recounted = saved.clone();
        recounted.actions[0].warnings = vec!["deleting tag \"VIP\" untags 7 followers".into()];
        assert_eq!(
            action_difference(&counted.actions[0], &recounted.actions[0]),
            None
        );
        let mut reworded = saved;
        reworded.actions[0].warnings = vec!["deleting tag \"VIP\" untags no one".into()];
        assert_eq!(
            action_difference(&counted.actions[0], &reworded.actions[0]),
            Some("list of warnings")
        );
    }

    #[test]
    fn the_writer_and_the_menu_checks_are_information() {
        let saved = honest();
        let mut other = saved.clone();
        other.wxform_version = "9.9.9".into();
        other.menu_checks.clear();
        assert_eq!(difference(&other, &saved), None);
        let mut summarised = saved.clone();
        summarised.summary.has_changes = false;
        assert_eq!(
            difference(&summarised, &saved).as_deref(),
            Some("the summary")
        );
    }

    #[test]
    fn quotas_and_the_errors_they_cause_are_information() {
        use crate::quota::{LiveQuotas, Quota, QuotaReading};
        let saved = honest();
        let (desired, live) = scenario_tag_renamed();
        let mut spent = plan(&desired, &live);
        spent.check_quotas(
            &live,
            &LiveQuotas::Read(vec![QuotaReading {
                endpoint: "tags/update".into(),
                quota: Ok(Quota {
                    daily_limit: 1000,
                    used: 1000,
                    remain: 0,
                }),
            }]),
        );
        assert_eq!(spent.errors.len(), 1);
        let now = PlanDocument::from_plan(&spent);
        assert_eq!(difference(&saved, &now), None);
        assert_eq!(difference(&now, &saved), None);
        let mut other = now.clone();
        other.errors.push("too many tags".into());
        assert_eq!(
            difference(&saved, &other).as_deref(),
            Some("the list of errors")
        );
    }
}
