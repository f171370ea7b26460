//! The README's short example is real: its configuration, planned against the account the
//! README describes (a snapshot built here), prints exactly the plan the README shows.

use crate::support::run::{repo, stderr, stdout, wxform};

/// The body of the first fenced block of `language` after `heading` in `text`.
fn block_after<'a>(text: &'a str, heading: &str, language: &str) -> &'a str {
    let section = &text[text.find(heading).expect("the heading") + heading.len()..];
    let fence = format!("```{language}\n");
    let body = &section[section.find(&fence).expect("the block") + fence.len()..];
    &body[..body.find("```").expect("the block's end")]
}

/// The live account of the example: the tag still called `beta`, and a button still called
/// 订单查询.
const LIVE: &str = r#"{
  "format_version": 1,
  "appid": "wx1234567890abcdef",
  "menu": {
    "button": [
      { "name": "新品上架", "type": "click", "key": "NEW_ARRIVALS" },
      { "name": "商城", "sub_button": [
        { "name": "官方商城", "type": "view", "url": "https://shop.example.com/" },
        { "name": "订单查询", "type": "view", "url": "https://shop.example.com/orders" }
      ] }
    ],
    "menuid": 408000001,
    "source": "api"
  },
  "conditional_menus": [],
  "tags": [
    { "id": 100, "name": "VIP", "count": 1520 },
    { "id": 101, "name": "beta", "count": 37 }
  ],
  "templates": [],
  "subscribe_templates": []
}"#;

#[test]
fn the_short_example_prints_the_plan_the_readme_shows() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let config = block_after(&readme, "## A short example", "yaml");
    let shown = block_after(&readme, "## A short example", "text");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), config).unwrap();
    std::fs::write(dir.path().join("live.json"), LIVE).unwrap();
    let output = wxform()
        .current_dir(dir.path())
        .args(["plan", "--live", "live.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The README plans the live account; the snapshot standing in for it is the one thing the
    // plan says besides: its first paragraph, which says the snapshot's age. The README leaves
    // out the daily quotas, which change all day (and a snapshot holds none).
    let stdout = stdout(&output);
    let (headline, plan) = stdout.split_once("\n\n").unwrap();
    assert!(
        headline.starts_with("Planned against a snapshot that does not say when it was exported"),
        "{stdout}"
    );
    let (actions, rest) = plan.split_once("\nDaily quotas, ").unwrap();
    let (quotas, summary) = rest.split_once("\n\n").unwrap();
    assert!(quotas.contains("menu/create  1 call"), "{quotas}");
    assert_eq!(format!("{actions}\n{summary}"), shown);
}
