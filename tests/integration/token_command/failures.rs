//! A token command that fails, hangs, prints two lines, nothing or no token, or prints a token
//! WeChat refuses: each is an error naming the command, with its stderr and never its stdout,
//! before any call (or, for a refused token, after one more run of the command).

use super::{Service, assert_no_token_endpoint, run, shop_yaml};
use crate::support::account::Account;

/// The shop's account, its configuration naming `bin/platform-token`.
fn shop() -> Account {
    let account = Account::shop();
    account.write_config(&shop_yaml());
    account
}

#[test]
fn a_failing_command_is_an_error_with_its_stderr_before_any_call() {
    let account = shop();
    let service = Service::running(
        account.dir(),
        "echo 'platform: authorizer wx1234567890abcdef is not authorized' >&2\nexit 3",
    );
    let run = run(&account, &["plan"], &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: cannot read the live account: account.token_command `./bin/platform-token` failed (exit status: 3); its stderr:\n  platform: authorizer wx1234567890abcdef is not authorized\n"
    );
    assert_eq!(service.runs(), ["wx1234567890abcdef"], "not run again");
    assert!(account.emulator.requests().is_empty());
}

#[test]
fn a_program_that_cannot_be_started_says_where_it_was_looked_for() {
    let account = shop();
    let run = run(&account, &["plan"], &[]);
    assert_eq!(run.code, Some(1));
    let folder = std::path::absolute(account.dir()).unwrap();
    assert!(
        run.stderr.starts_with("error: cannot read the live account: account.token_command `./bin/platform-token` could not be started: No such file or directory"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(&format!(
            "(a program named with a `/` is found from the configuration file's folder, {})\n",
            folder.display()
        )),
        "{}",
        run.stderr
    );
    assert!(account.emulator.requests().is_empty());
}

/// Whether the lock on `file` is free within a minute: each process holding it has ended.
/// Waits on the lock itself, in a thread, so that a lock held for ever fails the test.
#[cfg(target_os = "linux")]
fn released(file: std::path::PathBuf) -> bool {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let locked = std::fs::File::open(&file).and_then(|held| held.lock());
        let _ = sender.send(locked.is_ok());
    });
    receiver
        .recv_timeout(std::time::Duration::from_secs(60))
        .unwrap_or(false)
}

#[cfg(target_os = "linux")]
#[test]
fn a_hanging_command_is_killed_at_the_time_limit_with_what_it_started() {
    let account = shop();
    // The script starts a process of its own (flock, running sleep) that holds a lock on
    // `bin/held` as long as either lives, then says so on stderr and waits for it.
    let service = Service::running(
        account.dir(),
        "flock \"$here/held\" sh -c 'echo \"waiting for the platform\" >&2; exec sleep 600' &\nwait",
    );
    // The limit is lowered to a second; the command would run for ten minutes.
    let run = run(
        &account,
        &["plan"],
        &[("WXFORM_TOKEN_COMMAND_TIMEOUT_SECS", "1")],
    );
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "error: cannot read the live account: account.token_command `./bin/platform-token` did not finish within 1 s; it was stopped, with the processes it started (WXFORM_TOKEN_COMMAND_TIMEOUT_SECS sets the time limit in seconds); its stderr:\n  waiting for the platform\n"
    );
    assert_eq!(service.runs().len(), 1);
    assert!(account.emulator.requests().is_empty());
    // The message came once the lock was held: it is free again only if flock and the sleep
    // it runs were killed too, not left behind.
    assert!(
        released(account.path("bin/held")),
        "a process the command started still holds bin/held"
    );
}

