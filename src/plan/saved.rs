//! The saved-plan file written by `plan --out` and read by `apply --plan`: the
//! [`PlanDocument`], written atomically, read with a size bound, parsed only when its format
//! version is this wxform's, and checked against the account and configuration `apply` just read.

use super::document::{FORMAT_VERSION, PlanDocument};
use super::{Plan, fingerprint};
use crate::model::{Desired, Live};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum SavedPlanError {
    // `error`, not `source`: the message says the cause, and `{:#}` would say a source again.
    #[error("cannot use the plan file: {error}")]
    Read {
        path: String,
        error: crate::files::ReadError,
    },
    #[error("cannot write plan file {path}: {error}")]
    Write { path: String, error: std::io::Error },
    #[error(
        "{path} does not match what wxform would do now: it is not a complete wxform plan file (truncated, edited or not JSON): {detail}"
    )]
    Corrupted { path: String, detail: String },
    /// A part of the file that a plan derives from its actions (the summary, the steps) says
    /// something else: the file was edited.
    #[error(
        "{path} does not match what wxform would do now: {part} does not follow from its actions (the file was edited)"
    )]
    Inconsistent { path: String, part: String },
    #[error(
        "{path} is a plan file of format version {found}, but this wxform reads version {FORMAT_VERSION}"
    )]
    Version { path: String, found: u64 },
    #[error("the plan was made for account {planned}, but the live account is {actual}")]
    OtherAccount { planned: String, actual: String },
    #[error("the saved plan is stale: the live account changed since the plan was made")]
    StaleLive,
    #[error("the saved plan is stale: the configuration changed since the plan was made")]
    StaleConfig,
    /// The file's fingerprints fit, but planning again gives something else: the file was
    /// edited, or written by another version of wxform.
    #[error(
        "{0} differs from the plan computed now from the configuration and the live account (the file was edited, or written by another version of wxform)"
    )]
    Differs(String),
}

impl SavedPlanError {
    /// Whether making the plan again (`plan --out`) is the way on: the file is stale, edited,
    /// cut short or of another version. Not for a file that cannot be read at all (its cause
    /// says what to do), nor for a plan made for another account, where the credentials may be
    /// the mistake.
    pub fn needs_a_new_plan(&self) -> bool {
        !matches!(
            self,
            SavedPlanError::Read { .. }
                | SavedPlanError::OtherAccount { .. }
                | SavedPlanError::Write { .. }
        )
    }
}

/// Refuse a plan made for another account, or from another live state or configuration than
/// the ones `apply` just read.
pub fn verify(saved: &PlanDocument, desired: &Desired, live: &Live) -> Result<(), SavedPlanError> {
    if let (Some(planned), Some(actual)) = (&saved.appid, &live.appid)
        && planned != actual
    {
        return Err(SavedPlanError::OtherAccount {
            planned: planned.clone(),
            actual: actual.clone(),
        });
    }
    if fingerprint::desired(desired) != saved.config_fingerprint {
        return Err(SavedPlanError::StaleConfig);
    }
    if fingerprint::live(desired, live) != saved.live_fingerprint {
        return Err(SavedPlanError::StaleLive);
    }
    Ok(())
}

/// Parse a saved plan, refusing one whose summary or steps do not follow from its actions;
/// `path` is only used in error messages.
pub fn parse(text: &str, path: &str) -> Result<PlanDocument, SavedPlanError> {
    let corrupted = |detail: String| SavedPlanError::Corrupted {
        path: path.to_string(),
        detail,
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|err| corrupted(err.to_string()))?;
    let found = crate::format_version::of(&value).map_err(|why| corrupted(why.to_string()))?;
    if found != u64::from(FORMAT_VERSION) {
        return Err(SavedPlanError::Version {
            path: path.to_string(),
            found,
        });
    }
    let document: PlanDocument =
        serde_json::from_value(value).map_err(|err| corrupted(err.to_string()))?;
    match document.inconsistency() {
        Some(part) => Err(SavedPlanError::Inconsistent {
            path: path.to_string(),
            part,
        }),
        None => Ok(document),
    }
}

/// Write `plan` to `path` (replacing a regular file atomically, so a failed write leaves no half
/// plan; never replacing a device or FIFO).
pub fn write(plan: &Plan, path: &Path) -> Result<(), SavedPlanError> {
    let json = PlanDocument::from_plan(plan).to_json();
    crate::files::write_output(path, json.as_bytes()).map_err(|error| SavedPlanError::Write {
        path: path.display().to_string(),
        error,
    })
}

