//! The apply job's last step in `examples/github-actions/wxform.yml`: the account's new snapshot
//! proposed as a pull request from the branch wxform/snapshot (`command: propose-snapshot`),
//! through the fake `gh`, which records what GitHub would be asked. No git is run (a fake `git`
//! records any call) and nothing in the checkout is written.

use super::github::{account, text};
use super::github_apply::{apply, merged, reviewed};
use super::repo::{MINIMAL, Repo, load_yaml, step};
use crate::support::account::connect;
use crate::support::emulator::Emulator;
use crate::support::run::wxform;
use serde_json::Value;
use std::path::PathBuf;

const STEP: &str = "Propose the new snapshot";
const SHA: &str = "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed";
const NEW_COMMIT: &str = "3333333333333333333333333333333333333333";

/// `wxform export --format json` of `emulator` at the time `now`, into `name` in the checkout.
fn export(repo: &Repo, emulator: &Emulator, now: &str, name: &str) -> PathBuf {
    let path = repo.path(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let output = connect(&mut wxform(), emulator, repo.dir.path())
        .env("WXFORM_NOW", now)
        .args(["export", "--format", "json", "--out"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    path
}

/// A checkout whose committed wxform.live.json is the account with its old menu, exported
/// three days ago; a fake `git` that records any call.
fn checkout(emulator: &Emulator) -> Repo {
    let repo = Repo::new(MINIMAL);
    export(&repo, emulator, "2026-11-28T09:00:00Z", "wxform.live.json");
    let git = repo.path("fakebin/git");
    std::fs::write(
        &git,
        "#!/usr/bin/env bash\necho \"git $*\" >> \"$FAKE_GH_LOG\"\nexit 1\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&git, std::fs::Permissions::from_mode(0o755)).unwrap();
    repo
}

/// Runs the step with `snapshot-file` and the runner's variables of a push to main.
fn propose(
    repo: &Repo,
    emulator: &Emulator,
    file: &str,
    extra: &[(&str, &str)],
) -> std::process::Output {
    let mut values = vec![
        ("snapshot-file", file),
        ("GITHUB_REF_NAME", "main"),
        ("GITHUB_SHA", SHA),
        ("GITHUB_RUN_ID", "9002"),
        ("GITHUB_SERVER_URL", "https://github.com"),
    ];
    values.extend_from_slice(extra);
    let output = super::github::run_step(repo, emulator, "apply", STEP, false, &values);
    assert!(
        emulator.requests().is_empty(),
        "the proposal never calls WeChat"
    );
    let log = repo.gh_log();
    assert!(
        !log.lines().any(|line| line.starts_with("git ")),
        "no git: {log}"
    );
    output
}

fn read_json(path: PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn a_changed_snapshot_is_proposed_in_a_pull_request_from_its_own_branch() {
    let emulator = account(false);
    let repo = checkout(&emulator);
    let committed = repo.read("wxform.live.json");
    emulator.update_state(|state| state.menu.as_mut().unwrap().button[0].name = "官网".into());
    let new = export(
        &repo,
        &emulator,
        "2026-12-01T09:00:00Z",
        "runner-temp/new.live.json",
    );
    emulator.clear_requests();

    let output = propose(&repo, &emulator, &new.display().to_string(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("Proposed the new snapshot in #77."),
        "{}",
        text(&output)
    );
    let log = repo.gh_log();
    let calls: Vec<&str> = log
        .lines()
        .map(|line| line.split(" --").next().unwrap())
        .collect();
    assert_eq!(
        calls,
        [
            "pr list",
            "api repos/octo/shop/git/commits/5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed",
            "api",
            "api",
            "api repos/octo/shop/git/matching-refs/heads/wxform/snapshot",
            "api",
            "pr create",
        ],
        "{log}"
    );
    assert!(
        log.contains("pr list --repo octo/shop --head wxform/snapshot --base main --state open"),
        "{log}"
    );
    assert!(
        log.contains("api --method POST repos/octo/shop/git/trees --input"),
        "{log}"
    );
    assert!(
        log.contains("api --method POST repos/octo/shop/git/commits --input"),
        "{log}"
    );
    assert!(
        log.contains(&format!("api --method POST repos/octo/shop/git/refs -f ref=refs/heads/wxform/snapshot -f sha={NEW_COMMIT}")),
        "a new branch: {log}"
    );
    assert!(
        log.contains("pr create --repo octo/shop --base main --head wxform/snapshot --title wxform: refresh the snapshot wxform.live.json --body-file"),
        "{log}"
    );
    // One commit on top of the applied commit, changing the snapshot only, to what was exported.
    let tree = read_json(repo.path("gh/trees.json"));
    assert_eq!(
        tree["base_tree"],
        "1111111111111111111111111111111111111111"
    );
    assert_eq!(tree["tree"].as_array().unwrap().len(), 1);
    assert_eq!(tree["tree"][0]["path"], "wxform.live.json");
    assert_eq!(tree["tree"][0]["mode"], "100644");
    assert_eq!(
        tree["tree"][0]["content"],
        std::fs::read_to_string(&new).unwrap()
    );
    let commit = read_json(repo.path("gh/commits.json"));
    assert_eq!(
        commit["message"],
        "Refresh the wxform snapshot wxform.live.json"
    );
    assert_eq!(commit["parents"], serde_json::json!([SHA]));
    let body = repo.gh_body();
    assert!(body.contains("read it at 2026-12-01T09:00:00Z"), "{body}");
    assert!(
        body.contains("https://github.com/octo/shop/actions/runs/9002"),
        "{body}"
    );
    assert_eq!(repo.outputs()["snapshot-pr"], "77");
    assert_eq!(repo.outputs()["exitcode"], "0");
    assert_eq!(
        repo.read("wxform.live.json"),
        committed,
        "the checkout is not written"
    );
}

/// Only the time of the export differs: nothing is pushed; an open proposal is outdated.
#[test]
fn an_unchanged_snapshot_proposes_nothing_and_closes_an_outdated_proposal() {
    let emulator = account(false);
    let repo = checkout(&emulator);
    let new = export(
        &repo,
        &emulator,
        "2026-12-01T09:00:00Z",
        "runner-temp/new.live.json",
    );
    assert_ne!(
        std::fs::read_to_string(&new).unwrap(),
        repo.read("wxform.live.json")
    );
    emulator.clear_requests();
    let file = new.display().to_string();

    let output = propose(&repo, &emulator, &file, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output)
            .contains("The snapshot wxform.live.json on main is current; nothing to propose.")
    );
    assert_eq!(
        repo.gh_log().lines().count(),
        1,
        "the lookup only: {}",
        repo.gh_log()
    );
    assert_eq!(repo.outputs()["snapshot-pr"], "");

    let output = propose(&repo, &emulator, &file, &[("FAKE_GH_SNAPSHOT_PR", "12")]);
    assert!(output.status.success(), "{}", text(&output));
    let log = repo.gh_log();
    assert!(
        log.contains("pr close 12 --repo octo/shop --delete-branch --comment"),
        "{log}"
    );
    assert!(!log.contains("--method"), "nothing pushed: {log}");
}

#[test]
fn an_open_pull_request_is_updated_not_duplicated() {
    let emulator = account(false);
    let repo = checkout(&emulator);
    // The open proposal holds an earlier change.
    emulator.update_state(|state| state.menu.as_mut().unwrap().button[0].name = "官网一".into());
    export(
        &repo,
        &emulator,
        "2026-11-30T09:00:00Z",
        "trees/wxform/snapshot/wxform.live.json",
    );
    emulator.update_state(|state| state.menu.as_mut().unwrap().button[0].name = "官网".into());
    let new = export(
        &repo,
        &emulator,
        "2026-12-01T09:00:00Z",
        "runner-temp/new.live.json",
    );
    emulator.clear_requests();
    let file = new.display().to_string();
    let open = [
        ("FAKE_GH_SNAPSHOT_PR", "12"),
        ("FAKE_GH_SNAPSHOT_BRANCH", "yes"),
    ];

    let output = propose(&repo, &emulator, &file, &open);
    assert!(output.status.success(), "{}", text(&output));
    let log = repo.gh_log();
    assert!(
        log.contains("contents/wxform.live.json?ref=wxform/snapshot"),
        "the proposal read: {log}"
    );
    assert!(
        log.contains(&format!("api --method PATCH repos/octo/shop/git/refs/heads/wxform/snapshot -f sha={NEW_COMMIT} -F force=true")),
        "the branch moved: {log}"
    );
    assert!(
        log.contains("pr edit 12 --repo octo/shop --body-file"),
        "{log}"
    );
    assert!(
        !log.contains("pr create") && !log.contains("git/refs -f ref="),
        "{log}"
    );
    assert_eq!(repo.outputs()["snapshot-pr"], "12");

    // The open proposal already says the same, exported earlier: nothing is pushed.
    std::fs::copy(&new, repo.path("trees/wxform/snapshot/wxform.live.json")).unwrap();
    let later = export(
        &repo,
        &emulator,
        "2026-12-02T09:00:00Z",
        "runner-temp/later.live.json",
    );
    emulator.clear_requests();
    std::fs::remove_file(repo.path("gh/log")).unwrap();
    let output = propose(&repo, &emulator, &later.display().to_string(), &open);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("Pull request #12 already proposes this snapshot."));
    assert!(
        !repo.gh_log().contains("--method") && !repo.gh_log().contains("pr edit"),
        "{}",
        repo.gh_log()
    );
}

/// The apply is done whatever happens to the proposal: its failure fails that step only (the
/// workflow continues on its error) and says so in a warning.
#[test]
fn a_failed_proposal_fails_its_step_only_with_a_warning() {
    let emulator = account(false);
    let repo = checkout(&emulator);
    emulator.update_state(|state| state.menu.as_mut().unwrap().button[0].name = "官网".into());
    let new = export(
        &repo,
        &emulator,
        "2026-12-01T09:00:00Z",
        "runner-temp/new.live.json",
    );
    emulator.clear_requests();
    let output = propose(
        &repo,
        &emulator,
        &new.display().to_string(),
        &[("FAKE_GH_FAIL", "git/trees")],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let text = text(&output);
    assert!(text.contains("HTTP 403"), "{text}");
    assert!(
        text.contains(
            "::warning::the apply is done, but proposing its new snapshot failed (see above)"
        ),
        "{text}"
    );
    assert_eq!(repo.outputs()["exitcode"], "1");
    assert!(!repo.gh_log().contains("pr create"), "{}", repo.gh_log());

    let workflow = load_yaml(super::github::WORKFLOW);
    let proposal = step(&workflow, "apply", STEP);
    assert_eq!(proposal["continue-on-error"], true);
    assert_eq!(
        proposal["if"], "${{ !cancelled() && steps.apply.outputs.snapshot-file != '' }}",
        "also after a failed apply, which exported the account as it left it"
    );
    assert_eq!(
        proposal["with"]["snapshot-file"],
        "${{ steps.apply.outputs.snapshot-file }}"
    );
    assert!(
        proposal["env"].is_null(),
        "no secrets in the step that writes to the repository"
    );
}

/// Only the apply job may write to the repository, and only what the proposal needs.
#[test]
fn only_the_apply_job_writes_contents_and_pull_requests() {
    let workflow = load_yaml(super::github::WORKFLOW);
    for (id, job) in workflow["jobs"].as_object().unwrap() {
        let permissions = job["permissions"].as_object().unwrap();
        let writes: Vec<&str> = permissions
            .iter()
            .filter(|(_, level)| *level == "write")
            .map(|(scope, _)| scope.as_str())
            .collect();
        let expected: &[&str] = match id.as_str() {
            "apply" => &["contents", "pull-requests"],
            "plan" => &["pull-requests"],
            "drift" => &["issues"],
            other => panic!("a job {other} the test does not know"),
        };
        assert_eq!(writes, expected, "{id}");
    }
    assert_eq!(workflow["permissions"]["contents"], "read");
    assert!(workflow["on"]["pull_request_target"].is_null());
    // The snapshot's pull request does not start an apply when merged.
    assert_eq!(
        workflow["on"]["push"]["paths"],
        serde_json::json!(["wxform.yaml"])
    );
}

/// A merged pull request could have replaced the committed snapshot with a link: it is not
/// followed, and the snapshot is proposed as if there were none.
#[test]
fn a_link_in_place_of_the_committed_snapshot_is_not_read() {
    let emulator = account(false);
    let repo = checkout(&emulator);
    std::fs::rename(repo.path("wxform.live.json"), repo.path("elsewhere.json")).unwrap();
    std::os::unix::fs::symlink(repo.path("elsewhere.json"), repo.path("wxform.live.json")).unwrap();
    let new = export(
        &repo,
        &emulator,
        "2026-12-01T09:00:00Z",
        "runner-temp/new.live.json",
    );
    emulator.clear_requests();
    let output = propose(&repo, &emulator, &new.display().to_string(), &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(repo.gh_log().contains("pr create"), "{}", repo.gh_log());
}

#[test]
fn a_bad_path_or_no_snapshot_is_refused_before_github_is_asked() {
    let emulator = account(false);
    let repo = checkout(&emulator);
    let new = export(
        &repo,
        &emulator,
        "2026-12-01T09:00:00Z",
        "runner-temp/new.live.json",
    );
    emulator.clear_requests();
    let (script, mut env) = super::repo::action_main(
        &[
            ("command", "propose-snapshot"),
            ("snapshot", "../wxform.live.json"),
            ("snapshot-file", &new.display().to_string()),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into(),
        &[
            ("github.token", "fake"),
            ("github.event.pull_request.number", ""),
            ("github.event.pull_request.head.repo.full_name", ""),
            (
                "runner.temp",
                &repo.path("runner-temp").display().to_string(),
            ),
        ],
    );
    env.extend(
        [("GITHUB_REF_NAME", "main"), ("GITHUB_SHA", SHA)]
            .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    let output = repo.run(&script, &env);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("the snapshot path must be a plain relative path"),
        "{}",
        text(&output)
    );
    assert!(repo.gh_log().is_empty(), "{}", repo.gh_log());

    env.insert("WXFORM_SNAPSHOT_FILE".into(), String::new());
    let output = repo.run(&script, &env);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("input snapshot-file names no snapshot"),
        "{}",
        text(&output)
    );
    assert!(repo.gh_log().is_empty());
}

/// The whole job: the reviewed plan applied, then the snapshot the apply step exported (its
/// output `snapshot-file`) proposed.
#[test]
fn the_apply_step_hands_its_snapshot_to_the_proposal() {
    let emulator = account(false);
    let repo = checkout(&emulator);
    emulator.clear_requests();
    reviewed(&repo, &emulator);
    let output = apply(&repo, &emulator, &merged(&repo));
    assert!(output.status.success(), "{}", text(&output));
    let file = repo.outputs()["snapshot-file"].clone();
    assert_eq!(file, repo.out("wxform.live.json").display().to_string());
    emulator.clear_requests();
    let output = propose(&repo, &emulator, &file, &[]);
    assert!(output.status.success(), "{}", text(&output));
    let tree = read_json(repo.path("gh/trees.json"));
    assert!(
        tree["tree"][0]["content"]
            .as_str()
            .unwrap()
            .contains("\"官网\""),
        "the applied menu"
    );
    assert_eq!(repo.outputs()["snapshot-pr"], "77");
}
