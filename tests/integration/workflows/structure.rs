//! What a runner requires of the files before it runs anything: GitHub's `on`, `jobs`,
//! `runs-on`, steps with `uses` or `run`, explicit permissions; GitLab's stages, a `script` and
//! `rules` per job. Plus one safety rule: no `${{ … }}` inside a shell script (values reach
//! scripts through `env:`, so a branch name cannot inject commands).

use super::repo::load_yaml;
use serde_json::Value;

const GITHUB: [&str; 3] = [
    "examples/github-actions/wxform.yml",
    "examples/github-actions/wxform-comment.yml",
    "examples/github-actions/wxform-code-scanning.yml",
];

#[test]
fn github_workflows_have_what_a_runner_needs() {
    for path in GITHUB {
        let workflow = load_yaml(path);
        assert!(workflow["name"].is_string(), "{path}: name");
        assert!(
            workflow["on"].is_object(),
            "{path}: `on` is a mapping of events (not YAML 1.1's boolean)"
        );
        assert_eq!(
            workflow["permissions"]["contents"], "read",
            "{path}: the default token is read-only"
        );
        let jobs = workflow["jobs"].as_object().expect("jobs");
        assert!(!jobs.is_empty());
        for (id, job) in jobs {
            assert!(job["runs-on"].is_string(), "{path}: {id}.runs-on");
            assert!(job["permissions"].is_object(), "{path}: {id}.permissions");
            let steps = job["steps"].as_array().expect("steps");
            assert!(!steps.is_empty(), "{path}: {id} has steps");
            for step in steps {
                let uses = step["uses"].is_string();
                let run = step["run"].is_string();
                assert!(uses != run, "{path}: {id}: exactly one of uses/run: {step}");
                if run {
                    assert!(
                        !step["run"].as_str().unwrap().contains("${{"),
                        "{path}: {id}: an expression inside a script: {step}"
                    );
                }
            }
        }
    }
}

#[test]
fn github_jobs_get_the_permissions_they_use() {
    let workflow = load_yaml(GITHUB[0]);
    let permission = |job: &str, scope: &str| workflow["jobs"][job]["permissions"][scope].clone();
    assert_eq!(permission("plan", "pull-requests"), "write");
    assert_eq!(permission("apply", "actions"), "read");
    assert_eq!(permission("apply", "pull-requests"), "write");
    assert_eq!(permission("apply", "contents"), "write");
    assert_eq!(permission("drift", "issues"), "write");
    let on = &workflow["on"];
    for event in ["pull_request", "push", "schedule", "workflow_dispatch"] {
        assert!(!on[event].is_null(), "triggered by {event}");
    }
    assert_eq!(on["push"]["branches"][0], "main");
    assert_eq!(
        on["workflow_dispatch"]["inputs"]["replan"]["type"],
        "boolean"
    );
    let comment = load_yaml(GITHUB[1]);
    assert_eq!(
        comment["on"]["workflow_run"]["workflows"][0],
        workflow["name"]
    );
    assert_eq!(
        comment["jobs"]["comment"]["permissions"]["pull-requests"],
        "write"
    );
}

#[test]
fn the_action_is_a_composite_action_whose_scripts_take_values_from_env() {
    let action = load_yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().unwrap();
    for input in ["command", "config", "version", "comment", "allow-destroy"] {
        assert!(inputs.contains_key(input), "input {input}");
    }
    for output in ["has-changes", "exitcode", "plan-file"] {
        assert_eq!(
            action["outputs"][output]["value"],
            format!("${{{{ steps.main.outputs.{output} }}}}"),
            "output {output}"
        );
    }
    let steps = action["runs"]["steps"].as_array().unwrap();
    let mut found = Vec::new();
    for step in steps {
        expressions(step, None, &mut found);
        if let Some(run) = step["run"].as_str() {
            assert_eq!(step["shell"], "bash", "composite run steps need a shell");
            assert!(!run.contains("${{"), "an expression inside a script: {run}");
            let script = run
                .split_whitespace()
                .find_map(|word| word.strip_prefix("\"$GITHUB_ACTION_PATH/"))
                .map(|word| word.trim_end_matches('"'))
                .unwrap_or_else(|| panic!("runs a script of the action: {run}"));
            assert!(
                super::repo::root().join(script).is_file(),
                "{script} exists"
            );
        }
    }
    for input in references(&found, "inputs.") {
        assert!(inputs.contains_key(&input), "inputs.{input} is declared");
    }
    let ids: Vec<&str> = steps.iter().filter_map(|s| s["id"].as_str()).collect();
    for step in references(&found, "steps.") {
        assert!(ids.contains(&step.as_str()), "steps.{step} exists");
    }
}

