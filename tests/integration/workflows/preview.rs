//! The phone preview in pull requests and merge requests: the plan job draws `wxform preview`
//! from the same live side as its plan, the comment, the job summary and the merge-request note
//! link it, and a preview that cannot be drawn leaves the plan as it is.

use super::github::{MARKER, account, plan_step, run_action, text};
use super::gitlab::{JOB_URL, ME, NOTES, USER, env, job_script};
use super::repo::{MINIMAL, Repo, load_yaml};
use crate::support::canned::Canned;
use std::path::Path;

const RUN_ARTIFACTS: &str = "https://github.com/octo/shop/actions/runs/9001#artifacts";

/// The runner's variables naming this run, from which the artifacts' link is made.
const RUN: [(&str, &str); 2] = [
    ("GITHUB_SERVER_URL", "https://github.com"),
    ("GITHUB_RUN_ID", "9001"),
];

/// A PATH on which `wxform preview` fails (as it would on a page it cannot write) and every
/// other command is the built wxform's.
fn failing_preview(repo: &Repo) -> String {
    let wxform = Path::new(env!("CARGO_BIN_EXE_wxform"));
    let dir = repo.path("broken-preview");
    std::fs::create_dir_all(&dir).unwrap();
    let shim = dir.join("wxform");
    std::fs::write(
        &shim,
        format!(
            "#!/usr/bin/env bash\nif [ \"$1\" = preview ]; then echo 'error: cannot write wxform.preview.html' >&2; exit 1; fi\nexec '{}' \"$@\"\n",
            wxform.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&shim, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!(
        "{}:{}:{}",
        dir.display(),
        repo.path("fakebin").display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn the_plan_step_draws_the_live_preview_and_links_it_from_comment_and_summary() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let output = plan_step(&repo, &emulator, &RUN);
    assert!(output.status.success(), "{}", text(&output));

    let page = repo.read_out("wxform.preview.html");
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..80]);
    assert!(
        page.contains("旧官网") && page.contains("官网"),
        "the live menu beside the configured one"
    );
    assert!(page.contains("Live now") && page.contains("After apply"));
    let outputs = repo.outputs();
    assert_eq!(
        outputs["preview-file"],
        repo.out("wxform.preview.html").display().to_string()
    );
    assert_eq!(outputs["has-changes"], "true");

    let comment = repo.read_out("wxform.plan.md");
    assert_eq!(
        comment.lines().next(),
        Some(MARKER),
        "the marker stays first"
    );
    let link = format!(
        "**Phone preview:** [every audience's menu as the phone shows it, live beside after apply]({RUN_ARTIFACTS})"
    );
    let at = comment.find(&link).unwrap_or_else(|| panic!("{comment}"));
    assert!(
        at < comment.find("### wxform plan").unwrap(),
        "the link comes before the plan: {comment}"
    );
    assert!(comment.contains("`wxform-preview`"), "{comment}");
    assert!(comment.contains("旧官网"), "the whole plan: {comment}");
    assert_eq!(repo.gh_body(), comment, "the sticky comment has the link");
    let summary = repo.read("step_summary");
    assert!(
        summary.starts_with(MARKER) && summary.contains("旧官网"),
        "{summary}"
    );
    assert!(summary.trim_end().ends_with(&format!("{link} — the artifact `wxform-preview` of this run: download it, unzip it and open `wxform.preview.html` in a browser.")), "{summary}");
    assert!(
        emulator.mutating_requests().is_empty(),
        "the preview writes nothing"
    );
    assert!(!text(&output).contains(emulator.secret()));
}

/// A page the action does not draw unless asked: `preview` defaults to false.
#[test]
fn without_the_preview_input_no_page_is_drawn() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let output = run_action(&repo, &emulator, &[("command", "plan")], true);
    assert!(output.status.success(), "{}", text(&output));
    assert!(!repo.out("wxform.preview.html").exists());
    assert!(!repo.outputs().contains_key("preview-file"));
    assert!(!repo.read_out("wxform.plan.md").contains("Phone preview"));
}

#[test]
fn a_preview_that_fails_leaves_the_plan_comment_and_summary_whole() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let path = failing_preview(&repo);
    let mut extra = RUN.to_vec();
    extra.push(("PATH", &path));
    let output = plan_step(&repo, &emulator, &extra);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output)
            .contains("::warning::wxform preview failed (exit 1); the plan is not affected"),
        "{}",
        text(&output)
    );
    let outputs = repo.outputs();
    assert_eq!(outputs["exitcode"], "2", "the plan's status, changes");
    assert_eq!(outputs["has-changes"], "true");
    assert_eq!(
        outputs["plan-file"],
        repo.out("wxform.plan.json").display().to_string()
    );
    assert!(!outputs.contains_key("preview-file"), "nothing to upload");
    assert!(!repo.out("wxform.preview.html").exists());

    let comment = repo.read_out("wxform.plan.md");
    assert!(comment.starts_with(MARKER), "{comment}");
    assert!(
        comment.contains("**Phone preview:** not drawn (`wxform preview` exited with 1; the error is in [the job log](https://github.com/octo/shop/actions/runs/9001))"),
        "{comment}"
    );
    assert!(
        comment.contains("### wxform plan") && comment.contains("旧官网"),
        "the plan is all there: {comment}"
    );
    assert_eq!(repo.gh_body(), comment, "the comment is still posted");
    let summary = repo.read("step_summary");
    assert!(
        summary.contains("旧官网") && summary.contains("not drawn"),
        "{summary}"
    );
}

