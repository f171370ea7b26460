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

#[test]
fn progress_names_each_call_in_the_safe_order() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let output = account.apply_ok(&["--auto-approve"]);
    let stderr = stderr(&output);
    let progress: Vec<&str> = stderr.lines().filter(|line| line.contains(" … ")).collect();
    // Durations and generated ids vary from run to run.
    insta::with_settings!({filters => vec![
        (r"\d+ ms\)", "N ms)"),
        (r"(template_id|priTmplId) [A-Za-z0-9_-]+", "$1 ID"),
        (r"(menuid|id) \d+", "$1 N"),
    ]}, {
        insta::assert_snapshot!(progress.join("\n"));
    });
}
