//! The hostile-input suite: wxform run as an attacker would feed it, in the places an attacker
//! controls in CI. Files from a pull request (FIFOs, devices, directories, symlinks into
//! `/proc` or to secrets, binary and oversized files), answers from the network (endless, huge
//! and dripping bodies), cross-wired credential variables, a token cache someone else can
//! write, `--out` targets that are devices, FIFOs or symlinks, and a live account whose names carry terminal escapes, workflow commands and
//! Markdown. Each test states a class of input and runs every reader of that class.
//!
//! It runs against the binary cargo built, or against another build named by
//! `WXFORM_TEST_BINARY` (`.ci/run` points it at the release build):
//! `WXFORM_TEST_BINARY=target/release/wxform cargo test --test integration hostile::`.

mod bodies;
mod cache;
mod credentials;
mod files;
mod markdown;
mod names;
mod outputs;
mod settings;

use crate::support::account::connect;
use crate::support::emulator::Emulator;
use crate::support::run::wxform;
use std::path::Path;
use std::process::{Command, Output};

/// `wxform` in `dir`, talking to `emulator` with its credentials, a private cache in `dir` and
/// no retry delay.
pub(crate) fn against(emulator: &Emulator, dir: &Path) -> Command {
    set_up(wxform(), emulator, dir)
}

/// `command` (a wxform command) set up as [`against`] sets one up.
pub(crate) fn set_up(mut command: Command, emulator: &Emulator, dir: &Path) -> Command {
    connect(&mut command, emulator, dir).env("WXFORM_RETRY_BASE_MS", "0");
    command
}

pub(crate) fn output(command: &mut Command) -> Output {
    command.output().expect("the wxform binary runs")
}
