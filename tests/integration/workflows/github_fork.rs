//! Pull requests from forks: no secrets, so the plan is made against the snapshot as it is on
//! the base branch (never the pull request's own copy), and the comment is posted by
//! `wxform-comment.yml`, which plans the pull request's configuration again itself.

use super::github::{MARKER, account, run_step, run_workflow_step, text};
use super::repo::{MINIMAL, Repo};
use crate::support::account::connect;
use crate::support::emulator::Emulator;
use crate::support::run::wxform;

const COMMENT_WORKFLOW: &str = "examples/github-actions/wxform-comment.yml";
const COMMENT_STEP: &str = "Plan the fork's pull request again and comment it";
/// The commit that last changed the snapshot on main, and the fork's head commit.
const SNAPSHOT_SHA: &str = "5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b";
const HEAD_SHA: &str = "abcabcabcabcabcabcabcabcabcabcabcabcabca";
/// When the snapshot on main was exported, and the day the fork's pull request is planned.
const EXPORTED_AT: &str = "2026-11-28T09:00:00Z";
const PLANNED_AT: &str = "2026-12-01T09:00:00Z";

/// `wxform export --format json`, as a maintainer commits it on main: served by the fake `gh`
/// at the commit SNAPSHOT_SHA.
fn snapshot_on_main(repo: &Repo, emulator: &Emulator) {
    let dir = repo.path(&format!("trees/{SNAPSHOT_SHA}"));
    std::fs::create_dir_all(&dir).unwrap();
    let export = connect(&mut wxform(), emulator, repo.dir.path())
        .env("WXFORM_NOW", EXPORTED_AT)
        .args(["export", "--format", "json", "--out"])
        .arg(dir.join("wxform.live.json"))
        .output()
        .unwrap();
    assert!(export.status.success());
}

/// The fork's own pull-request run: no secrets, a read-only token, the fork's head repository.
fn fork_run<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut values = extra.to_vec();
    for (key, value) in [
        ("github.event.pull_request.head.repo.full_name", "fork/shop"),
        ("GITHUB_BASE_REF", "main"),
        (
            "FAKE_GH_SNAPSHOT_COMMIT",
            "5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b 2020-01-02T03:04:05Z",
        ),
    ] {
        if !extra.iter().any(|(given, _)| *given == key) {
            values.push((key, value));
        }
    }
    values
}

#[test]
fn a_fork_plans_against_the_base_branch_snapshot_not_its_own() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    snapshot_on_main(&repo, &emulator);
    // The fork's own copy claims the account already matches: it must not be believed.
    repo.write(
        "wxform.live.json",
        &repo
            .read(&format!("trees/{SNAPSHOT_SHA}/wxform.live.json"))
            .replace("旧官网", "官网")
            .replace("https://old.example.com/", "https://example.com/"),
    );
    emulator.clear_requests();

    let values = fork_run(&[("WXFORM_NOW", PLANNED_AT)]);
    let output = run_step(&repo, &emulator, "plan", "Plan", false, &values);
    assert!(output.status.success(), "{}", text(&output));
    assert!(emulator.requests().is_empty(), "no network without secrets");
    let comment = repo.read_out("wxform.plan.md");
    assert_eq!(
        comment.lines().next(),
        Some(MARKER),
        "the marker stays first"
    );
    assert!(
        comment.contains("旧官网"),
        "the base snapshot's menu: {comment}"
    );
    assert!(
        comment.contains(
            "the snapshot `wxform.live.json` from `main` (commit 5a9b5a9b5a9b of 2020-01-02T03:04:05Z), not the live account"
        ),
        "{comment}"
    );
    // Its age is the plan's own, from when the snapshot was exported.
    assert!(
        comment.contains("> [!NOTE]\n> Planned against a snapshot exported 3 days ago (`2026-11-28T09:00:00Z`), not the live account."),
        "{comment}"
    );
    assert!(
        text(&output).contains("Planning against the snapshot "),
        "{}",
        text(&output)
    );
    assert!(repo.read("step_summary").contains("from `main`"));
    assert_eq!(repo.outputs()["mode"], "snapshot");
    assert_eq!(repo.outputs()["has-changes"], "true");
    assert_eq!(repo.read_out("wxform.pr"), "42\n");
    // The preview is drawn from the same base snapshot as the plan, not the fork's copy.
    let page = repo.read_out("wxform.preview.html");
    assert!(
        page.contains("旧官网"),
        "the base snapshot's menu in the preview"
    );
    assert_eq!(
        repo.outputs()["preview-file"],
        repo.out("wxform.preview.html").display().to_string()
    );
    assert!(comment.contains("**Phone preview:**"), "{comment}");
    assert!(
        comment.find("Planned against").unwrap() < comment.find("**Phone preview:**").unwrap(),
        "the note first, then the link: {comment}"
    );
    assert!(repo.read("step_summary").contains("**Phone preview:**"));
    let log = repo.gh_log();
    assert!(
        log.contains("api repos/octo/shop/commits?sha=main&path=wxform.live.json&per_page=1"),
        "{log}"
    );
    assert!(
        log.contains(&format!("contents/wxform.live.json?ref={SNAPSHOT_SHA}")),
        "the file of the commit that was dated: {log}"
    );
    assert!(
        !log.contains("--method"),
        "a fork's token cannot comment: {log}"
    );
}

