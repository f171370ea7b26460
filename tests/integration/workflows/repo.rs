//! A temporary checkout of a configuration repository with the action's scripts (as the runner
//! unpacks `wxform/wxform`, at `.wxform-action/`) and the GitLab scripts (`.gitlab/wxform/`), and
//! a runner that executes a `run:` script in it the way a CI runner does (`bash -e`), with the
//! environment a test chooses.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const MINIMAL: &str = "examples/minimal.yaml";

/// A fake `gh`: appends its arguments to $FAKE_GH_LOG, answers lookups from FAKE_GH_* variables,
/// serves files of a commit (or branch) from $FAKE_GH_TREES/REF/PATH and saves the bodies it
/// would post to $FAKE_GH_DIR (`--input` files under their endpoint's last name: `trees`,
/// `commits`). A call whose arguments hold $FAKE_GH_FAIL fails as GitHub's refusal would.
const FAKE_GH: &str = r#"#!/usr/bin/env bash
printf '%s\n' "$*" >> "$FAKE_GH_LOG"
all="$*"
if [ -n "${FAKE_GH_FAIL:-}" ] && [[ "$all" == *"$FAKE_GH_FAIL"* ]]; then
  echo "gh: Resource not accessible by integration (HTTP 403)" >&2
  exit 1
