//! `examples/gitlab-ci/.gitlab-ci.yml`'s jobs run for real: the merge-request plan and its note
//! (against a canned GitLab API), and drift detection. The image's scripts
//! (`WXFORM_SCRIPTS`) are the repository's `examples/gitlab-ci/wxform/`.

use super::github::{MARKER, account, text};
use super::repo::{MINIMAL, Repo, load_yaml};
use crate::support::account::{connect, credentials};
use crate::support::canned::Canned;
use crate::support::emulator::Emulator;
use std::collections::BTreeMap;

pub const NOTES: &str = "/api/v4/projects/7/merge_requests/3/notes";
pub const USER: &str = "/api/v4/user";
const COMMITS: &str = "/api/v4/projects/7/repository/commits";
const RAW: &str = "/api/v4/projects/7/repository/files/wxform.live.json/raw";
/// The merge-request plan job's page, as GitLab's CI_JOB_URL gives it.
pub const JOB_URL: &str = "https://gitlab.example.com/shop/wechat/-/jobs/555";
/// The token's own user, as GitLab's /user answers.
pub const ME: &[u8] = br#"{"id":77,"username":"project_7_bot_wxform"}"#;

/// The job's `script` lines as GitLab runs them: one shell, stopping at the first failure.
pub fn job_script(job: &str) -> String {
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
pub fn env(
    repo: &Repo,
    emulator: &Emulator,
    gitlab: &str,
    secrets: bool,
) -> BTreeMap<String, String> {
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
            (
                "WXFORM_SCRIPTS",
                repo.path(".gitlab/wxform").display().to_string(),
            ),
            ("WXFORM_API_BASE", emulator.base_url()),
            ("CI_API_V4_URL", format!("{gitlab}/api/v4")),
            ("CI_PROJECT_ID", "7".into()),
            ("CI_MERGE_REQUEST_IID", "3".into()),
            ("CI_JOB_URL", JOB_URL.into()),
            ("CI_DEFAULT_BRANCH", "main".into()),
            ("WXFORM_GITLAB_TOKEN", "glpat-fake".into()),
        ]
        .map(|(k, v)| (k.to_string(), v)),
    );
    if secrets {
        env.extend(credentials(emulator).map(|(k, v)| (k.to_string(), v)));
    }
    env
}

#[test]
fn merge_request_plan_posts_a_note_then_edits_it() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let none = Canned::start(vec![
        (USER, "application/json", ME),
        (NOTES, "application/json", b"[]"),
    ]);
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &none.base_url(), true),
    );
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(
        none.paths(),
        [USER, NOTES, NOTES],
        "who am I, a lookup, then a new note"
    );
    let note = repo.read("wxform.plan.md");
    assert!(
        note.starts_with(MARKER) && note.contains("旧官网"),
        "{note}"
    );
    assert!(repo.path("wxform.plan.json").exists());

    let listed = format!(
        r#"[{{"id":5,"author":{{"id":12}},"body":"LGTM"}},{{"id":9,"author":{{"id":77}},"body":"{MARKER}\nold plan"}}]"#
    );
    let existing = Canned::start(vec![
        (USER, "application/json", ME),
        (NOTES, "application/json", listed.as_bytes()),
        (&format!("{NOTES}/9"), "application/json", b"{}"),
    ]);
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &existing.base_url(), true),
    );
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(
        existing.paths(),
        [USER.to_string(), NOTES.to_string(), format!("{NOTES}/9")]
    );
    assert!(emulator.mutating_requests().is_empty());
}

/// Anyone can write a note whose first line is the marker; only the token's own note is edited.
#[test]
fn a_note_by_someone_else_with_the_marker_is_left_alone() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let listed =
        format!(r#"[{{"id":4,"author":{{"id":12}},"body":"{MARKER}\nNo changes. Merge away."}}]"#);
    let gitlab = Canned::start(vec![
        (USER, "application/json", ME),
        (NOTES, "application/json", listed.as_bytes()),
        (&format!("{NOTES}/4"), "application/json", b"{}"),
    ]);
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &gitlab.base_url(), true),
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("Posted the plan note."),
        "{}",
        text(&output)
    );
    assert_eq!(
        gitlab.paths(),
        [USER, NOTES, NOTES],
        "a new note, the other one untouched"
    );

    // A token GitLab does not name a user for: no note is touched.
    let anonymous = Canned::start(vec![
        (USER, "application/json", b"{}"),
        (NOTES, "application/json", listed.as_bytes()),
    ]);
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &anonymous.base_url(), true),
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert_eq!(anonymous.paths(), [USER]);
}

