//! `wxform fmt --check`: nothing written, the diff on stdout, exit 1 when a file is not
//! formatted and 0 when all are; the repository's examples are canonical.

use super::{MESSY, TIDY, dir_with};
use crate::support::run::{contains, repo, run_in};

#[test]
fn a_formatted_file_passes_with_nothing_on_stdout() {
    let dir = dir_with(TIDY);
    let run = run_in(dir.path(), &["fmt", "--check"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "wxform.yaml is formatted.\n");
}

#[test]
fn an_unformatted_file_fails_with_its_diff_and_is_not_touched() {
    let dir = dir_with(MESSY);
    let run = run_in(dir.path(), &["fmt", "--check"], &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: wxform.yaml is not formatted: `wxform fmt wxform.yaml` formats it\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wxform.yaml")).unwrap(),
        MESSY
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn the_diff_applies_as_a_patch() {
    let dir = dir_with(MESSY);
    let run = run_in(dir.path(), &["fmt", "--check"], &[]);
    std::fs::write(dir.path().join("fmt.diff"), &run.stdout).unwrap();
    let patch = std::process::Command::new("patch")
        .current_dir(dir.path())
        .args(["-p0", "--quiet", "-i", "fmt.diff"])
        .status();
    match patch {
        Ok(status) => {
            assert!(status.success());
            assert_eq!(
                std::fs::read_to_string(dir.path().join("wxform.yaml")).unwrap(),
                TIDY
            );
        }
        // No `patch` on this machine: the diff's shape is pinned by the snapshot anyway.
        Err(err) => assert_eq!(err.kind(), std::io::ErrorKind::NotFound),
    }
}

#[test]
fn the_diff_is_coloured_line_by_line_when_asked() {
    let dir = dir_with(MESSY);
    let run = run_in(dir.path(), &["fmt", "--check", "--color", "always"], &[]);
    assert_eq!(run.code, Some(1));
    contains(
        &run.stdout,
        "\u{1b}[31m-menu:   # the default menu\u{1b}[0m\n",
    );
    contains(
        &run.stdout,
        "\u{1b}[32m+menu: # the default menu\u{1b}[0m\n",
    );
    contains(&run.stdout, "\u{1b}[36m@@ -1,16 +1,16 @@\u{1b}[0m\n");
}

#[test]
fn several_files_are_checked_and_the_unformatted_ones_named() {
    let dir = dir_with(TIDY);
    std::fs::write(dir.path().join("b.yaml"), MESSY).unwrap();
    std::fs::write(dir.path().join("c.yml"), MESSY).unwrap();
    let run = run_in(dir.path(), &["fmt", "--check", "."], &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: 2 files are not formatted (./b.yaml, ./c.yml): `wxform fmt ./b.yaml ./c.yml` formats them\n"
    );
    let files: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("+++ "))
        .collect();
    assert_eq!(files, ["+++ ./b.yaml", "+++ ./c.yml"], "{}", run.stdout);
    let dir = dir_with(TIDY);
    std::fs::write(dir.path().join("b.yaml"), TIDY).unwrap();
    let run = run_in(
        dir.path(),
        &["fmt", "--check", "wxform.yaml", "b.yaml"],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "All 2 files are formatted.\n");
}

#[test]
fn the_examples_are_canonical() {
    let run = run_in(repo(), &["fmt", "--check", "examples/"], &[]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn a_refused_file_fails_the_check_with_its_diagnostics() {
    let dir = dir_with("version: 1\nmenu:\n  button: [\n");
    let run = run_in(dir.path(), &["fmt", "--check"], &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    contains(
        &run.stderr,
        "error: this `[` is never closed\n --> wxform.yaml:3:11\n",
    );
}
