//! Every command that takes a configuration takes an account file as it is: `validate`,
//! `test`, `outputs`, `preview` and `doctor`; and the schema keeps a shared file with
//! placeholders valid in an editor.

use super::{Accounts, SHARED, folder};
use crate::support::run::{contains, repo, run_in, stderr, stdout};
use serde_json::Value;

#[test]
fn validate_test_outputs_preview_and_doctor_take_an_account_file() {
    let accounts = Accounts::new();
    let file = "accounts/test.yaml";
    let checks = "menu_checks:\n  - { name: everyone sees the menu, user: {}, sees: menu }\n";
    std::fs::write(
        accounts.dir.path().join("wxform.yaml"),
        format!("{SHARED}{checks}"),
    )
    .unwrap();

    let validate = accounts.run(&["validate", file]);
    assert_eq!(
        stderr(&validate),
        "accounts/test.yaml is valid: 1 menu, 1 tag, 1 menu check\n"
    );
    let test = accounts.run(&["test", file]);
    assert_eq!(test.status.code(), Some(0), "{}", stderr(&test));
    contains(&stdout(&test), "everyone sees the menu");

    let preview = accounts.run(&["preview", file, "--format", "svg", "--out", "preview"]);
    assert_eq!(preview.status.code(), Some(0), "{}", stderr(&preview));
    let svg = std::fs::read_dir(accounts.dir.path().join("preview"))
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect::<String>();
    contains(&svg, "小程序");

    let apply = accounts.run(&["apply", file, "--auto-approve"]);
    assert_eq!(apply.status.code(), Some(0), "{}", stderr(&apply));
    let outputs = accounts.run(&["outputs", file]);
    assert_eq!(outputs.status.code(), Some(0), "{}", stderr(&outputs));
    let ids: Value = serde_json::from_str(&stdout(&outputs)).unwrap();
    assert!(ids["tags"]["VIP"].is_number(), "{ids}");

    let doctor = accounts.run(&["doctor", file]);
    let report = stdout(&doctor);
    contains(
        &report,
        "config              accounts/test.yaml, extending wxform.yaml manages: menu, tags\n",
    );
    contains(&report, "TEST_APPID");
    assert!(accounts.prod.requests().is_empty(), "the test account only");
}

#[test]
fn the_schema_lets_a_placeholder_stand_wherever_one_is_filled_in() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("wxform.schema.json")).unwrap())
            .unwrap();
    let definitions = &schema["definitions"];
    // Free text: any placeholder fits.
    for field in [
        "name",
        "key",
        "url",
        "media_id",
        "article_id",
        "appid",
        "pagepath",
    ] {
        let property = &definitions["Button"]["properties"][field];
        let text = property.to_string();
        assert!(
            !text.contains("pattern") && !text.contains("enum") && !text.contains("format"),
            "Button.{field}: {property}"
        );
    }
    let openid = definitions["MenuCheck"]["properties"]["openid"].to_string();
    assert!(!openid.contains("pattern"), "{openid}");
    // A tag id is digits, or a placeholder.
    let tag_id = &definitions["MatchRule"]["properties"]["tag_id"]["anyOf"];
    assert!(
        tag_id
            .as_array()
            .unwrap()
            .iter()
            .any(|branch| branch["pattern"] == r"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$"),
        "{tag_id}"
    );
    // An account file's own keys.
    assert_eq!(schema["properties"]["extends"]["pattern"], r"\.ya?ml$");
    assert_eq!(
        definitions["Vars"]["propertyNames"]["pattern"],
        "^[A-Za-z_][A-Za-z0-9_]*$"
    );
}

/// The files of the manual's example, each fenced block named by its first line.
fn manual_example() -> Vec<(String, String)> {
    let manual = std::fs::read_to_string(repo().join("docs/configuration.md")).unwrap();
    let section = &manual[manual.find("## Several accounts").expect("the section")..];
    let section = &section[..section[3..]
        .find("\n## ")
        .map_or(section.len(), |end| end + 3)];
    section
        .split("```yaml\n")
        .skip(1)
        .filter_map(|block| {
            let block = block.split("```").next()?;
            let name = block.lines().next()?.strip_prefix("# ")?;
            Some((name.to_string(), block.to_string()))
        })
        .collect()
}

#[test]
fn the_manual_s_example_is_valid_and_fills_in_each_account() {
    let files = manual_example();
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        ["wxform.yaml", "accounts/test.yaml", "accounts/prod.yaml"]
    );
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = folder(&borrowed);
    for account in ["accounts/test.yaml", "accounts/prod.yaml"] {
        let run = run_in(dir.path(), &["validate", account], &[]);
        assert_eq!(run.code, Some(0), "{account}: {}", run.stderr);
    }
    // The shared file alone is refused, as the manual says.
    let run = run_in(dir.path(), &["validate", "wxform.yaml"], &[]);
    assert_eq!(run.code, Some(1));
}
