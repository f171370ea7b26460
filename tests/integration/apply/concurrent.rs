//! Applies of the same configuration at once, on different machines (separate cache
//! directories, so no shared lock), as real processes against one emulator.
//!
//! A run re-reads a section right before its adds and takes what another run has made since;
//! two runs that re-read before either added both add, and then each deletes the copies that
//! appeared meanwhile, keeping the lowest id of each. However the runs interleave, each
//! succeeds, the account ends with one copy of everything, and one more apply has nothing to
//! do. The emulator pauses writes to make the runs cross at chosen points.

use super::successful_mutations;
use super::{Account, SHOP_FIRST_WRITES, SHOP_MUTATIONS, SHOP_YAML, both, code, spawn_apply};
use crate::support::account::wait_for;
use crate::support::emulator::State;
use crate::support::run::{stderr, stdout};
use crate::support::shop::shop_state;
use serde_json::Value;
use std::process::{Child, Output};

/// Waits until the emulator has paused `count` requests; `child` must not end before.
fn wait_until_paused(account: &Account, child: &mut Child, count: usize) {
    wait_for(child, "its calls were paused", || {
        account.emulator.paused() == count
    });
}

/// A whole apply with its own cache directory: another machine. It must succeed.
fn apply_elsewhere(account: &Account, cache: &str) -> Output {
    let output = spawn_apply(account, cache).wait_with_output().unwrap();
    assert_eq!(code(&output), 0, "the apply in {cache}: {}", both(&output));
    output
}

/// The outputs block an apply printed.
fn printed_outputs(output: &Output) -> Value {
    let out = stdout(output);
    let json = out.split("\nOutputs:\n").nth(1).expect("an outputs block");
    serde_json::from_str(json).unwrap()
}

/// One more apply makes no call, and the outputs `output` printed are the account's.
fn assert_converged(account: &Account, output: &Output) {
    let fresh = account.output(&["outputs"]);
    let fresh: Value = serde_json::from_slice(&fresh.stdout).unwrap();
    assert_eq!(printed_outputs(output), fresh, "{}", both(output));
    account.emulator.clear_requests();
    account.apply_ok(&["--auto-approve"]);
    assert!(account.mutations().is_empty(), "{:?}", account.mutations());
}

#[test]
fn a_run_stopped_before_its_first_writes_takes_what_the_other_made_and_deletes_its_copy() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    // A has read the account, and re-read tags and subscribe templates, before B writes.
    account.emulator.pause_mutations(0);
    let mut first = spawn_apply(&account, "cache-a");
    wait_until_paused(&account, &mut first, SHOP_FIRST_WRITES);
    account.emulator.stop_pausing();
    apply_elsewhere(&account, "cache-b");
    account.emulator.resume_all();
    let first = first.wait_with_output().unwrap();
    assert_eq!(code(&first), 0, "{}", both(&first));

    let err = stderr(&first);
    // Its tags/create reached WeChat after B created the tags: "name already used", and the
    // re-read shows them.
    for tag in ["VIP", "内测用户", "老客户"] {
        let line = format!("+ tag.{tag} … done: the account already shows this change");
        assert!(err.contains(&line), "{line}: {err}");
    }
    // Sections re-read after B's writes: B's objects are taken.
    for adopted in [
        "+ template.order_paid … done: another run has just made it (template_id ",
        "+ template.order_shipped … done: another run has just made it (template_id ",
        "+ conditional_menu.vip-ios … done: another run has just made it (menuid ",
        "+ conditional_menu.android … done: another run has just made it (menuid ",
    ] {
        assert!(err.contains(adopted), "{adopted}: {err}");
    }
    // The subscribe template was re-read before B added it: both added one, and A deletes
    // the copy with the higher id.
    assert!(
        err.contains("Another run added the same objects as this one at the same moment; keeping the one with the lowest id of each and deleting the other copies:\n- subscribe_template.delivery (copy priTmplId "),
        "{err}"
    );
    assert!(
        stdout(&first).contains("Copies: 1 object that another run added at the same moment, deleted; the outputs name the one kept of each."),
        "{}",
        both(&first)
    );
    let adds = successful_mutations(&account.emulator.requests());
    assert_eq!(
        adds.get("/wxaapi/newtmpl/addtemplate"),
        Some(&2),
        "{adds:?}"
    );
    assert_eq!(
        adds.get("/wxaapi/newtmpl/deltemplate"),
        Some(&1),
        "{adds:?}"
    );
    account.assert_shop_without_duplicates();
    assert_converged(&account, &first);
}

#[test]
fn a_run_paused_on_any_of_its_writes_while_another_applies_ends_with_one_copy_of_everything() {
    // A's other lanes go on while B applies: however they interleave, both succeed.
    for path in [
        "/cgi-bin/tags/create",
        "/cgi-bin/template/api_set_industry",
        "/cgi-bin/template/api_add_template",
        "/wxaapi/newtmpl/addtemplate",
        "/cgi-bin/menu/create",
        "/cgi-bin/menu/addconditional",
    ] {
        let account = Account::empty();
        account.write_config(SHOP_YAML);
        account.emulator.pause_mutation_on(path, 0);
        let mut first = spawn_apply(&account, "cache-a");
        wait_until_paused(&account, &mut first, 1);
        apply_elsewhere(&account, "cache-b");
        account.emulator.resume();
        let first = first.wait_with_output().unwrap();
        assert_eq!(code(&first), 0, "{path}: {}", both(&first));
        account.assert_shop_without_duplicates();
        assert_converged(&account, &first);
    }
    assert_eq!(SHOP_MUTATIONS, 10);
}

