//! The GitLab apply job's last step: the account's new snapshot proposed as a merge request
//! from the branch wxform/snapshot (`propose-snapshot.sh`), through GitLab's API only. A fake
//! `curl` records every request (method, path, body, the header file it was given) and answers
//! as GitLab would, from files the test lays out.

use super::github::{account, text};
use super::gitlab::{env, job_script};
use super::repo::{MINIMAL, Repo, load_yaml};
use crate::support::account::connect;
use crate::support::emulator::Emulator;
use crate::support::run::wxform;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

const GITLAB: &str = "https://gitlab.example.com";
const MRS: &str = "GET /api/v4/projects/7/merge_requests?state=opened&source_branch=wxform%2Fsnapshot&target_branch=main";
const ON_MAIN: &str = "GET /api/v4/projects/7/repository/files/wxform.live.json/raw?ref=main";
const ON_BRANCH: &str =
    "GET /api/v4/projects/7/repository/files/wxform.live.json/raw?ref=wxform%2Fsnapshot";
const COMMIT: &str = "POST /api/v4/projects/7/repository/commits";
const OPEN: &str = "POST /api/v4/projects/7/merge_requests";

/// A fake `curl` for GitLab's API. Each call appends `METHOD PATH` to $FAKE_CURL_DIR/log, its
/// arguments to argv, its request bodies to body.N (N: the call's line in the log) and, for
/// each `--header @FILE`, the file's mode and content to headers. Files of a branch are served
/// from $FAKE_CURL_DIR/files/BRANCH/PATH; open merge requests are $FAKE_GL_MRS. A request whose
/// `METHOD PATH` holds $FAKE_GL_FAIL is refused with 403.
const FAKE_CURL: &str = r#"#!/usr/bin/env bash
dir="$FAKE_CURL_DIR"
printf '%s\n' "$*" >> "$dir/argv"
method=""; url=""; output=""; write_out=""; fail=false; bodies=()
while [ $# -gt 0 ]; do
  case "$1" in
    -fsS) fail=true ;;
    -sS) ;;
    -X) method="$2"; shift ;;
    --max-filesize) shift ;;
    --header)
      case "$2" in
        @*) printf 'mode %s: %s\n' "$(stat -c %a "${2#@}")" "$(cat "${2#@}")" >> "$dir/headers" ;;
      esac
      shift ;;
    --data|--data-binary|--data-urlencode) bodies+=("$2"); shift ;;
    --output) output="$2"; shift ;;
    --write-out) write_out="$2"; shift ;;
    http*) url="$1" ;;
    *) echo "fake curl: unexpected argument $1" >&2; exit 99 ;;
  esac
  shift
done
if [ -z "$method" ]; then
  if [ "${#bodies[@]}" -gt 0 ]; then method=POST; else method=GET; fi
fi
request="$method /${url#*://*/}"
printf '%s\n' "$request" >> "$dir/log"
n="$(wc -l < "$dir/log")"
for body in ${bodies[@]+"${bodies[@]}"}; do
  case "$body" in
    @*) cat "${body#@}" >> "$dir/body.$n" ;;
    *=*) printf '%s\n' "$body" >> "$dir/body.$n" ;;
    *@*) { printf '%s=' "${body%%@*}"; cat "${body#*@}"; } >> "$dir/body.$n" ;;
  esac
done
decode() { printf '%b' "${1//%/\\x}"; }
code=200
case "$request" in
  "GET /api/v4/projects/7/merge_requests?"*) answer="${FAKE_GL_MRS:-[]}" ;;
  "GET /api/v4/projects/7/repository/files/"*"/raw?ref="*)
    file="${request#*/files/}"
    file="$dir/files/$(decode "${request##*ref=}")/$(decode "${file%%/raw*}")"
    if [ -f "$file" ]; then answer="$(cat "$file")"; else code=404; answer='{"message":"404 File Not Found"}'; fi ;;
  "POST /api/v4/projects/7/repository/commits") answer='{"id":"c0ffee"}' ;;
  "POST /api/v4/projects/7/merge_requests") answer='{"iid":21}' ;;
  "PUT /api/v4/projects/7/merge_requests/"*) answer='{}' ;;
  *) echo "fake curl: unexpected request $request" >&2; exit 99 ;;
esac
if [ -n "${FAKE_GL_FAIL:-}" ] && [[ "$request" == *"$FAKE_GL_FAIL"* ]]; then
  code=403; answer='{"message":"403 Forbidden"}'
fi
if [ "$code" != 200 ] && [ "$fail" = true ]; then
  echo "curl: (22) The requested URL returned error: $code" >&2
  exit 22
fi
if [ -n "$output" ]; then printf '%s' "$answer" > "$output"; else printf '%s' "$answer"; fi
if [ -n "$write_out" ]; then printf '%s' "$code"; fi
"#;

/// A checkout whose main holds the account exported three days ago, with the fake `curl`.
fn gitlab_repo(emulator: &Emulator) -> Repo {
    let repo = Repo::new(MINIMAL);
    let bin = repo.path("fakebin/curl");
    std::fs::write(&bin, FAKE_CURL).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir_all(repo.path("curl")).unwrap();
    export(
        &repo,
        emulator,
        "2026-11-28T09:00:00Z",
        "curl/files/main/wxform.live.json",
    );
    repo
}

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

