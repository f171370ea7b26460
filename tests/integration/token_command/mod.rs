//! `account.token_command` against the emulator: the token a program prints (as a central
//! token service or a third-party platform hands one out, [`Emulator::issue_token`]) is used
//! without any token endpoint, the program runs again on a rejected token, and every way it can
//! fail (exit status, time limit, two lines, nothing, a token WeChat refuses) is an error that
//! names it and never quotes what it printed.
//!
//! The program is `bin/platform-token`, a shell script in the account's folder ([`Service`]).

mod accounts;
mod client;
mod failures;
mod leaks;
mod platform;

use crate::support::account::{Account, connect_to, retry_fast};
use crate::support::emulator::Emulator;
use crate::support::run::{Run, wxform};
use crate::support::shop::SHOP_YAML;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The shop's configuration, its token from `bin/platform-token` given the shop's appid.
pub fn shop_yaml() -> String {
    crate::support::account::edit(
        SHOP_YAML,
        "account:\n  appid: wx1234567890abcdef\n",
        "account:\n  appid: wx1234567890abcdef\n  token_command: [./bin/platform-token, wx1234567890abcdef]\n",
    )
}

/// A token service in a folder: the executable `bin/platform-token`, which logs the arguments
/// of each run in `bin/runs` beside it, then runs a script.
pub struct Service {
    bin: PathBuf,
}

impl Service {
    /// A service that prints, on its Nth run, the Nth token handed out (the last one once they
    /// run out).
    pub fn printing(dir: &Path) -> Service {
        Service::running(
            dir,
            "line=$(sed -n \"${run}p\" \"$here/tokens\")\n[ -n \"$line\" ] || line=$(tail -n 1 \"$here/tokens\")\nprintf '%s\\n' \"$line\"",
        )
    }

    /// A service that runs `script` (`$run` is the run's number, from 1; `$here` the folder
    /// `bin`).
    pub fn running(dir: &Path, script: &str) -> Service {
        let bin = dir.join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let source = bin.join("platform-token.txt");
        std::fs::write(
            &source,
            format!(
                "#!/bin/sh\nhere=$(dirname \"$0\")\necho \"$*\" >> \"$here/runs\"\nrun=$(wc -l < \"$here/runs\")\n{script}\n"
            ),
        )
        .unwrap();
        // Made executable by a copy in another process: a file this process wrote may still be
        // open for writing in a child another test thread is forking, and running it would fail
        // (ETXTBSY).
        let installed = Command::new("install")
            .args(["-m", "755"])
            .arg(&source)
            .arg(bin.join("platform-token"))
            .status()
            .unwrap();
        assert!(installed.success());
        std::fs::write(bin.join("runs"), "").unwrap();
        Service { bin }
    }

    /// The tokens it prints, one per run.
    pub fn hand_out(&self, tokens: &[&str]) {
        std::fs::write(self.bin.join("tokens"), tokens.join("\n") + "\n").unwrap();
    }

