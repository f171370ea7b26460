//! One apply per account on a machine: a second apply with the same cache directory waits for
//! the first (saying who it is), then either finds nothing left to do or gives up without a
//! call. A cache directory that cannot be trusted is not used for the lock.

use super::{Account, SHOP_FIRST_WRITES, SHOP_MUTATIONS, SHOP_YAML, both, code};
use crate::support::account::wait_for;
use crate::support::run::stderr;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

/// An apply of the shop paused before each of its first writes (nothing else of it can go
/// on): it holds the account's lock.
fn paused_apply(account: &Account) -> Child {
    account.write_config(SHOP_YAML);
    account.emulator.pause_mutations(0);
    let mut child = account.spawn_apply();
    wait_for(&mut child, "the first apply's writes came", || {
        account.emulator.paused() == SHOP_FIRST_WRITES
    });
    child
}

fn finish(account: &Account, mut first: Child) {
    account.emulator.stop_pausing();
    account.emulator.resume_all();
    assert!(first.wait().unwrap().success(), "the first apply succeeds");
}

#[test]
fn a_second_apply_gives_up_naming_the_holder_without_a_call() {
    let account = Account::empty();
    let first = paused_apply(&account);
    let calls = account.emulator.requests().len();

    let output = account.apply(&["--auto-approve", "--lock-timeout", "0"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "error: another apply of this account is running on this machine (pid {} on host ",
            first.id()
        )),
        "{err}"
    );
    assert!(err.contains(", since 20") && err.contains(" UTC)"), "{err}");
    assert!(err.contains("nothing was read or changed"), "{err}");
    assert!(err.contains("--lock-timeout"), "{err}");
    assert_eq!(account.emulator.requests().len(), calls, "no call at all");

    // Waiting is bounded: with a timeout of one second it says so, waits, and gives up.
    let output = account
        .wxform()
        .args(["apply", "--auto-approve"])
        .env("WXFORM_LOCK_TIMEOUT", "1")
        .output()
        .unwrap();
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    assert!(
        err.contains("Another apply of this account is running on this machine (pid ")
            && err.contains("waiting up to 1 s for it to finish"),
        "{err}"
    );
    assert!(err.contains("gave up after waiting 1 s"), "{err}");
    assert_eq!(account.emulator.requests().len(), calls, "no call at all");

    finish(&account, first);
    account.assert_shop_without_duplicates();
}

#[test]
fn a_saved_plan_refused_for_a_busy_lock_hints_at_applying_that_same_plan() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let planned = account.output(&["plan", "--out", "plan.json"]);
    assert_eq!(code(&planned), 0, "{}", both(&planned));
    let first = paused_apply(&account);
    let output = account.apply(&["--plan", "plan.json", "--lock-timeout", "0"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    assert!(
        err.contains("Run `wxform apply --plan plan.json` again once it has finished"),
        "the hint keeps the reviewed plan: {err}"
    );
    finish(&account, first);
}

#[test]
fn waiting_for_the_lock_shows_a_progress_line_naming_the_holder() {
    let account = Account::empty();
    let first = paused_apply(&account);
    let output = account
        .wxform()
        .args(["apply", "--auto-approve"])
        .env("WXFORM_LOCK_TIMEOUT", "1")
        .env("WXFORM_PROGRESS_AFTER_MS", "100")
        .output()
        .unwrap();
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    let line = err
        .lines()
        .find(|line| line.starts_with("waiting for another apply of this account to finish: "))
        .unwrap_or_else(|| panic!("a progress line: {err}"));
    assert!(
        line.contains(&format!("pid {} on host ", first.id())) && line.ends_with(" s so far)"),
        "{line}"
    );
    finish(&account, first);
}

#[test]
fn a_second_apply_waits_for_the_first_then_has_nothing_to_do() {
    let account = Account::empty();
    let first = paused_apply(&account);
    let mut second = account
        .wxform()
        .args(["apply", "--auto-approve"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The second run says it waits before the first one goes on.
    let mut lines = BufReader::new(second.stderr.take().unwrap()).lines();
    let waiting = lines
        .by_ref()
        .map(Result::unwrap)
        .find(|line| line.starts_with("Another apply of this account is running"))
        .expect("the second apply says it waits");
    assert!(
        waiting.contains(&format!("(pid {} on host ", first.id())),
        "{waiting}"
    );
    finish(&account, first);
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(second.wait().unwrap().success(), "{rest:?}");
    assert_eq!(
        account.emulator.mutating_requests().len(),
        SHOP_MUTATIONS,
        "only the first apply wrote: {:?}",
        account.mutations()
    );
    account.assert_shop_without_duplicates();
}

#[cfg(unix)]
#[test]
fn a_cache_directory_others_can_write_is_not_used_for_the_lock() {
    use std::os::unix::fs::PermissionsExt;
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let cache = account.path("cache");
    std::fs::create_dir(&cache).unwrap();
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o777)).unwrap();
    let output = account.apply_ok(&["--auto-approve"]);
    let err = stderr(&output);
    assert!(
        err.contains(
            "its directory cannot be trusted: group or others may write to it (mode 777); this apply runs without the lock"
        ),
        "{err}"
    );
    assert!(!cache.join("apply-wx1234567890abcdef.lock").exists());
    account.assert_shop_without_duplicates();
}

#[cfg(unix)]
#[test]
fn a_lock_file_planted_as_a_symbolic_link_is_never_written_through() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let cache = account.path("cache");
    std::fs::create_dir(&cache).unwrap();
    let victim = account.path("victim");
    std::fs::write(&victim, "keep me").unwrap();
    std::os::unix::fs::symlink(&victim, cache.join("apply-wx1234567890abcdef.lock")).unwrap();
    let output = account.apply_ok(&["--auto-approve"]);
    assert!(
        stderr(&output).contains("cannot be used: it is a symbolic link"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
}

#[test]
fn the_wait_is_bounded_to_a_day() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let output = account.apply(&["--auto-approve", "--lock-timeout", "86401"]);
    assert_eq!(code(&output), 64, "{}", both(&output));
    assert!(
        stderr(&output).contains("--lock-timeout"),
        "{}",
        stderr(&output)
    );
    let output = account
        .wxform()
        .args(["apply", "--auto-approve"])
        .env("WXFORM_LOCK_TIMEOUT", "soon")
        .output()
        .unwrap();
    assert_eq!(code(&output), 64, "{}", both(&output));
    assert!(account.emulator.requests().is_empty());
}
