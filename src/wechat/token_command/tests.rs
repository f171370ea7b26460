//! The token command: what counts as a token, the stderr an error shows, running a program to
//! its end or its time limit, and the errors of `run`, which never quote stdout.

use super::output::{Problem, stderr_excerpt, token};
use super::process::{Captured, Ending, Keep};
use super::*;

const TOKEN: &str = "87_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_.~";

fn captured(bytes: &[u8]) -> Captured {
    Captured {
        bytes: bytes.to_vec(),
        total: bytes.len() as u64,
    }
}

#[test]
fn a_token_is_one_trimmed_line_of_token_characters() {
    for printed in [
        format!("{TOKEN}\n"),
        format!("  {TOKEN}\r\n\n"),
        TOKEN.to_string(),
    ] {
        assert_eq!(
            token(&captured(printed.as_bytes())),
            Ok(TOKEN),
            "{printed:?}"
        );
    }
    let long = "a".repeat(2048);
    assert_eq!(token(&captured(long.as_bytes())), Ok(long.as_str()));
}

#[test]
fn anything_else_is_named_without_being_quoted() {
    let cases: [(&[u8], Problem); 9] = [
        (b"", Problem::Empty),
        (b" \n\r\n", Problem::Empty),
        (
            b"first-line-0123456789\nsecond-line-0123456789\n",
            Problem::Lines(2),
        ),
        (b"one\n\ntwo\nthree", Problem::Lines(4)),
        (b"Bearer 0123456789abcdef0123", Problem::NotAToken),
        (
            b"{\"access_token\":\"0123456789abcdef\"}",
            Problem::NotAToken,
        ),
        (b"0123456789abcde", Problem::NotAToken),
        (b"0123456789abcdef\xff", Problem::NotText),
        (b"0123456789abcdef=", Problem::NotAToken),
    ];
    for (printed, problem) in cases {
        assert_eq!(token(&captured(printed)), Err(problem), "{printed:?}");
    }
    assert_eq!(
        token(&captured("a".repeat(2049).as_bytes())),
        Err(Problem::NotAToken)
    );
    let cut = Captured {
        bytes: TOKEN.as_bytes().to_vec(),
        total: 1 << 20,
    };
    assert_eq!(token(&cut), Err(Problem::TooLarge));
    assert_eq!(
        Problem::Lines(2).printed(),
        "printed 2 lines on stdout",
        "the words say what, never which"
    );
}

#[test]
fn an_output_keeps_its_head_or_its_tail_and_counts_the_rest() {
    let mut head = Captured::default();
    let mut tail = Captured::default();
    for chunk in [&b"abcd"[..], b"efgh", b"ij"] {
        head.add(chunk, Keep::Head(5));
        tail.add(chunk, Keep::Tail(5));
    }
    assert_eq!((head.bytes.as_slice(), head.total), (&b"abcde"[..], 10));
    assert_eq!((tail.bytes.as_slice(), tail.total), (&b"fghij"[..], 10));
    assert!(head.cut() && tail.cut() && !captured(b"x").cut());
}

#[test]
fn stderr_shows_its_last_lines_scrubbed_cut_and_inert() {
    assert_eq!(stderr_excerpt(&captured(b" \n\n")), None);
    assert_eq!(
        stderr_excerpt(&captured(b"curl: (7) refused\n")).unwrap(),
        "its stderr:\n  curl: (7) refused"
    );
    let secret = "stderr-secret-5f4e3d2c1b0a";
    crate::redact::register(secret);
    let lines = format!(
        "1\n2\n3\nkey {secret}\n::error::fake\n\u{1b}[31mred\n{}\n",
        "x".repeat(400)
    );
    let excerpt = stderr_excerpt(&captured(lines.as_bytes())).unwrap();
    let shown: Vec<&str> = excerpt.lines().collect();
    assert_eq!(shown[0], "the last 5 lines of its stderr:");
    assert_eq!(shown[1], "  3");
    assert_eq!(shown[2], "  key ***");
    assert_eq!(shown[3], "  :\\:error:\\:fake");
    assert_eq!(shown[4], "  \\u{1b}[31mred");
    assert_eq!(shown[5], format!("  {}…", "x".repeat(300)));
}

#[test]
fn a_program_with_a_slash_is_found_from_the_configuration_s_folder() {
    let folder = Path::new("/repo/accounts");
    assert_eq!(
        program("./bin/token", folder),
        Path::new("/repo/accounts/./bin/token")
    );
    assert_eq!(
        program("../bin/token", folder),
        Path::new("/repo/accounts/../bin/token")
    );
    assert_eq!(
        program("platform-token", folder),
        Path::new("platform-token")
    );
    assert_eq!(
        program("/usr/bin/token", folder),
        Path::new("/usr/bin/token")
    );
    let here = std::env::current_dir().unwrap();
    assert_eq!(folder_of("wxform.yaml"), here);
    assert_eq!(folder_of("accounts/shop.yaml"), here.join("accounts"));
    assert_eq!(folder_of("/srv/wxform.yaml"), Path::new("/srv"));
}