fi
save_body() {
  while [ $# -gt 0 ]; do
    case "$1" in
      body=@*) cp "${1#body=@}" "$FAKE_GH_DIR/body" ;;
      --body-file) cp "$2" "$FAKE_GH_DIR/body" ;;
      --input) cp "$2" "$FAKE_GH_DIR/${endpoint##*/}.json" ;;
    esac
    shift
  done
}
endpoint=""
case "$*" in
  "pr list "*) printf '%s\n' "${FAKE_GH_SNAPSHOT_PR:-}" ;;
  "pr create "*) save_body "$@"; echo "https://github.com/octo/shop/pull/77" ;;
  "pr edit "*|"pr close "*) save_body "$@" ;;
  "api repos/"*"/git/commits/"*" --jq .tree.sha") echo 1111111111111111111111111111111111111111 ;;
  "api --method POST repos/"*"/git/trees "*) endpoint=trees; save_body "$@"; echo 2222222222222222222222222222222222222222 ;;
  "api --method POST repos/"*"/git/commits "*) endpoint=commits; save_body "$@"; echo 3333333333333333333333333333333333333333 ;;
  "api repos/"*"/git/matching-refs/"*) [ -z "${FAKE_GH_SNAPSHOT_BRANCH:-}" ] || echo refs/heads/wxform/snapshot ;;
  "api --method PATCH repos/"*"/git/refs/"*|"api --method POST repos/"*"/git/refs "*) ;;
  "api -H Accept: application/vnd.github.raw+json repos/"*"/contents/"*)
    target="${all##*/contents/}"
    cat "$FAKE_GH_TREES/${target##*\?ref=}/${target%%\?*}" ;;
  "api repos/"*"/actions/runs/"*"/artifacts "*) printf '%s\n' "${FAKE_GH_ARTIFACT_SIZE:-2048}" ;;
  "api repos/"*"/commits?"*) printf '%s\n' "${FAKE_GH_SNAPSHOT_COMMIT:-}" ;;
  "api repos/"*"/pulls/"*"base.ref"*) printf '%s main\n' "${FAKE_GH_HEAD_SHA:-}" ;;
  "api --paginate repos/"*"/comments "*) printf '%s' "${FAKE_GH_COMMENT_ID:-}" ;;
  "api --method "*) save_body "$@" ;;
  "api repos/"*"/commits/"*"/pulls "*) printf '%s\n' "${FAKE_GH_PR:-}" ;;
  "api repos/"*"/pulls/"*" --jq .head.sha") printf '%s\n' "${FAKE_GH_HEAD_SHA:-}" ;;
  "api repos/"*"/pulls/"*) printf '%s\n' "${FAKE_GH_DESTROY:-false}" ;;
  "run list "*) printf '%s\n' "${FAKE_GH_RUN:-}" ;;
  "run download "*) dir="${all##*--dir }"; mkdir -p "$dir" && cp "$FAKE_GH_ARTIFACT"/* "$dir"/ ;;
  "release download "*) dir="${all##*--dir }"; dir="${dir%% *}"; mkdir -p "$dir" && cp "$FAKE_GH_RELEASE"/* "$dir"/ ;;
  "release create "*) ;;
  "api repos/"*"/git/refs/tags/"*) [ -n "${FAKE_GH_TAG_EXISTS:-}" ] ;;
  "issue list "*) printf '%s' "${FAKE_GH_ISSUE:-}" ;;
  "issue create "*|"issue edit "*) save_body "$@" ;;
  "label create "*|"issue close "*) ;;
  *) echo "fake gh: unexpected: $*" >&2; exit 99 ;;
esac
"#;

pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    /// A checkout holding `config` as `wxform.yaml` and both CI examples.
    pub fn new(config: &str) -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let root = root();
        std::fs::copy(root.join(config), dir.path().join("wxform.yaml")).unwrap();
        copy_dir(
            &root.join("action"),
            &dir.path().join(".wxform-action/action"),
        );
        copy_dir(
            &root.join("examples/gitlab-ci/wxform"),
            &dir.path().join(".gitlab/wxform"),
        );
        let bin = dir.path().join("fakebin");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::write(bin.join("gh"), FAKE_GH).unwrap();
        make_executable(&bin.join("gh"));
        std::fs::create_dir_all(dir.path().join("gh")).unwrap();
        Repo { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name))
            .unwrap_or_else(|err| panic!("cannot read {name}: {err}"))
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).unwrap();
    }

    /// A file in the directory of the action's own that its last run wrote into (the step
    /// output `dir`, under RUNNER_TEMP).
    pub fn out(&self, name: &str) -> PathBuf {
        PathBuf::from(&self.outputs()["dir"]).join(name)
    }

    /// The text of [`Repo::out`].
    pub fn read_out(&self, name: &str) -> String {
        let path = self.out(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
    }

    /// What the fake `gh` was asked, one call per line.
    pub fn gh_log(&self) -> String {
        std::fs::read_to_string(self.path("gh/log")).unwrap_or_default()
    }

    /// The body the fake `gh` would have posted last.
    pub fn gh_body(&self) -> String {
        self.read("gh/body")
    }

    /// Runs `script` with `bash -e` in the checkout: PATH holds the built wxform and the fake
    /// gh; the environment is `env` plus the runner's own files (GITHUB_OUTPUT,
    /// GITHUB_STEP_SUMMARY) and nothing inherited.
    pub fn run(&self, script: &str, env: &BTreeMap<String, String>) -> Output {
        let wxform_dir = Path::new(env!("CARGO_BIN_EXE_wxform")).parent().unwrap();
        let path = format!(
            "{}:{}:{}",
            wxform_dir.display(),
            self.path("fakebin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Command::new("bash")
            .arg("-e")
            .arg("-c")
            .arg(script)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1")
            .env("RUST_BACKTRACE", "0")
            .env("WXFORM_RETRY_BASE_MS", "1")
            .env(
                "WXFORM_PROGRESS_AFTER_MS",
                crate::support::run::PROGRESS_AFTER_MS,
            )
            .env("GITHUB_OUTPUT", self.path("github_output"))
            .env("GITHUB_STEP_SUMMARY", self.path("step_summary"))
            .env("GITHUB_REPOSITORY", "octo/shop")
            .env("GITHUB_ACTION_PATH", self.path(".wxform-action"))
            .env("FAKE_GH_TREES", self.path("trees"))
            .env("FAKE_GH_LOG", self.path("gh/log"))
            .env("FAKE_GH_DIR", self.path("gh"))
            .envs(env)
            .output()
            .unwrap()
    }

    /// The step outputs written so far (`name=value` lines of GITHUB_OUTPUT).
    pub fn outputs(&self) -> BTreeMap<String, String> {
        std::fs::read_to_string(self.path("github_output"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A workflow or pipeline file, parsed as a runner parses it.
pub fn load_yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|err| panic!("{path} is not YAML: {err}"))
}

/// The step of `job` named `name` in a GitHub workflow.
pub fn step<'a>(workflow: &'a Value, job: &str, name: &str) -> &'a Value {
    workflow["jobs"][job]["steps"]
        .as_array()
        .unwrap_or_else(|| panic!("job {job} has steps"))
        .iter()
        .find(|step| step["name"] == name)
        .unwrap_or_else(|| panic!("job {job} has a step named {name:?}"))
}

/// The environment a step runs with: the workflow's `env`, then the job's, then the step's.
/// Literal values are kept; each `${{ … }}` expression must be given a value in `values` (so a
/// new variable in the workflow fails the test until a test gives it a meaning).
pub fn step_env(
    workflow: &Value,
    job: &str,
    step: &Value,
    values: &[(&str, &str)],
) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    for scope in [
        &workflow["env"],
        &workflow["jobs"][job]["env"],
        &step["env"],
    ] {
        let Some(map) = scope.as_object() else {
            continue;
        };
        for (key, value) in map {
            let text = match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let value = if text.contains("${{") {
                values
                    .iter()
                    .find(|(name, _)| name == key)
                    .unwrap_or_else(|| panic!("the test gives no value for {key} ({text})"))
                    .1
                    .to_string()
            } else {
                text
            };
            env.insert(key.clone(), value);
        }
    }
    env
}

/// The script and environment of the action's `id: main` step (see `action_step`).
pub fn action_main(
    with: &BTreeMap<String, String>,
    context: &[(&str, &str)],
) -> (String, BTreeMap<String, String>) {
    action_step("main", with, context)
}

/// The script and environment of the action's step whose id or name is `select`, for a
/// workflow step whose `with:` is `with`: each `${{ inputs.NAME }}` is the given input or the
/// action's default, and every other expression must have a value in `context` (keyed by the
/// expression, such as `runner.temp`).
pub fn action_step(
    select: &str,
    with: &BTreeMap<String, String>,
    context: &[(&str, &str)],
) -> (String, BTreeMap<String, String>) {
    let action = load_yaml("action.yml");
    let lookup = |expression: &str| -> String {
        context
            .iter()
            .find(|(name, _)| *name == expression)
            .unwrap_or_else(|| panic!("the test gives no value for ${{{{ {expression} }}}}"))
            .1
            .to_string()
    };
    let value = |expression: &str| -> String {
        match expression.strip_prefix("inputs.") {
            Some(input) => match with.get(input) {
                Some(value) => value.clone(),
                None => {
                    let default = &action["inputs"][input]["default"];
                    let default = default.as_str().unwrap_or_else(|| panic!("input {input}"));
                    match default.strip_prefix("${{") {
                        Some(rest) => lookup(rest.trim_end_matches("}}").trim()),
                        None => default.to_string(),
                    }
                }
            },
            None => lookup(expression),
        }
    };
    // Every `${{ … }}` in the text is replaced by its value.
    let resolve = |text: &str| -> String {
        let mut resolved = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            let end = rest[start..].find("}}").expect("a closed expression") + start;
            resolved.push_str(&rest[..start]);
            resolved.push_str(&value(rest[start + 3..end].trim()));
            rest = &rest[end + 2..];
        }
        resolved.push_str(rest);
        resolved
    };
    let main = action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|step| step["id"] == select || step["name"] == select)
        .unwrap_or_else(|| panic!("the action has a step {select}"));
    let env = main["env"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(key, value)| (key.clone(), resolve(value.as_str().unwrap())))
        .collect();
    (script(main).to_string(), env)
}

/// The `run:` script of a step.
pub fn script(step: &Value) -> &str {
    step["run"].as_str().expect("a run step")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}
