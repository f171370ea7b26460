//! Progress while wxform waits: one line on stderr that says what it waits for (a retry and
//! its backoff, a slow answer, another apply's lock, the accounts of `plan DIR`, a token
//! command) once a wait
//! has lasted a threshold, so that a run is never silent for long and a fast run prints exactly
//! what it always printed.
//!
//! The client, the apply lock and the commands report waits here ([`begin`] gives an
//! [`Activity`], updated as the wait changes and ended when dropped); none of them prints. Like
//! the debug log ([`crate::log`]), this is one door to stderr below the command layer, and it
//! stays shut until the binary opens it ([`start`]): a library user or a unit test that never
//! starts it gets no output and no thread. On a terminal the line is redrawn in place with a
//! spinner; elsewhere (CI) it is written as plain lines, rate-limited (`draw`). Which waits show
//! is decided in `board`, from the time alone. stdout is never touched.
//!
//! `WXFORM_PROGRESS=off` turns it off; `WXFORM_PROGRESS_AFTER_MS` sets the threshold (default
//! one second; tests lower it to see lines, or raise it so that a loaded machine adds none).

#![allow(clippy::print_stderr)]

mod board;
mod draw;

pub use draw::Style;

use crate::mutex::lock;
use board::Board;
use draw::Drawer;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Turns the progress line off (`off`, `0`, `false` or `no`).
pub const ENV_PROGRESS: &str = "WXFORM_PROGRESS";

/// How long a wait lasts before it shows, in milliseconds.
pub const ENV_AFTER_MS: &str = "WXFORM_PROGRESS_AFTER_MS";

/// The default of [`ENV_AFTER_MS`]: a wait shows once it has lasted a second.
pub const DEFAULT_AFTER: Duration = Duration::from_secs(1);

/// What is being waited for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wait {
    /// A request to `endpoint` was sent; its answer has not come.
    Answer { endpoint: &'static str },
    /// A call failed and is tried again after `delay`: retry `retry` of `of`.
    Retry {
        endpoint: &'static str,
        delay: Duration,
        retry: u32,
        of: u32,
        /// What went wrong, in a few words (`errcode -1`, `connection dropped`).
        cause: String,
    },
    /// Another apply of the account holds the lock; `holder` says who, as the lock file does.
    Lock { holder: String },
    /// `plan` with several accounts: `done` of `total` planned.
    Planning { done: usize, total: usize },
    /// The `account.token_command` of the configuration file `config` runs.
    TokenCommand { config: String },
}

impl Wait {
    /// How long the wait will last, when that is known beforehand.
    fn expected(&self) -> Option<std::time::Duration> {
        match self {
            Wait::Retry { delay, .. } => Some(*delay),
            _ => None,
        }
    }

    /// The line for this wait, `so_far` into it.
    fn line(&self, so_far: Duration) -> String {
        match self {
            Wait::Answer { endpoint } => {
                format!(
                    "waiting for WeChat's answer to {endpoint} ({} so far)",
                    secs(so_far)
                )
            }
            Wait::Retry {
                endpoint,
                delay,
                retry,
                of,
                cause,
            } => format!(
                "retrying {endpoint} in {} ({retry} of {of}) after {cause}",
                secs(*delay)
            ),
            Wait::Lock { holder } => format!(
                "waiting for another apply of this account to finish: {holder} ({} so far)",
                secs(so_far)
            ),
            Wait::Planning { done, total } => format!("planning {done} of {total} accounts…"),
            Wait::TokenCommand { config } => format!(
                "running the token command of {config} ({} so far)",
                secs(so_far)
            ),
        }
    }
}

/// `40 ms`, `0.3 s`, `1.2 s`, `12 s`: milliseconds under a tenth, tenths under ten seconds.
fn secs(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 0.1 {
        format!("{} ms", duration.as_millis())
    } else if secs < 10.0 {
        format!("{secs:.1} s")
    } else {
        format!("{} s", duration.as_secs())
    }
}

/// Whether progress shows, and after how long, from the environment. An unusable threshold is
/// said once and the default used; `None` when `WXFORM_PROGRESS` turns it off.
pub fn after_from_env() -> Option<Duration> {
    let off = std::env::var(ENV_PROGRESS).is_ok_and(|value| {
        matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "off" | "0" | "false" | "no"
        )
    });
    if off {
        return None;
    }
    let value = std::env::var(ENV_AFTER_MS).unwrap_or_default();
    if value.trim().is_empty() {
        return Some(DEFAULT_AFTER);
    }
    match value.trim().parse::<u64>() {
        Ok(ms) => Some(Duration::from_millis(ms)),
        Err(_) => {
            eprintln!(
                "warning: {ENV_AFTER_MS}={:?} is not a whole number of milliseconds; waits show after {} ms",
                crate::inert::text(&value),
                DEFAULT_AFTER.as_millis()
            );
            Some(DEFAULT_AFTER)
        }
    }
}

