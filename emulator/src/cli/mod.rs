//! The `wxform-emulator` binary: an emulated account on 127.0.0.1 that wxform can be pointed
//! at, to try every command without WeChat.
//!
//! It starts the emulator (seeded from a wxform snapshot, with followers for trymatch), then
//! either prints the settings and serves until a signal stops it, or runs a command with the
//! settings in its environment until it exits. Errors print once, on stderr; stdout carries
//! the settings only.

mod args;
mod launch;
mod settings;
mod wait;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use args::Args;
pub use settings::{Settings, shell_quote};

/// Exit code for a usage error, as wxform's.
const EXIT_USAGE: u8 = 64;

/// Parses the command line, runs, and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let code = if err.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err((code, message)) => {
            let _ = writeln!(std::io::stderr(), "wxform-emulator: error: {message}");
            ExitCode::from(code)
        }
    }
}

fn run(args: &Args) -> Result<u8, (u8, String)> {
    let fail = |message: String| (1, message);
    let waiter = wait::Waiter::new().map_err(|e| fail(format!("cannot wait for signals: {e}")))?;
    let launched = launch::launch(args).map_err(fail)?;
    let settings = &launched.settings;
    let mut stderr = std::io::stderr();
    if args.command.is_empty() {
        print_settings(settings).map_err(|e| fail(format!("cannot write the settings: {e}")))?;
        let _ = writeln!(
            stderr,
            "wxform-emulator: an emulated account (not WeChat) at {}; Ctrl-C stops it",
            settings.api_base
        );
        waiter.until_stopped();
        return Ok(0);
    }
    let _ = writeln!(
        stderr,
        "wxform-emulator: an emulated account (not WeChat) at {}, until {} exits",
        settings.api_base,
        args.command[0].to_string_lossy()
    );
    let variables = settings.variables();
    waiter
        .run_command(&args.command, &variables)
        .map_err(|failure| (failure.code, failure.message))
}

/// The settings on stdout, flushed at once: whoever reads them waits for nothing else. A
/// reader that hung up after reading them is no reason to stop serving.
fn print_settings(settings: &Settings) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(settings.lines().as_bytes())
        .and_then(|()| stdout.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
