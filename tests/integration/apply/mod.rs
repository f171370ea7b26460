//! `wxform apply` against the emulator: convergence, only the calls a change needs, the
//! mutation order, faults and interruptions, and the guards that refuse to apply.

/// A report with durations, rids and generated ids made stable.
macro_rules! report_snapshot {
    ($name:expr, $text:expr) => {{
        insta::with_settings!({filters => vec![
            (r"\d+ ms\)", "N ms)"),
            (r"rid: [0-9a-f-]+", "rid: [RID]"),
            (r"(menuid[ =])\d+", "${1}N"),
        ]}, {
            insta::assert_snapshot!($name, $text);
        });
    }};
}

mod concurrent;
mod faults;
mod full;
mod guards;
mod interrupted;
mod lanes;
mod lock;
mod mixed;
mod quotas;
mod reports;
mod saved_plans;
mod single;
mod terminal;

use crate::support::account::{Account, code};
use crate::support::emulator::RecordedRequest;
use crate::support::run::{stderr, stdout};
use crate::support::shop::SHOP_YAML;
use std::collections::BTreeMap;
use std::process::{Child, Output, Stdio};

/// How many mutating calls applying the shop to an empty account makes: 3 tags, the industry,
/// 2 templates, 1 subscribe template, the menu, 2 conditional menus.
pub const SHOP_MUTATIONS: usize = 10;

/// How many writes applying the shop to an empty account has under way when none has been
/// answered: its lanes' first stages (3 tags, the industry, the subscribe template, the menu);
/// the templates wait for the industry, the conditional menus for the tags and the menu.
pub const SHOP_FIRST_WRITES: usize = 6;

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

/// `apply --auto-approve` started in the background with its output kept, and its token cache
/// and lock in `cache` under the account's directory (another machine, when another run uses
/// another directory).
pub fn spawn_apply(account: &Account, cache: &str) -> Child {
    account
        .wxform()
        .args(["apply", "--auto-approve"])
        .env("WXFORM_CACHE_DIR", account.path(cache))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the wxform binary starts")
}

/// Successful mutating requests so far, on every path.
pub fn writes_made(account: &Account) -> usize {
    successful_mutations(&account.emulator.requests())
        .values()
        .sum()
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