#[test]
fn the_merge_request_note_links_the_preview_the_job_exposes() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let gitlab = Canned::start(vec![
        (USER, "application/json", ME),
        (NOTES, "application/json", b"[]"),
    ]);
    let output = repo.run(
        &job_script("plan:merge-request"),
        &env(&repo, &emulator, &gitlab.base_url(), true),
    );
    assert!(output.status.success(), "{}", text(&output));
    let page = repo.read("wxform.preview.html");
    assert!(page.contains("旧官网") && page.contains("Live now"));

    let note = repo.read("wxform.plan.md");
    assert!(note.starts_with(MARKER), "{note}");
    let link = format!("({JOB_URL}/artifacts/file/wxform.preview.html)");
    let at = note.find(&link).unwrap_or_else(|| panic!("{note}"));
    assert!(at < note.find("### wxform plan").unwrap(), "{note}");
    assert!(note.contains("旧官网"), "{note}");
    assert_eq!(gitlab.paths(), [USER, NOTES, NOTES], "the note is posted");

    // The job keeps the page and shows it on the merge request under the name the note gives.
    let pipeline = load_yaml("examples/gitlab-ci/.gitlab-ci.yml");
    let artifacts = &pipeline["plan:merge-request"]["artifacts"];
    let exposed = artifacts["expose_as"].as_str().unwrap();
    assert!(note.contains(&format!("\"{exposed}\"")), "{note}");
    assert_eq!(artifacts["paths"][0], "wxform.preview.html");
    assert_eq!(artifacts["when"], "always");
    assert_eq!(pipeline["variables"]["WXFORM_PREVIEW"], "true");
}

#[test]
fn a_merge_request_preview_that_fails_leaves_the_note_whole() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    let gitlab = Canned::start(vec![
        (USER, "application/json", ME),
        (NOTES, "application/json", b"[]"),
    ]);
    let mut vars = env(&repo, &emulator, &gitlab.base_url(), true);
    vars.insert("PATH".into(), failing_preview(&repo));
    let output = repo.run(&job_script("plan:merge-request"), &vars);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("warning: wxform preview failed (exit 1)"));
    assert!(!repo.path("wxform.preview.html").exists());
    let note = repo.read("wxform.plan.md");
    assert!(
        note.contains(&format!(
            "**Phone preview:** not drawn (`wxform preview` exited with 1; the error is in [the job log]({JOB_URL}))"
        )),
        "{note}"
    );
    assert!(note.contains("旧官网"), "the plan is all there: {note}");
    assert!(repo.path("wxform.plan.json").exists());
    assert_eq!(gitlab.paths(), [USER, NOTES, NOTES], "the note is posted");
}

/// The action uploads exactly the page its main step names, as `wxform-preview`, and gives its
/// URL as an output.
#[test]
fn the_action_uploads_the_page_its_main_step_drew() {
    let action = load_yaml("action.yml");
    let upload = action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|step| step["id"] == "preview")
        .expect("an upload step with id preview");
    assert!(
        upload["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/upload-artifact@")
    );
    assert_eq!(upload["with"]["name"], "wxform-preview");
    assert_eq!(
        upload["with"]["path"],
        "${{ steps.main.outputs.dir }}/wxform.preview.html"
    );
    assert!(
        upload["if"]
            .as_str()
            .unwrap()
            .contains("steps.main.outputs.preview-file != ''")
    );
    assert_eq!(
        action["outputs"]["preview-url"]["value"],
        "${{ steps.preview.outputs.artifact-url }}"
    );
    assert_eq!(action["inputs"]["preview"]["default"], "false");
    let workflow = load_yaml(super::github::WORKFLOW);
    let plan = super::repo::step(&workflow, "plan", "Plan");
    assert_eq!(plan["with"]["preview"], true, "the example asks for it");
}

/// `wxform preview` draws one account: with several configurations the plan is commented as
/// always, without a page, and the log says why.
#[test]
fn several_accounts_are_planned_without_a_preview() {
    let emulator = account(false);
    let repo = Repo::new(MINIMAL);
    repo.write("other.yaml", &repo.read("wxform.yaml"));
    let inputs = [
        ("command", "plan"),
        ("config", "wxform.yaml other.yaml"),
        ("preview", "true"),
    ];
    let output = run_action(&repo, &emulator, &inputs, true);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output)
            .contains("::notice::no phone preview: wxform preview draws one configuration file"),
        "{}",
        text(&output)
    );
    assert!(!repo.out("wxform.preview.html").exists());
    assert!(repo.gh_body().starts_with("<!-- wxform:plans:all -->"));
}
