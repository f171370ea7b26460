//! Runs the built `wxform` binary with a clean, machine-independent environment.

use std::path::Path;
use std::process::{Command, Output};

/// The repository's root (the crate's manifest directory).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A `wxform` command with no inherited WeChat credentials, no colour and no backtraces.
pub fn wxform() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wxform"));
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", "")
        .env("RUST_BACKTRACE", "0")
        .env("NO_COLOR", "1");
    command
}

/// Runs `wxform` with `args` in `dir`.
pub fn wxform_in(dir: &Path, args: &[&str]) -> Output {
    wxform()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the wxform binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
