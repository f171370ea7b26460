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

use crate::support::account::{Account, code};
use crate::support::emulator::RecordedRequest;
use crate::support::run::{stderr, stdout};
use crate::support::shop::SHOP_YAML;
use std::collections::BTreeMap;
use std::process::Output;

/// How many mutating calls applying the shop to an empty account makes: 3 tags, the industry,
/// 2 templates, 1 subscribe template, the menu, 2 conditional menus.
pub const SHOP_MUTATIONS: usize = 10;

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
