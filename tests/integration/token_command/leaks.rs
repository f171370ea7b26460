//! What a token command prints is a secret: it appears in no stdout, stderr, trace log or saved
//! plan, whether it is a token WeChat takes, one WeChat refuses, or lines that are no token,
//! even when the command also writes them to its stderr.

use super::{Service, assert_no_token_endpoint, run, shop_yaml};
use crate::support::account::Account;
use crate::support::run::Run;

const TRACE: (&str, &str) = ("WXFORM_LOG", "trace");

/// A service that prints the Nth token handed out on its Nth run, and says so on its stderr.
fn chatty(account: &Account) -> Service {
    Service::running(
        account.dir(),
        "line=$(sed -n \"${run}p\" \"$here/tokens\")\n[ -n \"$line\" ] || line=$(tail -n 1 \"$here/tokens\")\necho \"handing out $line\" >&2\nprintf '%s\\n' \"$line\"",
    )
}

/// Each of `secrets` is in none of `texts`.
fn assert_absent(texts: &[&str], secrets: &[&str]) {
    for secret in secrets {
        for text in texts {
            assert!(!text.contains(secret), "{secret} leaked:\n{text}");
        }
    }
}

fn texts(run: &Run) -> [&str; 2] {
    [&run.stdout, &run.stderr]
}

#[test]
fn a_printed_token_is_in_no_output_trace_log_or_saved_plan() {
    let account = Account::empty();
    account.write_config(&shop_yaml());
    let service = chatty(&account);
    let token = account.emulator.issue_token();
    service.hand_out(&[&token]);

    let planned = run(&account, &["plan", "--out", "saved.plan.json"], &[TRACE]);
    assert_eq!(planned.code, Some(0), "{}", planned.stderr);
    let saved = std::fs::read_to_string(account.path("saved.plan.json")).unwrap();
    let applied = run(
        &account,
        &["apply", "--plan", "saved.plan.json", "--auto-approve"],
        &[TRACE],
    );
    assert_eq!(applied.code, Some(0), "{}", applied.stderr);
    let doctor = run(&account, &["doctor"], &[TRACE]);
    assert_eq!(doctor.code, Some(0), "{}", doctor.stdout);

    // The log is there to leak into: each call is traced, with its answer.
    assert!(
        applied.stderr.contains("trace: menu/create request: {"),
        "{}",
        applied.stderr
    );
    assert!(saved.contains("menu"), "{saved}");
    let mut all = vec![saved.as_str()];
    for run in [&planned, &applied, &doctor] {
        all.extend(texts(run));
    }
    assert_absent(&all, &[&token]);
    assert_eq!(service.runs().len(), 3, "once each: plan, apply, doctor");
    assert_no_token_endpoint(&account.emulator);
}

#[test]
fn a_refused_token_and_its_replacement_are_in_no_trace_log() {
    let account = Account::shop();
    account.write_config(&shop_yaml());
    let service = chatty(&account);
    let refused = account.emulator.issue_token();
    account.emulator.invalidate_token(&refused);
    let fresh = account.emulator.issue_token();
    service.hand_out(&[&refused, &fresh]);
    let planned = run(&account, &["plan"], &[TRACE]);
    assert_eq!(planned.code, Some(0), "{}", planned.stderr);
    assert!(planned.stderr.contains("40001"), "{}", planned.stderr);
    assert_eq!(service.runs().len(), 2);
    assert_absent(&texts(&planned), &[&refused, &fresh]);
}

#[test]
fn lines_that_are_no_token_are_masked_in_the_command_s_stderr_too() {
    let first = "first-line-secret-9a8b7c6d5e4f3a2b";
    let second = "second-line-secret-9a8b7c6d5e4f3a2b";
    let printed = format!("echo {first}; echo {second}; echo \"got {first} then {second}\" >&2");
    for (exit, failure) in [
        ("exit 1", "failed (exit status: 1)"),
        ("exit 0", "printed 2 lines on stdout"),
    ] {
        let account = Account::shop();
        account.write_config(&shop_yaml());
        Service::running(account.dir(), &format!("{printed}\n{exit}"));
        let failed = run(&account, &["plan"], &[TRACE]);
        assert_eq!(failed.code, Some(1));
        assert!(failed.stderr.contains(failure), "{}", failed.stderr);
        assert!(
            failed
                .stderr
                .ends_with("; its stderr:\n  got *** then ***\n"),
            "{}",
            failed.stderr
        );
        assert_absent(&texts(&failed), &[first, second]);
        assert!(account.emulator.requests().is_empty());
    }
}