/// The started facility: the waits, where they are drawn, and the thread that draws them.
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

struct State {
    board: Board,
    drawer: Drawer,
    ticking: bool,
    stopped: bool,
}

static SHARED: OnceLock<Arc<Shared>> = OnceLock::new();

/// Opens the door: waits reported from now on show on stderr in `style`, once they last
/// `after`. The line is wiped when the returned guard is dropped (at the end of the command).
/// Only the first call counts.
pub fn start(after: Duration, style: Style) -> Started {
    let out = Box::new(std::io::stderr());
    let drawer = Drawer::new(out, style, Instant::now());
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            board: Board::new(after),
            drawer,
            ticking: false,
            stopped: false,
        }),
        wake: Condvar::new(),
    });
    let _ = SHARED.set(shared);
    Started(())
}

/// The style for stderr as it is: a terminal (honouring `--color` and `NO_COLOR` for the
/// dimming) or a log.
pub fn style_for_stderr() -> Style {
    use std::io::IsTerminal;
    let stderr = std::io::stderr();
    if !stderr.is_terminal() || std::env::var("TERM").is_ok_and(|term| term == "dumb") {
        return Style::Log;
    }
    let color = anstream::AutoStream::choice(&stderr) != anstream::ColorChoice::Never;
    Style::Terminal {
        color,
        width: draw::terminal_width(),
    }
}

/// Wipes the line and stops the drawing when dropped.
#[must_use = "progress stops when this is dropped"]
pub struct Started(());

impl Drop for Started {
    fn drop(&mut self) {
        if let Some(shared) = SHARED.get() {
            let mut state = lock(&shared.state);
            state.stopped = true;
            state.drawer.wipe();
            shared.wake.notify_all();
        }
    }
}

/// A wait under way, reported until it is dropped.
#[derive(Debug)]
pub struct Activity(Option<u64>);

/// Reports a new wait.
pub fn begin(wait: Wait) -> Activity {
    let Some(shared) = SHARED.get() else {
        return Activity(None);
    };
    let mut state = lock(&shared.state);
    if state.stopped {
        return Activity(None);
    }
    let id = state.board.begin(wait, Instant::now());
    if !state.ticking {
        state.ticking = true;
        let ticker = Arc::clone(shared);
        // A thread that cannot start leaves waits unseen, never the command failed.
        let _ = std::thread::Builder::new()
            .name("wxform-progress".into())
            .spawn(move || tick(&ticker));
    }
    Activity(Some(id))
}

impl Activity {
    /// The wait now waits for `wait`; a retry worth saying is said at once.
    pub fn update(&self, wait: Wait) {
        let (Some(id), Some(shared)) = (self.0, SHARED.get()) else {
            return;
        };
        let mut state = lock(&shared.state);
        let now = Instant::now();
        if state.board.update(id, wait, now) && !state.stopped {
            let line = state.board.line_of(id, now).unwrap_or_default();
            state.drawer.news(id, &draw::log_line(&line), now);
        }
    }
}

impl Drop for Activity {
    fn drop(&mut self) {
        if let (Some(id), Some(shared)) = (self.0, SHARED.get()) {
            let mut state = lock(&shared.state);
            state.board.end(id);
        }
    }
}

/// Runs `write` (which writes lines to stderr) with the terminal's line wiped first, so that
/// those lines never share a line with it; it is drawn again at the next tick.
pub fn suspend<R>(write: impl FnOnce() -> R) -> R {
    let Some(shared) = SHARED.get() else {
        return write();
    };
    let mut state = lock(&shared.state);
    state.drawer.wipe();
    let result = write();
    drop(state);
    result
}

/// The drawing thread: a tick every [`draw::TICK`] until the facility stops.
fn tick(shared: &Shared) {
    let mut state = lock(&shared.state);
    while !state.stopped {
        let now = Instant::now();
        let headline = state.board.headline(now);
        state.drawer.tick(headline, now);
        state = match shared.wake.wait_timeout(state, draw::TICK) {
            Ok((state, _)) => state,
            Err(poisoned) => poisoned.into_inner().0,
        };
    }
}

#[cfg(test)]
mod tests;