#[test]
fn what_a_command_prints_is_never_quoted_whatever_is_wrong_with_it() {
    let first = "first-line-secret-0a1b2c3d4e5f6a7b";
    let second = "second-line-secret-0a1b2c3d4e5f6a7b";
    let json = "json-secret-0a1b2c3d4e5f6a7b";
    let cases = [
        (
            format!("echo {first}\necho {second}"),
            "printed 2 lines on stdout",
        ),
        ("true".to_string(), "printed nothing on stdout"),
        (
            format!("echo '{{\"access_token\": \"{json}\"}}'"),
            "printed a line on stdout that is not shaped like an access token (16 to 2048 letters, digits, `-`, `_`, `.` or `~`)",
        ),
    ];
    for (script, printed) in cases {
        let account = shop();
        Service::running(account.dir(), &script);
        let run = run(&account, &["plan"], &[]);
        assert_eq!(run.code, Some(1), "{script}");
        assert_eq!(
            run.stderr,
            format!(
                "error: cannot read the live account: account.token_command `./bin/platform-token` {printed}; it must print the access token alone, on one line (what it printed is not shown: it may hold a secret); it wrote nothing to stderr\n"
            )
        );
        assert!(account.emulator.requests().is_empty());
    }
}

#[test]
fn an_expired_token_runs_the_command_once_more_and_the_next_one_is_used() {
    let account = shop();
    let service = Service::printing(account.dir());
    let expired = account.emulator.issue_token();
    account.emulator.expire_tokens();
    let fresh = account.emulator.issue_token();
    service.hand_out(&[&expired, &fresh]);
    let run = run(&account, &["plan", "--detailed-exitcode"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        service.runs().len(),
        2,
        "once more, whatever the reads at once"
    );
    assert_no_token_endpoint(&account.emulator);
    let errcodes: Vec<i64> = account
        .emulator
        .requests()
        .iter()
        .map(|request| request.errcode)
        .filter(|code| *code != 0)
        .collect();
    assert!(
        !errcodes.is_empty() && errcodes.iter().all(|code| *code == 42001),
        "{errcodes:?}"
    );
    for token in [&expired, &fresh] {
        assert!(!run.stderr.contains(token.as_str()), "{}", run.stderr);
    }
}

#[test]
fn a_token_refused_again_after_the_second_run_is_the_token_service_s_to_fix() {
    // The second run prints another refused token, or the same one again. A third run would
    // print a good token: the reads that start after the second run must not get there.
    for same_again in [false, true] {
        let account = shop();
        let service = Service::printing(account.dir());
        let first = account.emulator.issue_token();
        let second = account.emulator.issue_token();
        account.emulator.invalidate_token(&first);
        account.emulator.invalidate_token(&second);
        let good = account.emulator.issue_token();
        if same_again {
            service.hand_out(&[&first, &first, &good]);
        } else {
            service.hand_out(&[&first, &second, &good]);
        }
        let run = run(&account, &["plan"], &[]);
        assert_eq!(run.code, Some(1));
        assert_eq!(
            service.runs().len(),
            2,
            "once more, whatever the reads at once"
        );
        assert!(
            run.stderr.contains(
                "WeChat error 40001 (invalid credential, access_token is invalid or not latest"
            ),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(
                "WeChat refused the access token account.token_command printed, also after running the command once more: its token service hands out a token that is invalid, expired or another account's; check the service (wxform keeps no token of a command, so the next run asks it again)"
            ),
            "{}",
            run.stderr
        );
        for token in [&first, &second] {
            assert!(!run.stderr.contains(token.as_str()), "{}", run.stderr);
        }
        assert_no_token_endpoint(&account.emulator);
        account.assert_read_only();
    }
}

#[test]
fn a_time_limit_that_is_not_a_number_runs_no_command() {
    let account = shop();
    let service = Service::printing(account.dir());
    service.hand_out(&[&account.emulator.issue_token()]);
    for value in ["30s", "0"] {
        let run = run(
            &account,
            &["plan"],
            &[("WXFORM_TOKEN_COMMAND_TIMEOUT_SECS", value)],
        );
        assert_eq!(run.code, Some(1), "{value}");
        assert_eq!(
            run.stderr,
            "error: WXFORM_TOKEN_COMMAND_TIMEOUT_SECS must be a whole number of seconds above 0\n",
            "{value}"
        );
    }
    assert!(service.runs().is_empty());
    assert!(account.emulator.requests().is_empty());
}