pub fn read(path: &Path) -> Result<PlanDocument, SavedPlanError> {
    let text = crate::files::read_text(path, crate::files::MAX_DATA_BYTES).map_err(|error| {
        SavedPlanError::Read {
            path: path.display().to_string(),
            error,
        }
    })?;
    parse(&text, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testkit::*;

    fn sample() -> Plan {
        let (desired, live) = scenario_tag_renamed();
        crate::plan::plan(&desired, &live)
    }

    #[test]
    fn round_trips_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        let plan = sample();
        write(&plan, &path).unwrap();
        let saved = read(&path).unwrap();
        assert_eq!(saved, PlanDocument::from_plan(&plan));
        assert_eq!(saved.steps, plan.apply_steps());
        assert!(saved.live_fingerprint.starts_with("sha256:"));
    }

    #[test]
    fn rejects_another_format_version() {
        let mut json: serde_json::Value =
            serde_json::from_str(&PlanDocument::from_plan(&sample()).to_json()).unwrap();
        json["format_version"] = 7.into();
        let err = parse(&json.to_string(), "p.json").unwrap_err();
        assert!(
            matches!(err, SavedPlanError::Version { found: 7, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("format version 7"));
    }

    #[test]
    fn rejects_corrupted_files() {
        let err = parse("{\"format_version\": 2, \"actions\": 3", "p.json");
        assert!(matches!(err, Err(SavedPlanError::Corrupted { .. })));
        let err = parse("{\"hello\": 1}", "p.json").unwrap_err();
        assert!(err.to_string().contains("no format_version"), "{err}");
        let err = parse("{\"format_version\": \"2\"}", "p.json").unwrap_err();
        assert!(
            err.to_string()
                .ends_with("format_version is not a whole number"),
            "{err}"
        );
        let err = parse("{\"format_version\": 2}", "p.json").unwrap_err();
        assert!(matches!(err, SavedPlanError::Corrupted { .. }));
    }

    #[test]
    fn rejects_a_summary_or_steps_that_do_not_follow_from_the_actions() {
        let mut json: serde_json::Value =
            serde_json::from_str(&PlanDocument::from_plan(&sample()).to_json()).unwrap();
        json["steps"] = serde_json::json!([]);
        let err = parse(&json.to_string(), "p.json").unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.json does not match what wxform would do now: the list of steps does not follow from its actions (the file was edited)"
        );
        assert!(err.needs_a_new_plan());
    }

    #[test]
    fn verify_refuses_stale_plans() {
        let (desired, live) = scenario_tag_renamed();
        let saved = PlanDocument::from_plan(&crate::plan::plan(&desired, &live));
        assert!(verify(&saved, &desired, &live).is_ok());
        let mut changed_live = live.clone();
        changed_live.tags[1].name = "VIP2".into();
        let mut more_followers = live.clone();
        more_followers.tags[1].count += 1;
        assert!(verify(&saved, &desired, &more_followers).is_ok());
        assert!(matches!(
            verify(&saved, &desired, &changed_live),
            Err(SavedPlanError::StaleLive)
        ));
        let mut changed_config = desired.clone();
        changed_config.tags.as_mut().unwrap().items.pop();
        assert!(matches!(
            verify(&saved, &changed_config, &live),
            Err(SavedPlanError::StaleConfig)
        ));
        let mut other = live.clone();
        other.appid = Some("wx0000000000000000".into());
        let err = verify(&saved, &desired, &other).unwrap_err();
        assert!(
            err.to_string()
                .contains("made for account wx1234567890abcdef"),
            "{err}"
        );
    }

    #[test]
    fn a_version_1_plan_file_is_refused_naming_both_versions() {
        let err = parse(
            r#"{"format_version": 1, "actions": [], "steps": []}"#,
            "p.json",
        );
        let err = err.unwrap_err().to_string();
        assert_eq!(
            err,
            "p.json is a plan file of format version 1, but this wxform reads version 2"
        );
    }

    #[test]
    fn missing_file_is_a_read_error() {
        let err = read(Path::new("/nonexistent/wxform-plan.json")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot use the plan file: cannot read /nonexistent/")
        );
    }
}
