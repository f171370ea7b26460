//! The apply job of `examples/github-actions/wxform.yml`: finding the plan reviewed on the
//! merged pull request and applying it, or (workflow_dispatch with replan) a fresh one.

use super::github::{account, plan_step, run_step, text};
use super::repo::{MINIMAL, Repo};

/// A repository whose pull-request run saved a plan: the artifact the fake `gh` downloads.
pub(super) fn reviewed(repo: &Repo, emulator: &crate::support::emulator::Emulator) {
    let output = plan_step(repo, emulator, &[]);
    assert!(output.status.success(), "{}", text(&output));
    std::fs::create_dir_all(repo.path("artifact")).unwrap();
    for name in ["wxform.plan.json", "wxform.plan.md", "wxform.pr"] {
        std::fs::rename(repo.out(name), repo.path(&format!("artifact/{name}"))).unwrap();
    }
}

/// A push to main that merged pull request 42, and the workflow's `with:` values on a push.
pub(super) fn merged(repo: &Repo) -> Vec<(&'static str, String)> {
    vec![
        ("GITHUB_SHA", "5eed5eed".to_string()),
        ("FAKE_GH_PR", "42".to_string()),
        ("FAKE_GH_HEAD_SHA", "abc123".to_string()),
        ("FAKE_GH_RUN", "9001".to_string()),
        (
            "FAKE_GH_ARTIFACT",
            repo.path("artifact").display().to_string(),
        ),
        ("plan", "reviewed".to_string()),
        ("allow-destroy", "label".to_string()),
    ]
}

pub(super) fn borrowed<'a>(values: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    values.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

pub(super) fn apply(
    repo: &Repo,
    emulator: &crate::support::emulator::Emulator,
    values: &[(&'static str, String)],
) -> std::process::Output {
    run_step(repo, emulator, "apply", "Apply", true, &borrowed(values))
}

#[test]
fn the_reviewed_plan_is_found_applied_once_and_refused_when_stale() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    reviewed(&repo, &emulator);
    let writes_before = emulator.mutating_requests().len();
    let output = apply(&repo, &emulator, &merged(&repo));
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
        log.contains("api repos/octo/shop/actions/runs/9001/artifacts"),
        "the artifact's size first: {log}"
    );
    assert!(
        log.contains(&format!(
            "run download 9001 --name wxform-plan --dir {}",
            repo.out("reviewed").display()
        )),
        "{log}"
    );
    assert_eq!(repo.outputs()["allow_destroy"], "false");
    assert_eq!(
        repo.outputs()["plan-file"],
        repo.out("reviewed/wxform.plan.json").display().to_string()
    );
    assert_eq!(repo.outputs()["exitcode"], "0");
    let menu = emulator.state().menu.unwrap();
    assert_eq!(menu.button[0].name, "官网", "the reviewed change was made");
    let writes = emulator.mutating_requests().len();
    assert_eq!(writes - writes_before, 1, "one menu/create");
    assert!(
        repo.read_out("wxform.live.json").contains("官网"),
        "a fresh snapshot for forks"
    );

    // The same plan again: the account changed since it was made.
    let output = apply(&repo, &emulator, &merged(&repo));
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("stale"), "{}", text(&output));
    assert_eq!(repo.outputs()["exitcode"], "1");
    assert_eq!(
        emulator.mutating_requests().len(),
        writes,
        "nothing more written"
    );
}

#[test]
fn the_allow_destroy_label_of_the_reviewed_pull_request_lets_deletes_through() {
    let emulator = account(true);
    emulator.update_state(|state| {
        state.tags = vec![crate::support::emulator::Tag::new(100, "旧标签")];
    });
    let repo = Repo::new(MINIMAL);
    repo.write(
        "wxform.yaml",
        "version: 1\nmenu:\n  button:\n    - { name: 官网, type: view, url: \"https://example.com/\" }\ntags:\n  unmanaged: delete\n",
    );
    reviewed(&repo, &emulator);
    let output = apply(&repo, &emulator, &merged(&repo));
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("--allow-destroy"),
        "{}",
        text(&output)
    );
    assert_eq!(emulator.state().tags.len(), 1, "refused without the label");

    let mut values = merged(&repo);
    values.push(("FAKE_GH_DESTROY", "true".into()));
    let output = apply(&repo, &emulator, &values);
    assert!(output.status.success(), "{}", text(&output));
    assert!(emulator.state().tags.is_empty(), "deleted with the label");
    assert!(repo.read_out("reviewed/allow-destroy").starts_with("true"));
}

#[test]
fn without_a_reviewed_plan_the_apply_points_to_replan_and_writes_nothing() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let mut values = merged(&repo);
    values.retain(|(key, _)| !key.starts_with("FAKE_GH"));
    let output = apply(&repo, &emulator, &values);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("not the merge of a pull request"),
        "{}",
        text(&output)
    );
    assert!(text(&output).contains("replan: true"));

    values.push(("FAKE_GH_PR", "42".into()));
    values.push(("FAKE_GH_HEAD_SHA", "abc".into()));
    let output = apply(&repo, &emulator, &values);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("no successful wxform.yml run"),
        "{}",
        text(&output)
    );
    assert!(emulator.mutating_requests().is_empty());
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
    let replan = |allow: &str| {
        vec![
            ("plan", "new".to_string()),
            ("allow-destroy", allow.to_string()),
        ]
    };
    let output = apply(&repo, &emulator, &replan("false"));
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
    assert!(
        !repo.gh_log().contains("run download"),
        "no reviewed plan fetched"
    );

    let output = apply(&repo, &emulator, &replan("true"));
    assert!(output.status.success(), "{}", text(&output));
    let state = emulator.state();
    assert!(state.tags.is_empty(), "the unmanaged tag was deleted");
    assert_eq!(state.menu.unwrap().button[0].name, "官网");
}

/// A configuration whose one menu check says `expected` for Android followers.
fn with_menu_check(sees: &str) -> String {
    format!(
        "version: 1
menu:
  button:
    - {{ name: 官网, type: view, url: \"https://example.com/\" }}
conditional_menus:
  - name: ios
    matchrule: {{ client_platform_type: ios }}
    button:
      - {{ name: 苹果专区, type: view, url: \"https://example.com/ios\" }}
menu_checks:
  - name: Android followers see the {sees} menu
    user: {{ platform: android }}
    sees: {sees}
"
    )
}

#[test]
fn after_the_apply_the_menu_checks_run_as_a_smoke_test() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    repo.write("wxform.yaml", &with_menu_check("menu"));
    reviewed(&repo, &emulator);
    let output = apply(&repo, &emulator, &merged(&repo));
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("pass  Android followers see the menu menu"),
        "{}",
        text(&output)
    );
    assert_eq!(repo.outputs()["exitcode"], "0");
    assert_eq!(emulator.state().conditional_menus.len(), 1);
}

#[test]
fn a_menu_check_that_fails_after_the_apply_fails_the_step() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    repo.write("wxform.yaml", &with_menu_check("ios"));
    reviewed(&repo, &emulator);
    let output = apply(&repo, &emulator, &merged(&repo));
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let text = text(&output);
    assert!(
        text.contains("FAIL  Android followers see the ios menu"),
        "{text}"
    );
    assert!(
        text.contains(
            "::error::the account was changed, but its menu checks or server checks fail"
        ),
        "{text}"
    );
    assert_eq!(repo.outputs()["exitcode"], "1");
    assert_eq!(
        emulator.state().conditional_menus.len(),
        1,
        "the apply itself was made"
    );
}