    /// The arguments of each run so far.
    pub fn runs(&self) -> Vec<String> {
        std::fs::read_to_string(self.bin.join("runs"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

/// `wxform args` in `dir` against `base`, with no credential variable and `env` added.
pub fn run_at(base: &str, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = wxform();
    let output = retry_fast(connect_to(&mut command, base, dir))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    Run::of(output)
}

/// `wxform args` against `account`, with no credential variable and `env` added.
pub fn run(account: &Account, args: &[&str], env: &[(&str, &str)]) -> Run {
    run_at(&account.emulator.base_url(), account.dir(), args, env)
}

/// No token endpoint was called: the command is the only source of tokens.
pub fn assert_no_token_endpoint(emulator: &Emulator) {
    let counts = emulator.counts_by_path();
    for path in ["/cgi-bin/token", "/cgi-bin/stable_token"] {
        assert!(!counts.contains_key(path), "{path} was called: {counts:?}");
    }
}

/// The shop, applied long ago, its token from a service printing a valid one.
fn shop() -> (Account, Service, String) {
    let account = Account::shop();
    account.write_config(&shop_yaml());
    let service = Service::printing(account.dir());
    let token = account.emulator.issue_token();
    service.hand_out(&[&token]);
    (account, service, token)
}

#[test]
fn a_printed_token_plans_and_applies_without_any_token_endpoint_or_variable() {
    let account = Account::empty();
    account.write_config(&shop_yaml());
    let service = Service::printing(account.dir());
    let token = account.emulator.issue_token();
    service.hand_out(&[&token]);
    // Variables for another account are set, and ignored: the file names the command.
    let other = [
        ("WECHAT_APPID", "wx0000000000000000"),
        ("WECHAT_APPSECRET", "0000000000000000000000000000000a"),
        ("WECHAT_ACCESS_TOKEN", "a-token-of-another-account-00000"),
    ];
    let applied = run(&account, &["apply", "--auto-approve"], &other);
    assert_eq!(applied.code, Some(0), "{}", applied.stderr);
    account.assert_shop_without_duplicates();
    let planned = run(&account, &["plan", "--detailed-exitcode"], &other);
    assert_eq!(planned.code, Some(0), "{}", planned.stderr);
    assert!(planned.stdout.contains("No changes"), "{}", planned.stdout);

    assert_no_token_endpoint(&account.emulator);
    // One run per wxform run: apply, the check's plan, this plan. The variables the harness's
    // plan sets are ignored too.
    assert_eq!(service.runs(), ["wx1234567890abcdef"; 3]);
    let cache = account.path("cache");
    let cached: Vec<_> = std::fs::read_dir(&cache)
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        cached
            .iter()
            .all(|name| !name.to_string_lossy().starts_with("token-")),
        "a command's token is never cached: {cached:?}"
    );
    for text in [
        &applied.stdout,
        &applied.stderr,
        &planned.stdout,
        &planned.stderr,
    ] {
        assert!(!text.contains(&token), "{text}");
    }
}

#[test]
fn a_slow_command_shows_a_progress_line_naming_its_file() {
    let account = Account::shop();
    account.write_config(&shop_yaml());
    let token = account.emulator.issue_token();
    // The command waits until the test has seen the progress line: no guess at how slow is slow.
    // Should the line never come, the command's time limit ends the run and the test fails.
    let service = Service::running(
        account.dir(),
        "while [ ! -e \"$here/go\" ]; do sleep 0.01; done\ncat \"$here/tokens\"",
    );
    service.hand_out(&[&token]);
    let mut command = wxform();
    retry_fast(connect_to(
        &mut command,
        &account.emulator.base_url(),
        account.dir(),
    ))
    .arg("plan")
    .env("WXFORM_PROGRESS_AFTER_MS", "100")
    .env("WXFORM_TOKEN_COMMAND_TIMEOUT_SECS", "60")
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let line = loop {
        let mut line = String::new();
        let read = stderr.read_line(&mut line).unwrap();
        assert!(read > 0, "no progress line before the run ended:\n{seen}");
        seen.push_str(&line);
        if line.starts_with("running the token command of wxform.yaml (") {
            break line;
        }
    };
    std::fs::write(service.bin.join("go"), "").unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{seen}{rest}");
    assert!(line.trim_end().ends_with(" s so far)"), "{line}");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("running the token command"));
}

#[test]
fn doctor_says_the_token_comes_from_the_command_and_runs_it_once() {
    let (account, service, _) = shop();
    let run = run(&account, &["doctor"], &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    crate::doctor::snapshot!("doctor_token_command", &run.stdout);
    let line = |label: &str| {
        run.stdout
            .lines()
            .find(|line| line.starts_with(&format!("ok   {label} ")))
            .unwrap_or_else(|| panic!("an ok {label} line:\n{}", run.stdout))
            .to_string()
    };
    assert!(
        line("credentials").ends_with(
            "account.token_command `./bin/platform-token` (no credential variable is read)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        line("access token").ends_with("printed by account.token_command, lifetime unknown: the command runs again each run and when WeChat rejects its token"),
        "{}",
        run.stdout
    );
    line("menu");
    assert_eq!(service.runs().len(), 1);
    assert_no_token_endpoint(&account.emulator);
}

#[test]
fn doctor_fails_the_access_token_with_the_command_s_error() {
    let account = Account::shop();
    account.write_config(&shop_yaml());
    let service = Service::running(
        account.dir(),
        "echo 'platform: unknown authorizer' >&2\nexit 3",
    );
    let run = run(&account, &["doctor"], &[]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    crate::doctor::snapshot!("doctor_token_command_failed", &run.stdout);
    assert!(
        run.stdout.contains(
            "FAIL access token        account.token_command `./bin/platform-token` failed (exit status: 3); its stderr:\n                         platform: unknown authorizer\n"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("skip IP whitelist"), "{}", run.stdout);
    assert_eq!(service.runs().len(), 1);
    assert!(account.emulator.requests().is_empty());
}