/// Full pages are followed (the canned API answers every page alike), up to 20 of them.
#[test]
fn notes_are_read_page_by_page_up_to_a_bound() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let page: Vec<String> = (0..100)
        .map(|id| format!(r#"{{"id":{id},"author":{{"id":12}},"body":"LGTM"}}"#))
        .collect();
    let page = format!("[{}]", page.join(","));
    let gitlab = Canned::start(vec![
        (USER, "application/json", ME),
        (NOTES, "application/json", page.as_bytes()),
    ]);
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &gitlab.base_url(), true),
    );
    assert!(output.status.success(), "{}", text(&output));
    let paths = gitlab.paths();
    assert_eq!(paths[0], USER);
    assert_eq!(paths.len(), 1 + 20 + 1, "20 pages, then a new note");

    // Notes that cannot be listed: no new note, which could only be a second one.
    let broken = Canned::start(vec![(USER, "application/json", ME)]);
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &broken.base_url(), true),
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("cannot list the merge request's notes"));
    assert_eq!(broken.paths(), [USER, NOTES]);
}

#[test]
fn merge_request_without_credentials_plans_the_target_branch_snapshot() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let gitlab = Canned::start(vec![
        (COMMITS, "application/json", b"[]"),
        (USER, "application/json", ME),
        (NOTES, "application/json", b"[]"),
    ]);
    let mut vars = env(&repo, &emulator, &gitlab.base_url(), false);
    vars.insert("CI_MERGE_REQUEST_TARGET_BRANCH_NAME".into(), "main".into());
    let output = repo.run(&job_script("plan:merge-request"), &vars);
    assert_eq!(output.status.code(), Some(1), "no snapshot on main");
    assert!(
        text(&output).contains("no snapshot wxform.live.json on main"),
        "{}",
        text(&output)
    );
    assert_eq!(gitlab.paths(), [COMMITS], "no note for a failed plan");

    let snapshot = connect(
        &mut crate::support::run::wxform(),
        &emulator,
        repo.dir.path(),
    )
    .env("WXFORM_NOW", "2026-11-28T09:00:00Z")
    .args(["export", "--format", "json", "--out", "main.live.json"])
    .output()
    .unwrap();
    assert!(snapshot.status.success());
    let on_main = repo.read("main.live.json");
    // The merge request's own copy claims the account already matches: not believed.
    repo.write(
        "wxform.live.json",
        &on_main
            .replace("旧官网", "官网")
            .replace("https://old.example.com/", "https://example.com/"),
    );
    emulator.clear_requests();
    let commits = br#"[{"id":"5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b","committed_date":"2020-01-02T11:04:05.000+08:00"}]"#;
    let gitlab = Canned::start(vec![
        (COMMITS, "application/json", commits),
        (RAW, "text/plain", on_main.as_bytes()),
        (USER, "application/json", ME),
        (NOTES, "application/json", b"[]"),
    ]);
    let mut vars = env(&repo, &emulator, &gitlab.base_url(), false);
    vars.insert("CI_MERGE_REQUEST_TARGET_BRANCH_NAME".into(), "main".into());
    vars.insert("WXFORM_NOW".into(), "2026-12-01T09:00:00Z".into());
    let output = repo.run(&job_script("plan:merge-request"), &vars);
    assert!(output.status.success(), "{}", text(&output));
    assert!(emulator.requests().is_empty());
    assert_eq!(gitlab.paths(), [COMMITS, RAW, USER, NOTES, NOTES]);
    let note = repo.read("wxform.plan.md");
    assert!(note.starts_with(MARKER), "{note}");
    assert!(note.contains("旧官网"), "main's snapshot: {note}");
    assert!(
        note.contains(
            "the snapshot `wxform.live.json` from `main` (commit 5a9b5a9b5a9b of 2020-01-02T11:04:05.000+08:00), not the live account"
        ),
        "{note}"
    );
    // Its age is the plan's own, from when the snapshot was exported.
    assert!(
        note.contains("> Planned against a snapshot exported 3 days ago (`2026-11-28T09:00:00Z`)"),
        "{note}"
    );
    // The preview is drawn from main's snapshot too, not the merge request's copy.
    assert!(repo.read("wxform.preview.html").contains("旧官网"));
    assert!(note.contains("**Phone preview:**"), "{note}");
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
fn validate_job_fails_on_an_unformatted_configuration_with_its_diff() {
    let repo = Repo::new(MINIMAL);
    let emulator = account(true);
    let minimal = repo.read("wxform.yaml");
    repo.write("wxform.yaml", &minimal.replace("\n\nmenu:", "\nmenu:"));
    let output = repo.run(
        &job_script("validate"),
        &env(&repo, &emulator, "http://127.0.0.1:9", false),
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("+\n menu:\n"), "{}", text(&output));
    assert!(
        text(&output).contains("wxform.yaml is not formatted"),
        "{}",
        text(&output)
    );
    assert_eq!(
        repo.read("wxform.yaml"),
        minimal.replace("\n\nmenu:", "\nmenu:")
    );
}

