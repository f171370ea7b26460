//! What the latency benchmarks share: their command line, a timed run of wxform, and the median
//! of their samples.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// `-- <latency ms> <runs>`: `cargo bench` also passes `--bench`, so only numbers count.
pub fn latency_and_runs(default_runs: usize) -> (Duration, usize) {
    let numbers: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    let latency = Duration::from_millis(numbers.first().copied().unwrap_or(50));
    let runs = numbers.get(1).map_or(default_runs, |&runs| runs as usize);
    (latency, runs)
}

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Runs `command` (a wxform run), which must succeed; its output and its wall time.
pub fn succeed(command: &mut Command) -> (Output, Duration) {
    let start = Instant::now();
    let output = command.output().expect("the wxform binary runs");
    let elapsed = start.elapsed();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (output, elapsed)
}
