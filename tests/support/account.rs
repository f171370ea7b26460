//! The account harness: an emulated WeChat account and a working directory holding
//! `wxform.yaml` and the token cache, with `wxform` run against them. Every test that runs the
//! binary against one account builds on [`Account`].

use super::emulator::{Emulator, EmulatorOptions, State};
use super::run::{Run, stderr, wxform};
use super::shop::{SHOP_YAML, shop_state};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;
use tempfile::TempDir;

/// An emulated account and a working directory holding `wxform.yaml` and the token cache.
pub struct Account {
    pub emulator: Emulator,
    pub dir: TempDir,
}

impl Account {
    /// An empty account on a default emulator, with no configuration written yet.
    pub fn empty() -> Account {
        Account::with(EmulatorOptions::default())
    }

    /// An empty account on an emulator started with `options`.
    pub fn with(options: EmulatorOptions) -> Account {
        Account {
            emulator: Emulator::start_with(options),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The account of [`shop_state`] (seeded, as if applied long ago), configured with
    /// `examples/shop.yaml`.
    pub fn shop() -> Account {
        Account::new(shop_state(), SHOP_YAML)
    }

    /// An empty account to which `wxform apply` has applied `examples/shop.yaml`; the request
    /// log starts after it.
    pub fn shop_applied() -> Account {
        let account = Account::empty();
        account.write_config(SHOP_YAML);
        account.apply_ok(&["--auto-approve"]);
        account.emulator.clear_requests();
        account
    }

    /// An account seeded with `state` and configured with `yaml`.
    pub fn new(state: State, yaml: &str) -> Account {
        Account::on(Emulator::start(), state, yaml)
    }

    /// An account on an emulator started with particular options.
    pub fn on(emulator: Emulator, state: State, yaml: &str) -> Account {
        emulator.seed(state);
        let account = Account {
            emulator,
            dir: tempfile::tempdir().unwrap(),
        };
        account.write_config(yaml);
        account
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write_config(&self, yaml: &str) {
        std::fs::write(self.path("wxform.yaml"), yaml).unwrap();
    }

    /// The current config with `from` replaced by `to` (which must occur).
    pub fn edit_config(&self, from: &str, to: &str) {
        let yaml = std::fs::read_to_string(self.path("wxform.yaml")).unwrap();
        assert!(yaml.contains(from), "the config holds {from:?}");
        self.write_config(&yaml.replacen(from, to, 1));
    }

    /// `wxform` against this account, in its directory, retrying fast.
    pub fn wxform(&self) -> Command {
        let mut command = wxform();
        retry_fast(connect(&mut command, &self.emulator, self.dir()));
        command
    }

    /// Runs `wxform args` in the working directory with the account's credentials.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    /// Like [`Account::run`], with `extra` environment variables.
    pub fn run_with(&self, args: &[&str], extra: &[(&str, &str)]) -> Run {
        let mut command = wxform();
        connect(&mut command, &self.emulator, self.dir())
            .args(args)
            .envs(extra.iter().copied());
        Run::of(command.output().expect("the wxform binary runs"))
    }

    /// `wxform args` with the fast retries of [`Account::wxform`]; the raw output.
    pub fn output(&self, args: &[&str]) -> Output {
        self.wxform().args(args).output().unwrap()
    }

    pub fn apply(&self, args: &[&str]) -> Output {
        let mut all = vec!["apply"];
        all.extend_from_slice(args);
        self.output(&all)
    }

    pub fn apply_ok(&self, args: &[&str]) -> Output {
        let output = self.apply(args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        output
    }

    /// `wxform apply --auto-approve` started in the background, with no input and its output
    /// discarded: for the tests that hold or pause one of its calls (see [`wait_for`]).
    pub fn spawn_apply(&self) -> Child {
        self.wxform()
            .args(["apply", "--auto-approve"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the wxform binary starts")
    }

    /// Exit code of `plan --detailed-exitcode`: 0 when the account matches the config.
    pub fn plan_code(&self) -> i32 {
        let output = self.output(&["plan", "--detailed-exitcode"]);
        assert_ne!(code(&output), 1, "{}", stderr(&output));
        code(&output)
    }

    /// Planning (or exporting) wrote nothing to the account.
    pub fn assert_read_only(&self) {
        let writes = self.emulator.mutating_requests();
        assert!(writes.is_empty(), "unexpected writes: {writes:#?}");
    }

    /// Requests per path since the last [`Emulator::clear_requests`].
    pub fn counts(&self) -> BTreeMap<String, usize> {
        self.emulator.counts_by_path()
    }

    /// `(method path)` of each mutating request.
    pub fn mutations(&self) -> Vec<String> {
        self.emulator
            .mutating_requests()
            .iter()
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }

    /// Asserts that the account holds the shop exactly once: nothing duplicated.
    pub fn assert_shop_without_duplicates(&self) {
        let state = self.emulator.state();
        let mut tags: Vec<&str> = state.tags.iter().map(|t| t.name.as_str()).collect();
        tags.sort_unstable();
        assert_eq!(tags, ["VIP", "内测用户", "老客户"]);
        assert_eq!(state.templates.len(), 2, "{:?}", state.templates);
        assert_eq!(state.subscribe_templates.len(), 1);
        assert_eq!(state.conditional_menus.len(), 2);
        assert_eq!(self.plan_code(), 0, "the account matches the config");
    }
}

/// Points `command` (a wxform command) at `emulator` with its credentials, run in `dir` with
/// the token cache in `dir/cache`: the one way tests connect the binary to an account.
pub fn connect<'c>(command: &'c mut Command, emulator: &Emulator, dir: &Path) -> &'c mut Command {
    connect_to(command, &emulator.base_url(), dir).envs(credentials(emulator))
}

/// The variables that give wxform `emulator`'s credentials, for environments built for a
/// script (the CI workflows) rather than a command.
pub fn credentials(emulator: &Emulator) -> [(&'static str, String); 2] {
    [
        ("WECHAT_APPID", emulator.appid().to_string()),
        ("WECHAT_APPSECRET", emulator.secret().to_string()),
    ]
}

/// Like [`connect`] but to the API at `base` and with no credentials, for the tests whose
/// point is which credentials are given (none, wrong ones, a token, other variables).
pub fn connect_to<'c>(command: &'c mut Command, base: &str, dir: &Path) -> &'c mut Command {
    command
        .current_dir(dir)
        .env("WXFORM_API_BASE", base)
        .env("WXFORM_CACHE_DIR", dir.join("cache"))
}

/// `command` retrying after a millisecond instead of the production backoff.
pub fn retry_fast(command: &mut Command) -> &mut Command {
    command.env("WXFORM_RETRY_BASE_MS", "1")
}

/// The exit code of a process that exited.
pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited")
}

/// `text` with `from` replaced by `to`, which must occur.
pub fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in the text");
    text.replacen(from, to, 1)
}

/// A port nothing listens on: any network use fails.
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// How often [`wait_for`] looks (every 5 ms) before giving up: a held or paused call normally
/// comes within milliseconds.
const MAX_POLLS: usize = 3000;

/// Polls `ready` until it holds, for a `wxform` running in the background; fails naming `what`
/// when `child` ends first or when it never happens.
pub fn wait_for(child: &mut Child, what: &str, ready: impl Fn() -> bool) {
    let mut polls = 0;
    while !ready() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("wxform ended ({status}) before {what}");
        }
        polls += 1;
        assert!(polls < MAX_POLLS, "{what}: never happened");
        std::thread::sleep(Duration::from_millis(5));
    }
}
