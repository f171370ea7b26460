//! wxform against the answer shapes public recorded answers show (the emulator's
//! `EmulatorOptions::field_shapes`): `plan` right after `apply`, and right after `export`,
//! shows no changes; `wxform test` reads trymatch wrapped in `menu` and refuses an answer of
//! neither shape; `doctor` names industries by code; an industry wxform cannot map is planned
//! saying why; errmsg suffixes change no advice.

use crate::support::account::{Account, connect_to, edit};
use crate::support::canned::Canned;
use crate::support::emulator::{Emulator, EmulatorOptions, ErrmsgSuffix, State, User};
use crate::support::run::{contains, repo, run_in, wxform};
use crate::support::shop::{SHOP_YAML, shop_dir, shop_state};

/// An empty account answering in the field's shapes, configured with the shop with
/// `secondary` as its second industry, then applied; then the shop's tester, last tagged VIP,
/// on iOS (tags are created concurrently, so their ids are read after apply).
fn applied_in_field_shapes(secondary: u8) -> Account {
    let yaml = edit(
        SHOP_YAML,
        "industry: { primary: 1, secondary: 31 }",
        &format!("industry: {{ primary: 1, secondary: {secondary} }}"),
    );
    let emulator = Emulator::start_with(EmulatorOptions::field_shapes());
    let account = Account::on(emulator, State::default(), &yaml);
    account.apply_ok(&["--auto-approve"]);
    let tags = account.emulator.state().tags;
    let id = |name: &str| tags.iter().find(|tag| tag.name == name).unwrap().id;
    let tester = User {
        openid: "o6_bmjrPTlm6_2sgVt7hMZOPfL2M".into(),
        tag_ids: vec![id("内测用户"), id("VIP")],
        client_platform_type: "1".into(),
    };
    account
        .emulator
        .update_state(|state| state.users = vec![tester]);
    account.emulator.clear_requests();
    account
}

fn assert_no_changes(account: &Account) {
    let plan = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(plan.code, Some(0), "{}\n{}", plan.stdout, plan.stderr);
    contains(&plan.stdout, "No changes.");
    account.assert_read_only();
}

/// 29 reads back as `房地产|建筑`, 8 as `证券|基金|理财|信托`; template content comes on one
/// line; the menuid of each conditional menu as a number; every success with `"errmsg":""`.
#[test]
fn plan_right_after_apply_under_the_field_shapes_shows_no_changes() {
    for secondary in [29, 8] {
        let account = applied_in_field_shapes(secondary);
        assert_eq!(account.emulator.state().conditional_menus.len(), 2);
        assert_eq!(account.emulator.state().templates.len(), 2);
        assert_no_changes(&account);
    }
}

#[test]
fn plan_right_after_export_under_the_field_shapes_shows_no_changes() {
    let account = applied_in_field_shapes(29);
    let export = account.run(&["export", "--out", "wxform.yaml"]);
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    let yaml = std::fs::read_to_string(account.path("wxform.yaml")).unwrap();
    contains(&yaml, "  industry: { primary: 1, secondary: 29 }\n");
    contains(
        &yaml,
        "      keywords:\n        - 订单号\n        - 支付金额\n",
    );
    assert_no_changes(&account);
}

