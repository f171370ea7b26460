//! The `wxform` binary: parse the command line, run the command, map the result to an exit code.
//!
//! Errors print once, on stderr, with their causes and without a backtrace; a broken pipe on
//! stdout (`wxform plan | head`) is not an error.

#![allow(clippy::print_stderr)]

use clap::Parser;
use std::process::ExitCode;
use wxform::cli::Cli;
use wxform::commands::{self, Outcome, Reported, UsageError};
use wxform::{inert, redact};

/// Exit code for a usage error; clap's own 2 would collide with "plan found changes".
const EXIT_USAGE: u8 = 64;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match commands::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Changes) => ExitCode::from(2),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if err.is::<Reported>() => ExitCode::FAILURE,
        Err(err) if err.is::<UsageError>() => {
            eprintln!("error: {}", inert::lines(&redact::scrub(&err.to_string())));
            ExitCode::from(EXIT_USAGE)
        }
        Err(err) => {
            // The causes may quote WeChat, a proxy or a file: scrubbed, then made inert.
            eprintln!(
                "error: {}",
                inert::lines(&redact::scrub(&format!("{err:#}")))
            );
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
