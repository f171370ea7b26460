//! How long `wxform validate` takes on the largest legal configuration: 3 top-level folders of
//! 5 buttons with names and URLs at their byte limits, 100 tags, 25 templates, 25 subscribe
//! templates, and as many full conditional menus as fit under the 1 MiB file limit.
//!
//! `cargo bench --bench validate_large` (WXFORM_BENCH_ITERATIONS, default 20).

// A benchmark reports on stdout.
#![allow(clippy::print_stdout)]

use std::fmt::Write;
use std::time::{Duration, Instant};

/// A string of exactly `bytes` UTF-8 bytes: CJK characters (3 bytes) padded with ASCII.
fn name(seed: usize, bytes: usize) -> String {
    const CJK: &[char] = &['今', '日', '歌', '曲', '服', '务', '会', '员', '订', '单'];
    let mut text = String::new();
    let mut n = seed;
    while text.len() + 3 <= bytes {
        text.push(CJK[n % CJK.len()]);
        n = n / CJK.len() + 7;
    }
    while text.len() < bytes {
        text.push('A');
    }
    text
}

/// A `view` URL of exactly 1024 bytes on one of three hosts (conditional menus allow 3).
fn url(host: usize, seed: usize) -> String {
    let mut url = format!("https://h{}.example.com/{seed}/", host % 3);
    while url.len() < 1024 {
        url.push('x');
    }
    url
}

fn buttons(text: &mut String, indent: &str, seed: usize) {
    let _ = writeln!(text, "{indent}button:");
    for top in 0..3 {
        let _ = writeln!(text, "{indent}  - name: {}", name(seed + top, 16));
        let _ = writeln!(text, "{indent}    sub_button:");
        for sub in 0..5 {
            let n = seed * 100 + top * 10 + sub;
            let _ = writeln!(text, "{indent}      - name: {}", name(n, 60));
            let _ = writeln!(text, "{indent}        type: view");
            let _ = writeln!(text, "{indent}        url: {}", url(top, n));
        }
    }
}

fn tag(i: usize) -> String {
    format!("{}{i:03}", name(i, 27))
}

/// The configuration without conditional menus, and one conditional menu per call.
fn base() -> String {
    let mut text = String::from("version: 1\naccount:\n  appid: wx1234567890abcdef\nmenu:\n");
    buttons(&mut text, "  ", 0);
    text.push_str("tags:\n  unmanaged: delete\n  items:\n");
    for i in 0..100 {
        let _ = writeln!(text, "    - name: {}\n      previously: [old-{i}]", tag(i));
    }
    text.push_str("templates:\n  industry: { primary: 1, secondary: 4 }\n  items:\n");
    for i in 0..25 {
        let _ = writeln!(
            text,
            "    - name: t{i}\n      short_id: TM{i:05}\n      title: {}\n      keywords: [{}, {}, {}, {}, {}]",
            name(i, 30),
            name(i + 1, 15),
            name(i + 2, 15),
            name(i + 3, 15),
            name(i + 4, 15),
            name(i + 5, 15)
        );
    }
    text.push_str("subscribe_templates:\n  items:\n");
    for i in 0..25 {
        let _ = writeln!(
            text,
            "    - name: s{i}\n      tid: {}\n      kid_list: [1, 2, 3, 4, 5]\n      scene_desc: {}\n      title: {}\n      keywords: [k1, k2, k3, k4, k5]",
            100 + i,
            "场".repeat(15),
            name(i, 30)
        );
    }
    text.push_str("conditional_menus:\n");
    text
}

fn conditional(i: usize) -> String {
    let platform = ["ios", "android", "others"][i % 3];
    let mut text = format!(
        "  - name: menu-{i}\n    matchrule: {{ tag: {}, client_platform_type: {platform} }}\n",
        tag(i / 3)
    );
    buttons(&mut text, "    ", i + 1);
    text
}

fn main() {
    let iterations: usize = std::env::var("WXFORM_BENCH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let mut text = base();
    let mut menus = 0;
    loop {
        let next = conditional(menus);
        if text.len() + next.len() > wxform::config::MAX_FILE_BYTES {
            break;
        }
        text.push_str(&next);
        menus += 1;
    }
    if let Err(err) = wxform::config::load_str("large.yaml", &text) {
        panic!("the benchmark's configuration must be valid: {err:?}");
    }

    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let start = Instant::now();
        let loaded = wxform::config::load_str("large.yaml", &text);
        times.push(start.elapsed());
        assert!(loaded.is_ok());
    }
    times.sort();
    let total: Duration = times.iter().sum();
    let mean = total / iterations as u32;
    let mib = text.len() as f64 / (1024.0 * 1024.0);
    println!(
        "validate_large: {} bytes ({menus} conditional menus, {} buttons), {iterations} iterations",
        text.len(),
        (menus + 1) * 18
    );
    println!(
        "  min {:.1} ms, median {:.1} ms, mean {:.1} ms, max {:.1} ms; {:.1} MiB/s",
        ms(times[0]),
        ms(times[iterations / 2]),
        ms(mean),
        ms(times[iterations - 1]),
        mib / mean.as_secs_f64()
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
