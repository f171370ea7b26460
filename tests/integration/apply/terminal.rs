//! The confirmation prompt on a real terminal, through `script(1)` from util-linux, which runs
//! the command on a pseudo-terminal and types what it reads from its own stdin.

use super::{Account, SHOP_YAML, code};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `wxform apply` on a terminal where `typed` is typed; `None` when `script` is not installed.
fn apply_on_terminal(account: &Account, typed: &str) -> Option<Output> {
    let wxform = account.wxform();
    let mut script = Command::new("script");
    script
        .args(["--quiet", "--return", "--command"])
        .arg(format!(
            "'{}' apply",
            wxform.get_program().to_string_lossy()
        ))
        .arg("/dev/null")
        .current_dir(account.dir())
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in wxform.get_envs() {
        if let Some(value) = value {
            script.env(key, value);
        }
    }
    let mut child = script.spawn().ok()?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(typed.as_bytes())
        .unwrap();
    Some(child.wait_with_output().unwrap())
}

#[test]
#[allow(clippy::print_stderr)] // says why nothing was tested
fn yes_on_the_terminal_applies_and_anything_else_cancels() {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    let Some(output) = apply_on_terminal(&account, "no\n") else {
        eprintln!("script(1) is not installed: the terminal prompt is not tested");
        return;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(code(&output), 1, "{text}");
    assert!(text.contains("Only 'yes' is accepted"), "{text}");
    assert!(text.contains("apply cancelled"), "{text}");
    assert!(account.emulator.mutating_requests().is_empty());

    let output = apply_on_terminal(&account, "yes\n").unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(code(&output), 0, "{text}");
    assert!(text.contains("Apply complete"), "{text}");
    account.assert_shop_without_duplicates();
}
