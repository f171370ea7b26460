//! The shipped `wxform-emulator` binary, run as a user runs it: found beside the `wxform`
//! under test, started in a directory with arguments, its printed settings read back, and
//! stopped with SIGTERM as Ctrl-C or a service manager would stop it.

use super::run::{ENV_TEST_BINARY, binary, clean, repo};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

/// The binary's file name.
pub const EMULATOR_NAME: &str = "wxform-emulator";
/// How many settings lines the binary prints.
pub const SETTINGS_LINES: usize = 5;
/// A kill timer, not a measure: an emulator that prints nothing fails the test instead of
/// hanging it.
const SETTINGS_DEADLINE: Duration = Duration::from_secs(120);

/// The `wxform-emulator` beside the `wxform` under test. Cargo builds only the binaries of the
/// package under test, and the emulator is a package of its own, so without
/// `WXFORM_TEST_BINARY` it is built here first (a no-op when it is fresh), into the same
/// profile directory; with it, it must already lie beside that build.
pub fn emulator_binary() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let wxform = binary();
            let profile_dir = wxform.parent().expect("the binary lies in a directory");
            if std::env::var_os(ENV_TEST_BINARY).is_none_or(|path| path.is_empty()) {
                build_beside(profile_dir);
            }
            let emulator =
                profile_dir.join(format!("{EMULATOR_NAME}{}", std::env::consts::EXE_SUFFIX));
            assert!(
                emulator.is_file(),
                "no {EMULATOR_NAME} at {}: build it beside wxform (`cargo build --workspace`)",
                emulator.display()
            );
            emulator
        })
        .clone()
}

/// `cargo build -p wxform-emulator` into `profile_dir` (`target/<profile>/`).
fn build_beside(profile_dir: &Path) {
    let profile = match profile_dir.file_name().and_then(|name| name.to_str()) {
        Some("debug") => "dev",
        Some(name) => name,
        None => panic!("no profile directory: {}", profile_dir.display()),
    };
    let target_dir = profile_dir.parent().expect("target/<profile>/");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(repo())
        .args(["build", "--quiet", "--package", "wxform-emulator", "--bin"])
        .arg(EMULATOR_NAME)
        .args(["--profile", profile, "--target-dir"])
        .arg(target_dir)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "building {EMULATOR_NAME} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A `wxform-emulator` command with a clean environment, as [`super::run::wxform`] has.
pub fn emulator_command() -> Command {
    clean(Command::new(emulator_binary()))
}

/// A running `wxform-emulator` that printed its settings.
pub struct Served {
    child: Child,
    /// The settings it printed, in order: `(NAME, value)`.
    pub settings: Vec<(String, String)>,
    /// The rest of its stdout, after the settings.
    stdout: Option<BufReader<ChildStdout>>,
}

impl Served {
    /// Starts `wxform-emulator ARGS` in `dir` and reads the settings it prints.
    pub fn start(dir: &Path, args: &[&str]) -> Served {
        let mut child = emulator_command()
            .current_dir(dir)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("wxform-emulator starts");
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (stdout, lines) = read_settings(stdout);
        let lines = match lines {
            Ok(lines) => lines,
            Err(why) => {
                let _ = child.kill();
                let output = child.wait_with_output().unwrap();
                panic!(
                    "{why}; stderr:\n{}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
        };
        let settings = lines
            .iter()
            .map(|line| parse_setting(line).unwrap_or_else(|e| panic!("{e}: {line:?}")))
            .collect();
        Served {
            child,
            settings,
            stdout: Some(stdout),
        }
    }

    /// The value of the setting `name`.
    pub fn get(&self, name: &str) -> &str {
        self.settings
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or_else(|| panic!("no {name} in {:?}", self.settings))
    }

    /// `wxform` in `dir` with the settings in its environment.
    pub fn wxform(&self, dir: &Path) -> Command {
        let mut command = super::run::wxform();
        command.current_dir(dir).envs(self.pairs());
        command
    }

    /// `sh -c LINE` in `dir`, with the clean environment `wxform` gets and the settings: a
    /// line typed into a shell that took them.
    pub fn shell(&self, dir: &Path, line: &str) -> Command {
        let mut command = clean(Command::new("sh"));
        command
            .current_dir(dir)
            .args(["-c", line])
            .envs(self.pairs());
        command
    }

    /// The settings as environment pairs.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.settings.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Stops it with SIGTERM and waits: its exit status, and what it wrote on stdout after
    /// the settings and on stderr.
    #[cfg(unix)]
    pub fn stop(mut self) -> (ExitStatus, String, String) {
        use rustix::process::{Pid, Signal, kill_process};
        let pid = Pid::from_raw(self.child.id() as i32).expect("a pid");
        kill_process(pid, Signal::TERM).expect("SIGTERM is sent");
        let (send, receive) = mpsc::channel();
        let mut stdout = self.stdout.take().unwrap();
        let mut stderr = self.child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let (mut rest, mut errors) = (String::new(), String::new());
            let _ = stdout.read_to_string(&mut rest);
            let _ = stderr.read_to_string(&mut errors);
            let _ = send.send((rest, errors));
        });
        // A kill timer, not a measure: an emulator that ignores SIGTERM fails the test.
        let (rest, errors) = receive
            .recv_timeout(SETTINGS_DEADLINE)
            .expect("wxform-emulator stops on SIGTERM");
        (self.child.wait().unwrap(), rest, errors)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

type Settings = Result<Vec<String>, String>;

/// The first [`SETTINGS_LINES`] lines of `stdout`, read on a thread so that a silent
/// emulator fails the test at [`SETTINGS_DEADLINE`].
fn read_settings(mut stdout: BufReader<ChildStdout>) -> (BufReader<ChildStdout>, Settings) {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = Vec::new();
        while lines.len() < SETTINGS_LINES {
            let mut line = String::new();
            match stdout.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => lines.push(line.trim_end_matches('\n').to_string()),
                Err(e) => {
                    let _ = send.send((stdout, Err(e.to_string())));
                    return;
                }
            }
        }
        let result = match lines.len() {
            SETTINGS_LINES => Ok(lines),
            n => Err(format!("stdout closed after {n} settings lines: {lines:?}")),
        };
        let _ = send.send((stdout, result));
    });
    receive
        .recv_timeout(SETTINGS_DEADLINE)
        .expect("wxform-emulator prints its settings")
}

