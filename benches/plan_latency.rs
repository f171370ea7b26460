//! How long `wxform plan examples/shop.yaml` takes against an account whose every answer is
//! `L` late, in units of `L`: a cold run fetches the token, then reads (2 round trips); a warm
//! run finds the token in the cache and reads every section, and the daily quota of each
//! endpoint the sections write with, at once (1 round trip). The target with a cached token is
//! at most 1.5.
//!
//! Run with `cargo bench --bench plan_latency` (optionally `-- <latency ms> <runs>`). It reports;
//! it asserts nothing.

#![allow(clippy::print_stdout)]

mod common;

use common::{latency_and_runs, median, succeed};

use std::path::Path;
use std::process::Command;
use std::time::Duration;
use wxform_emulator::Emulator;
use wxform_harness::account::connect;
use wxform_harness::run::wxform;
use wxform_harness::shop::shop_state;

/// One `wxform plan` against `emulator` in `dir` (token cache in `dir/cache`); its wall time.
fn plan_once(emulator: &Emulator, dir: &Path) -> Duration {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop.yaml");
    let mut command: Command = wxform();
    connect(&mut command, emulator, dir)
        .arg("plan")
        .arg(&config);
    succeed(&mut command).1
}

fn main() {
    let (latency, runs) = latency_and_runs(7);

    let emulator = Emulator::start();
    emulator.seed(shop_state());

    // Process start-up, config parsing and rendering, with no latency.
    let base = tempfile::tempdir().unwrap();
    plan_once(&emulator, base.path());
    let overhead = median(
        (0..runs)
            .map(|_| plan_once(&emulator, base.path()))
            .collect(),
    );

    emulator.set_latency(latency);
    let cold = median(
        (0..runs)
            .map(|_| plan_once(&emulator, tempfile::tempdir().unwrap().path()))
            .collect(),
    );
    let cache = tempfile::tempdir().unwrap();
    plan_once(&emulator, cache.path());
    emulator.clear_requests();
    let warm = median(
        (0..runs)
            .map(|_| plan_once(&emulator, cache.path()))
            .collect(),
    );
    let warm_requests = emulator.requests().len() / runs;

    let ratio = |d: Duration| d.as_secs_f64() / latency.as_secs_f64();
    println!(
        "plan examples/shop.yaml, latency L = {} ms, median of {runs} runs",
        latency.as_millis()
    );
    println!(
        "  no latency:          {:>7.1} ms",
        overhead.as_secs_f64() * 1e3
    );
    println!(
        "  cold token:          {:>7.1} ms = {:.2} L",
        cold.as_secs_f64() * 1e3,
        ratio(cold)
    );
    println!(
        "  warm (cached) token: {:>7.1} ms = {:.2} L  ({warm_requests} requests per plan, target <= 1.5 L)",
        warm.as_secs_f64() * 1e3,
        ratio(warm)
    );
    // What the network adds on top of the fixed cost: the number of sequential round trips.
    println!(
        "  round trips beyond the fixed cost: cold {:.2}, warm {:.2}",
        ratio(cold.saturating_sub(overhead)),
        ratio(warm.saturating_sub(overhead))
    );
}
