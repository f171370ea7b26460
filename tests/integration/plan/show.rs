//! `wxform show PLAN`: a saved plan shown offline exactly as `plan` showed it when it was made,
//! in every format; a truncated, forged or credential-bearing file refused as `apply --plan`
//! refuses it, before anything is shown.

use crate::support::account::{Account, closed_port_url};
use crate::support::run::{Run, run_in};
use serde_json::Value;

/// The shop applied, then a configuration that renames a button and deletes a tag: a plan with
/// a replaced menu, a destructive delete, warnings and the shop's menu checks.
fn changed_shop() -> Account {
    let account = Account::shop_applied();
    account.edit_config("    - name: 老客户\n", "");
    account.edit_config(
        "unmanaged: keep\n  items:\n    - name: VIP",
        "unmanaged: delete\n  items:\n    - name: VIP",
    );
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    account
}

/// `wxform show args` in the account's directory with no credentials, against an API nobody
/// listens on: any call would fail.
fn show(account: &Account, args: &[&str]) -> Run {
    let mut all = vec!["show"];
    all.extend_from_slice(args);
    let base = closed_port_url();
    run_in(account.dir(), &all, &[("WXFORM_API_BASE", base.as_str())])
}

#[test]
fn a_saved_plan_is_shown_offline_as_plan_showed_it_in_every_format() {
    let account = changed_shop();
    for format in ["text", "markdown", "json"] {
        let planned = account.run(&["plan", "--format", format, "--out", "plan.json"]);
        assert_eq!(planned.code, Some(0), "{}", planned.stderr);
        account.emulator.clear_requests();
        let shown = show(&account, &["plan.json", "--format", format]);
        assert_eq!(shown.code, Some(0), "{format}: {}", shown.stderr);
        assert_eq!(shown.stdout, planned.stdout, "{format}");
        assert_eq!(shown.stderr, "", "{format}");
        assert!(account.emulator.requests().is_empty(), "no call");
    }
    let text = show(&account, &["plan.json"]).stdout;
    assert!(
        text.contains("# tag.老客户 will be destroyed (needs --allow-destroy)"),
        "{text}"
    );
    let markdown = show(&account, &["plan.json", "--format", "markdown"]).stdout;
    assert!(markdown.contains("#### Menu checks:"), "{markdown}");
}

fn edit_plan(account: &Account, edit: impl FnOnce(&mut Value)) {
    let text = std::fs::read_to_string(account.path("plan.json")).unwrap();
    let mut plan: Value = serde_json::from_str(&text).unwrap();
    edit(&mut plan);
    std::fs::write(account.path("plan.json"), plan.to_string()).unwrap();
}

/// `show` refuses the file with exit 1, nothing on stdout, and the same error line as
/// `apply --plan`, which makes no call either.
fn assert_refused_as_apply_refuses(account: &Account) -> String {
    let shown = show(account, &["plan.json"]);
    assert_eq!(shown.code, Some(1), "{}", shown.stderr);
    assert_eq!(shown.stdout, "");
    account.emulator.clear_requests();
    let applied = account.run(&["apply", "--plan", "plan.json", "--allow-destroy"]);
    assert_eq!(applied.code, Some(1), "{}", applied.stderr);
    assert!(
        account.emulator.requests().is_empty(),
        "refused before any call"
    );
    let first = |run: &Run| run.stderr.lines().next().unwrap_or_default().to_string();
    assert_eq!(first(&shown), first(&applied));
    first(&shown)
}

#[test]
fn a_truncated_or_edited_plan_is_refused_as_apply_refuses_it() {
    let account = changed_shop();
    let planned = account.run(&["plan", "--out", "plan.json"]);
    assert_eq!(planned.code, Some(0), "{}", planned.stderr);
    let honest = std::fs::read_to_string(account.path("plan.json")).unwrap();

    std::fs::write(account.path("plan.json"), &honest[..honest.len() / 2]).unwrap();
    let error = assert_refused_as_apply_refuses(&account);
    assert!(
        error.starts_with(
            "error: plan.json does not match what wxform would do now: it is not a complete wxform plan file"
        ),
        "{error}"
    );

    // A step that deletes a tag the actions never mention, and a summary that hides a delete.
    std::fs::write(account.path("plan.json"), &honest).unwrap();
    edit_plan(&account, |plan| {
        let steps = plan["steps"].as_array_mut().unwrap();
        steps.push(serde_json::json!({"op": "delete_tag", "id": 100, "name": "VIP"}));
    });
    let error = assert_refused_as_apply_refuses(&account);
    assert!(
        error.ends_with("the list of steps does not follow from its actions (the file was edited)"),
        "{error}"
    );
    std::fs::write(account.path("plan.json"), &honest).unwrap();
    edit_plan(&account, |plan| plan["summary"]["destroy"] = Value::from(0));
    let error = assert_refused_as_apply_refuses(&account);
    assert!(error.ends_with("the summary does not follow from its actions (the file was edited)"));

    std::fs::write(account.path("plan.json"), &honest).unwrap();
    edit_plan(&account, |plan| plan["format_version"] = Value::from(1));
    let shown = show(&account, &["plan.json"]);
    assert_eq!(shown.code, Some(1));
    assert!(
        shown
            .stderr
            .ends_with("Make the plan again with `wxform plan --out PLAN`.\n"),
        "{}",
        shown.stderr
    );
}

#[test]
fn text_from_a_hostile_plan_is_shown_inert_and_a_credential_in_it_is_refused() {
    let account = changed_shop();
    let planned = account.run(&["plan", "--out", "plan.json"]);
    assert_eq!(planned.code, Some(0), "{}", planned.stderr);
    edit_plan(&account, |plan| {
        let notes = plan["notes"].as_array_mut().unwrap();
        notes.push(Value::from("\u{1b}]0;pwned\u{7}\n::error::forged"));
    });
    let shown = show(&account, &["plan.json"]);
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    assert!(!shown.stdout.contains('\u{1b}'), "{}", shown.stdout);
    assert!(!shown.stdout.contains("\n::error::"), "{}", shown.stdout);

    let secret = "S3cr3tValueThatIsLongEnough42";
    edit_plan(&account, |plan| {
        plan["notes"] = Value::from(vec![format!("token {secret}")]);
    });
    let base = closed_port_url();
    let shown = run_in(
        account.dir(),
        &["show", "plan.json"],
        &[
            ("WXFORM_API_BASE", base.as_str()),
            ("WECHAT_APPSECRET", secret),
        ],
    );
    assert_eq!(shown.code, Some(1), "{}", shown.stderr);
    assert_eq!(shown.stdout, "");
    assert!(
        shown.stderr.contains("WECHAT_APPSECRET"),
        "{}",
        shown.stderr
    );
    assert!(!shown.stderr.contains(secret), "{}", shown.stderr);
}
