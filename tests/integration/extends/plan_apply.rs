//! A shared configuration and two account files: planned together, applied one by one, each
//! account getting its own links; the plan's header names the files.

use super::{Accounts, PROD_APPID, SHARED, TEST_APPID, account_file, folder};
use crate::support::emulator::{Button, State};
use crate::support::run::{stderr, stdout, wxform_in};
use serde_json::Value;

/// The links of an account's live menu: the shop, then the mini program's fallback and appid.
fn links(state: &State) -> Vec<String> {
    let menu = state.menu.as_ref().expect("a menu");
    let mini: &Button = &menu.button[1].sub_button[0];
    vec![
        menu.button[0].url.clone().unwrap(),
        mini.url.clone().unwrap(),
        mini.appid.clone().unwrap(),
    ]
}

#[test]
fn each_account_file_is_planned_and_applied_with_its_own_links() {
    let accounts = Accounts::new();
    let plan = accounts.run(&["plan", "accounts", "--format", "json"]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    let report: Value = serde_json::from_str(&stdout(&plan)).unwrap();
    let prod = &report["accounts"][0];
    let test = &report["accounts"][1];
    assert_eq!(prod["file"], "accounts/prod.yaml");
    assert_eq!(prod["plan"]["appid"], PROD_APPID);
    assert_eq!(
        test["plan"]["config_files"],
        serde_json::json!(["accounts/test.yaml", "wxform.yaml"])
    );
    let actions = test["plan"]["actions"].as_array().unwrap();
    let menu = actions.iter().find(|a| a["address"] == "menu").unwrap();
    assert_eq!(
        menu["after"]["button"][0]["url"],
        "https://test.shop.example.com/"
    );
    assert_eq!(report["warnings"], serde_json::json!([]));

    for file in ["accounts/test.yaml", "accounts/prod.yaml"] {
        let apply = accounts.run(&["apply", file, "--auto-approve"]);
        assert_eq!(apply.status.code(), Some(0), "{file}: {}", stderr(&apply));
    }
    assert_eq!(
        links(&accounts.test.state()),
        [
            "https://test.shop.example.com/",
            "https://test.shop.example.com/m",
            "wx286b93c14bbf93aa"
        ]
    );
    assert_eq!(
        links(&accounts.prod.state()),
        [
            "https://shop.example.com/",
            "https://shop.example.com/m",
            "wx286b93c14bbf93aa"
        ]
    );
    let tags: Vec<String> = accounts
        .prod
        .state()
        .tags
        .iter()
        .map(|t| t.name.clone())
        .collect();
    assert_eq!(tags, ["VIP"], "the shared tags too");

    // Applied, both accounts match their files: nothing more to do.
    let again = accounts.run(&["plan", "accounts", "--detailed-exitcode"]);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
    let text = stdout(&again);
    assert!(
        text.contains("==> accounts/test.yaml <==\nConfiguration: accounts/test.yaml, extending wxform.yaml\n\nNo changes."),
        "{text}"
    );
}

#[test]
fn a_saved_plan_of_an_account_file_applies() {
    let accounts = Accounts::new();
    let plan = accounts.run(&["plan", "accounts/test.yaml", "--out", "test.plan.json"]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    let apply = accounts.run(&["apply", "accounts/test.yaml", "--plan", "test.plan.json"]);
    assert_eq!(apply.status.code(), Some(0), "{}", stderr(&apply));
    assert_eq!(
        links(&accounts.test.state())[0],
        "https://test.shop.example.com/"
    );
    assert!(
        accounts.prod.mutating_requests().is_empty(),
        "production untouched"
    );
}

/// The live account of the header snapshots: production's menu before the shop moved.
const LIVE: &str = r#"{
  "format_version": 1,
  "appid": "wx1111111111111111",
  "menu": {
    "button": [{ "name": "商城", "type": "view", "url": "https://old.example.com/" }],
    "menuid": 1,
    "source": "api"
  },
  "conditional_menus": [],
  "tags": [{ "id": 100, "name": "VIP", "count": 3 }],
  "templates": [],
  "subscribe_templates": []
}"#;

#[test]
fn the_plan_header_names_the_files_the_configuration_was_made_from() {
    let dir = folder(&[
        ("wxform.yaml", SHARED),
        (
            "accounts/test.yaml",
            &account_file("TEST", TEST_APPID, "test.shop.example.com"),
        ),
        ("live.json", LIVE),
    ]);
    for format in ["text", "markdown"] {
        let run = wxform_in(
            dir.path(),
            &[
                "plan",
                "accounts/test.yaml",
                "--live",
                "live.json",
                "--format",
                format,
            ],
        );
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        insta::assert_snapshot!(format!("header_{format}"), stdout(&run));
    }
    // One file: the plan names no configuration files (only the snapshot's unknown age).
    std::fs::write(
        dir.path().join("plain.yaml"),
        "version: 1\ntags:\n  items: [{ name: VIP }]\n",
    )
    .unwrap();
    let plain = stdout(&wxform_in(
        dir.path(),
        &["plan", "plain.yaml", "--live", "live.json"],
    ));
    assert!(!plain.contains("Configuration:"), "{plain}");
    assert!(
        plain.ends_with("\n\nNo changes. The live account matches the configuration.\n"),
        "{plain}"
    );
}
