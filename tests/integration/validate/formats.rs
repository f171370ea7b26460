//! `validate --format json` and `--format sarif`: the same diagnostics on stdout as a
//! versioned document and as a SARIF 2.1.0 log for code scanning, valid file or not, with the
//! exit code of the text format and the text diagnostics still on stderr.

use super::output::SEVERAL_PROBLEMS;
use super::{MENU, run_in};
use crate::support::run::{Run, repo};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use wxform::config::RuleId;

/// `wxform validate ARGS` in a directory holding `yaml` as `accounts/shop.yaml`.
fn validate(yaml: &str, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("accounts")).unwrap();
    std::fs::write(dir.path().join("accounts/shop.yaml"), yaml).unwrap();
    let mut all = vec!["validate", "./accounts/shop.yaml"];
    all.extend_from_slice(args);
    run_in(dir.path(), &all, &[])
}

fn document(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|err| panic!("{err}: {}", run.stdout))
}

#[test]
fn json_lists_every_problem_with_its_rule_and_place() {
    let run = validate(SEVERAL_PROBLEMS, &["--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("./accounts/shop.yaml: 5 errors, 2 warnings\n"),
        "the text diagnostics stay on stderr: {}",
        run.stderr
    );
    let document = document(&run);
    let places: Vec<String> = document["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}:{}-{}:{}",
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["end_line"],
                d["end_column"]
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            "warning wxform/appid-format 2:19-2:24",
            "error wxform/too-long 5:15-5:24",
            "warning wxform/undefined-tag 8:23-8:27",
            "error wxform/retired-matchrule 8:35-8:37",
            "error wxform/url-scheme 9:42-9:55",
            "error wxform/system-tag 11:19-11:22",
            "error wxform/industry-code 13:24-13:25",
        ]
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_of_a_valid_file_says_what_it_manages() {
    let run = validate(MENU, &["--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "./accounts/shop.yaml is valid: 1 menu\n");
    assert_eq!(
        document(&run),
        json!({
            "format_version": 1,
            "valid": true,
            "errors": 0,
            "warnings": 0,
            "files": [{
                "file": "./accounts/shop.yaml",
                "valid": true,
                "errors": 0,
                "warnings": 0,
                "summary": "1 menu",
                "diagnostics": [],
            }],
        })
    );
}

#[test]
fn a_file_that_cannot_be_read_is_named_in_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(
        dir.path(),
        &["validate", "nope.yaml", "--format", "json"],
        &[],
    );
    assert_eq!(run.code, Some(1));
    let document = document(&run);
    let diagnostic = &document["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "wxform/unreadable");
    assert_eq!(
        diagnostic["message"],
        "cannot read nope.yaml: No such file or directory (os error 2)"
    );
    assert_eq!(diagnostic["line"], Value::Null);
}

#[test]
fn names_from_the_file_are_inert_in_json_and_sarif() {
    // The unknown key is quoted in the message.
    let yaml = format!("{MENU}    - {{ name: a, type: click, \"k\\u202Eey\\u0085\": K }}\n");
    for format in ["json", "sarif"] {
        let run = validate(&yaml, &["--format", format]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(!run.stdout.contains('\u{202e}'), "{}", run.stdout);
        assert!(!run.stdout.contains('\u{85}'), "{}", run.stdout);
        assert!(run.stdout.contains("\\u202e"), "{}", run.stdout);
        document(&run);
    }
}

#[test]
fn sarif_has_the_shape_code_scanning_takes() {
    let run = validate(SEVERAL_PROBLEMS, &["--format", "sarif"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let log = document(&run);
    check_sarif_2_1_0(&log);
    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let results: Vec<String> = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            let region = &location["region"];
            format!(
                "{} {} {} {}:{}-{}:{}",
                r["level"].as_str().unwrap(),
                r["ruleId"].as_str().unwrap(),
                location["artifactLocation"]["uri"].as_str().unwrap(),
                region["startLine"],
                region["startColumn"],
                region["endLine"],
                region["endColumn"]
            )
        })
        .collect();
    assert_eq!(
        results,
        [
            "warning wxform/appid-format accounts/shop.yaml 2:19-2:24",
            "error wxform/too-long accounts/shop.yaml 5:15-5:24",
            "warning wxform/undefined-tag accounts/shop.yaml 8:23-8:27",
            "error wxform/retired-matchrule accounts/shop.yaml 8:35-8:37",
            "error wxform/url-scheme accounts/shop.yaml 9:42-9:55",
            "error wxform/system-tag accounts/shop.yaml 11:19-11:22",
            "error wxform/industry-code accounts/shop.yaml 13:24-13:25",
        ]
    );
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        r#""version": "\d+\.\d+\.\d+[^"]*""#,
        r#""version": "[VERSION]""#,
    );
    settings.bind(|| insta::assert_snapshot!(run.stdout));
}

#[test]
fn sarif_of_a_valid_file_has_no_results_and_exits_0() {
    let run = validate(MENU, &["--format", "sarif"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let log = document(&run);
    check_sarif_2_1_0(&log);
    assert_eq!(log["runs"][0]["results"], json!([]));
}

#[test]
fn a_whole_file_problem_points_at_line_1_in_sarif() {
    let run = validate("# nothing yet\n", &["--format", "sarif"]);
    let log = document(&run);
    check_sarif_2_1_0(&log);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "wxform/empty-file");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"],
        json!({ "startLine": 1 })
    );
}

#[test]
fn sarif_lists_every_rule_id_and_the_manual_explains_each() {
    let run = validate(MENU, &["--format", "sarif"]);
    let log = document(&run);
    let listed: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    let ids: Vec<&str> = RuleId::ALL.iter().map(|rule| rule.id()).collect();
    assert_eq!(listed, ids);
    let manual = std::fs::read_to_string(repo().join("docs/configuration.md")).unwrap();
    for id in ids {
        assert!(
            manual.contains(&format!("`{id}`")),
            "docs/configuration.md does not list {id}"
        );
    }
}

/// The parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) that this log uses, and
/// GitHub's own requirements of them: the required properties and their types, the allowed
/// words, 1-based regions that end after they start, rule references that resolve, and URIs
/// relative to the repository.
fn check_sarif_2_1_0(log: &Value) {
    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"]
            .as_str()
            .unwrap()
            .ends_with("sarif-2.1.0.json")
    );
    let runs = log["runs"].as_array().expect("runs is an array");
    assert_eq!(runs.len(), 1);
    for run in runs {
        let driver = &run["tool"]["driver"];
        assert!(!driver["name"].as_str().unwrap().is_empty());
        let rules = driver["rules"].as_array().unwrap();
        let ids: BTreeSet<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), rules.len(), "rule ids are unique");
        for rule in rules {
            assert!(
                rule["shortDescription"]["text"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty())
            );
        }
        assert!(
            ["utf16CodeUnits", "unicodeCodePoints"].contains(&run["columnKind"].as_str().unwrap())
        );
        for result in run["results"].as_array().expect("results is an array") {
            let rule_id = result["ruleId"].as_str().unwrap();
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], rule_id, "ruleIndex points at ruleId");
            assert!(
                ["none", "note", "warning", "error"].contains(&result["level"].as_str().unwrap())
            );
            assert!(
                result["message"]["text"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty())
            );
            let locations = result["locations"].as_array().unwrap();
            assert!(!locations.is_empty());
            let related = result["relatedLocations"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for location in locations.iter().chain(&related) {
                check_location(&location["physicalLocation"]);
            }
        }
    }
}

