//! Runs the built `wxform` binary with a clean, machine-independent environment.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root: this crate lives in its `tests/support/`.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .expect("the harness lives in tests/support/ of the repository")
}

/// Names another build of wxform to test instead of the one cargo built for this run (CI sets
/// it to the release binary for the hostile-input suite).
pub const ENV_TEST_BINARY: &str = "WXFORM_TEST_BINARY";

/// The binary under test: `WXFORM_TEST_BINARY` when set, else the one cargo built.
pub fn binary() -> PathBuf {
    std::env::var_os(ENV_TEST_BINARY)
        .filter(|path| !path.is_empty())
        .map_or_else(built_binary, Into::into)
}

/// The `wxform` that cargo built alongside the running test or benchmark. Only wxform's own
/// test targets know its path at compile time, so it is found the way cargo lays a profile out:
/// the test executable in `target/<profile>/deps/`, the binary in `target/<profile>/`.
fn built_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the running test knows its own path");
    let profile = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test executable lies in target/<profile>/deps/");
    let binary = profile.join(format!("wxform{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.is_file(),
        "no wxform binary at {}: run the tests with `cargo test` (which builds it), \
         or name a build in {ENV_TEST_BINARY}",
        binary.display()
    );
    binary
}

/// How long a wait lasts before wxform shows a progress line, in the tests that do not ask for
/// one: a minute, so that a machine slowed by the tests around it never adds a line to what a
/// test compares. The tests of progress lines set `WXFORM_PROGRESS_AFTER_MS` themselves.
pub const PROGRESS_AFTER_MS: &str = "60000";

/// A `wxform` command with no inherited WeChat credentials, no colour, no backtraces and no
/// progress lines ([`PROGRESS_AFTER_MS`]).
pub fn wxform() -> Command {
    clean(Command::new(binary()))
}

/// Like [`wxform`], with the process's address space limited to `kib` KiB (`ulimit -v`): an
/// allocation beyond it fails, so a test sees any unbounded read as a crash.
pub fn wxform_within(kib: u64) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
        .arg(binary());
    // glibc reserves 64 MiB of address space per allocator arena: keep them few, so that
    // the limit measures what is used rather than what is reserved.
    let mut command = clean(command);
    command.env("MALLOC_ARENA_MAX", "2");
    command
}

/// Like [`wxform`], with the process's file mode creation mask set to `mask` (`umask`, octal
/// digits such as `022`): for the tests of the modes of the files wxform creates.
pub fn wxform_with_umask(mask: &str) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
        .arg(binary());
    clean(command)
}

/// Like [`wxform`], killed after `secs` seconds (`timeout -s KILL`, exit 137): for tests of
/// inputs that once made wxform wait forever, so that a regression fails instead of hanging.
pub fn wxform_guarded(secs: u32) -> Command {
    let mut command = Command::new("timeout");
    command
        .args(["-s", "KILL", &secs.to_string()])
        .arg(binary());
    clean(command)
}

/// `command` with no inherited WeChat credentials, no colour and no backtraces: only `PATH`
/// is kept.
pub fn clean(mut command: Command) -> Command {
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", "")
        .env("RUST_BACKTRACE", "0")
        .env("NO_COLOR", "1")
        .env("WXFORM_PROGRESS_AFTER_MS", PROGRESS_AFTER_MS);
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

/// stdout then stderr of `output`, for assertions over every channel and failure messages.
pub fn all_text(output: &Output) -> String {
    format!("{}{}", stdout(output), stderr(output))
}

/// `text` (a run's output) holds `needle`; a failure shows the whole output.
pub fn contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
}

/// `text` (a run's output) starts with `prefix`; a failure shows the whole output.
pub fn starts_with(text: &str, prefix: &str) {
    assert!(
        text.starts_with(prefix),
        "expected {prefix:?} first in:\n{text}"
    );
}

/// `text` (a run's output) ends with `suffix`; a failure shows the whole output.
pub fn ends_with(text: &str, suffix: &str) {
    assert!(
        text.ends_with(suffix),
        "expected {suffix:?} last in:\n{text}"
    );
}

/// The result of one run: exit code, stdout and stderr as text.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The text of a finished process's output.
    pub fn of(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: stdout(&output),
            stderr: stderr(&output),
        }
    }
}

/// Runs `wxform args` in `dir` with `env` added to the clean environment.
pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = wxform()
        .current_dir(dir)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("the wxform binary runs");
    Run::of(output)
}
