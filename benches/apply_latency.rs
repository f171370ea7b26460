//! How long `wxform apply --auto-approve examples/shop.yaml` takes on an empty account whose
//! every answer is `L` late, in units of `L`, next to the lower bound of its design: the
//! critical path, not the sum of its calls. With the token cached: one round trip of concurrent
//! reads; then the plan's lanes side by side, each waiting only for the lanes it depends on
//! (the conditional menus for the tags and the default menu, the templates for the industry),
//! each stage of adds preceded by one re-read of its section (so that an object another run just
//! created is adopted, not added twice), the steps of a stage made at once where that is safe
//! (tag creates, template adds); then one round trip of read-back. For the shop that is
//! 1 + 2 (tags: re-read, creates) + 3 (conditional menus: re-read, two adds in order) + 1 = 7;
//! the target is at most 8.
//!
//! Run with `cargo bench --bench apply_latency` (optionally `-- <latency ms> <runs>`). It
//! reports; it asserts nothing.

#![allow(clippy::print_stdout)]

mod common;

use common::{latency_and_runs, median, succeed};

use std::path::Path;
use std::time::{Duration, Instant};
use wxform_emulator::{Emulator, State};
use wxform_harness::account::connect;
use wxform_harness::run::wxform;

/// `wxform ARGS` against `emulator` in `dir`, with the token cache in `dir/cache`.
fn run(emulator: &Emulator, dir: &Path, args: &[&str]) -> std::process::Output {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop.yaml");
    let mut command = wxform();
    connect(&mut command, emulator, dir).args(args).arg(&config);
    succeed(&mut command).0
}

/// Paths whose calls create an object: each is preceded by a re-read.
const ADDS: [&str; 4] = [
    "/cgi-bin/tags/create",
    "/cgi-bin/template/api_add_template",
    "/wxaapi/newtmpl/addtemplate",
    "/cgi-bin/menu/addconditional",
];

/// One apply of the shop onto a fresh empty account whose token is already cached (a plan at
/// no latency fetched it): its wall time, the number of writes it made and how many of them
/// were adds.
fn apply_once(latency: Duration) -> (Duration, usize, usize) {
    let emulator = Emulator::start();
    emulator.seed(State::default());
    let cache = tempfile::tempdir().unwrap();
    run(&emulator, cache.path(), &["plan"]);
    emulator.set_latency(latency);
    let start = Instant::now();
    run(&emulator, cache.path(), &["apply", "--auto-approve"]);
    let writes = emulator.mutating_requests();
    let adds = writes
        .iter()
        .filter(|r| ADDS.contains(&r.path.as_str()))
        .count();
    (start.elapsed(), writes.len(), adds)
}

/// The round trips of the shop's calls onto an empty account along its longest chain of lanes
/// (see `wxform::apply::round_trips`).
fn critical_path() -> usize {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop.yaml");
    let text = std::fs::read_to_string(config).expect("the example");
    let desired = wxform::config::load_str("shop.yaml", &text)
        .expect("a valid example")
        .desired;
    let plan = wxform::plan::plan(&desired, &wxform::model::Live::default());
    wxform::apply::round_trips(&plan.planned_steps())
}

fn main() {
    let (latency, runs) = latency_and_runs(5);

    let (_, writes, adds) = apply_once(Duration::ZERO);
    let warm = median((0..runs).map(|_| apply_once(latency).0).collect());
    let ratio = warm.as_secs_f64() / latency.as_secs_f64();
    // Cached token: reads (1) + the critical path of the calls + read-back (1).
    let path = critical_path();
    let bound = path + 2;
    println!(
        "apply examples/shop.yaml onto an empty account, latency L = {} ms, median of {runs} runs",
        latency.as_millis()
    );
    println!(
        "  warm (cached) token: {:>7.1} ms = {ratio:.2} L for {writes} writes ({adds} adds); lower bound {bound} L (1 of reads + {path} along the calls' critical path + 1 of read-back); target at most 8 L",
        warm.as_secs_f64() * 1e3
    );
}