/// The apply job's environment on main, with the fake GitLab.
fn vars(repo: &Repo, emulator: &Emulator, extra: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut vars = env(repo, emulator, GITLAB, true);
    vars.insert("CI_COMMIT_BRANCH".into(), "main".into());
    vars.insert(
        "CI_PIPELINE_URL".into(),
        format!("{GITLAB}/shop/wechat/-/pipelines/88"),
    );
    vars.insert(
        "FAKE_CURL_DIR".into(),
        repo.path("curl").display().to_string(),
    );
    for (key, value) in extra {
        vars.insert(key.to_string(), value.to_string());
    }
    vars
}

/// The proposal alone, for NEW exported into the checkout's wxform.live.json.
fn propose(repo: &Repo, emulator: &Emulator, extra: &[(&str, &str)]) -> std::process::Output {
    let script =
        "bash \"$WXFORM_SCRIPTS\"/propose-snapshot.sh \"$WXFORM_SNAPSHOT\" \"$WXFORM_SNAPSHOT\"";
    repo.run(script, &vars(repo, emulator, extra))
}

fn log(repo: &Repo) -> Vec<String> {
    std::fs::read_to_string(repo.path("curl/log"))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

/// A fresh record of requests: the log, the bodies, the arguments and the header files.
fn forget_requests(repo: &Repo) {
    for entry in std::fs::read_dir(repo.path("curl")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::remove_file(path).unwrap();
        }
    }
}

/// The body of the request on line `n` (from 1) of the log.
fn body(repo: &Repo, n: usize) -> String {
    std::fs::read_to_string(repo.path(&format!("curl/body.{n}"))).unwrap_or_default()
}

/// The token reached curl in header files only this user could read, never on a command line.
fn assert_token_kept_off_command_lines(repo: &Repo) {
    let argv = std::fs::read_to_string(repo.path("curl/argv")).unwrap();
    assert!(!argv.contains("glpat-fake"), "{argv}");
    let headers = std::fs::read_to_string(repo.path("curl/headers")).unwrap();
    assert_eq!(headers.lines().count(), argv.lines().count(), "{headers}");
    for line in headers.lines() {
        assert_eq!(line, "mode 600: PRIVATE-TOKEN: glpat-fake");
    }
}

#[test]
fn a_changed_snapshot_is_proposed_in_a_merge_request_from_its_own_branch() {
    let emulator = account(false);
    let repo = gitlab_repo(&emulator);
    emulator.update_state(|state| state.menu.as_mut().unwrap().button[0].name = "官网".into());
    let new = export(&repo, &emulator, "2026-12-01T09:00:00Z", "wxform.live.json");
    let output = propose(&repo, &emulator, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("Proposed the new snapshot in !21."),
        "{}",
        text(&output)
    );
    assert_eq!(log(&repo), [MRS, ON_MAIN, COMMIT, OPEN]);
    let commit: Value = serde_json::from_str(&body(&repo, 3)).unwrap();
    assert_eq!(
        commit,
        serde_json::json!({
            "branch": "wxform/snapshot",
            "start_branch": "main",
            "force": true,
            "commit_message": "Refresh the wxform snapshot wxform.live.json",
            "actions": [{
                "action": "update",
                "file_path": "wxform.live.json",
                "content": std::fs::read_to_string(&new).unwrap(),
            }],
        })
    );
    let request = body(&repo, 4);
    for field in [
        "source_branch=wxform/snapshot\n",
        "target_branch=main\n",
        "title=wxform: refresh the snapshot wxform.live.json\n",
        "remove_source_branch=true\n",
        "read it at 2026-12-01T09:00:00Z, after [the apply of this pipeline](https://gitlab.example.com/shop/wechat/-/pipelines/88)",
    ] {
        assert!(request.contains(field), "{field}: {request}");
    }
    assert_token_kept_off_command_lines(&repo);
    assert!(emulator.mutating_requests().is_empty());

    // A main without a snapshot yet: the commit creates the file.
    std::fs::remove_file(repo.path("curl/files/main/wxform.live.json")).unwrap();
    forget_requests(&repo);
    let output = propose(&repo, &emulator, &[]);
    assert!(output.status.success(), "{}", text(&output));
    let commit: Value = serde_json::from_str(&body(&repo, 3)).unwrap();
    assert_eq!(commit["actions"][0]["action"], "create");
}

