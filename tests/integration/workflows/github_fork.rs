//! Pull requests from forks: no secrets, so the committed snapshot is planned against, and the
//! comment is posted by `wxform-comment.yml` after checking the pull request.

use super::github::{MARKER, account, run_step, text};
use super::repo::{MINIMAL, Repo, load_yaml, script, step, step_env};
use crate::support::emulator::Emulator;
use crate::support::run::wxform;

/// `wxform export --format json --out wxform.live.json`, as a maintainer commits it.
fn commit_snapshot(repo: &Repo, emulator: &Emulator) {
    let export = wxform()
        .current_dir(repo.dir.path())
        .env("WXFORM_API_BASE", emulator.base_url())
        .env("WECHAT_APPID", emulator.appid())
        .env("WECHAT_APPSECRET", emulator.secret())
        .env("WXFORM_CACHE_DIR", repo.path("cache"))
        .args(["export", "--format", "json", "--out", "wxform.live.json"])
        .output()
        .unwrap();
    assert!(export.status.success());
}

#[test]
fn a_fork_plans_against_the_committed_snapshot_and_says_so() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    commit_snapshot(&repo, &emulator);
    emulator.clear_requests();

    let output = run_step(&repo, &emulator, "plan", "Plan", false, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(emulator.requests().is_empty(), "no network without secrets");
    let comment = repo.read("wxform.plan.md");
    let mut lines = comment.lines();
    assert_eq!(lines.next(), Some(MARKER), "the marker stays first");
    assert!(
        comment.contains("committed snapshot `wxform.live.json`"),
        "{comment}"
    );
    assert!(comment.contains("旧官网"), "{comment}");
    assert!(repo.read("step_summary").contains("committed snapshot"));
    assert_eq!(repo.outputs()["mode"], "snapshot");
    assert_eq!(repo.outputs()["changes"], "true");

    // wxform-comment.yml then posts it, after checking the pull request's head.
    std::fs::create_dir_all(repo.path("artifact")).unwrap();
    for name in ["wxform.plan.md", "wxform.pr"] {
        std::fs::copy(repo.path(name), repo.path(&format!("artifact/{name}"))).unwrap();
    }
    let comment_workflow = load_yaml("examples/github-actions/wxform-comment.yml");
    let step = step(
        &comment_workflow,
        "comment",
        "Comment the plan on the pull request",
    );
    let env_for = |head: &str| {
        let values = [("GH_TOKEN", "t"), ("RUN_HEAD_SHA", "abc123")];
        let mut env = step_env(&comment_workflow, "comment", step, &values);
        env.insert("FAKE_GH_HEAD_SHA".into(), head.into());
        env
    };
    let script = script(step).replace("fork-plan", "artifact");
    let output = repo.run(&script, &env_for("def456"));
    assert_eq!(
        output.status.code(),
        Some(1),
        "a moved pull request is not commented"
    );
    assert!(!repo.gh_log().contains("--method"), "{}", repo.gh_log());
    let output = repo.run(&script, &env_for("abc123"));
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        repo.gh_log()
            .contains("--method POST repos/octo/shop/issues/42/comments")
    );
    assert_eq!(repo.gh_body(), comment);
}

#[test]
fn a_fork_without_a_snapshot_is_told_how_to_make_one() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let output = run_step(&repo, &emulator, "plan", "Plan", false, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output).contains("wxform export --format json --out wxform.live.json"));
    assert!(emulator.requests().is_empty());
}

#[test]
fn a_fork_plan_too_long_for_a_comment_points_to_the_summary() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    commit_snapshot(&repo, &emulator);
    let output = run_step(
        &repo,
        &emulator,
        "plan",
        "Plan",
        false,
        &[("COMMENT_LIMIT", "600")],
    );
    assert!(output.status.success(), "{}", text(&output));
    let comment = repo.read("wxform.plan.md");
    assert!(comment.starts_with(MARKER), "{comment}");
    assert!(comment.contains("too long for a comment"), "{comment}");
    assert!(
        comment.chars().count() <= 600,
        "{}",
        comment.chars().count()
    );
    assert!(
        repo.read("step_summary").contains("旧官网"),
        "the summary has the whole plan"
    );
}