fn folder_of(config: &str) -> PathBuf {
    super::folder(Path::new(config))
}

#[cfg(unix)]
mod running {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A command running the shell script `script`, saved as `./token.sh` beside a
    /// configuration in a fresh folder.
    fn script(script: &str) -> (tempfile::TempDir, TokenCommand) {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("token.txt");
        std::fs::write(&source, format!("#!/bin/sh\n{script}\n")).unwrap();
        // Made executable by a copy in another process: a file this process wrote may still be
        // open for writing in a child another test thread is forking, and running it would
        // fail (ETXTBSY).
        let copied = Command::new("cp")
            .arg(&source)
            .arg(dir.path().join("token.sh"))
            .status()
            .unwrap();
        assert!(copied.success());
        let path = dir.path().join("token.sh");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        let command = TokenCommand {
            argv: vec!["./token.sh".into(), "wx1234567890abcdef".into()],
            config: dir.path().join("wxform.yaml"),
        };
        (dir, command)
    }

    fn sh(script: &str, timeout: Duration) -> process::Finished {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        process::run(command, timeout, Keep::Head(64), Keep::Tail(64)).unwrap()
    }

    #[test]
    fn a_program_runs_to_its_end_with_both_outputs_kept() {
        let finished = sh("echo out; echo err >&2; exit 3", Duration::from_secs(600));
        assert!(matches!(finished.ending, Ending::Exited(status) if status.code() == Some(3)));
        assert_eq!(finished.stdout.bytes, b"out\n");
        assert_eq!(finished.stderr.bytes, b"err\n");
    }

    #[test]
    fn a_program_past_its_time_limit_is_killed_with_what_it_started() {
        let finished = sh("echo started >&2; sleep 600", Duration::from_millis(200));
        assert_eq!(finished.ending, Ending::TimedOut { exited: false });
        assert_eq!(finished.stderr.bytes, b"started\n");
        // The shell exits at once; the sleep it started keeps stdout open.
        let finished = sh("sleep 600 & echo token", Duration::from_millis(200));
        assert_eq!(finished.ending, Ending::TimedOut { exited: true });
    }

    #[test]
    fn stdin_is_closed_and_the_program_runs_in_the_configuration_s_folder() {
        let (dir, command) = script(&format!(
            "read line && exit 9\n[ \"$1\" = wx1234567890abcdef ] && [ -f wxform.yaml ] && echo {TOKEN}"
        ));
        std::fs::write(dir.path().join("wxform.yaml"), "").unwrap();
        let token = run(&command, Duration::from_secs(600)).unwrap();
        assert_eq!(token.expose(), TOKEN);
    }

    #[test]
    fn errors_name_the_program_and_show_stderr_never_stdout() {
        let printed = "two-lines-secret-0a1b2c3d4e5f";
        let (_dir, command) = script(&format!("echo {printed}\necho {printed}-2"));
        let err = run(&command, Duration::from_secs(600)).unwrap_err();
        assert_eq!(
            err,
            "account.token_command `./token.sh` printed 2 lines on stdout; it must print the access token alone, on one line (what it printed is not shown: it may hold a secret); it wrote nothing to stderr"
        );
        assert_eq!(
            crate::redact::scrub(&format!("{printed} {printed}-2")),
            "*** ***",
            "what it printed is a secret from now on"
        );

        let (_dir, command) = script(&format!(
            "echo {TOKEN}; echo \"refused {TOKEN}\" >&2; exit 3"
        ));
        let err = run(&command, Duration::from_secs(600)).unwrap_err();
        assert_eq!(
            err,
            "account.token_command `./token.sh` failed (exit status: 3); its stderr:\n  refused ***"
        );

        let (_dir, command) = script("sleep 600");
        let err = run(&command, Duration::from_secs(1)).unwrap_err();
        assert!(
            err.starts_with("account.token_command `./token.sh` did not finish within 1 s; it was stopped, with the processes it started (WXFORM_TOKEN_COMMAND_TIMEOUT_SECS sets the time limit in seconds)"),
            "{err}"
        );
    }

    #[test]
    fn a_program_that_cannot_start_says_where_it_was_looked_for() {
        let (dir, mut command) = script("");
        command.argv[0] = "./bin/missing".into();
        let err = run(&command, Duration::from_secs(600)).unwrap_err();
        let folder = std::path::absolute(dir.path()).unwrap();
        assert!(
            err.starts_with("account.token_command `./bin/missing` could not be started: "),
            "{err}"
        );
        assert!(
            err.ends_with(&format!(
                "(a program named with a `/` is found from the configuration file's folder, {})",
                folder.display()
            )),
            "{err}"
        );
        command.argv[0] = "wxform-no-such-token-program".into();
        let err = run(&command, Duration::from_secs(600)).unwrap_err();
        assert!(
            err.ends_with("(a program named without a `/` is looked up on PATH)"),
            "{err}"
        );
    }
}
