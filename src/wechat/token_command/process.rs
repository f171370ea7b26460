//! Running a program to its end or its time limit, whatever it does: stdin closed, stdout and
//! stderr read on threads of their own (so that neither pipe can fill and stall it) and kept
//! only up to a bound, and on timeout the program killed with every process it started that
//! stayed in its process group (on Unix it is started as the leader of a group of its own).
//!
//! After a kill nothing waits for the pipes to close: a process that left the group may still
//! hold them, and what was read by then is all there is.

use crate::mutex::lock;
use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ending {
    /// The program exited and closed its output.
    Exited(ExitStatus),
    /// The time limit passed and the program's group was killed. `exited`: the program itself
    /// had ended, but something it started still held its output open.
    TimedOut { exited: bool },
}

/// What a program wrote to one of its outputs: the part kept, and how much it wrote in all.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Captured {
    pub(super) bytes: Vec<u8>,
    pub(super) total: u64,
}

/// Which part of an output is kept: its start (the token is all of it) or its end (the last
/// lines of stderr say why a program failed).
#[derive(Debug, Clone, Copy)]
pub(super) enum Keep {
    Head(usize),
    Tail(usize),
}

impl Captured {
    pub(super) fn add(&mut self, chunk: &[u8], keep: Keep) {
        self.total += chunk.len() as u64;
        match keep {
            Keep::Head(max) => {
                let room = max.saturating_sub(self.bytes.len());
                self.bytes
                    .extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Keep::Tail(max) => {
                self.bytes.extend_from_slice(chunk);
                let over = self.bytes.len().saturating_sub(max);
                self.bytes.drain(..over);
            }
        }
    }

    /// Whether more was written than kept.
    pub(super) fn cut(&self) -> bool {
        self.total > self.bytes.len() as u64
    }
}

/// A finished run.
#[derive(Debug)]
pub(super) struct Finished {
    pub(super) ending: Ending,
    pub(super) stdout: Captured,
    pub(super) stderr: Captured,
}

/// Runs `command` (its stdio is set here) for at most `timeout`, keeping `stdout` and `stderr`
/// of its outputs. An error: the program could not be started.
pub(super) fn run(
    mut command: Command,
    timeout: Duration,
    stdout: Keep,
    stderr: Keep,
) -> io::Result<Finished> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let deadline = Instant::now() + timeout;
    let mut child = command.spawn()?;
    let (done, closed) = mpsc::channel();
    let readers = [
        reader(child.stdout.take(), stdout, done.clone()),
        reader(child.stderr.take(), stderr, done),
    ];
    let ending = wait(&mut child, &closed, deadline);
    let [stdout, stderr] = readers.map(|captured| lock(&captured).clone());
    Ok(Finished {
        ending,
        stdout,
        stderr,
    })
}

/// Reads `source` to its end on a thread of its own, into what it returns; says so on `done`.
fn reader(
    source: Option<impl Read + Send + 'static>,
    keep: Keep,
    done: Sender<()>,
) -> Arc<Mutex<Captured>> {
    let captured = Arc::new(Mutex::new(Captured::default()));
    let Some(mut source) = source else {
        let _ = done.send(());
        return captured;
    };
    let into = Arc::clone(&captured);
    let read = move || {
        let mut chunk = [0u8; 8192];
        loop {
            match source.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => lock(&into).add(&chunk[..n], keep),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        let _ = done.send(());
    };
    // Without a thread the output goes unread: the program then ends by its time limit.
    let _ = std::thread::Builder::new()
        .name("wxform-token-command".into())
        .spawn(read);
    captured
}

/// Waits until both outputs are closed and the program has exited, or until `deadline`, when
/// the program's group is killed.
fn wait(child: &mut Child, closed: &Receiver<()>, deadline: Instant) -> Ending {
    for _ in 0..2 {
        let left = deadline.saturating_duration_since(Instant::now());
        match closed.recv_timeout(left) {
            Ok(()) | Err(RecvTimeoutError::Disconnected) => {}
            Err(RecvTimeoutError::Timeout) => return kill(child),
        }
    }
    // Outputs closed: the program has normally exited too, unless it closed them itself.
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ending::Exited(status),
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(pause.min(deadline.saturating_duration_since(Instant::now())));
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Ok(None) | Err(_) => return kill(child),
        }
    }
}

/// Kills the program and what it started in its group, and reaps it.
fn kill(child: &mut Child) -> Ending {
    let exited = matches!(child.try_wait(), Ok(Some(_)));
    #[cfg(unix)]
    {
        let group = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
    Ending::TimedOut { exited }
}