/// The shop's template section alone, on an account already in its industries.
fn templates_only() -> Account {
    let start = SHOP_YAML.find("\ntemplates:\n").unwrap();
    let end = SHOP_YAML.find("\nsubscribe_templates:").unwrap();
    let yaml = format!("version: 1\n{}", &SHOP_YAML[start..end]);
    let state = serde_json::json!({"industry": {"primary": 1, "secondary": 31}});
    Account::new(serde_json::from_value::<State>(state).unwrap(), &yaml)
}

#[test]
fn two_runs_adding_the_same_templates_end_with_one_of_each() {
    let account = templates_only();
    // A re-reads the templates, then both its adds wait while B adds the same two.
    account.emulator.pause_mutations(0);
    let mut first = spawn_apply(&account, "cache-a");
    wait_until_paused(&account, &mut first, 2);
    account.emulator.stop_pausing();
    let second = apply_elsewhere(&account, "cache-b");
    account.emulator.resume_all();
    let first = first.wait_with_output().unwrap();
    assert_eq!(code(&first), 0, "{}", both(&first));

    let adds = successful_mutations(&account.emulator.requests());
    assert_eq!(adds.get("/cgi-bin/template/api_add_template"), Some(&4));
    assert_eq!(adds.get("/cgi-bin/template/del_private_template"), Some(&2));
    let state = account.emulator.state();
    let mut titles: Vec<&str> = state.templates.iter().map(|t| t.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["发货提醒", "订单支付成功"]);
    // Of each pair, the lowest id stays, whichever run made it.
    let err = stderr(&first);
    let copies: Vec<(&str, &str)> = err
        .lines()
        .filter_map(|line| line.split(" (copy template_id ").nth(1))
        .map(|rest| {
            let (copy, kept) = rest.split_once("; template_id ").unwrap();
            (copy, kept.split(' ').next().unwrap())
        })
        .collect();
    assert_eq!(copies.len(), 2, "{err}");
    assert!(copies.iter().all(|(copy, kept)| copy > kept), "{copies:?}");
    assert!(
        stdout(&first).contains("Copies: 2 objects"),
        "{}",
        both(&first)
    );
    assert!(!stdout(&second).contains("Copies:"), "{}", both(&second));
    assert_eq!(account.plan_code(), 0);
    assert_converged(&account, &first);
}

#[test]
fn three_runs_adding_the_same_conditional_menus_end_with_one_of_each() {
    let mut state = shop_state();
    state.conditional_menus.clear();
    let account = Account::new(state, SHOP_YAML);
    // A and B re-read the conditional menus, then wait at their first add while C adds both.
    account.emulator.pause_mutation(0);
    let mut first = spawn_apply(&account, "cache-a");
    wait_until_paused(&account, &mut first, 1);
    account.emulator.pause_mutation(0);
    let mut second = spawn_apply(&account, "cache-b");
    wait_until_paused(&account, &mut second, 2);
    let third = apply_elsewhere(&account, "cache-c");
    let kept = printed_outputs(&third)["conditional_menus"].clone();
    account.emulator.resume_all();
    let first = first.wait_with_output().unwrap();
    let second = second.wait_with_output().unwrap();
    for run in [&first, &second] {
        assert_eq!(code(run), 0, "{}", both(run));
        // Each deleted the copies it saw and names the oldest menus, C's.
        assert_eq!(
            printed_outputs(run)["conditional_menus"],
            kept,
            "{}",
            both(run)
        );
    }
    let menus = account.emulator.state().conditional_menus;
    let menuids: Vec<u64> = menus.iter().map(|m| m.menuid).collect();
    let expected = [&kept["vip-ios"], &kept["android"]].map(|id| id.as_u64().unwrap());
    assert_eq!(menuids, expected, "one of each, in configuration order");
    assert_converged(&account, &first);
}

#[test]
fn an_add_whose_re_read_fails_is_not_made() {
    use crate::client::support::client;
    use crate::support::emulator::Emulator;
    use wxform::apply::execute;
    use wxform::plan::{Step, plan};

    let emulator = Emulator::start();
    let client = client(&emulator);
    let desired = wxform::config::load_str(
        "wxform.yaml",
        "version: 1\ntags:\n  items:\n    - name: VIP\n",
    )
    .unwrap()
    .desired;
    let live = wxform::wechat::read_live(&client, wxform::wechat::Sections::for_desired(&desired))
        .unwrap();
    let planned = plan(&desired, &live);
    assert_eq!(
        planned.apply_steps(),
        [Step::CreateTag { name: "VIP".into() }]
    );
    // The account can no longer be read: no add without knowing what is there.
    emulator.fail_on("/cgi-bin/tags/get", 1, 48001);
    let steps = planned.planned_steps();
    let report = execute(&client, &desired, &live, steps, &mut |_| {});
    assert_eq!(report.failed.len(), 1, "the step fails");
    let failed = &report.failed[0];
    assert!(
        failed.error.to_string().contains("tags/get"),
        "{}",
        failed.error
    );
    assert!(!failed.error.outcome_unknown());
    assert!(emulator.mutating_requests().is_empty());
}
