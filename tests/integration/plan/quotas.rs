//! A plan against the daily quotas: one `openapi/quota/get` per endpoint its sections write
//! with, read with the account; a plan that needs more calls than are left is an error before
//! any write; quotas that cannot be read are said once and the plan goes on.

use super::{Account, SHOP_YAML};
use crate::support::emulator::{ApiGroup, Emulator, EmulatorOptions, QuotaAnswer, State};
use std::collections::BTreeMap;

const TAGS_CREATE: &str = "/cgi-bin/tags/create";

/// The default daily limit of the emulator's tags/create (WeChat documents none).
const TAGS_CREATE_LIMIT: u64 = 10_000;

/// The shop's configuration on an empty account: a plan that creates everything, three tags
/// among it.
fn empty_shop(options: EmulatorOptions) -> Account {
    Account::on(Emulator::start_with(options), State::default(), SHOP_YAML)
}

/// Leaves `left` calls of tags/create today, as another caller of the account would.
fn leave(account: &Account, left: u64) {
    account
        .emulator
        .spend_quota(TAGS_CREATE, TAGS_CREATE_LIMIT - left);
}

#[test]
fn a_plan_needing_more_calls_than_are_left_is_an_error_before_any_write() {
    let account = empty_shop(EmulatorOptions::default());
    leave(&account, 2);
    let run = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "  tags/create                3 calls    2 of 10000 left today: not enough\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(
            "tags/create would run out half-way: the plan makes 3 calls and 2 of its 10000 a day are left; WeChat resets the quota at midnight Beijing time (16:00 UTC)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("wxform never clears a quota"));
    account.assert_read_only();
    // The other endpoints have room and are no error.
    assert_eq!(
        run.stderr.matches("would run out").count(),
        1,
        "{}",
        run.stderr
    );

    // Exactly as many calls as are left fit.
    let account = empty_shop(EmulatorOptions::default());
    leave(&account, 3);
    let run = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stdout.contains("3 calls    3 of 10000 left today\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_and_markdown_carry_the_quota_lines_and_the_error() {
    let account = empty_shop(EmulatorOptions::default());
    leave(&account, 0);
    let run = account.run(&["plan", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let lines = document["quota"]["endpoints"].as_array().unwrap();
    let tags = lines
        .iter()
        .find(|line| line["endpoint"] == "tags/create")
        .unwrap();
    assert_eq!(tags["calls"], 3);
    assert_eq!(
        tags["quota"],
        serde_json::json!({"daily_limit": 10000, "used": 10000, "remain": 0})
    );
    assert!(document["quota"].get("not_known").is_none(), "{document}");
    let errors = document["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{document}");
    assert!(
        errors[0]
            .as_str()
            .unwrap()
            .contains("midnight Beijing time")
    );

    let run = account.run(&["plan", "--format", "markdown"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("| `tags/create` | 3 calls | **0 of 10000 left today: not enough** |"),
        "{}",
        run.stdout
    );
    account.assert_read_only();
}

#[test]
fn each_quota_is_read_once_per_run_for_the_writes_of_the_managed_sections() {
    let account = empty_shop(EmulatorOptions::default());
    let run = account.run(&["plan"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let mut asked: BTreeMap<String, usize> = BTreeMap::new();
    for request in account.emulator.requests() {
        if request.path == "/cgi-bin/openapi/quota/get" {
            let path = request.body.unwrap()["cgi_path"]
                .as_str()
                .unwrap()
                .to_string();
            *asked.entry(path).or_default() += 1;
        }
    }
    let expected = [
        "/cgi-bin/menu/create",
        "/cgi-bin/menu/delete",
        "/cgi-bin/menu/addconditional",
        "/cgi-bin/menu/delconditional",
        "/cgi-bin/tags/create",
        "/cgi-bin/tags/update",
        "/cgi-bin/tags/delete",
        "/cgi-bin/template/api_set_industry",
        "/cgi-bin/template/api_add_template",
        "/cgi-bin/template/del_private_template",
        "/wxaapi/newtmpl/addtemplate",
        "/wxaapi/newtmpl/deltemplate",
    ];
    let expected: BTreeMap<String, usize> =
        expected.iter().map(|path| (path.to_string(), 1)).collect();
    assert_eq!(asked, expected);
}

/// Plans the shop on an empty account whose quota reads all fail with `errcode`: the plan goes
/// on, and says so once.
fn unreadable(errcode: i64) {
    let account = empty_shop(EmulatorOptions::default().deny(ApiGroup::Quota, errcode));
    leave(&account, 0);
    let run = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(run.code, Some(2), "{errcode}: {}", run.stderr);
    let said = format!(
        "note: the daily quota could not be read for tags/create, template/api_set_industry, template/api_add_template, newtmpl/addtemplate, menu/create, menu/addconditional (WeChat error {errcode}); the plan goes on without checking it"
    );
    assert_eq!(run.stdout.matches(&said).count(), 1, "{}", run.stdout);
    assert_eq!(run.stdout.matches("could not be read").count(), 1);
    assert!(!run.stdout.contains("left today"), "{}", run.stdout);
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    account.assert_read_only();
}

#[test]
fn a_quota_the_token_may_not_read_is_said_once_and_the_plan_goes_on() {
    unreadable(48001);
    unreadable(76022);
}

#[test]
fn a_quota_wechat_does_not_know_leaves_the_others_checked() {
    // 76021 for the subscribe templates' /wxaapi/ paths only: their line says not known, the
    // rest are measured.
    let options = EmulatorOptions {
        quota_knows_wxaapi: false,
        ..EmulatorOptions::default()
    };
    let account = empty_shop(options);
    let run = account.run(&["plan", "--format", "markdown"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("| `newtmpl/addtemplate` | 1 call | not known |"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "the daily quota could not be read for newtmpl/addtemplate (WeChat error 76021)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("| `tags/create` | 3 calls | 10000 of 10000 left today |"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_answer_with_rate_limits_beside_the_quota_is_read_as_the_recorded_one() {
    let options = EmulatorOptions {
        quota_answer: QuotaAnswer::WithRateLimits,
        ..EmulatorOptions::default()
    };
    let account = empty_shop(options);
    leave(&account, 1);
    let run = account.run(&["plan"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("3 calls    1 of 10000 left today: not enough"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("could not be read"), "{}", run.stdout);
}

#[test]
fn a_plan_without_changes_says_nothing_of_quotas_even_when_one_is_spent() {
    let account = Account::shop();
    leave(&account, 0);
    let run = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stdout.contains("Daily quotas"), "{}", run.stdout);
}
