//! A credential value inside live data is never masked in data wxform writes for programs (an
//! export, a snapshot, a saved or printed JSON plan): a file silently holding `***` instead of
//! what the account holds would change the account when applied. wxform writes nothing, exits 1
//! and says which credential it found where, never its value.

use super::{Account, Run, shop_state};
use crate::support::emulator::{Button, State};

/// The shop whose default menu links to a URL carrying `value` (a developer pasted a key into
/// a link in the web console, say).
fn account_holding(value: &str) -> Account {
    let mut state: State = shop_state();
    let menu = state.menu.as_mut().unwrap();
    menu.button[0] = Button::view("官网", &format!("https://example.com/?key={value}"));
    Account::new(state, super::SHOP_YAML)
}

/// The run failed, said `expected`, wrote no file and showed no value.
fn assert_refused(run: &Run, expected: &str, value: &str, account: &Account) {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stdout, "", "nothing on stdout");
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(!run.stderr.contains(value), "{}", run.stderr);
    assert!(
        !run.stderr.contains("***"),
        "nothing masked: {}",
        run.stderr
    );
    assert!(!account.path("out").exists());
    account.assert_read_only();
}

#[test]
fn export_names_the_appsecret_found_in_a_menu_and_writes_nothing() {
    let secret = crate::support::emulator::APPSECRET;
    let account = account_holding(secret);
    for format in ["yaml", "json"] {
        let run = account.run(&["export", "--format", format, "--out", "out"]);
        let what = if format == "yaml" {
            "the exported configuration"
        } else {
            "the snapshot"
        };
        assert_refused(
            &run,
            &format!("the value of WECHAT_APPSECRET is in {what} at `menu.button[0].url`"),
            secret,
            &account,
        );
        let to_stdout = account.run(&["export", "--format", format]);
        assert_refused(&to_stdout, "WECHAT_APPSECRET", secret, &account);
    }
}

/// A variable only the configuration names as secret (`secret_env: SHOP_APPKEY`) counts too,
/// in a saved plan and in a printed JSON plan.
#[test]
fn a_plan_names_the_variable_a_configuration_named_and_writes_nothing() {
    let account = account_holding(crate::support::emulator::APPSECRET);
    let yaml = std::fs::read_to_string(account.path("wxform.yaml")).unwrap();
    account.write_config(&yaml.replace("account:\n", "account:\n  secret_env: SHOP_APPKEY\n"));
    let env = [
        ("SHOP_APPKEY", account.emulator.secret()),
        ("WECHAT_APPSECRET", ""),
    ];
    for args in [
        &["plan", "--out", "out"][..],
        &["plan", "--format", "json"][..],
    ] {
        let run = account.run_with(args, &env);
        assert_refused(
            &run,
            "the value of SHOP_APPKEY is in the plan at `actions[",
            account.emulator.secret(),
            &account,
        );
    }
    // The text plan is a display: it is shown, the value masked as in every display.
    let shown = account.run_with(&["plan"], &env);
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    assert!(shown.stdout.contains("key=***"), "{}", shown.stdout);
}