/// Only the time of the export differs: nothing is written; an open proposal is outdated.
#[test]
fn an_unchanged_snapshot_proposes_nothing_and_closes_an_outdated_proposal() {
    let emulator = account(false);
    let repo = gitlab_repo(&emulator);
    export(&repo, &emulator, "2026-12-01T09:00:00Z", "wxform.live.json");
    let output = propose(&repo, &emulator, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output)
            .contains("The snapshot wxform.live.json on main is current; nothing to propose.")
    );
    assert_eq!(log(&repo), [MRS, ON_MAIN]);

    forget_requests(&repo);
    let output = propose(&repo, &emulator, &[("FAKE_GL_MRS", r#"[{"iid":12}]"#)]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(
        log(&repo),
        [MRS, ON_MAIN, "PUT /api/v4/projects/7/merge_requests/12"]
    );
    assert_eq!(body(&repo, 3), "state_event=close\n");
}

#[test]
fn an_open_merge_request_is_updated_not_duplicated() {
    let emulator = account(false);
    let repo = gitlab_repo(&emulator);
    emulator.update_state(|state| state.menu.as_mut().unwrap().button[0].name = "官网一".into());
    export(
        &repo,
        &emulator,
        "2026-11-30T09:00:00Z",
        "curl/files/wxform/snapshot/wxform.live.json",
    );
    emulator.update_state(|state| state.menu.as_mut().unwrap().button[0].name = "官网".into());
    let new = export(&repo, &emulator, "2026-12-01T09:00:00Z", "wxform.live.json");
    let open = [("FAKE_GL_MRS", r#"[{"iid":12}]"#)];
    let output = propose(&repo, &emulator, &open);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("Updated the snapshot proposed in !12."));
    let update = "PUT /api/v4/projects/7/merge_requests/12";
    assert_eq!(log(&repo), [MRS, ON_MAIN, ON_BRANCH, COMMIT, update]);
    let commit: Value = serde_json::from_str(&body(&repo, 4)).unwrap();
    assert_eq!(commit["force"], true, "the branch is reset to main's head");
    assert!(body(&repo, 5).starts_with("description=The live WeChat account"));

    // The open merge request already says the same, exported earlier: nothing is written.
    std::fs::copy(
        &new,
        repo.path("curl/files/wxform/snapshot/wxform.live.json"),
    )
    .unwrap();
    export(&repo, &emulator, "2026-12-02T09:00:00Z", "wxform.live.json");
    forget_requests(&repo);
    let output = propose(&repo, &emulator, &open);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("Merge request !12 already proposes this snapshot."));
    assert_eq!(log(&repo), [MRS, ON_MAIN, ON_BRANCH]);
}

/// The job: plan on main, the manual apply of that plan, its smoke test, the export, and the
/// proposal; pressing play again finds the plan stale and proposes nothing.
#[test]
fn main_plans_then_the_manual_apply_applies_that_plan_and_proposes_its_snapshot() {
    let emulator = account(false);
    let repo = gitlab_repo(&emulator);
    let env = vars(&repo, &emulator, &[]);
    let output = repo.run(&job_script("plan:main"), &env);
    assert!(output.status.success(), "{}", text(&output));
    assert!(emulator.mutating_requests().is_empty());

    let output = repo.run(&job_script("apply"), &env);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(emulator.state().menu.unwrap().button[0].name, "官网");
    assert!(
        text(&output).contains("has no menu_checks"),
        "the smoke test ran: {}",
        text(&output)
    );
    assert!(
        repo.read("wxform.live.json").contains("官网"),
        "a fresh snapshot"
    );
    assert_eq!(log(&repo), [MRS, ON_MAIN, COMMIT, OPEN]);
    let commit: Value = serde_json::from_str(&body(&repo, 3)).unwrap();
    assert!(
        commit["actions"][0]["content"]
            .as_str()
            .unwrap()
            .contains("\"官网\"")
    );

    // Pressing play again on the same pipeline: the plan is stale now.
    let output = repo.run(&job_script("apply"), &env);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("stale"));
    assert_eq!(log(&repo).len(), 4, "no proposal after a failed apply");
}

/// The apply is done whatever happens to the proposal: its failure exits 3, which the job's
/// `allow_failure: exit_codes` turns into "passed with warnings".
#[test]
fn a_failed_proposal_passes_the_job_with_a_warning() {
    let emulator = account(false);
    let repo = gitlab_repo(&emulator);
    let env = vars(&repo, &emulator, &[("FAKE_GL_FAIL", "repository/commits")]);
    let output = repo.run(&job_script("plan:main"), &env);
    assert!(output.status.success(), "{}", text(&output));
    let output = repo.run(&job_script("apply"), &env);
    assert_eq!(output.status.code(), Some(3), "{}", text(&output));
    let text = text(&output);
    assert!(text.contains("returned error: 403"), "{text}");
    assert!(
        text.contains("warning: the apply is done, but proposing its new snapshot failed (above)"),
        "{text}"
    );
    assert_eq!(
        emulator.state().menu.unwrap().button[0].name,
        "官网",
        "applied"
    );
    assert!(!log(&repo).iter().any(|request| request == OPEN));
    let pipeline = load_yaml("examples/gitlab-ci/.gitlab-ci.yml");
    assert_eq!(
        pipeline["apply"]["allow_failure"]["exit_codes"],
        serde_json::json!([3])
    );
}

#[test]
fn a_bad_path_is_refused_before_gitlab_is_asked() {
    let emulator = account(false);
    let repo = gitlab_repo(&emulator);
    let output = propose(&repo, &emulator, &[("WXFORM_SNAPSHOT", "/etc/passwd")]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("the snapshot path must be a plain relative path"));
    assert!(log(&repo).is_empty());
}