#[test]
fn the_comment_workflow_plans_the_fork_again_and_comments_that_plan() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    snapshot_on_main(&repo, &emulator);
    emulator.clear_requests();
    // The fork's configuration at its head commit, served as data.
    let head = repo.path(&format!("trees/{HEAD_SHA}"));
    std::fs::create_dir_all(&head).unwrap();
    std::fs::copy(repo.path("wxform.yaml"), head.join("wxform.yaml")).unwrap();
    // The fork's artifact: its plan comment lies; only wxform.pr is read from it.
    std::fs::create_dir_all(repo.path("artifact")).unwrap();
    repo.write("artifact/wxform.pr", "42\n");
    repo.write(
        "artifact/wxform.plan.md",
        &format!("{MARKER}\nNo changes.\n"),
    );
    repo.write(
        "event.json",
        &format!(
            r#"{{"workflow_run":{{"id":7001,"head_sha":"{HEAD_SHA}","event":"pull_request"}}}}"#
        ),
    );
    let artifact = repo.path("artifact").display().to_string();
    let event = repo.path("event.json").display().to_string();
    let run = |pr_head: &str, size: &str| {
        let extra = [
            ("FAKE_GH_ARTIFACT_SIZE", size),
            ("GITHUB_EVENT_NAME", "workflow_run"),
            ("GITHUB_EVENT_PATH", event.as_str()),
            ("FAKE_GH_ARTIFACT", artifact.as_str()),
            ("FAKE_GH_HEAD_SHA", pr_head),
            (
                "FAKE_GH_SNAPSHOT_COMMIT",
                "5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b5a9b 2020-01-02T03:04:05Z",
            ),
            ("github.event.pull_request.number", ""),
            ("github.event.pull_request.head.repo.full_name", ""),
        ];
        run_workflow_step(
            &repo,
            &emulator,
            COMMENT_WORKFLOW,
            "comment",
            COMMENT_STEP,
            false,
            &extra,
        )
    };

    // An artifact far larger than a plan is not downloaded.
    let output = run(HEAD_SHA, "4000000000");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output)
            .contains("run 7001 has no wxform-plan artifact of a plan's size (4000000000)"),
        "{}",
        text(&output)
    );
    assert!(!repo.gh_log().contains("run download"));

    let output = run("def456def456def456def456def456def456def4", "2048");
    assert_eq!(
        output.status.code(),
        Some(1),
        "a moved pull request is not commented: {}",
        text(&output)
    );
    assert!(!repo.gh_log().contains("--method"), "{}", repo.gh_log());

    let output = run(HEAD_SHA, "2048");
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        repo.gh_log()
            .contains("api repos/octo/shop/actions/runs/7001/artifacts"),
        "the artifact's size is asked first"
    );
    let log = repo.gh_log();
    assert!(
        log.contains(&format!(
            "run download 7001 --name wxform-plan --dir {}",
            repo.out("fork/run").display()
        )),
        "{log}"
    );
    assert!(
        log.contains(&format!("contents/wxform.yaml?ref={HEAD_SHA}")),
        "{log}"
    );
    assert!(
        log.contains("--method POST repos/octo/shop/issues/42/comments"),
        "{log}"
    );
    let posted = repo.gh_body();
    assert!(posted.starts_with(MARKER), "{posted}");
    assert!(posted.contains("旧官网"), "the re-made plan: {posted}");
    assert!(
        posted.contains("from `main` (commit 5a9b5a9b5a9b"),
        "{posted}"
    );
    assert!(!posted.contains("No changes."), "not the fork's claim");
    // The preview is this run's own, drawn from the base branch's snapshot, and linked.
    assert_eq!(
        repo.outputs()["preview-file"],
        repo.out("wxform.preview.html").display().to_string()
    );
    assert!(repo.read_out("wxform.preview.html").contains("旧官网"));
    assert!(
        posted.contains("**Phone preview:** [every audience's menu"),
        "{posted}"
    );
    assert!(
        emulator.requests().is_empty(),
        "planned without credentials"
    );
}

#[test]
fn a_fork_without_a_snapshot_on_the_base_branch_is_told_how_to_make_one() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let values = fork_run(&[("FAKE_GH_SNAPSHOT_COMMIT", "")]);
    let output = run_step(&repo, &emulator, "plan", "Plan", false, &values);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("wxform export --format json --out wxform.live.json"),
        "{}",
        text(&output)
    );
    assert!(emulator.requests().is_empty());
}

#[test]
fn a_fork_plan_too_long_for_a_comment_points_to_the_summary() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    snapshot_on_main(&repo, &emulator);
    let values = fork_run(&[("COMMENT_LIMIT", "1000")]);
    let output = run_step(&repo, &emulator, "plan", "Plan", false, &values);
    assert!(output.status.success(), "{}", text(&output));
    let comment = repo.read_out("wxform.plan.md");
    assert!(comment.starts_with(MARKER), "{comment}");
    assert!(comment.contains("too long for a comment"), "{comment}");
    assert!(
        comment.chars().count() <= 1000,
        "{}",
        comment.chars().count()
    );
    assert!(
        comment.contains("**Phone preview:**"),
        "the short comment keeps the link: {comment}"
    );
    assert!(
        repo.read("step_summary").contains("旧官网"),
        "the summary has the whole plan"
    );
}
