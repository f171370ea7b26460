//! `apply` against the daily quotas: it reads them again itself and refuses, before its first
//! write, a plan that needs more calls of an endpoint than are left today, whether it planned
//! itself or was given a saved plan made when they fitted.

use super::{Account, both, code};
use crate::support::emulator::State;
use crate::support::run::stderr;
use crate::support::shop::SHOP_YAML;
use std::time::Duration;

const TAGS_CREATE: &str = "/cgi-bin/tags/create";

/// The default daily limit of the emulator's tags/create (WeChat documents none).
const TAGS_CREATE_LIMIT: u64 = 10_000;

/// The shop's configuration on an empty account, whose tags/create has `left` calls left
/// today: applying it creates three tags.
fn empty_shop_with(left: u64) -> Account {
    let account = Account::new(State::default(), SHOP_YAML);
    account
        .emulator
        .spend_quota(TAGS_CREATE, TAGS_CREATE_LIMIT - left);
    account
}

/// `apply` was refused for the quota: exit 1, no write at all, and the reset time said.
fn assert_refused_for_the_quota(account: &Account, args: &[&str]) {
    let output = account.apply(args);
    assert_eq!(code(&output), 1, "{}", both(&output));
    assert!(
        account.emulator.mutating_requests().is_empty(),
        "no write: {:?}",
        account.mutations()
    );
    let err = stderr(&output);
    assert!(
        err.contains("tags/create would run out half-way: the plan makes 3 calls and 2 of its 10000 a day are left; WeChat resets the quota at midnight Beijing time (16:00 UTC)"),
        "{err}"
    );
    assert!(!err.contains("does not match"), "{err}");
    // wxform never clears a quota itself, whether by clear_quota or its v2.
    let clears = account
        .emulator
        .requests()
        .iter()
        .filter(|request| request.path.contains("clear_quota"))
        .count();
    assert_eq!(clears, 0);
}

#[test]
fn apply_refuses_a_plan_the_quota_cannot_take_before_any_write() {
    let account = empty_shop_with(2);
    assert_refused_for_the_quota(&account, &["--auto-approve"]);
    assert_eq!(account.emulator.state().tags, Vec::new());
}

#[test]
fn a_saved_plan_is_measured_against_the_quota_left_when_it_is_applied() {
    let account = empty_shop_with(3);
    let planned = account.output(&["plan", "--out", "plan.json"]);
    assert_eq!(code(&planned), 0, "{}", both(&planned));
    // Another caller of the account spends one call before apply.
    account.emulator.spend_quota(TAGS_CREATE, 1);
    account.emulator.clear_requests();
    assert_refused_for_the_quota(&account, &["--plan", "plan.json", "--auto-approve"]);

    // After midnight in Beijing the quota is whole again, and the same file applies.
    let now = account.emulator.now_unix();
    let beijing = 8 * 3600;
    let midnight = ((now + beijing) / 86_400 + 1) * 86_400 - beijing;
    account
        .emulator
        .advance(Duration::from_secs(midnight - now + 1));
    let output = account.apply(&["--plan", "plan.json", "--auto-approve"]);
    assert_eq!(code(&output), 0, "{}", both(&output));
    assert_eq!(account.emulator.state().tags.len(), 3);
    assert_eq!(account.emulator.quota_used(TAGS_CREATE), 3);
}