fn check_location(location: &Value) {
    let uri = location["artifactLocation"]["uri"].as_str().unwrap();
    assert!(
        !uri.starts_with("./") && !uri.starts_with('/') && !uri.contains(':'),
        "{uri} is relative"
    );
    let region = &location["region"];
    let number = |key: &str| region.get(key).map(|v| v.as_u64().expect("a whole number"));
    let start_line = number("startLine").expect("region.startLine");
    assert!(start_line >= 1);
    if let Some(end_line) = number("endLine") {
        assert!(end_line >= start_line);
        let (start, end) = (number("startColumn").unwrap(), number("endColumn").unwrap());
        assert!(
            start >= 1 && (end_line > start_line || end >= start),
            "{region}"
        );
    }
}

/// A problem with a second place (where a repeated name was first used) carries it in both.
#[test]
fn related_places_are_in_json_and_sarif() {
    let yaml = "version: 1\ntags:\n  items:\n    - name: VIP\n    - name: VIP\n";
    let json_run = validate(yaml, &["--format", "json"]);
    let diagnostic = &document(&json_run)["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "wxform/duplicate-name");
    assert_eq!(
        diagnostic["related"],
        json!([{ "line": 4, "column": 13, "end_line": 4, "end_column": 16, "label": "first used here" }])
    );
    let sarif_run = validate(yaml, &["--format", "sarif"]);
    let log = document(&sarif_run);
    check_sarif_2_1_0(&log);
    let related = &log["runs"][0]["results"][0]["relatedLocations"];
    assert_eq!(
        related,
        &json!([{
            "id": 1,
            "message": { "text": "first used here" },
            "physicalLocation": {
                "artifactLocation": { "uri": "accounts/shop.yaml" },
                "region": { "startLine": 4, "startColumn": 13, "endLine": 4, "endColumn": 16 },
            },
        }])
    );
}
