//! The shipped `wxform-emulator` binary, run as a newcomer runs it: the README's local loop
//! (`readme_loop`), a command run with the settings (`command`), seeds and options
//! (`seeding`), and the errors it reports (`errors`). Unix only: the tests stop it with
//! SIGTERM and run the README's lines in `sh`.

#![cfg(unix)]

mod command;
mod errors;
mod readme_loop;
mod seeding;

use crate::support::run::repo;
use std::path::Path;
use tempfile::TempDir;

/// A working directory holding a copy of `examples/shop.yaml` and `examples/shop.live.json`
/// under `examples/`, as a checkout does: the README's commands name them so.
fn checkout() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let examples = dir.path().join("examples");
    std::fs::create_dir(&examples).unwrap();
    for file in ["shop.yaml", "shop.live.json"] {
        std::fs::copy(repo().join("examples").join(file), examples.join(file)).unwrap();
    }
    dir
}

/// The arguments of the README's `wxform-emulator` line, without its `-- $SHELL`.
fn readme_emulator_args() -> Vec<String> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|line| line.starts_with("wxform-emulator "))
        .expect("the README starts wxform-emulator");
    let line = line.strip_suffix(" -- $SHELL").expect("in a shell");
    assert!(
        !line.contains(['\'', '"', '$', '\\']),
        "plain words, read here without a shell: {line}"
    );
    line.split_whitespace().skip(1).map(String::from).collect()
}

fn borrowed(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// Whether `path` is gone, as the emulator's token cache must be once it stops.
fn gone(path: &str) -> bool {
    !Path::new(path).exists()
}