/// A `curl` in front of the real one that logs its arguments (what `/proc/PID/cmdline` shows
/// anyone on the machine) and, for each `--header @FILE`, the file's mode and content.
fn spy_on_curl(repo: &Repo) {
    let real = std::process::Command::new("bash")
        .args(["-c", "command -v curl"])
        .output()
        .unwrap();
    let real = String::from_utf8(real.stdout).unwrap();
    let spy = format!(
        r#"#!/usr/bin/env bash
printf 'argv: %s\n' "$*" >> "$FAKE_CURL_LOG"
for arg in "$@"; do
  case "$arg" in
    @*) [ -f "${{arg#@}}" ] && {{ printf 'file %s mode %s: ' "${{arg#@}}" "$(stat -c %a "${{arg#@}}")"; cat "${{arg#@}}"; }} >> "$FAKE_CURL_LOG" ;;
  esac
done
exec {} "$@"
"#,
        real.trim()
    );
    let path = repo.path("fakebin/curl");
    std::fs::write(&path, spy).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// The GitLab token goes to curl in a header file only it can read, removed afterwards, never
/// on a command line.
#[test]
fn the_gitlab_token_never_reaches_a_command_line() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    spy_on_curl(&repo);
    let snapshot = connect(
        &mut crate::support::run::wxform(),
        &emulator,
        repo.dir.path(),
    )
    .args(["export", "--format", "json", "--out", "main.live.json"])
    .output()
    .unwrap();
    assert!(snapshot.status.success());
    let commits = br#"[{"id":"5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b","committed_date":"2020-01-02T11:04:05.000+08:00"}]"#;
    let on_main = repo.read("main.live.json");
    let gitlab = Canned::start(vec![
        (COMMITS, "application/json", commits),
        (RAW, "text/plain", on_main.as_bytes()),
        (USER, "application/json", ME),
        (NOTES, "application/json", b"[]"),
    ]);
    let mut vars = env(&repo, &emulator, &gitlab.base_url(), false);
    vars.insert("CI_MERGE_REQUEST_TARGET_BRANCH_NAME".into(), "main".into());
    vars.insert(
        "FAKE_CURL_LOG".into(),
        repo.path("curl.log").display().to_string(),
    );
    let output = repo.run(&job_script("plan:merge-request"), &vars);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(gitlab.paths(), [COMMITS, RAW, USER, NOTES, NOTES]);
    let log = repo.read("curl.log");
    let calls: Vec<&str> = log.lines().filter(|l| l.starts_with("argv: ")).collect();
    assert_eq!(calls.len(), 5, "{log}");
    for call in &calls {
        assert!(
            !call.contains("glpat-fake"),
            "the token on a command line: {call}"
        );
    }
    let files: Vec<&str> = log.lines().filter(|l| l.starts_with("file ")).collect();
    assert_eq!(
        files.len(),
        5,
        "each call reads its header from a file: {log}"
    );
    for file in files {
        assert!(
            file.ends_with(" mode 600: PRIVATE-TOKEN: glpat-fake"),
            "{file}"
        );
        let path = file["file ".len()..].split(" mode ").next().unwrap();
        assert!(
            !std::path::Path::new(path).exists(),
            "{path} was left behind"
        );
    }
}
