//! The preview page in a real browser: headless Chromium (Debian's `chromium`, with
//! `fonts-noto-cjk` for the Chinese names) renders the shop example's page to PNG, and the
//! picture must be the right size, not blank, and hold one phone per side of every audience.
//! The DOM as Chromium parsed it must hold every mock-up too.
//!
//! Where Chromium is missing the test says so and passes, except in CI (`CI=true`), where
//! `.ci/run` installs it and its absence is a failure.

use super::offline;
use std::path::Path;
use std::process::Command;

const WIDTH: u32 = 800;
const HEIGHT: u32 = 2800;
/// The phones' bezel colour (`.bezel` in the style sheet), which nothing else on the page uses.
const BEZEL: [u8; 3] = [0x1c, 0x1c, 0x1e];

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|name| {
        Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success())
    })
}

/// Chromium with a fresh profile and nothing that reaches out to the network.
fn headless(browser: &str, profile: &Path) -> Command {
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

#[test]
// A machine without Chromium is told why the test did nothing.
#[allow(clippy::print_stderr)]
fn chromium_renders_every_mock_up_of_the_shop_preview() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "chromium is not installed; .ci/run installs chromium and fonts-noto-cjk"
        );
        eprintln!("skipped: chromium is not installed (apt-get install chromium fonts-noto-cjk)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let run = offline(
        dir.path(),
        &["preview", "--live", "live.json", "--out", "preview.html"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = dir.path().join("preview.html");
    let url = format!("file://{}", page.display());

    let dom = headless(browser, &dir.path().join("profile-dom"))
        .args(["--dump-dom", &url])
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert_eq!(
        dom.matches("<section class=\"audience\"").count(),
        3,
        "{dom}"
    );
    assert_eq!(dom.matches("<g class=\"phone\">").count(), 6, "{dom}");
    for name in ["default menu", "vip-ios", "android", "我的订单", "订单查询"] {
        assert!(dom.contains(name), "{name}");
    }

    let png = dir.path().join("preview.png");
    let shot = headless(browser, &dir.path().join("profile-shot"))
        .arg(format!("--window-size={WIDTH},{HEIGHT}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let (width, height, pixels) = decode(&png);
    assert_eq!((width, height), (WIDTH, HEIGHT));
    let distinct: std::collections::HashSet<&[u8]> = pixels.chunks(3).step_by(7).collect();
    assert!(
        distinct.len() > 100,
        "a blank page: {} colours",
        distinct.len()
    );
    let phones = regions_of(&pixels, width as usize, BEZEL, 5_000);
    assert_eq!(phones.len(), 6, "phones drawn: {phones:?}");
    // Live beside configured: the phones come in pairs, side by side.
    for pair in phones.chunks(2) {
        assert_eq!(pair[0].1, pair[1].1, "{phones:?}");
        assert!(pair[0].0 < pair[1].0, "{phones:?}");
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        let font = Command::new("fc-match")
            .args(["-f", "%{family}", "sans-serif:lang=zh-cn"])
            .output()
            .unwrap();
        let family = String::from_utf8_lossy(&font.stdout);
        assert!(
            family.contains("CJK"),
            "no CJK font for Chinese names: {family}"
        );
    }
}

/// The RGB pixels of a PNG.
fn decode(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let channels = info.color_type.samples();
    let rgb = buffer[..info.buffer_size()]
        .chunks(channels)
        .flat_map(|px| px[..3].to_vec())
        .collect();
    (info.width, info.height, rgb)
}

/// The top-left corners (x, y) of the connected regions of `colour` with at least `min`
/// pixels, top to bottom then left to right.
fn regions_of(pixels: &[u8], width: usize, colour: [u8; 3], min: usize) -> Vec<(usize, usize)> {
    let count = pixels.len() / 3;
    let matches = |i: usize| pixels[i * 3..i * 3 + 3] == colour;
    let mut seen = vec![false; count];
    let mut found = Vec::new();
    for start in 0..count {
        if seen[start] || !matches(start) {
            continue;
        }
        seen[start] = true;
        let (mut stack, mut size) = (vec![start], 0);
        let (mut left, mut top) = (usize::MAX, usize::MAX);
        while let Some(i) = stack.pop() {
            size += 1;
            left = left.min(i % width);
            top = top.min(i / width);
            let (x, y) = (i % width, i / width);
            let mut near = vec![];
            if x > 0 {
                near.push(i - 1);
            }
            if x + 1 < width {
                near.push(i + 1);
            }
            if y > 0 {
                near.push(i - width);
            }
            if i + width < count {
                near.push(i + width);
            }
            for n in near {
                if !seen[n] && matches(n) {
                    seen[n] = true;
                    stack.push(n);
                }
            }
        }
        if size >= min {
            found.push((left, top));
        }
    }
    found.sort_by_key(|&(x, y)| (y, x));
    found
}
