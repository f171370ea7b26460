//! `account.token_command`: the access token printed by a program, the way `git` credential
//! helpers and kubectl exec plugins hand over theirs, for a central token service or a
//! third-party platform (an authorizer's token).
//!
//! The program runs without a shell, in the folder of the configuration file that names it (a
//! program named with a `/` is found from there, a bare name on PATH), with wxform's
//! environment, stdin closed, for at most [`super::settings::ENV_TOKEN_COMMAND_TIMEOUT_SECS`]
//! (30 s unless set), then killed with what it started (`process`). Its stdout must be the
//! token alone, on one line; whatever it printed is registered as a secret before anything is
//! said, and an error describes it without ever quoting it (`output`). Its stderr is kept and
//! shown only when it fails: the last lines, scrubbed and inert.

mod output;
mod process;
#[cfg(test)]
mod tests;

use super::credentials::Secret;
use super::settings::ENV_TOKEN_COMMAND_TIMEOUT_SECS;
use crate::inert;
use crate::log;
use crate::model::TokenCommand;
use crate::progress::{self, Wait};
use process::{Captured, Ending, Keep};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Where a value the command printed came from, as data checks name it.
pub(super) const SOURCE: &str = "the output of account.token_command";

/// Runs `command` for at most `timeout` and returns the token it printed; else why not, in
/// words that never quote its stdout, with the end of its stderr.
pub(super) fn run(command: &TokenCommand, timeout: Duration) -> Result<Secret, String> {
    let named = format!("account.token_command `{}`", inert::text(command.program()));
    let folder = folder(&command.config);
    let program = program(command.program(), &folder);
    let mut process = Command::new(&program);
    process
        .args(command.argv.iter().skip(1))
        .current_dir(&folder);
    log::debug(|| format!("token: running {named} in {}", folder.display()));
    let started = Instant::now();
    let running = progress::begin(Wait::TokenCommand {
        config: command.config.display().to_string(),
    });
    let finished = process::run(
        process,
        timeout,
        Keep::Head(output::MAX_STDOUT_BYTES),
        Keep::Tail(output::MAX_STDERR_BYTES),
    )
    .map_err(|err| not_started(&named, command.program(), &folder, &err))?;
    drop(running);
    // Whatever it printed may be a secret, a token or not: known as one before anything is said.
    for line in output::secret_lines(&finished.stdout) {
        crate::redact::register_as(&line, SOURCE);
    }
    let failure = match finished.ending {
        Ending::TimedOut { exited } => timed_out(&named, exited, timeout),
        Ending::Exited(status) if !status.success() => format!("{named} failed ({status})"),
        Ending::Exited(_) => match output::token(&finished.stdout) {
            Ok(token) => {
                log::debug(|| {
                    format!(
                        "token: {named} printed a token in {} ms",
                        started.elapsed().as_millis()
                    )
                });
                return Ok(Secret::new(token));
            }
            Err(problem) => format!(
                "{named} {}; it must print the access token alone, on one line (what it printed is not shown: it may hold a secret)",
                problem.printed()
            ),
        },
    };
    Err(with_stderr(failure, &finished.stderr))
}

/// The folder the command runs in: that of the configuration file naming it, as an absolute
/// path (a relative program is found from it, whatever the platform makes of a relative
/// program and a working directory together).
fn folder(config: &Path) -> PathBuf {
    let folder = config
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf())
}

/// The program to start: a name with a path separator from `folder`, a bare name as it is
/// (looked up on PATH).
fn program(name: &str, folder: &Path) -> PathBuf {
    let path = Path::new(name);
    if path.is_absolute() || !name.contains(['/', std::path::MAIN_SEPARATOR]) {
        path.to_path_buf()
    } else {
        folder.join(path)
    }
}

fn not_started(named: &str, program: &str, folder: &Path, err: &std::io::Error) -> String {
    let hint = if !program.contains(['/', std::path::MAIN_SEPARATOR]) {
        "a program named without a `/` is looked up on PATH".to_string()
    } else if Path::new(program).is_absolute() {
        "check that it exists and is executable".to_string()
    } else {
        format!(
            "a program named with a `/` is found from the configuration file's folder, {}",
            inert::text(&folder.display().to_string())
        )
    };
    format!("{named} could not be started: {err} ({hint})")
}

fn timed_out(named: &str, exited: bool, timeout: Duration) -> String {
    let secs = timeout.as_secs();
    let what = if exited {
        format!("exited, but something it started kept its output open for {secs} s")
    } else {
        format!("did not finish within {secs} s")
    };
    format!(
        "{named} {what}; it was stopped, with the processes it started ({ENV_TOKEN_COMMAND_TIMEOUT_SECS} sets the time limit in seconds)"
    )
}

/// `failure`, then the end of what the command wrote to stderr, on indented lines.
fn with_stderr(failure: String, stderr: &Captured) -> String {
    match output::stderr_excerpt(stderr) {
        Some(excerpt) => format!("{failure}; {excerpt}"),
        None => format!("{failure}; it wrote nothing to stderr"),
    }
}
