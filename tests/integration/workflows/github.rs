//! The pull-request and drift jobs of `examples/github-actions/wxform.yml`, run step by step
//! through the action's scripts.

use super::repo::{MINIMAL, Repo, action_main, load_yaml, script, step, step_env};
use crate::support::account::credentials;
// The workflow tests call it `text`: a step's whole output.
use crate::support::emulator::{Button, DefaultMenu, Emulator, MenuSource, State};
pub use crate::support::run::all_text as text;
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
/// secrets are empty), pull request 42 from a branch of the repository itself.
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
        ("github.token", "fake-github-token".to_string()),
        ("github.event.pull_request.number", "42".to_string()),
        (
            "github.event.pull_request.head.repo.full_name",
            "octo/shop".to_string(),
        ),
        (
            "runner.temp",
            repo.path("runner-temp").display().to_string(),
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
    run_workflow_step(repo, emulator, WORKFLOW, job, name, secrets, extra)
}

/// Runs the pull-request job's `Plan` step with the secrets set.
pub fn plan_step(repo: &Repo, emulator: &Emulator, extra: &[(&str, &str)]) -> std::process::Output {
    run_step(repo, emulator, "plan", "Plan", true, extra)
}

/// Runs the drift job's `Detect drift` step with the secrets set.
fn drift_step(repo: &Repo, emulator: &Emulator, extra: &[(&str, &str)]) -> std::process::Output {
    run_step(repo, emulator, "drift", "Detect drift", true, extra)
}

/// Runs a step of the workflow at `path`: its `run:` script, or for `uses: wxform/wxform@…` the
/// action's main step with the step's `with:` as inputs and its `env:` around it (the action's
/// install steps are tested on their own; here the built wxform is on PATH).
pub fn run_workflow_step(
    repo: &Repo,
    emulator: &Emulator,
    path: &str,
    job: &str,
    name: &str,
    secrets: bool,
    extra: &[(&str, &str)],
) -> std::process::Output {
    let workflow = load_yaml(path);
    let step = step(&workflow, job, name);
    let owned = values(repo, emulator, secrets);
    // `extra` also gives values to expressions (step outputs, workflow inputs, event fields).
    let values: Vec<(&str, &str)> = extra
        .iter()
        .copied()
        .chain(owned.iter().map(|(k, v)| (*k, v.as_str())))
        .collect();
    let mut env: BTreeMap<String, String> = step_env(&workflow, job, step, &values);
    let script = match step["uses"].as_str() {
        Some(uses) if uses.starts_with("wxform/wxform@") => {
            let with: BTreeMap<String, String> = step["with"]
                .as_object()
                .map(|with| {
                    with.iter()
                        .map(|(input, value)| {
                            // `preview: true` is a YAML boolean; the runner passes it as text.
                            let text = match value {
                                Value::String(text) => text.clone(),
                                other => other.to_string(),
                            };
                            let text = if text.contains("${{") {
                                values
                                    .iter()
                                    .find(|(name, _)| name == input)
                                    .unwrap_or_else(|| panic!("no value for input {input}"))
                                    .1
                                    .to_string()
                            } else {
                                text
                            };
                            (input.clone(), text)
                        })
                        .collect()
                })
                .unwrap_or_default();
            let (script, action_env) = action_main(&with, &values);
            env.extend(action_env);
            script
        }
        Some(other) => panic!("{path}: {job}: {name} uses {other}, which a test cannot run"),
        None => script(step).to_string(),
    };
    env.insert("WXFORM_API_BASE".into(), emulator.base_url());
    for (key, value) in extra {
        env.insert(key.to_string(), value.to_string());
    }
    repo.run(&script, &env)
}

/// Runs the action's main step with `inputs` as a workflow step's `with:` would give them, on a
/// pull request of the repository itself, with the emulator's credentials when `secrets`.
pub fn run_action(
    repo: &Repo,
    emulator: &Emulator,
    inputs: &[(&str, &str)],
    secrets: bool,
) -> std::process::Output {
    let with = inputs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let owned = values(repo, emulator, secrets);
    let context: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (script, mut env) = action_main(&with, &context);
    env.insert("WXFORM_API_BASE".into(), emulator.base_url());
    if secrets {
        env.extend(credentials(emulator).map(|(k, v)| (k.to_string(), v)));
    }
    repo.run(&script, &env)
}

