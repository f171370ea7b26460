//! An empty account → the whole shop example, and then nothing more to do.

use super::{Account, SHOP_MUTATIONS, SHOP_YAML, both, code};
use crate::support::run::{stderr, stdout};

#[test]
fn the_shop_applies_to_an_empty_account_and_a_second_run_changes_nothing() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let output = account.apply_ok(&["--auto-approve"]);
    let out = stdout(&output);
    assert!(
        out.starts_with("wxform will perform the following actions:"),
        "{out}"
    );
    assert!(
        out.contains("Apply complete: 10 added, 0 changed, 0 replaced, 0 destroyed."),
        "{out}"
    );
    assert_eq!(account.emulator.mutating_requests().len(), SHOP_MUTATIONS);
    account.assert_shop_without_duplicates();

    // The outputs block is the JSON of `wxform outputs`.
    let json = out.split("\nOutputs:\n").nth(1).expect("an outputs block");
    let printed: serde_json::Value = serde_json::from_str(json).unwrap();
    let outputs = account.output(&["outputs"]);
    let fresh: serde_json::Value = serde_json::from_slice(&outputs.stdout).unwrap();
    assert_eq!(printed, fresh);
    let state = account.emulator.state();
    let vip = state.tags.iter().find(|t| t.name == "VIP").unwrap();
    assert_eq!(printed["tags"]["VIP"], vip.id);
    assert_eq!(printed["conditional_menus"].as_object().unwrap().len(), 2);
    assert_eq!(printed["templates"].as_object().unwrap().len(), 2);
    assert_eq!(printed["subscribe_templates"].as_object().unwrap().len(), 1);

    account.emulator.clear_requests();
    let again = account.apply_ok(&["--auto-approve"]);
    assert!(account.mutations().is_empty(), "{:?}", account.mutations());
    assert!(
        stdout(&again).contains("No changes. The live account matches the configuration."),
        "{}",
        both(&again)
    );
    // Without --auto-approve too: nothing to confirm when nothing changes.
    let quiet = account.apply(&[]);
    assert_eq!(code(&quiet), 0, "{}", both(&quiet));
    assert!(account.mutations().is_empty());
}

/// The addresses of the shop's steps onto an empty account, in plan order.
fn planned_addresses() -> Vec<String> {
    let desired = wxform::config::load_str("wxform.yaml", SHOP_YAML)
        .unwrap()
        .desired;
    let plan = wxform::plan::plan(&desired, &wxform::model::Live::default());
    let steps = plan.planned_steps().into_iter();
    steps.map(|step| step.address).collect()
}

#[test]
fn progress_names_each_call_in_the_safe_order() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let output = account.apply_ok(&["--auto-approve"]);
    let stderr = stderr(&output);
    let mut progress: Vec<&str> = stderr.lines().filter(|line| line.contains(" … ")).collect();
    let addresses = planned_addresses();
    let place = |line: &str| {
        let address = line.split(" … ").next().unwrap().trim_start_matches("+ ");
        addresses.iter().position(|a| a == address).expect(line)
    };
    // Each line as its call ends: what a call waits for has ended before it.
    let ended = |address: &str| {
        let start = format!("+ {address} … done");
        let found = progress.iter().position(|line| line.starts_with(&start));
        found.unwrap_or_else(|| panic!("{address}: {progress:#?}"))
    };
    for (before, after) in [
        ("tag.VIP", "conditional_menu.vip-ios"),
        ("tag.内测用户", "conditional_menu.vip-ios"),
        ("tag.老客户", "conditional_menu.vip-ios"),
        ("menu", "conditional_menu.vip-ios"),
        ("industry", "template.order_paid"),
        ("industry", "template.order_shipped"),
        ("conditional_menu.vip-ios", "conditional_menu.android"),
    ] {
        assert!(
            ended(before) < ended(after),
            "{before} before {after}: {progress:#?}"
        );
    }
    // Listed in plan order, they are one line per step, the plan's safe order.
    progress.sort_by_key(|line| place(line));
    // Durations and generated ids vary from run to run.
    insta::with_settings!({filters => vec![
        (r"\d+ ms\)", "N ms)"),
        (r"(template_id|priTmplId) [A-Za-z0-9_-]+", "$1 ID"),
        (r"(menuid|id) \d+", "$1 N"),
    ]}, {
        insta::assert_snapshot!(progress.join("\n"));
    });
}
