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

/// The options each command's help (and man page) lists: `--api-base` where it calls WeChat,
/// `--color` where its output is coloured, neither on `schema` and `completions`.
#[test]
fn each_command_lists_only_the_options_it_uses() {
    let lists = |args: &[&str], option: &str| {
        let output = wxform().args(args).arg("--help").output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        stdout(&output).contains(option)
    };
    for command in [
        "plan", "apply", "export", "outputs", "preview", "doctor", "test",
    ] {
        assert!(lists(&[command], "--api-base <URL>"), "{command}");
        assert!(lists(&[command], "--color <WHEN>"), "{command}");
    }
    assert!(!lists(&["validate"], "--api-base"));
    assert!(lists(&["validate"], "--color <WHEN>"));
    assert!(lists(&["validate"], "--format <FORMAT>"));
    for command in [&["schema"][..], &["completions", "bash"]] {
        assert!(!lists(command, "--api-base"), "{command:?}");
        assert!(!lists(command, "--color"), "{command:?}");
    }
    let man =
        std::fs::read_to_string(crate::support::run::repo().join("docs/man/wxform-validate.1"))
            .unwrap();
    assert!(!man.contains("api\\-base"), "{man}");
}

/// Scripts that give `--api-base` or `--color` to every command keep working: after a command
/// that does not use them they are accepted and ignored.
#[test]
fn options_a_command_does_not_use_are_still_accepted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), "version: 1\n").unwrap();
    for args in [
        &["validate", "--api-base", "https://api2.weixin.qq.com"][..],
        &["--api-base", "https://api2.weixin.qq.com", "validate"],
        &[
            "schema",
            "--color",
            "never",
            "--api-base",
            "https://api2.weixin.qq.com",
        ],
        &["completions", "bash", "--color", "never"],
    ] {
        let output = wxform()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

/// `--api-base` before the command and after it both reach the account, and both win over
/// WXFORM_API_BASE.
#[test]
fn api_base_works_before_and_after_the_command() {
    use crate::support::account::{Account, closed_port_url};
    let account = Account::shop_applied();
    let base = account.emulator.base_url();
    let unreachable = closed_port_url();
    for args in [
        ["--api-base", base.as_str(), "plan"],
        ["plan", "--api-base", base.as_str()],
    ] {
        account.emulator.clear_requests();
        let run = account.run_with(&args, &[("WXFORM_API_BASE", &unreachable)]);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert!(
            account.emulator.request_count("/cgi-bin/menu/get") > 0,
            "{args:?} read the account"
        );
    }
    // After the command, it wins over the one before it.
    let run = account.run(&["--api-base", &unreachable, "plan", "--api-base", &base]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

/// `--color` before or after the command.
#[test]
fn color_works_before_and_after_the_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), "version: 2\n").unwrap();
    for args in [
        ["--color", "always", "validate"],
        ["validate", "--color", "always"],
    ] {
        let output = wxform()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(stderr(&output).contains('\u{1b}'), "{args:?}");
    }
    let output = wxform()
        .current_dir(dir.path())
        .args(["--color", "always", "validate", "--color", "never"])
        .output()
        .unwrap();
    assert!(
        !stderr(&output).contains('\u{1b}'),
        "the command's own wins"
    );
}
