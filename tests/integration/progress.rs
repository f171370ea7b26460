//! Progress lines while wxform waits: a retry, a slow answer, another apply's lock and the
//! accounts of `plan DIR` each show on stderr once the wait lasts the threshold (lowered here
//! with `WXFORM_PROGRESS_AFTER_MS`), as plain lines when stderr is not a terminal and as one
//! redrawn line when it is; never on stdout, never with a secret, always inert. With
//! `WXFORM_PROGRESS=off`, none.

use crate::support::account::Account;
use crate::support::run::Run;
use crate::support::shop::SHOP_YAML;
use std::process::Stdio;
use std::time::Duration;

/// `wxform args` for `account` (retrying fast) with `env` added.
fn run(account: &Account, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = account
        .wxform()
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run::of(output)
}

/// What every progress line must be: on stderr only, inert, without a credential.
fn assert_clean(account: &Account, run: &Run) {
    for word in ["retrying ", "waiting for ", "planning "] {
        assert!(
            !run.stdout.contains(word),
            "stdout is the product: {}",
            run.stdout
        );
    }
    assert!(
        !run.stderr.contains(account.emulator.secret()),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("access_token"), "{}", run.stderr);
    assert!(
        !run.stderr.contains('\r'),
        "plain lines in a log: {:?}",
        run.stderr
    );
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
}

#[test]
fn retries_show_as_plain_lines_on_stderr_and_the_plan_is_unchanged() {
    let account = Account::shop();
    let quiet = run(&account, &["plan"], &[]);
    assert_eq!(quiet.code, Some(0), "{}", quiet.stderr);
    account.emulator.fail_on("/cgi-bin/menu/get", 2, -1);
    let shown = run(&account, &["plan"], &[("WXFORM_PROGRESS_AFTER_MS", "0")]);
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    assert_eq!(shown.stdout, quiet.stdout);
    let retries: Vec<&str> = shown
        .stderr
        .lines()
        .filter(|line| line.starts_with("retrying "))
        .collect();
    assert_eq!(retries.len(), 2, "{}", shown.stderr);
    assert!(
        retries[0].starts_with("retrying menu/get in "),
        "{retries:?}"
    );
    assert!(
        retries[0].ends_with(" ms (1 of 3) after errcode -1"),
        "{retries:?}"
    );
    assert!(
        retries[1].ends_with(" ms (2 of 3) after errcode -1"),
        "{retries:?}"
    );
    assert_clean(&account, &shown);
}

#[test]
fn nothing_shows_for_waits_under_the_threshold_or_with_progress_off() {
    let account = Account::shop();
    let quiet = run(&account, &["plan"], &[]);
    account.emulator.fail_next(2, -1);
    let retried = run(&account, &["plan"], &[]);
    assert_eq!(
        retried.stderr, quiet.stderr,
        "a millisecond's backoff is not shown"
    );
    account.emulator.fail_next(2, -1);
    account.emulator.set_latency(Duration::from_millis(300));
    let off = [
        ("WXFORM_PROGRESS_AFTER_MS", "0"),
        ("WXFORM_PROGRESS", "off"),
    ];
    let silent = run(&account, &["plan"], &off);
    assert_eq!(silent.stderr, quiet.stderr);
    assert_eq!(silent.stdout, quiet.stdout);
}

#[test]
fn a_slow_answer_shows_how_long_it_has_been_awaited() {
    let account = Account::shop();
    account.emulator.set_latency(Duration::from_millis(700));
    let shown = run(&account, &["plan"], &[("WXFORM_PROGRESS_AFTER_MS", "100")]);
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    let waiting = shown
        .stderr
        .lines()
        .find(|line| line.starts_with("waiting for WeChat's answer to "))
        .unwrap_or_else(|| panic!("a waiting line: {}", shown.stderr));
    assert!(waiting.ends_with(" s so far)"), "{waiting}");
    assert_clean(&account, &shown);
}

#[test]
fn plan_of_a_directory_says_how_many_accounts_are_planned() {
    let account = Account::shop();
    std::fs::create_dir(account.path("accounts")).unwrap();
    for name in ["a", "b", "c"] {
        std::fs::write(account.path(&format!("accounts/{name}.yaml")), SHOP_YAML).unwrap();
    }
    account.emulator.set_latency(Duration::from_millis(300));
    let shown = run(
        &account,
        &["plan", "accounts"],
        &[("WXFORM_PROGRESS_AFTER_MS", "0")],
    );
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    assert!(
        shown
            .stderr
            .lines()
            .any(|line| line.starts_with("planning ") && line.contains(" of 3 accounts…")),
        "{}",
        shown.stderr
    );
    assert_clean(&account, &shown);
}

#[test]
#[allow(clippy::print_stderr)] // says why the terminal was not tested
fn on_a_terminal_one_line_is_redrawn_and_wiped_and_stdout_stays_clean() {
    let account = Account::shop();
    let expected = run(&account, &["plan"], &[]).stdout;
    account.emulator.fail_next(2, -1);
    account.emulator.set_latency(Duration::from_millis(300));
    let wxform = account.wxform();
    let mut script = std::process::Command::new("script");
    script
        .args(["--quiet", "--return", "--command"])
        .arg(format!(
            "'{}' plan > plan.txt",
            wxform.get_program().to_string_lossy()
        ))
        .arg("/dev/null")
        .current_dir(account.dir())
        .env_clear()
        .stdin(Stdio::null());
    for (key, value) in wxform.get_envs() {
        if let Some(value) = value {
            script.env(key, value);
        }
    }
    script
        .env("WXFORM_PROGRESS_AFTER_MS", "0")
        .env("TERM", "xterm");
    let Ok(output) = script.output() else {
        eprintln!("script(1) is not installed: the terminal line is not tested");
        return;
    };
    assert!(output.status.success(), "{output:?}");
    let screen = String::from_utf8_lossy(&output.stdout);
    assert!(
        screen.contains("\r⠙ ") || screen.contains("\r⠹ "),
        "{screen:?}"
    );
    assert!(screen.contains("retrying "), "{screen:?}");
    assert!(
        !screen.contains("\n retrying") && !screen.contains("\nretrying"),
        "{screen:?}"
    );
    assert!(
        !screen.contains('\u{1b}'),
        "NO_COLOR: no dimming: {screen:?}"
    );
    // Wiped at the end: the last thing on the screen is spaces over the line.
    assert!(
        screen.trim_end_matches(['\r', '\n']).ends_with(' '),
        "{screen:?}"
    );
    let plan = std::fs::read_to_string(account.path("plan.txt")).unwrap();
    assert_eq!(plan, expected);
}
