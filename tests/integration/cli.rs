//! The command-line contract: exit codes, usage errors, help.

use crate::support::run::{stderr, stdout, wxform};

#[test]
fn usage_error_exits_64() {
    let output = wxform().arg("frobnicate").output().unwrap();
    assert_eq!(output.status.code(), Some(64));
    assert!(stderr(&output).contains("frobnicate"));
}

#[test]
fn help_exits_0_and_lists_every_command() {
    let output = wxform().arg("--help").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    for command in [
        "validate", "plan", "apply", "export", "outputs", "schema", "doctor", "test",
    ] {
        assert!(help.contains(command), "--help lists {command}");
    }
}

#[test]
fn completions_for_bash_mention_subcommands() {
    let output = wxform().args(["completions", "bash"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("validate"));
}

#[test]
fn long_help_of_the_main_commands_shows_examples() {
    for command in ["validate", "plan", "apply", "export", "test"] {
        let output = wxform().args([command, "--help"]).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        let help = stdout(&output);
        assert!(help.contains("Examples:"), "{command} --help:\n{help}");
        assert!(help.contains(&format!("wxform {command}")), "{help}");
    }
}
