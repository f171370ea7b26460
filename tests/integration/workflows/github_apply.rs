//! The apply job of `examples/github-actions/wxform.yml`: finding the plan reviewed on the
//! merged pull request, and applying it.

use super::github::{account, run_step, text};
use super::repo::{MINIMAL, Repo};

const FETCH: &str = "Fetch the reviewed plan";

/// A repository whose pull-request run saved a plan: the artifact the fake `gh` downloads.
fn reviewed(repo: &Repo, emulator: &crate::support::emulator::Emulator) {
    let output = run_step(repo, emulator, "plan", "Plan", true, &[]);
    assert!(output.status.success(), "{}", text(&output));
    std::fs::create_dir_all(repo.path("artifact")).unwrap();
    for name in ["wxform.plan.json", "wxform.plan.md", "wxform.pr"] {
        std::fs::rename(repo.path(name), repo.path(&format!("artifact/{name}"))).unwrap();
    }
}

fn merged(repo: &Repo) -> Vec<(&'static str, String)> {
    vec![
        ("GITHUB_SHA", "5eed5eed".to_string()),
        ("FAKE_GH_PR", "42".to_string()),
        ("FAKE_GH_HEAD_SHA", "abc123".to_string()),
        ("FAKE_GH_RUN", "9001".to_string()),
        (
            "FAKE_GH_ARTIFACT",
            repo.path("artifact").display().to_string(),
        ),
    ]
}

fn borrowed<'a>(values: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    values.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn fetch_finds_the_last_successful_run_of_the_merged_pull_request() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    reviewed(&repo, &emulator);
    let values = merged(&repo);
    let output = run_step(&repo, &emulator, "apply", FETCH, true, &borrowed(&values));
    assert!(output.status.success(), "{}", text(&output));
    let log = repo.gh_log();
    assert!(
        log.contains("api repos/octo/shop/commits/5eed5eed/pulls"),
        "{log}"
    );
    assert!(
        log.contains(
            "run list --workflow wxform.yml --commit abc123 --event pull_request --status success"
        ),
        "{log}"
    );
    assert!(
        log.contains("run download 9001 --name wxform-plan --dir reviewed"),
        "{log}"
    );
    assert_eq!(
        repo.read("reviewed/wxform.plan.json"),
        repo.read("artifact/wxform.plan.json")
    );
    assert_eq!(repo.outputs()["allow_destroy"], "false");

    let mut values = merged(&repo);
    values.push(("FAKE_GH_DESTROY", "true".into()));
    let output = run_step(&repo, &emulator, "apply", FETCH, true, &borrowed(&values));
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        std::fs::read_to_string(repo.path("github_output"))
            .unwrap()
            .contains("allow_destroy=true")
    );
}

#[test]
fn fetch_without_a_reviewed_plan_points_to_replan() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let output = run_step(
        &repo,
        &emulator,
        "apply",
        FETCH,
        true,
        &[("GITHUB_SHA", "5eed")],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("not the merge of a pull request"),
        "{}",
        text(&output)
    );
    assert!(text(&output).contains("replan: true"));

    let output = run_step(
        &repo,
        &emulator,
        "apply",
        FETCH,
        true,
        &[
            ("GITHUB_SHA", "5eed"),
            ("FAKE_GH_PR", "42"),
            ("FAKE_GH_HEAD_SHA", "abc"),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("no successful wxform.yml run"),
        "{}",
        text(&output)
    );
}

#[test]
fn the_reviewed_plan_is_applied_once_and_refused_when_stale() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    reviewed(&repo, &emulator);
    let values = merged(&repo);
    let output = run_step(&repo, &emulator, "apply", FETCH, true, &borrowed(&values));
    assert!(output.status.success(), "{}", text(&output));
    let allow = [("ALLOW_DESTROY", "false")];
    let apply = "Apply the reviewed plan";

    let output = run_step(&repo, &emulator, "apply", apply, true, &allow);
    assert!(output.status.success(), "{}", text(&output));
    let menu = emulator.state().menu.unwrap();
    assert_eq!(menu.button[0].name, "官网", "the reviewed change was made");
    let writes = emulator.mutating_requests().len();
    assert_eq!(writes, 1, "one menu/create");

    // The same plan again: the account changed since it was made.
    let output = run_step(&repo, &emulator, "apply", apply, true, &allow);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("stale"), "{}", text(&output));
    assert_eq!(
        emulator.mutating_requests().len(),
        writes,
        "nothing more written"
    );

    let output = run_step(
        &repo,
        &emulator,
        "apply",
        "Snapshot the account for pull requests from forks",
        true,
        &[],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(repo.read("wxform.live.json").contains("官网"));
}

#[test]
fn replan_applies_a_fresh_plan_and_needs_allow_destroy_for_deletes() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    emulator.update_state(|state| {
        state.tags = vec![crate::support::emulator::Tag::new(100, "旧标签")];
    });
    repo.write(
        "wxform.yaml",
        "version: 1\nmenu:\n  button:\n    - { name: 官网, type: view, url: \"https://example.com/\" }\ntags:\n  unmanaged: delete\n",
    );
    let step = "Plan again and apply (workflow_dispatch with replan)";
    let output = run_step(
        &repo,
        &emulator,
        "apply",
        step,
        true,
        &[("ALLOW_DESTROY", "false")],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("--allow-destroy"),
        "{}",
        text(&output)
    );
    assert!(
        emulator.mutating_requests().is_empty(),
        "refused before any write"
    );

    let output = run_step(
        &repo,
        &emulator,
        "apply",
        step,
        true,
        &[("ALLOW_DESTROY", "true")],
    );
    assert!(output.status.success(), "{}", text(&output));
    let state = emulator.state();
    assert!(state.tags.is_empty(), "the unmanaged tag was deleted");
    assert_eq!(state.menu.unwrap().button[0].name, "官网");
}
