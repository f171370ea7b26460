//! How long `wxform plan` takes for a menu whose button names an image file (`media_file`),
//! against accounts holding more and more images, every answer `L` late, with a cached token:
//! the image listing is read with the other reads, its first page alone for up to 20 images,
//! then 10 pages at a time, 100 pages (2 000 images) at most. Expected round trips after the
//! token: 1 (≤ 20 images), 1 + ⌈(pages − 1) / 10⌉ up to 11 (≥ 2 000 images).
//!
//! Run with `cargo bench --bench material_listing` (optionally `-- <latency ms> <runs>`). It
//! reports; it asserts nothing.

#![allow(clippy::print_stdout)]

mod common;

use common::{latency_and_runs, median, succeed};

use std::path::Path;
use std::process::Command;
use std::time::Duration;
use wxform_emulator::{Emulator, Material};
use wxform_harness::account::connect;
use wxform_harness::run::wxform;

const YAML: &str = "version: 1
menu:
  button:
    - { type: media_id, name: 价目表, media_file: prices.png }
";

/// One `wxform plan` in `dir`; its wall time.
fn plan_once(emulator: &Emulator, dir: &Path) -> Duration {
    let mut command: Command = wxform();
    connect(&mut command, emulator, dir).arg("plan");
    succeed(&mut command).1
}

fn main() {
    let (latency, runs) = latency_and_runs(5);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), YAML).unwrap();
    std::fs::write(dir.path().join("prices.png"), b"\x89PNG\r\n\x1a\nbench").unwrap();
    let emulator = Emulator::start();
    plan_once(&emulator, dir.path());
    let overhead = median(
        (0..runs)
            .map(|_| plan_once(&emulator, dir.path()))
            .collect(),
    );
    println!(
        "plan of a media_file menu, latency L = {} ms, cached token, median of {runs} runs; no latency: {:.1} ms",
        latency.as_millis(),
        overhead.as_secs_f64() * 1e3
    );
    for images in [0usize, 20, 200, 2_000, 100_000] {
        emulator.set_latency(Duration::ZERO);
        emulator.update_state(|state| {
            state.materials = (0..images)
                .map(|i| Material::new(&format!("M{i}"), &format!("photo-{i}.jpg")))
                .collect();
        });
        emulator.set_latency(latency);
        emulator.clear_requests();
        let wall = median(
            (0..runs)
                .map(|_| plan_once(&emulator, dir.path()))
                .collect(),
        );
        let pages = emulator.request_count("/cgi-bin/material/batchget_material") / runs;
        let round_trips = wall.saturating_sub(overhead).as_secs_f64() / latency.as_secs_f64();
        println!(
            "  {images:>6} images: {:>7.1} ms, {pages:>3} pages read, {round_trips:.2} round trips beyond the fixed cost",
            wall.as_secs_f64() * 1e3
        );
    }
}