/// One `NAME='value'` line as a POSIX shell reads it: the value is single-quoted runs, joined
/// by `\'` for a quote inside.
pub fn parse_setting(line: &str) -> Result<(String, String), String> {
    let (name, mut rest) = line.split_once('=').ok_or("no `=`")?;
    let valid_name = name.chars().all(|c| c.is_ascii_uppercase() || c == '_');
    if name.is_empty() || !valid_name {
        return Err(format!("{name:?} is not a variable name"));
    }
    let mut value = String::new();
    loop {
        let quoted = rest
            .strip_prefix('\'')
            .ok_or("a value outside single quotes")?;
        let end = quoted.find('\'').ok_or("an unclosed quote")?;
        value.push_str(&quoted[..end]);
        rest = &quoted[end + 1..];
        match rest.strip_prefix("\\'") {
            Some(after) => {
                value.push('\'');
                rest = after;
            }
            None if rest.is_empty() => return Ok((name.to_string(), value)),
            None => return Err(format!("{rest:?} after the value")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_setting;

    #[test]
    fn a_setting_reads_as_a_shell_would() {
        let ok = |name: &str, value: &str| Ok((name.to_string(), value.to_string()));
        assert_eq!(
            parse_setting("WECHAT_APPID='wx1'"),
            ok("WECHAT_APPID", "wx1")
        );
        assert_eq!(parse_setting("A=''"), ok("A", ""));
        assert_eq!(parse_setting(r"A='it'\''s'"), ok("A", "it's"));
        assert_eq!(parse_setting(r"A=''\'''"), ok("A", "'"));
        assert!(parse_setting("A=wx1").is_err());
        assert!(parse_setting("A='x").is_err());
        assert!(parse_setting("A='x'y").is_err());
        assert!(parse_setting("a='x'").is_err());
        assert!(parse_setting("export A='x'").is_err());
    }
}
