//! `wxform fmt -`: standard input to standard output, for editors.

use super::{MESSY, TIDY, run_with_stdin};
use crate::support::run::{contains, run_in};

#[test]
fn stdin_is_formatted_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_with_stdin(dir.path(), &["fmt", "-"], MESSY.as_bytes());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, TIDY);
    assert_eq!(run.stderr, "");
    assert!(!dir.path().join("wxform.yaml").exists());
}

#[test]
fn stdin_can_be_checked() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_with_stdin(dir.path(), &["fmt", "--check", "-"], TIDY.as_bytes());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let run = run_with_stdin(dir.path(), &["fmt", "--check", "-"], MESSY.as_bytes());
    assert_eq!(run.code, Some(1));
    assert!(
        run.stdout.starts_with("--- <stdin>\n+++ <stdin>\n@@ "),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "error: <stdin> is not formatted\n");
}

#[test]
fn refused_stdin_prints_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_with_stdin(dir.path(), &["fmt", "-"], b"version: 1\nmenu: [\n");
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    contains(&run.stderr, "--> <stdin>:");
    let run = run_with_stdin(dir.path(), &["fmt", "-"], b"version: 1\n# caf\xe9\n");
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "error: cannot read <stdin>: it is not UTF-8 text (line 2); WeChat needs UTF-8, so save the file as UTF-8\n"
    );
}

#[test]
fn stdin_goes_alone() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["fmt", "-", "wxform.yaml"], &[]);
    assert_eq!(run.code, Some(64));
    contains(&run.stderr, "`-` (stdin) is formatted on its own");
}
