//! Planning 50 accounts in one run (`wxform plan DIR`) against the emulator with a fixed
//! latency per answer, compared with planning one account, and with the lower bound for
//! `--parallelism` accounts at a time: ⌈50 / N⌉ read round trips (each account's reads run in
//! parallel) plus the token.
//!
//! `cargo bench --bench plan_accounts` (WXFORM_BENCH_LATENCY_MS, default 100;
//! WXFORM_BENCH_ITERATIONS, default 3; WXFORM_BENCH_PARALLELISM, default wxform's own).

// A benchmark reports on stdout.
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};
use wxform_emulator::{Button, DefaultMenu, Emulator, MenuSource, State};
use wxform_harness::account::connect;
use wxform_harness::run::wxform;

const ACCOUNTS: usize = 50;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let latency = Duration::from_millis(env_number("WXFORM_BENCH_LATENCY_MS", 100));
    let iterations = env_number("WXFORM_BENCH_ITERATIONS", 3) as usize;
    let parallel = env_number(
        "WXFORM_BENCH_PARALLELISM",
        u64::from(wxform::cli::DEFAULT_PARALLELISM),
    ) as usize;
    let parallelism = parallel.to_string();
    let emulator = Emulator::start();
    emulator.seed(State {
        menu: Some(DefaultMenu {
            source: MenuSource::Api,
            menuid: 1,
            button: vec![Button::view("旧官网", "https://example.com/")],
        }),
        ..State::default()
    });
    emulator.set_latency(latency);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("accounts")).unwrap();
    for i in 0..ACCOUNTS {
        std::fs::write(
            dir.path().join(format!("accounts/account-{i:02}.yaml")),
            "version: 1\nmenu:\n  button:\n    - { name: 官网, type: view, url: \"https://example.com/\" }\n",
        )
        .unwrap();
    }
    let run = |args: &[&str], cache: &str| {
        let start = Instant::now();
        // Each run names its cache: a fresh one is a cold token, a reused one a cached token.
        let output = connect(&mut wxform(), &emulator, dir.path())
            .env("WXFORM_CACHE_DIR", dir.path().join(cache))
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        start.elapsed()
    };

    let mut one = Vec::new();
    let mut one_cached = Vec::new();
    for i in 0..iterations {
        let cache = format!("cache-one-{i}");
        one.push(run(&["plan", "accounts/account-00.yaml"], &cache));
        one_cached.push(run(&["plan", "accounts/account-00.yaml"], &cache));
    }
    emulator.clear_requests();
    let connections_before = emulator.connections();
    let many = ["plan", "accounts", "--parallelism", parallelism.as_str()];
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for i in 0..iterations {
        let cache = format!("cache-{i}");
        cold.push(run(&many, &cache));
        warm.push(run(&many, &cache));
    }
    let calls = emulator.requests().len() / (2 * iterations);
    let connections = (emulator.connections() - connections_before) / (2 * iterations);
    let rounds = ACCOUNTS.div_ceil(parallel) as u32;
    let bound_cached = latency * rounds;
    let bound_cold = latency * (rounds + 1);
    let best = |times: &[Duration]| *times.iter().min().unwrap();
    println!(
        "plan_accounts: {ACCOUNTS} accounts, latency {} ms, --parallelism {parallel}, best of {iterations}, ~{calls} calls and ~{connections} connections per run",
        latency.as_millis()
    );
    println!(
        "  one account: {:.0} ms (token fetched), {:.0} ms (token cached)",
        ms(best(&one)),
        ms(best(&one_cached))
    );
    println!(
        "  {ACCOUNTS} accounts, token fetched: {:.0} ms = {:.2} x one; lower bound {} x {} ms = {:.0} ms",
        ms(best(&cold)),
        ms(best(&cold)) / ms(best(&one)),
        rounds + 1,
        latency.as_millis(),
        ms(bound_cold)
    );
    println!(
        "  {ACCOUNTS} accounts, token cached:  {:.0} ms = {:.2} x one; lower bound {} x {} ms = {:.0} ms",
        ms(best(&warm)),
        ms(best(&warm)) / ms(best(&one_cached)),
        rounds,
        latency.as_millis(),
        ms(bound_cached)
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
