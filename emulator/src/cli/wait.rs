//! How the binary waits: serving until a signal stops it, or running a command until it exits.
//!
//! SIGINT (Ctrl-C), SIGTERM and SIGHUP stop a served emulator cleanly: the server stops and the
//! token cache is removed. While a command runs, the terminal's Ctrl-C reaches the command
//! itself (it is in the same process group), so the emulator leaves SIGINT to it and keeps
//! serving until it exits; SIGTERM and SIGHUP sent to the emulator are passed on to it.

use std::ffi::OsString;
use std::process::ExitStatus;

use tokio::runtime::Runtime;

/// A signal that asks the emulator to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// Elsewhere than on Unix, only Ctrl-C exists.
#[cfg_attr(not(unix), allow(dead_code))]
enum Stop {
    Interrupt,
    Terminate,
    Hangup,
}

/// Why a command could not run: the message and the exit code (126, or 127 when not found).
pub struct CommandFailure {
    pub code: u8,
    pub message: String,
}

/// Listens for the stopping signals from the moment it is made, so that a signal sent as soon
/// as the settings are out is never missed (or left to its default action, which would skip
/// the cleanup).
pub struct Waiter {
    runtime: Runtime,
    stops: Stops,
}

impl Waiter {
    pub fn new() -> std::io::Result<Waiter> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let stops = runtime.block_on(async { Stops::new() })?;
        Ok(Waiter { runtime, stops })
    }

    /// Blocks until SIGINT, SIGTERM or SIGHUP (Ctrl-C elsewhere).
    pub fn until_stopped(mut self) {
        self.runtime.block_on(self.stops.next());
    }

    /// Runs `command` with `env` added to this process's environment and waits for it; its
    /// exit code, 128+N when signal N ended it.
    pub fn run_command(
        mut self,
        command: &[OsString],
        env: &[(&str, &str)],
    ) -> Result<u8, CommandFailure> {
        let shown = command[0].to_string_lossy().into_owned();
        let failure = |code, error: std::io::Error| CommandFailure {
            code,
            message: format!("cannot run {shown}: {error}"),
        };
        let stops = &mut self.stops;
        self.runtime.block_on(async {
            let mut child = tokio::process::Command::new(&command[0])
                .args(&command[1..])
                .envs(env.iter().copied())
                .spawn()
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => failure(127, e),
                    _ => failure(126, e),
                })?;
            loop {
                tokio::select! {
                    status = child.wait() => return Ok(status.map_or(1, exit_code)),
                    stop = stops.next() => pass_on(&child, stop),
                }
            }
        })
    }
}

/// Sends `stop` to the command, except Ctrl-C, which the terminal already sent it.
fn pass_on(child: &tokio::process::Child, stop: Stop) {
    #[cfg(unix)]
    {
        use rustix::process::{Pid, Signal, kill_process};
        let signal = match stop {
            Stop::Interrupt => return,
            Stop::Terminate => Signal::TERM,
            Stop::Hangup => Signal::HUP,
        };
        // `id()` is `None` once the command has been reaped: its pid may be another's by then.
        let pid = child.id().and_then(|id| Pid::from_raw(id as i32));
        if let Some(pid) = pid {
            let _ = kill_process(pid, signal);
        }
    }
    #[cfg(not(unix))]
    let _ = (child, stop);
}

fn exit_code(status: ExitStatus) -> u8 {
    if let Some(code) = status.code() {
        return code as u8;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return 128u8.wrapping_add(signal as u8);
        }
    }
    1
}

/// The signals that stop the emulator, as one stream.
struct Stops {
    #[cfg(unix)]
    signals: [tokio::signal::unix::Signal; 3],
    #[cfg(windows)]
    ctrl_c: tokio::signal::windows::CtrlC,
}

impl Stops {
    #[cfg(unix)]
    fn new() -> std::io::Result<Stops> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Stops {
            signals: [
                signal(SignalKind::interrupt())?,
                signal(SignalKind::terminate())?,
                signal(SignalKind::hangup())?,
            ],
        })
    }

    #[cfg(unix)]
    async fn next(&mut self) -> Stop {
        let [interrupt, terminate, hangup] = &mut self.signals;
        tokio::select! {
            _ = interrupt.recv() => Stop::Interrupt,
            _ = terminate.recv() => Stop::Terminate,
            _ = hangup.recv() => Stop::Hangup,
        }
    }

    #[cfg(windows)]
    fn new() -> std::io::Result<Stops> {
        Ok(Stops {
            ctrl_c: tokio::signal::windows::ctrl_c()?,
        })
    }

    #[cfg(windows)]
    async fn next(&mut self) -> Stop {
        self.ctrl_c.recv().await;
        Stop::Interrupt
    }
}
