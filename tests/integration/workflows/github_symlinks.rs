//! A merged pull request can plant symlinks in the checked-out tree, named like the files the
//! action writes (`wxform.plan.json`, `wxform.live.json`, …). The action writes nothing into
//! the checkout: everything it produces goes into a fresh directory of its own under
//! RUNNER_TEMP (the step output `dir`), and it uploads only from there.

use super::github::{account, plan_step, run_step, text};
use super::repo::{MINIMAL, Repo, load_yaml};
use std::path::Path;

/// Every name the action has ever written in the checkout, and one directory.
const PLANTED: [&str; 11] = [
    "wxform.plan.json",
    "wxform.plan.md",
    "wxform.plan.body",
    "wxform.pr",
    "wxform.base.json",
    "wxform.preview.html",
    "wxform.live.json",
    "wxform.drift.md",
    "reviewed",
    "wxform-fork",
    "wxform.out",
];

/// Plants every name as a symlink to one file; that file.
fn plant(repo: &Repo) -> std::path::PathBuf {
    let victim = repo.path("victim");
    std::fs::write(&victim, "untouched\n").unwrap();
    for name in PLANTED {
        std::os::unix::fs::symlink(&victim, repo.path(name)).unwrap();
    }
    victim
}

fn assert_untouched(repo: &Repo, victim: &Path, output: &std::process::Output) {
    assert_eq!(
        std::fs::read_to_string(victim).unwrap(),
        "untouched\n",
        "written through a symlink: {}",
        text(output)
    );
    for name in PLANTED {
        assert!(
            std::fs::symlink_metadata(repo.path(name))
                .unwrap()
                .is_symlink(),
            "{name} was replaced"
        );
    }
    let dir = &repo.outputs()["dir"];
    let temp = repo.path("runner-temp");
    assert!(
        Path::new(dir).starts_with(&temp) && Path::new(dir).is_dir(),
        "{dir} is the action's own directory under {}",
        temp.display()
    );
}

#[test]
fn the_plan_step_writes_nothing_through_planted_symlinks() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let victim = plant(&repo);
    let output = plan_step(&repo, &emulator, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_untouched(&repo, &victim, &output);
    let outputs = repo.outputs();
    let dir = Path::new(&outputs["dir"]);
    assert_eq!(
        outputs["plan-file"],
        dir.join("wxform.plan.json").display().to_string()
    );
    for name in ["wxform.plan.json", "wxform.plan.md", "wxform.pr"] {
        let kind = std::fs::symlink_metadata(dir.join(name))
            .unwrap()
            .file_type();
        assert!(kind.is_file(), "{name} is a file of the action's own");
    }
}

#[test]
fn the_apply_step_writes_nothing_through_planted_symlinks() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let victim = plant(&repo);
    let values = [("plan", "new"), ("allow-destroy", "false")];
    let output = run_step(&repo, &emulator, "apply", "Apply", true, &values);
    assert!(output.status.success(), "{}", text(&output));
    assert_untouched(&repo, &victim, &output);
    let dir = Path::new(&repo.outputs()["dir"]).to_path_buf();
    assert!(
        std::fs::read_to_string(dir.join("wxform.live.json"))
            .unwrap()
            .contains("官网"),
        "the fresh snapshot is in the action's directory"
    );
}

#[test]
fn the_drift_step_writes_nothing_through_planted_symlinks() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let victim = plant(&repo);
    let output = run_step(&repo, &emulator, "drift", "Detect drift", true, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_untouched(&repo, &victim, &output);
}

/// What the action uploads, it uploads from its own directory only.
#[test]
fn every_upload_reads_the_actions_own_directory() {
    let action = load_yaml("action.yml");
    let uploads: Vec<&serde_json::Value> = action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|uses| uses.starts_with("actions/upload-artifact@"))
        })
        .collect();
    assert_eq!(uploads.len(), 3);
    for step in uploads {
        let paths = step["with"]["path"].as_str().unwrap();
        for path in paths.lines().filter(|line| !line.trim().is_empty()) {
            assert!(
                path.trim().starts_with("${{ steps.main.outputs.dir }}/"),
                "{}: {path}",
                step["name"]
            );
        }
    }
}
