//! `examples/gitlab-ci/.gitlab-ci.yml`'s jobs run for real: the merge-request plan and its note
//! (against a canned GitLab API), and drift detection.

use super::github::{MARKER, account, text};
use super::repo::{MINIMAL, Repo, load_yaml};
use crate::support::canned::Canned;
use crate::support::emulator::Emulator;
use std::collections::BTreeMap;

const NOTES: &str = "/api/v4/projects/7/merge_requests/3/notes";

/// The job's `script` lines as GitLab runs them: one shell, stopping at the first failure.
fn job_script(job: &str) -> String {
    let pipeline = load_yaml("examples/gitlab-ci/.gitlab-ci.yml");
    pipeline[job]["script"]
        .as_array()
        .unwrap_or_else(|| panic!("{job} has a script"))
        .iter()
        .map(|line| line.as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The pipeline's `variables` (as GitLab expands them), the predefined ones a merge-request
/// pipeline has, the emulator as WeChat and, with `secrets`, its credentials.
fn env(repo: &Repo, emulator: &Emulator, gitlab: &str, secrets: bool) -> BTreeMap<String, String> {
    let project_dir = repo.dir.path().display().to_string();
    let pipeline = load_yaml("examples/gitlab-ci/.gitlab-ci.yml");
    let mut env: BTreeMap<String, String> = pipeline["variables"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let value = v.as_str().unwrap().replace("$CI_PROJECT_DIR", &project_dir);
            (k.clone(), value)
        })
        .collect();
    assert!(
        !env.values().any(|v| v.contains('$')),
        "every variable expanded: {env:?}"
    );
    env.extend(
        [
            ("CI_PROJECT_DIR", project_dir.clone()),
            ("WXFORM_API_BASE", emulator.base_url()),
            ("CI_API_V4_URL", format!("{gitlab}/api/v4")),
            ("CI_PROJECT_ID", "7".into()),
            ("CI_MERGE_REQUEST_IID", "3".into()),
            ("CI_DEFAULT_BRANCH", "main".into()),
            ("WXFORM_GITLAB_TOKEN", "glpat-fake".into()),
        ]
        .map(|(k, v)| (k.to_string(), v)),
    );
    if secrets {
        env.insert("WECHAT_APPID".into(), emulator.appid().into());
        env.insert("WECHAT_APPSECRET".into(), emulator.secret().into());
    }
    env
}

#[test]
fn merge_request_plan_posts_a_note_then_edits_it() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let none = Canned::start(vec![(NOTES, "application/json", b"[]")]);
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &none.base_url(), true),
    );
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(none.paths(), [NOTES, NOTES], "a lookup, then a new note");
    let note = repo.read("wxform.plan.md");
    assert!(
        note.starts_with(MARKER) && note.contains("旧官网"),
        "{note}"
    );
    assert!(repo.path("wxform.plan.json").exists());

    let listed = format!(r#"[{{"id":5,"body":"LGTM"}},{{"id":9,"body":"{MARKER}\nold plan"}}]"#);
    let existing = Canned::start(vec![
        (NOTES, "application/json", listed.as_bytes()),
        (&format!("{NOTES}/9"), "application/json", b"{}"),
    ]);
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &existing.base_url(), true),
    );
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(existing.paths(), [NOTES.to_string(), format!("{NOTES}/9")]);
    assert!(emulator.mutating_requests().is_empty());
}

#[test]
fn merge_request_without_credentials_plans_the_snapshot() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let gitlab = Canned::start(vec![(NOTES, "application/json", b"[]")]);
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &gitlab.base_url(), false),
    );
    assert_eq!(output.status.code(), Some(1), "no snapshot committed");
    assert!(
        text(&output).contains("no WeChat credentials"),
        "{}",
        text(&output)
    );
    assert!(gitlab.paths().is_empty());

    let snapshot = crate::support::run::wxform()
        .current_dir(repo.dir.path())
        .env("WXFORM_API_BASE", emulator.base_url())
        .env("WECHAT_APPID", emulator.appid())
        .env("WECHAT_APPSECRET", emulator.secret())
        .env("WXFORM_CACHE_DIR", repo.path("cache"))
        .args(["export", "--format", "json", "--out", "wxform.live.json"])
        .output()
        .unwrap();
    assert!(snapshot.status.success());
    emulator.clear_requests();
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &gitlab.base_url(), false),
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(emulator.requests().is_empty());
    let note = repo.read("wxform.plan.md");
    assert!(note.starts_with(MARKER), "{note}");
    assert!(
        note.contains("committed snapshot `wxform.live.json`"),
        "{note}"
    );
}

#[test]
fn drift_job_fails_on_drift_only() {
    let repo = Repo::new(MINIMAL);
    let matching = account(true);
    let output = repo.run(
        &job_script("drift"),
        &env(&repo, &matching, "http://127.0.0.1:9", true),
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("No drift"));

    let drifted = account(false);
    let output = repo.run(
        &job_script("drift"),
        &env(&repo, &drifted, "http://127.0.0.1:9", true),
    );
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(repo.read("wxform.drift.md").starts_with(MARKER));
}

#[test]
fn validate_job_runs_offline() {
    let repo = Repo::new(MINIMAL);
    let emulator = account(true);
    let output = repo.run(
        &job_script("validate"),
        &env(&repo, &emulator, "http://127.0.0.1:9", false),
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(emulator.requests().is_empty());
}

#[test]
fn main_plans_then_the_manual_apply_applies_that_plan() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let env = env(&repo, &emulator, "http://127.0.0.1:9", true);
    let output = repo.run(&job_script("plan:main"), &env);
    assert!(output.status.success(), "{}", text(&output));
    assert!(emulator.mutating_requests().is_empty());

    let output = repo.run(&job_script("apply"), &env);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(emulator.state().menu.unwrap().button[0].name, "官网");
    assert!(
        repo.read("wxform.live.json").contains("官网"),
        "a fresh snapshot"
    );

    // Pressing play again on the same pipeline: the plan is stale now.
    let output = repo.run(&job_script("apply"), &env);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("stale"));
}
