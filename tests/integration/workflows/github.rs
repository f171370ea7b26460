//! The pull-request and drift jobs of `examples/github-actions/wxform.yml`, run step by step.

use super::repo::{MINIMAL, Repo, load_yaml, script, step, step_env};
use crate::support::emulator::{Button, DefaultMenu, Emulator, MenuSource, State};
use serde_json::Value;
use std::collections::BTreeMap;

pub const WORKFLOW: &str = "examples/github-actions/wxform.yml";
pub const MARKER: &str = "<!-- wxform:plan:wx1234567890abcdef -->";

/// An account whose menu is `minimal.yaml`'s when `matching`, another one otherwise.
pub fn account(matching: bool) -> Emulator {
    let emulator = Emulator::start();
    let button = if matching {
        Button::view("官网", "https://example.com/")
    } else {
        Button::view("旧官网", "https://old.example.com/")
    };
    emulator.seed(State {
        menu: Some(DefaultMenu {
            source: MenuSource::Api,
            menuid: 1,
            button: vec![button],
        }),
        ..State::default()
    });
    emulator
}

/// Values for the workflow's expressions: the emulator's credentials (`None`: a fork, whose
/// secrets are empty), pull request 42.
pub fn values<'a>(repo: &'a Repo, emulator: &'a Emulator, secrets: bool) -> Vec<(&'a str, String)> {
    let secret = |value: &str| {
        if secrets {
            value.to_string()
        } else {
            String::new()
        }
    };
    vec![
        ("WECHAT_APPID", secret(emulator.appid())),
        ("WECHAT_APPSECRET", secret(emulator.secret())),
        ("PR_NUMBER", "42".to_string()),
        ("GH_TOKEN", "fake-github-token".to_string()),
        (
            "WXFORM_CACHE_DIR",
            repo.path(".wxform-cache").display().to_string(),
        ),
    ]
}

/// Runs the step `name` of `job` in `repo` against `emulator`, with extra variables.
pub fn run_step(
    repo: &Repo,
    emulator: &Emulator,
    job: &str,
    name: &str,
    secrets: bool,
    extra: &[(&str, &str)],
) -> std::process::Output {
    let workflow = load_yaml(WORKFLOW);
    let step = step(&workflow, job, name);
    let owned = values(repo, emulator, secrets);
    // `extra` also gives values to expressions (step outputs, workflow inputs).
    let values: Vec<(&str, &str)> = extra
        .iter()
        .copied()
        .chain(owned.iter().map(|(k, v)| (*k, v.as_str())))
        .collect();
    let mut env: BTreeMap<String, String> = step_env(&workflow, job, step, &values);
    env.insert("WXFORM_API_BASE".into(), emulator.base_url());
    for (key, value) in extra {
        env.insert(key.to_string(), value.to_string());
    }
    repo.run(script(step), &env)
}

pub fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn validate_step_annotates_the_yaml() {
    let emulator = account(true);
    let repo = Repo::new(MINIMAL);
    let output = run_step(&repo, &emulator, "plan", "Validate", true, &[]);
    assert!(output.status.success(), "{}", text(&output));

    repo.write(
        "wxform.yaml",
        "version: 1\nmenu:\n  button:\n    - { name: 今日歌曲今日歌曲, type: click, key: K }\n",
    );
    let output = run_step(&repo, &emulator, "plan", "Validate", true, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("::error file=wxform.yaml,line=4,col=15::"),
        "{}",
        text(&output)
    );
    assert!(emulator.requests().is_empty(), "validate is offline");
}

#[test]
fn plan_step_reads_the_live_account_and_writes_comment_summary_and_plan() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let output = run_step(&repo, &emulator, "plan", "Plan", true, &[]);
    assert!(output.status.success(), "{}", text(&output));

    let comment = repo.read("wxform.plan.md");
    assert_eq!(comment.lines().next(), Some(MARKER));
    assert!(
        comment.contains("旧官网") && comment.contains("官网"),
        "{comment}"
    );
    assert_eq!(
        repo.read("step_summary"),
        comment,
        "the job summary holds the plan"
    );
    let saved: Value = serde_json::from_str(&repo.read("wxform.plan.json")).unwrap();
    assert_eq!(saved["appid"], "wx1234567890abcdef");
    assert_eq!(repo.read("wxform.pr"), "42\n");
    let outputs = repo.outputs();
    assert_eq!(outputs["mode"], "live");
    assert_eq!(outputs["changes"], "true");
    assert_eq!(outputs["marker"], MARKER);
    assert!(
        emulator.mutating_requests().is_empty(),
        "planning wrote nothing"
    );
}