#[test]
fn validate_step_annotates_the_yaml() {
    let emulator = account(true);
    let repo = Repo::new(MINIMAL);
    let output = run_step(&repo, &emulator, "plan", "Validate", true, &[]);
    assert!(output.status.success(), "{}", text(&output));

    repo.write(
        "wxform.yaml",
        "version: 1\nmenu:\n  button:\n    - { name: 今日歌曲今日歌曲好, type: click, key: K }\n",
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
fn fmt_step_annotates_the_first_line_formatting_changes() {
    let emulator = account(true);
    let repo = Repo::new(MINIMAL);
    let output = run_step(&repo, &emulator, "plan", "Check formatting", true, &[]);
    assert!(output.status.success(), "{}", text(&output));

    let minimal = repo.read("wxform.yaml");
    repo.write(
        "wxform.yaml",
        &minimal.replace("{ name: 官网, type: view,", "{ type: view, name: 官网,"),
    );
    let output = run_step(&repo, &emulator, "plan", "Check formatting", true, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let log = text(&output);
    assert!(
        log.contains("::error file=wxform.yaml,line=8,col=1::wxform.yaml is not formatted: `wxform fmt wxform.yaml` formats it"),
        "{log}"
    );
    assert!(
        log.contains("+    - { name: 官网, type: view, url: \"https://example.com/\" }"),
        "{log}"
    );
    assert!(emulator.requests().is_empty(), "fmt is offline");
}

#[test]
fn plan_step_reads_the_live_account_and_writes_comment_summary_and_plan() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let output = plan_step(&repo, &emulator, &[]);
    assert!(output.status.success(), "{}", text(&output));

    let comment = repo.read_out("wxform.plan.md");
    assert_eq!(comment.lines().next(), Some(MARKER));
    assert!(
        comment.contains("旧官网") && comment.contains("官网"),
        "{comment}"
    );
    let summary = repo.read("step_summary");
    assert!(
        summary.starts_with(MARKER) && summary.contains("旧官网"),
        "the job summary holds the plan: {summary}"
    );
    let saved: Value = serde_json::from_str(&repo.read_out("wxform.plan.json")).unwrap();
    assert_eq!(saved["appid"], "wx1234567890abcdef");
    assert_eq!(repo.read_out("wxform.pr"), "42\n");
    let outputs = repo.outputs();
    assert_eq!(outputs["mode"], "live");
    assert_eq!(outputs["has-changes"], "true");
    assert_eq!(outputs["exitcode"], "2", "changes are not a failure");
    assert_eq!(
        outputs["plan-file"],
        repo.out("wxform.plan.json").display().to_string()
    );
    assert!(
        emulator.mutating_requests().is_empty(),
        "planning wrote nothing"
    );
    assert!(
        repo.path("runner-temp/wxform-cache").is_dir(),
        "the token cache is the job's"
    );
    // The sticky comment: looked up by its marker, then posted.
    let log = repo.gh_log();
    assert!(
        log.contains("api --paginate repos/octo/shop/issues/42/comments"),
        "{log}"
    );
    assert!(log.contains(MARKER), "the lookup uses the marker: {log}");
    assert_eq!(repo.gh_body(), comment);
}

#[test]
fn plan_step_without_changes_says_so() {
    let emulator = account(true);
    let repo = Repo::new(MINIMAL);
    let output = plan_step(&repo, &emulator, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(repo.outputs()["has-changes"], "false");
    assert_eq!(repo.outputs()["exitcode"], "0");
    assert!(repo.read_out("wxform.plan.md").contains("No changes"));
}

#[test]
fn a_failed_plan_fails_the_step_and_turns_the_comment_into_a_note() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    emulator.update_state(|state| state.secret = "0123456789abcdef0123456789abcdef".into());
    let output = plan_step(&repo, &emulator, &[("FAKE_GH_COMMENT_ID", "9")]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("40125"), "{}", text(&output));
    assert!(text(&output).contains("::error::wxform plan failed"));
    assert!(!text(&output).contains(emulator.secret()));
    assert_eq!(repo.outputs()["exitcode"], "1");
    // The sticky comment is replaced by a note, so no outdated plan stays on the pull request.
    let comment = repo.read_out("wxform.plan.md");
    assert!(
        comment.starts_with(&format!("{MARKER}\n### wxform plan failed\n")),
        "{comment}"
    );
    assert!(comment.contains("exited with 1"), "{comment}");
    assert!(!repo.out("wxform.plan.json").exists());
    assert!(
        !repo.out("wxform.preview.html").exists() && !comment.contains("Phone preview"),
        "no preview of a plan that failed: {comment}"
    );
    assert!(
        repo.gh_log()
            .contains("--method PATCH repos/octo/shop/issues/comments/9")
    );
    assert_eq!(repo.gh_body(), comment);
}

#[test]
fn plan_comment_is_posted_once_then_edited_in_place() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let output = plan_step(&repo, &emulator, &[]);
    assert!(output.status.success(), "{}", text(&output));
    let log = repo.gh_log();
    assert!(
        log.contains("api --method POST repos/octo/shop/issues/42/comments"),
        "{log}"
    );

    let output = plan_step(&repo, &emulator, &[("FAKE_GH_COMMENT_ID", "777")]);
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
fn plan_comment_can_be_turned_off() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let output = run_action(
        &repo,
        &emulator,
        &[("command", "plan"), ("comment", "false")],
        true,
    );
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(repo.outputs()["has-changes"], "true");
    assert!(repo.gh_log().is_empty(), "{}", repo.gh_log());
}

/// Several configurations make one report, commented once, and no saved plan (wxform saves one
/// account's plan at a time).
#[test]
fn plan_of_several_accounts_comments_one_report() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    repo.write("other.yaml", &repo.read("wxform.yaml"));
    let inputs = [("command", "plan"), ("config", "wxform.yaml\nother.yaml\n")];
    let output = run_action(&repo, &emulator, &inputs, true);
    assert!(output.status.success(), "{}", text(&output));
    let comment = repo.read_out("wxform.plan.md");
    assert!(
        comment.starts_with("<!-- wxform:plans:all -->"),
        "{comment}"
    );
    assert!(comment.contains("other.yaml"), "{comment}");
    assert_eq!(repo.outputs()["has-changes"], "true");
    assert!(!repo.outputs().contains_key("plan-file"));
    assert!(!repo.out("wxform.plan.json").exists());
    assert_eq!(repo.gh_body(), comment);

    // Without credentials several accounts are refused, before any network.
    emulator.clear_requests();
    let output = run_action(&repo, &emulator, &inputs, false);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("one configuration file per run"));
    assert!(emulator.requests().is_empty());
}