/// Every `uses:` names a commit (40 hex digits) with its version in a comment, so a moved tag
/// cannot change what runs; only wxform's own action is used by its major tag, as users write it.
#[test]
fn every_third_party_action_is_pinned_to_a_commit() {
    let files = [
        "action.yml",
        GITHUB[0],
        GITHUB[1],
        ".github/workflows/ci.yml",
        ".github/workflows/release.yml",
    ];
    let mut pinned = 0;
    for path in files {
        let text = std::fs::read_to_string(super::repo::root().join(path)).unwrap();
        for line in text.lines() {
            let Some(at) = line.find("uses: ") else {
                continue;
            };
            let target = line[at + 6..].trim();
            let (reference, comment) = target.split_once(" # ").unwrap_or((target, ""));
            let (name, version) = reference.trim().split_once('@').expect("name@ref");
            if name == "wxform/wxform" {
                assert_eq!(version, "v0", "{path}: {line}");
                continue;
            }
            assert!(
                version.len() == 40 && version.bytes().all(|b| b.is_ascii_hexdigit()),
                "{path}: {line}: not pinned to a commit"
            );
            assert!(
                comment.trim().starts_with('v'),
                "{path}: {line}: the version in a comment"
            );
            pinned += 1;
        }
    }
    assert!(pinned >= 8, "{pinned} pinned actions");
}

/// The installer's default release is the crate's version: bumping one without the other fails.
#[test]
fn the_action_installs_the_release_of_its_own_version_by_default() {
    let install = std::fs::read_to_string(super::repo::root().join("action/install.sh")).unwrap();
    let default = install
        .lines()
        .find_map(|line| line.strip_prefix("default_version="))
        .expect("default_version= in install.sh");
    assert_eq!(default, env!("CARGO_PKG_VERSION"));
}