#[test]
fn plan_step_without_changes_says_so() {
    let emulator = account(true);
    let repo = Repo::new(MINIMAL);
    let output = run_step(&repo, &emulator, "plan", "Plan", true, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(repo.outputs()["changes"], "false");
    assert!(repo.read("wxform.plan.md").contains("No changes"));
}

#[test]
fn a_failed_plan_fails_the_step_and_turns_the_comment_into_a_note() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    emulator.update_state(|state| state.secret = "0123456789abcdef0123456789abcdef".into());
    let output = run_step(&repo, &emulator, "plan", "Plan", true, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("40125"), "{}", text(&output));
    assert!(text(&output).contains("::error::wxform plan failed"));
    assert!(!text(&output).contains(emulator.secret()));
    // The sticky comment is replaced by a note, so no outdated plan stays on the pull request.
    let comment = repo.read("wxform.plan.md");
    assert!(
        comment.starts_with(&format!("{MARKER}\n### wxform plan failed\n")),
        "{comment}"
    );
    assert!(comment.contains("exited with 1"), "{comment}");
    assert!(!repo.path("wxform.plan.json").exists());
    let name = "Comment the plan on the pull request";
    let output = run_step(
        &repo,
        &emulator,
        "plan",
        name,
        true,
        &[("FAKE_GH_COMMENT_ID", "9")],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        repo.gh_log()
            .contains("--method PATCH repos/octo/shop/issues/comments/9")
    );
}

#[test]
fn comment_step_posts_once_then_edits_in_place() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    run_step(&repo, &emulator, "plan", "Plan", true, &[]);
    let name = "Comment the plan on the pull request";

    let output = run_step(&repo, &emulator, "plan", name, true, &[]);
    assert!(output.status.success(), "{}", text(&output));
    let log = repo.gh_log();
    assert!(
        log.contains("api --paginate repos/octo/shop/issues/42/comments"),
        "{log}"
    );
    assert!(log.contains(MARKER), "the lookup uses the marker: {log}");
    assert!(
        log.contains("api --method POST repos/octo/shop/issues/42/comments"),
        "{log}"
    );
    assert_eq!(repo.gh_body(), repo.read("wxform.plan.md"));

    let output = run_step(
        &repo,
        &emulator,
        "plan",
        name,
        true,
        &[("FAKE_GH_COMMENT_ID", "777")],
    );
    assert!(output.status.success(), "{}", text(&output));
    let log = repo.gh_log();
    assert!(
        log.contains("api --method PATCH repos/octo/shop/issues/comments/777"),
        "{log}"
    );
    assert_eq!(
        log.matches("--method POST").count(),
        1,
        "no second comment: {log}"
    );
}

#[test]
fn comment_step_refuses_a_body_without_the_marker() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    repo.write(
        "wxform.plan.md",
        "<!-- wxform:plan:\") | .id, (\"x -->\nhello\n",
    );
    let name = "Comment the plan on the pull request";
    let output = run_step(&repo, &emulator, "plan", name, true, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        repo.gh_log().is_empty(),
        "gh was not called: {}",
        repo.gh_log()
    );

    // The multi-account report's marker is accepted.
    repo.write(
        "wxform.plan.md",
        "<!-- wxform:plans:all -->\n### wxform plans\n",
    );
    let output = run_step(&repo, &emulator, "plan", name, true, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(repo.gh_log().contains("<!-- wxform:plans:all -->"));
}

#[test]
fn drift_opens_updates_and_closes_the_issue() {
    let repo = Repo::new(MINIMAL);
    let drifted = account(false);
    let output = run_step(&repo, &drifted, "drift", "Detect drift", true, &[]);
    assert!(output.status.success(), "{}", text(&output));
    let log = repo.gh_log();
    assert!(
        log.contains("issue list --repo octo/shop --label wxform-drift --state open"),
        "{log}"
    );
    assert!(log.contains("label create wxform-drift"), "{log}");
    assert!(
        log.contains("issue create --repo octo/shop --label wxform-drift"),
        "{log}"
    );
    assert_eq!(repo.gh_body(), repo.read("wxform.drift.md"));
    assert!(repo.gh_body().starts_with(MARKER));

    let output = run_step(
        &repo,
        &drifted,
        "drift",
        "Detect drift",
        true,
        &[("FAKE_GH_ISSUE", "5")],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        repo.gh_log()
            .contains("issue edit 5 --repo octo/shop --body-file wxform.drift.md")
    );
    assert_eq!(repo.gh_log().matches("issue create").count(), 1);

    let matching = account(true);
    let output = run_step(
        &repo,
        &matching,
        "drift",
        "Detect drift",
        true,
        &[("FAKE_GH_ISSUE", "5")],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(repo.gh_log().contains("issue close 5"), "{}", repo.gh_log());
    assert!(drifted.mutating_requests().is_empty() && matching.mutating_requests().is_empty());
}

#[test]
fn drift_fails_the_job_when_the_plan_fails() {
    let repo = Repo::new(MINIMAL);
    let emulator = account(false);
    emulator.fail_rate(1.0, 1);
    let output = run_step(&repo, &emulator, "drift", "Detect drift", true, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        !repo.gh_log().contains("issue"),
        "no issue for a failure: {}",
        repo.gh_log()
    );
}