#[test]
fn comment_script_refuses_a_body_without_the_marker() {
    let repo = Repo::new(MINIMAL);
    let comment = "bash .wxform-action/action/comment.sh wxform.plan.md";
    let env: BTreeMap<String, String> = [("PR_NUMBER", "42"), ("GH_TOKEN", "t")]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into();
    repo.write(
        "wxform.plan.md",
        "<!-- wxform:plan:\") | .id, (\"x -->\nhello\n",
    );
    let output = repo.run(comment, &env);
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
    let output = repo.run(comment, &env);
    assert!(output.status.success(), "{}", text(&output));
    assert!(repo.gh_log().contains("<!-- wxform:plans:all -->"));
}

#[test]
fn drift_opens_updates_and_closes_the_issue() {
    let repo = Repo::new(MINIMAL);
    let drifted = account(false);
    let output = drift_step(&repo, &drifted, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(repo.outputs()["has-changes"], "true", "drift is reported");
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
    assert_eq!(repo.gh_body(), repo.read_out("wxform.drift.md"));
    assert!(repo.gh_body().starts_with(MARKER));

    let output = drift_step(&repo, &drifted, &[("FAKE_GH_ISSUE", "5")]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(repo.gh_log().contains(&format!(
        "issue edit 5 --repo octo/shop --body-file {}",
        repo.out("wxform.drift.md").display()
    )));
    assert_eq!(repo.gh_log().matches("issue create").count(), 1);

    let matching = account(true);
    let output = drift_step(&repo, &matching, &[("FAKE_GH_ISSUE", "5")]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(repo.gh_log().contains("issue close 5"), "{}", repo.gh_log());
    assert!(drifted.mutating_requests().is_empty() && matching.mutating_requests().is_empty());
}

#[test]
fn drift_fails_the_job_when_the_plan_fails() {
    let repo = Repo::new(MINIMAL);
    let emulator = account(false);
    emulator.fail_rate(1.0, 1);
    let output = drift_step(&repo, &emulator, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        !repo.gh_log().contains("issue"),
        "no issue for a failure: {}",
        repo.gh_log()
    );
}
