//! `wxform-emulator -- COMMAND`: the command runs with the settings in its environment (a token
//! from the caller's environment emptied), the emulator stops when it exits and passes its exit
//! code on, 128+N for a signal, SIGTERM sent to the emulator reaches the command, and a
//! command that cannot run is named.

use super::gone;
use crate::support::served::emulator_command;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

#[test]
fn the_command_runs_with_the_settings_and_its_exit_code_is_the_emulators() {
    let script = r#"printf '%s\n' "$WXFORM_API_BASE" "$WECHAT_APPID" "[$WECHAT_ACCESS_TOKEN]" "$WXFORM_CACHE_DIR"
test -d "$WXFORM_CACHE_DIR" && exit 7"#;
    let output = emulator_command()
        .env("WECHAT_ACCESS_TOKEN", "a-production-token")
        .args(["--", "sh", "-c", script])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(7), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("http://127.0.0.1:"), "{stdout}");
    assert_eq!(lines[1..3], ["wx1234567890abcdef", "[]"]);
    assert!(gone(lines[3]), "the token cache is removed once it stops");
    assert!(!stdout.contains("a-production-token"));
}

#[test]
fn a_command_ended_by_a_signal_gives_128_plus_the_signal() {
    let output = emulator_command()
        .args(["--", "sh", "-c", "kill -KILL $$"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(128 + 9));
}

#[test]
fn sigterm_sent_to_the_emulator_reaches_the_command() {
    use rustix::process::{Pid, Signal, kill_process};
    let mut child = emulator_command()
        .args(["--", "sh", "-c", "echo ready; exec sleep 600"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut ready = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut ready)
        .unwrap();
    assert_eq!(ready, "ready\n");
    let pid = Pid::from_raw(child.id() as i32).unwrap();
    kill_process(pid, Signal::TERM).unwrap();
    // `sleep` was told to stop: had it not been, this would wait for it.
    assert_eq!(child.wait().unwrap().code(), Some(128 + 15));
}

#[test]
fn a_command_that_cannot_be_run_is_named_once() {
    let output = emulator_command()
        .args(["--", "no-such-command-anywhere"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(127), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error")).collect();
    assert_eq!(
        errors,
        [
            "wxform-emulator: error: cannot run no-such-command-anywhere: No such file or directory (os error 2)"
        ]
    );
    assert!(output.stdout.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let output = emulator_command()
        .args(["--"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(126), "a directory cannot be run");
}
