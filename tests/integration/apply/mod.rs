//! `wxform apply` against the emulator: convergence, only the calls a change needs, the
//! mutation order, faults and interruptions, and the guards that refuse to apply.

mod concurrent;
mod faults;
mod full;
mod guards;
mod interrupted;
mod lock;
mod mixed;
mod reports;
mod saved_plans;
mod single;
mod terminal;

use crate::support::emulator::{Emulator, EmulatorOptions, RecordedRequest};
use crate::support::run::{stderr, stdout, wxform};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `examples/shop.yaml`, whose library ids match the emulator's template library.
pub fn shop_yaml() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop.yaml");
    std::fs::read_to_string(path).unwrap()
}

/// How many mutating calls applying the shop to an empty account makes: 3 tags, the industry,
/// 2 templates, 1 subscribe template, the menu, 2 conditional menus.
pub const SHOP_MUTATIONS: usize = 10;

/// An emulated account and a working directory holding `wxform.yaml` and the token cache.
pub struct Account {
    pub emulator: Emulator,
    dir: tempfile::TempDir,
}

impl Account {
    pub fn new() -> Account {
        Account::with(EmulatorOptions::default())
    }

    pub fn with(options: EmulatorOptions) -> Account {
        Account {
            emulator: Emulator::start_with(options),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// An account where the shop has been applied.
    pub fn shop() -> Account {
        let account = Account::new();
        account.write_config(&shop_yaml());
        account.apply_ok(&["--auto-approve"]);
        account.emulator.clear_requests();
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
        command
            .current_dir(self.dir())
            .env("WXFORM_API_BASE", self.emulator.base_url())
            .env("WECHAT_APPID", self.emulator.appid())
            .env("WECHAT_APPSECRET", self.emulator.secret())
            .env("WXFORM_CACHE_DIR", self.path("cache"))
            .env("WXFORM_RETRY_BASE_MS", "1");
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.wxform().args(args).output().unwrap()
    }

    pub fn apply(&self, args: &[&str]) -> Output {
        let mut all = vec!["apply"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    pub fn apply_ok(&self, args: &[&str]) -> Output {
        let output = self.apply(args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        output
    }

    /// Exit code of `plan --detailed-exitcode`: 0 when the account matches the config.
    pub fn plan_code(&self) -> i32 {
        let output = self.run(&["plan", "--detailed-exitcode"]);
        assert_ne!(code(&output), 1, "{}", stderr(&output));
        code(&output)
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

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited")
}

/// Successful requests per mutating path.
pub fn successful_mutations(requests: &[RecordedRequest]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for request in requests
        .iter()
        .filter(|r| r.is_mutating() && r.errcode == 0)
    {
        *counts.entry(request.path.clone()).or_insert(0) += 1;
    }
    counts
}

/// Asserts that neither the AppSecret nor the cached access token appears in `output`.
pub fn assert_no_secrets(account: &Account, output: &Output) {
    let text = both(output);
    assert!(!text.contains(account.emulator.secret()), "{text}");
    let cache = std::fs::read_dir(account.path("cache")).expect("a token cache");
    let mut tokens = 0;
    for entry in cache {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let Ok(file) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            continue;
        };
        if let Some(token) = file["access_token"].as_str() {
            tokens += 1;
            assert!(!text.contains(token), "{text}");
        }
    }
    assert!(tokens > 0, "the cached token was found to look for");
}

/// stdout and stderr, for assertion messages.
pub fn both(output: &Output) -> String {
    format!("stdout:\n{}\nstderr:\n{}", stdout(output), stderr(output))
}