#[test]
fn gitlab_pipeline_has_what_a_runner_needs() {
    let pipeline = load_yaml("examples/gitlab-ci/.gitlab-ci.yml");
    let stages: Vec<&str> = pipeline["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(stages, ["validate", "plan", "apply"]);
    let reserved = ["stages", "variables", "workflow", "default", "include"];
    let jobs: Vec<(&String, &Value)> = pipeline
        .as_object()
        .unwrap()
        .iter()
        .filter(|(name, _)| !reserved.contains(&name.as_str()) && !name.starts_with('.'))
        .collect();
    assert_eq!(jobs.len(), 5, "validate, two plans, apply, drift");
    for (name, job) in jobs {
        assert_eq!(job["extends"], ".wxform", "{name}");
        assert!(
            stages.contains(&job["stage"].as_str().unwrap()),
            "{name}: a declared stage"
        );
        assert!(job["script"].is_array(), "{name}: script");
        assert!(job["rules"].is_array(), "{name}: rules");
    }
    assert_eq!(pipeline["apply"]["rules"][0]["when"], "manual");
    assert_eq!(pipeline["apply"]["needs"][0], "plan:main");
    let image = pipeline[".wxform"]["image"]["name"].as_str().unwrap();
    assert_eq!(image, "ghcr.io/wxform/wxform:$WXFORM_VERSION");
    assert_eq!(
        pipeline[".wxform"]["image"]["entrypoint"][0], "",
        "GitLab runs the script in a shell, not through wxform"
    );
    let version = pipeline["variables"]["WXFORM_VERSION"].as_str().unwrap();
    assert_eq!(
        version,
        env!("CARGO_PKG_VERSION"),
        "the image of this release"
    );
}

/// Every `${{ … }}` expression in `text`, and every bare `if:` condition.
fn expressions(value: &Value, key: Option<&str>, out: &mut Vec<String>) {
    match value {
        Value::String(text) => {
            let mut rest = text.as_str();
            while let Some(start) = rest.find("${{") {
                let end = rest[start..].find("}}").map_or(rest.len(), |e| start + e);
                out.push(rest[start + 3..end].trim().to_string());
                rest = &rest[end..];
            }
            if key == Some("if") && !text.contains("${{") {
                out.push(text.clone());
            }
        }
        Value::Array(items) => items.iter().for_each(|item| expressions(item, None, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| expressions(v, Some(k), out)),
        _ => {}
    }
}

/// Names after `prefix` (`steps.` → `plan`, `reviewed`) in the expressions.
fn references(expressions: &[String], prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    for expression in expressions {
        let mut rest = expression.as_str();
        while let Some(at) = rest.find(prefix) {
            let boundary = at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphanumeric();
            let tail = &rest[at + prefix.len()..];
            let name: String = tail
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            if boundary && !name.is_empty() {
                names.push(name);
            }
            rest = tail;
        }
    }
    names
}

/// A misspelt `steps.<id>`, input or secret is not an error on GitHub: it is silently empty, and
/// a condition on it silently false. Every name an expression uses must exist.
#[test]
fn github_expressions_name_steps_inputs_and_secrets_that_exist() {
    for path in GITHUB {
        let workflow = load_yaml(path);
        let inputs = &workflow["on"]["workflow_dispatch"]["inputs"];
        let mut all = Vec::new();
        for (id, job) in workflow["jobs"].as_object().unwrap() {
            let mut found = Vec::new();
            expressions(job, None, &mut found);
            let ids: Vec<&str> = job["steps"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|step| step["id"].as_str())
                .collect();
            for step in references(&found, "steps.") {
                assert!(
                    ids.contains(&step.as_str()),
                    "{path}: {id} uses steps.{step}, which has no such id"
                );
            }
            all.extend(found);
        }
        for input in references(&all, "inputs.") {
            assert!(
                inputs[&input].is_object(),
                "{path}: inputs.{input} is not a workflow_dispatch input"
            );
        }
        for secret in references(&all, "secrets.") {
            assert!(
                ["WECHAT_APPID", "WECHAT_APPSECRET"].contains(&secret.as_str()),
                "{path}: secrets.{secret} is not one README.md asks for"
            );
        }
        assert!(!all.is_empty());
    }
}

/// The image is built from what the release workflow puts in its context: the Dockerfile takes
/// the binaries where `image-context.sh` unpacks them (Docker's TARGETARCH names), the GitLab
/// scripts where the pipeline looks for them, and `.dockerignore` lets exactly those in.
#[test]
fn the_dockerfile_takes_what_the_release_context_and_the_pipeline_use() {
    let root = super::repo::root();
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap();
    let dockerfile = read("Dockerfile");
    for binary in ["wxform", "wxform-emulator"] {
        let copy = format!(
            "COPY --chmod=0755 dist/linux/${{TARGETARCH}}/{binary} /usr/local/bin/{binary}"
        );
        assert!(dockerfile.contains(&copy), "{copy}: {dockerfile}");
    }
    let context = read(".github/release/image-context.sh");
    assert!(context.contains("for pair in amd64:x86_64 arm64:aarch64; do"));
    assert!(context.contains("for binary in wxform wxform-emulator; do"));
    assert!(context.contains(r#"cp "release/$name/$binary" "dist/linux/$arch/$binary""#));
    let release = load_yaml(".github/workflows/release.yml");
    let build = release["jobs"]["image"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("docker/build-push-action@"))
        })
        .expect("a build-push step");
    assert_eq!(build["with"]["platforms"], "linux/amd64,linux/arm64");

    let pipeline = load_yaml("examples/gitlab-ci/.gitlab-ci.yml");
    let scripts = pipeline["variables"]["WXFORM_SCRIPTS"].as_str().unwrap();
    assert!(
        dockerfile.contains(&format!("COPY examples/gitlab-ci/wxform/ {scripts}/")),
        "the scripts are where the pipeline runs them"
    );
    let ignore = read(".dockerignore");
    let allowed: Vec<&str> = ignore.lines().filter_map(|l| l.strip_prefix('!')).collect();
    assert_eq!(allowed, ["dist/linux/", "examples/gitlab-ci/wxform/"]);
    assert!(ignore.lines().any(|line| line == "*"), "target/ stays out");
    // The base image is the one its digest names, whatever the tag points at later.
    let from = dockerfile
        .lines()
        .find(|line| line.starts_with("FROM "))
        .unwrap();
    let digest = from.split_once("@sha256:").map_or("", |(_, digest)| digest);
    assert!(
        digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()),
        "the base image is pinned by digest: {from}"
    );
    for tool in ["bash", "curl", "jq", "ca-certificates"] {
        assert!(
            dockerfile.contains(&format!(" {tool}")),
            "the image has {tool} for the scripts"
        );
    }
}

/// Every platform the installer downloads for is one the release workflow builds, and the other
/// way round: a target missing on either side would fail every run on that runner.
#[test]
fn the_release_builds_exactly_the_targets_the_installer_downloads() {
    let release = load_yaml(".github/workflows/release.yml");
    let mut built: Vec<String> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["target"].as_str().unwrap().to_string())
        .collect();
    built.sort();
    let install = std::fs::read_to_string(super::repo::root().join("action/install.sh")).unwrap();
    let mut installed: Vec<String> = install
        .lines()
        .filter_map(|line| line.trim().split_once(") target="))
        .map(|(_, target)| target.trim_end_matches(" ;;").to_string())
        .collect();
    installed.sort();
    assert_eq!(built, installed);
    assert_eq!(built.len(), 5);
}