#[test]
fn test_reads_trymatch_wrapped_in_menu_and_doctor_names_industries_by_code() {
    let account = applied_in_field_shapes(29);
    let run = account.run(&["test"]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    contains(&run.stdout, "pass  the test phone of our VIP tester\n");
    contains(&run.stdout, "4 passed, 0 failed, 0 skipped\n");

    let doctor = account.run(&["doctor"]);
    assert_eq!(doctor.code, Some(0), "{}\n{}", doctor.stdout, doctor.stderr);
    contains(&doctor.stdout, "2 templates, industry 1 / 29\n");
    assert!(!doctor.stdout.contains('?'), "{}", doctor.stdout);
}

/// A trymatch answer that holds no menu is an error naming the endpoint, never a pass, a
/// failed check on an empty menu, or a menu with no buttons.
#[test]
fn test_refuses_a_trymatch_answer_of_neither_shape() {
    for answer in [
        "{}",
        r#"{"menu":{}}"#,
        r#"{"button":"x"}"#,
        r#"{"errcode":0,"errmsg":""}"#,
    ] {
        let canned = Canned::start(vec![(
            "/cgi-bin/menu/trymatch",
            "application/json; encoding=utf-8",
            answer.as_bytes(),
        )]);
        let dir = shop_dir();
        let mut command = wxform();
        let output = connect_to(&mut command, &canned.base_url(), dir.path())
            .env(
                "WECHAT_ACCESS_TOKEN",
                "81_TOKENTOKENTOKENTOKENTOKENTOKENTOKENTOKEN",
            )
            .arg("test")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{answer}: {stderr}");
        assert!(output.stdout.is_empty(), "{answer}: no check is reported");
        contains(
            &stderr,
            "cannot run menu check `the test phone of our VIP tester`; no check changes the account",
        );
        contains(&stderr, "menu/trymatch: unexpected answer from 127.0.0.1:");
        assert_eq!(canned.paths(), ["/cgi-bin/menu/trymatch"], "{answer}");
    }
}

/// A live industry whose names map to no code: the plan sets the industry, saying which class
/// it cannot compare, both its names, and keeps the mapped class beside it.
#[test]
fn an_unmapped_live_industry_is_planned_saying_why() {
    let snapshot = std::fs::read_to_string(repo().join("examples/shop.live.json")).unwrap();
    let mut live: serde_json::Value = serde_json::from_str(&snapshot).unwrap();
    live["industry"]["secondary"] =
        serde_json::json!({"first_class": "火星", "second_class": "殖民"});
    let dir = shop_dir();
    std::fs::write(dir.path().join("live.json"), live.to_string()).unwrap();
    let plan = run_in(dir.path(), &["plan", "--live", "live.json"], &[]);
    assert_eq!(plan.code, Some(0), "{}", plan.stderr);
    contains(
        &plan.stdout,
        "warning: WeChat names the live secondary industry 火星/殖民, which has no industry code wxform knows: wxform cannot tell whether it already is 31 (消费品/消费品), so it sets the industry again",
    );
    contains(&plan.stdout, "  ~ industry");
    contains(&plan.stdout, "火星/殖民");
    contains(&plan.stdout, "IT科技/互联网|电子商务");
    assert!(!plan.stdout.contains("No changes."), "{}", plan.stdout);
}

/// The advice on a WeChat error line: what follows WeChat's own text.
fn advice_of(account: &Account) -> (String, String) {
    account.emulator.fail_on("/cgi-bin/tags/get", 1, 48001);
    let plan = account.run(&["plan"]);
    assert_eq!(plan.code, Some(1), "{}", plan.stdout);
    let line = plan
        .stderr
        .lines()
        .find(|line| line.contains("tags/get: WeChat error 48001 ("))
        .unwrap_or_else(|| panic!("{}", plan.stderr))
        .to_string();
    let (errmsg, advice) = line.split_once("): ").unwrap();
    (errmsg.to_string(), advice.to_string())
}

#[test]
fn every_errmsg_suffix_gives_the_same_advice() {
    let suffixes = [
        (ErrmsgSuffix::Rid, "api unauthorized rid: "),
        (ErrmsgSuffix::Hint, "api unauthorized hint: ["),
        (ErrmsgSuffix::Hints, "api unauthorized, hints: [ req_id: "),
        (ErrmsgSuffix::None, "api unauthorized"),
    ];
    let mut advice = Vec::new();
    for (suffix, shown) in suffixes {
        let emulator = Emulator::start_with(EmulatorOptions {
            errmsg_suffix: suffix,
            ..EmulatorOptions::default()
        });
        let account = Account::on(emulator, shop_state(), SHOP_YAML);
        let (errmsg, text) = advice_of(&account);
        contains(&errmsg, shown);
        advice.push(text);
    }
    assert!(advice.iter().all(|text| *text == advice[0]), "{advice:#?}");
    contains(&advice[0], "account type");
}
