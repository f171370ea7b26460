//! `wxform validate`: every WeChat rule, malformed files, output streams, exit codes, GitHub
//! annotations, the examples and the committed JSON Schema.

mod conditional;
mod corpus;
mod formats;
mod malformed;
mod menu;
mod output;
mod sections;
mod shape;
mod yaml_syntax;

use crate::support::run::{Run, run_in};

/// A default menu that breaks no rule; cases append to it.
pub const MENU: &str = "version: 1
menu:
  button:
    - { name: 首页, type: view, url: \"https://example.com/\" }
";

/// Runs `wxform validate` (default file) in a directory holding `yaml` as wxform.yaml.
pub fn validate_yaml(yaml: impl AsRef<str>) -> Run {
    validate_bytes(yaml.as_ref().as_bytes(), &[])
}

pub fn validate_bytes(bytes: &[u8], env: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), bytes).unwrap();
    run_in(dir.path(), &["validate"], env)
}

/// A config that breaks exactly one rule: exit 1, nothing on stdout, one error pointing at
/// `wxform.yaml:LINE:COL`, and the rendered diagnostic pinned by a snapshot.
macro_rules! rejects {
    ($name:ident, $yaml:expr, $at:literal) => {
        #[test]
        fn $name() {
            let run = $crate::validate::validate_yaml($yaml);
            assert_eq!(run.code, Some(1), "{}", run.stderr);
            assert_eq!(run.stdout, "");
            assert!(
                run.stderr.contains(concat!("--> wxform.yaml:", $at, "\n")),
                "expected a diagnostic at {}:\n{}",
                $at,
                run.stderr
            );
            assert!(
                run.stderr.ends_with("wxform.yaml: 1 error\n"),
                "expected exactly one error:\n{}",
                run.stderr
            );
            insta::assert_snapshot!(run.stderr);
        }
    };
}
pub(crate) use rejects;

/// A config that WeChat may well accept but that has one doubtful point: exit 0, nothing on
/// stdout, one warning pointing at `wxform.yaml:LINE:COL`, the file confirmed valid, and the
/// rendered diagnostic pinned by a snapshot.
macro_rules! warns {
    ($name:ident, $yaml:expr, $at:literal) => {
        #[test]
        fn $name() {
            let run = $crate::validate::validate_yaml($yaml);
            assert_eq!(run.code, Some(0), "{}", run.stderr);
            assert_eq!(run.stdout, "");
            assert!(
                run.stderr.starts_with("warning: ")
                    && run.stderr.contains(concat!("--> wxform.yaml:", $at, "\n")),
                "expected a warning at {}:\n{}",
                $at,
                run.stderr
            );
            assert!(
                run.stderr
                    .contains("\nwxform.yaml: 1 warning\nwxform.yaml is valid: "),
                "expected exactly one warning:\n{}",
                run.stderr
            );
            insta::assert_snapshot!(run.stderr);
        }
    };
}
pub(crate) use warns;
