//! What `validate` prints and returns: all problems in one run, the confirmation, GitHub
//! annotations, colour, the examples and the committed schema.

use super::{MENU, run_in, validate_bytes, validate_yaml};
use crate::support::run::{contains, ends_with, starts_with};
use std::path::Path;

/// One file with a problem in every section.
pub(super) const SEVERAL_PROBLEMS: &str = "version: 1
account: { appid: wx123 }
menu:
  button:
    - { name: 今日歌曲今日歌曲好, type: click, key: K }
conditional_menus:
  - name: vip
    matchrule: { tag: SVIP, city: 广州 }
    button: [{ name: a, type: view, url: \"example.com\" }]
tags:
  items: [{ name: 星标组 }]
templates:
  industry: { primary: 0, secondary: 2 }
";

#[test]
fn one_run_reports_every_problem_in_file_order() {
    let run = validate_yaml(SEVERAL_PROBLEMS);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    let locations: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("--> "))
        .collect();
    assert_eq!(
        locations,
        [
            "wxform.yaml:2:19",
            "wxform.yaml:5:15",
            "wxform.yaml:8:23",
            "wxform.yaml:8:35",
            "wxform.yaml:9:42",
            "wxform.yaml:11:19",
            "wxform.yaml:13:24",
        ]
    );
    assert!(run.stderr.ends_with("wxform.yaml: 5 errors, 2 warnings\n"));
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn github_actions_get_workflow_commands() {
    let run = validate_bytes(SEVERAL_PROBLEMS.as_bytes(), &[("GITHUB_ACTIONS", "true")]);
    assert_eq!(run.code, Some(1));
    let commands: Vec<&str> = run
        .stderr
        .lines()
        .filter(|line| line.starts_with("::"))
        .collect();
    assert_eq!(
        commands,
        [
            "::warning file=wxform.yaml,line=2,col=19::`wx123` does not look like an AppID",
            "::error file=wxform.yaml,line=5,col=15::button name is 27 bytes; WeChat allows 16 for a top-level button",
            "::warning file=wxform.yaml,line=8,col=23::tag `SVIP` is not defined in this file",
            "::error file=wxform.yaml,line=8,col=35::matchrule field `city` is retired",
            "::error file=wxform.yaml,line=9,col=42::`example.com` is not an http(s) URL",
            "::error file=wxform.yaml,line=11,col=19::`星标组` is WeChat's system tag",
            "::error file=wxform.yaml,line=13,col=24::industry code 0 does not exist",
        ]
    );
}

#[test]
fn no_workflow_commands_outside_github_actions() {
    let run = validate_bytes(SEVERAL_PROBLEMS.as_bytes(), &[("GITHUB_ACTIONS", "false")]);
    assert_eq!(run.code, Some(1));
    assert!(!run.stderr.contains("::error"), "{}", run.stderr);
}

#[test]
fn a_valid_file_is_confirmed_on_stderr_only() {
    let run = validate_yaml(MENU);
    assert_eq!(run.code, Some(0));
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "wxform.yaml is valid: 1 menu\n");
}

#[test]
fn warnings_do_not_fail_and_annotate_under_github_actions() {
    let run = validate_bytes(
        b"version: 1\naccount: { appid: nope }\n",
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains(
        "::warning file=wxform.yaml,line=2,col=19::`nope` does not look like an AppID\n"
    ));
}

#[test]
fn colour_only_when_asked() {
    let plain = validate_yaml("version: 2\n");
    assert!(!plain.stderr.contains('\u{1b}'), "{}", plain.stderr);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), "version: 2\n").unwrap();
    let coloured = run_in(dir.path(), &["--color", "always", "validate"], &[]);
    assert!(coloured.stderr.contains('\u{1b}'), "{}", coloured.stderr);
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_example_is_valid() {
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "yaml") {
            continue;
        }
        let relative = path.strip_prefix(repo()).unwrap().to_str().unwrap();
        let run = run_in(repo(), &["validate", relative], &[]);
        assert_eq!(run.code, Some(0), "{relative}:\n{}", run.stderr);
        starts_with(&run.stderr, &format!("{relative} is valid: "));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../wxform.schema.json\n"),
            "{relative} names the schema on its first line"
        );
        checked += 1;
    }
    assert!(checked >= 2, "examples/ holds shop.yaml and minimal.yaml");
}

#[test]
fn the_shop_example_manages_every_section() {
    let run = run_in(repo(), &["validate", "examples/shop.yaml"], &[]);
    assert_eq!(
        run.stderr,
        "examples/shop.yaml is valid: 1 menu, 2 conditional menus, 3 tags, 2 templates, 1 subscribe template, 4 menu checks\n"
    );
}

#[test]
fn the_committed_schema_is_current() {
    let run = run_in(repo(), &["schema"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let committed = std::fs::read_to_string(repo().join("wxform.schema.json")).unwrap();
    assert!(
        committed == run.stdout,
        "wxform.schema.json is stale; regenerate it with `cargo run -q -- schema > wxform.schema.json`"
    );
}

#[test]
fn the_schema_is_draft_07_and_closed() {
    let run = run_in(repo(), &["schema"], &[]);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(schema["required"], serde_json::json!(["version"]));
    let button = &schema["definitions"]["Button"];
    assert_eq!(button["additionalProperties"], false);
    assert_eq!(
        button["properties"]["type"]["enum"]
            .as_array()
            .unwrap()
            .len(),
        13
    );
    assert!(
        button["properties"]["name"]["description"]
            .as_str()
            .unwrap()
            .contains("16 bytes top-level")
    );
}

#[test]
fn every_whole_configuration_in_the_documentation_is_valid() {
    // The README and every page of the manual.
    let mut docs = vec![repo().join("README.md")];
    for entry in std::fs::read_dir(repo().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "md") {
            docs.push(path);
        }
    }
    let text: String = docs
        .iter()
        .map(|doc| std::fs::read_to_string(doc).unwrap())
        .collect();
    let configs: Vec<&str> = text
        .split("```yaml\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .filter(|block| block.lines().any(|line| line == "version: 1"))
        // A shared file and its account files are valid together: `extends::commands` checks
        // the manual's example as a set.
        .filter(|block| !block.contains("${") && !block.contains("\nextends: "))
        .collect();
    assert!(
        !configs.is_empty(),
        "the documentation shows a whole configuration"
    );
    for example in configs {
        let run = validate_yaml(example);
        assert_eq!(run.code, Some(0), "{example}\n{}", run.stderr);
    }
}

#[test]
fn annotations_name_the_file_without_a_leading_dot_slash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), "version: 2\n").unwrap();
    let run = run_in(
        dir.path(),
        &["validate", "./wxform.yaml"],
        &[("GITHUB_ACTIONS", "true")],
    );
    contains(&run.stderr, " --> ./wxform.yaml:1:10\n");
    ends_with(
        &run.stderr,
        "::error file=wxform.yaml,line=1,col=10::unsupported version 2\n",
    );
}
