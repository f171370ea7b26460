//! `wxform plan`, `export` and `outputs` through the binary against the emulator: export → plan
//! round trips, full-output snapshots of every format, the request log of a plan (read-only,
//! one request per endpoint, unmanaged sections never read), flags and the quick start.

mod classic;
mod commands;
mod identity;
mod industry;
mod quickstart;
mod roundtrip;
mod snapshots;

use crate::support::emulator::{Emulator, State};
pub use crate::support::shop::shop_state;
use crate::validate::{Run, run_in};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The example configuration the quick start and most tests plan.
pub const SHOP_YAML: &str = include_str!("../../../examples/shop.yaml");

/// An emulated account and a working directory holding `wxform.yaml` and the token cache.
pub struct Account {
    pub emulator: Emulator,
    pub dir: TempDir,
}

impl Account {
    /// The account of [`shop_state`], configured with `examples/shop.yaml`.
    pub fn shop() -> Account {
        Account::new(shop_state(), SHOP_YAML)
    }

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

    pub fn write_config(&self, yaml: &str) {
        std::fs::write(self.path("wxform.yaml"), yaml).unwrap();
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `wxform args` in the working directory with the account's credentials.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    pub fn run_with(&self, args: &[&str], extra: &[(&str, &str)]) -> Run {
        let base = self.emulator.base_url();
        let cache = self.path("cache");
        let mut env = vec![
            ("WXFORM_API_BASE", base.as_str()),
            ("WECHAT_APPID", self.emulator.appid()),
            ("WECHAT_APPSECRET", self.emulator.secret()),
            ("WXFORM_CACHE_DIR", cache.to_str().unwrap()),
        ];
        env.extend_from_slice(extra);
        run_in(self.dir.path(), args, &env)
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
}

/// Every read endpoint of a full plan, each called once.
pub const ALL_READS: [&str; 6] = [
    "/cgi-bin/get_current_selfmenu_info",
    "/cgi-bin/menu/get",
    "/cgi-bin/tags/get",
    "/cgi-bin/template/get_all_private_template",
    "/cgi-bin/template/get_industry",
    "/wxaapi/newtmpl/gettemplate",
];

/// `reads`, each once, after one `stable_token` (a cold cache).
pub fn once_each(reads: &[&str]) -> BTreeMap<String, usize> {
    reads
        .iter()
        .chain(["/cgi-bin/stable_token"].iter())
        .map(|path| (path.to_string(), 1))
        .collect()
}

/// `text` with `from` replaced by `to`, which must occur.
pub fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in the text");
    text.replacen(from, to, 1)
}

/// The machine-dependent parts of an output: ports, temporary paths, fingerprints.
pub fn filters(dir: &Path) -> Vec<(String, String)> {
    vec![
        (regex_escape(&dir.display().to_string()), "[DIR]".into()),
        (r"127\.0\.0\.1:\d+".into(), "127.0.0.1:[PORT]".into()),
        (r"sha256:[0-9a-f]{64}".into(), "sha256:[FINGERPRINT]".into()),
    ]
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// A run as one text for a snapshot: exit code, stdout, stderr.
pub fn transcript(run: &Run) -> String {
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    )
}

/// A port nothing listens on: any network use fails.
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}
