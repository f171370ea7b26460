//! The preview page in a real browser: headless Chromium (Debian's `chromium`, with
//! `fonts-noto-cjk` for the Chinese names) renders the shop example's page to PNG, and the
//! picture must be the right size, not blank, and hold one phone per side of every audience.
//! The DOM as Chromium parsed it must hold every mock-up too.
//!
//! The page's own fonts must draw Chinese as glyphs, not as empty boxes; the screenshot command
//! of docs/preview.md must capture the whole page.
//!
//! Where Chromium is missing the tests say so and pass, except in CI (`CI=true`), where
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

/// Chromium, or `None` after saying why the test does nothing (a failure under `CI=true`).
// A machine without Chromium is told why the test did nothing.
#[allow(clippy::print_stderr)]
fn chromium_or_skip() -> Option<&'static str> {
    let browser = chromium();
    if browser.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "chromium is not installed; .ci/run installs chromium and fonts-noto-cjk"
        );
        eprintln!("skipped: chromium is not installed (apt-get install chromium fonts-noto-cjk)");
    }
    browser
}

/// A screenshot of `url` in a `width` × `height` window: its size and RGB pixels.
fn screenshot(browser: &str, dir: &Path, url: &str, width: u32, height: u32) -> Vec<u8> {
    let png = dir.join(format!("shot-{width}x{height}.png"));
    let shot = headless(browser, &dir.join(format!("profile-{width}x{height}")))
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(url)
        .output()
        .unwrap();
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let (w, h, pixels) = decode(&png);
    assert_eq!((w, h), (width, height));
    pixels
}

#[test]
fn chromium_renders_every_mock_up_of_the_shop_preview() {
    let Some(browser) = chromium_or_skip() else {
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
}

/// The font list of the page's body rule (`font:15px/1.5 <families>`).
fn page_fonts(page: &str) -> String {
    let body = page.split("body{").nth(1).expect("a body rule");
    let font = body
        .split("font:")
        .nth(1)
        .expect("a font")
        .split('}')
        .next()
        .unwrap();
    font.split_once(' ')
        .expect("size, then families")
        .1
        .to_string()
}

/// The dark pixels of the `size` × `size` cell at column `x` of a screenshot `width` wide.
fn ink(pixels: &[u8], width: usize, x: usize, size: usize) -> Vec<bool> {
    let mut cell = Vec::with_capacity(size * size);
    for row in 0..size {
        for col in x..x + size {
            let at = (row * width + col) * 3;
            let grey = pixels[at..at + 3]
                .iter()
                .map(|&c| u32::from(c))
                .sum::<u32>()
                / 3;
            cell.push(grey < 128);
        }
    }
    cell
}

#[test]
fn the_page_fonts_draw_chinese_as_glyphs_not_empty_boxes() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let run = offline(dir.path(), &["preview", "--live", "live.json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // Two different characters in two cells, in the page's own fonts. Without a CJK font both
    // are the same empty box (or nothing at all): their ink is identical.
    let cell = 160;
    let page = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><style>body{{margin:0;background:#fff;color:#000;font:128px/1 {}}}span{{position:absolute;top:10px}}</style><span style=\"left:10px\">订</span><span style=\"left:{}px\">单</span>",
        page_fonts(&run.stdout),
        cell + 10
    );
    std::fs::write(dir.path().join("glyphs.html"), page).unwrap();
    let url = format!("file://{}", dir.path().join("glyphs.html").display());
    let width = 2 * cell;
    let pixels = screenshot(browser, dir.path(), &url, width as u32, cell as u32);
    let (first, second) = (
        ink(&pixels, width, 0, cell),
        ink(&pixels, width, cell, cell),
    );
    let inked = |cell: &[bool]| cell.iter().filter(|&&dark| dark).count();
    assert!(inked(&first) > 200 && inked(&second) > 200, "nothing drawn");
    assert!(
        first != second,
        "订 and 单 are drawn alike: the page's fonts have no CJK glyphs (install fonts-noto-cjk)"
    );
}

/// The window size of the screenshot command in docs/preview.md.
fn documented_window_size() -> (u32, u32) {
    let doc = std::fs::read_to_string(crate::support::run::repo().join("docs/preview.md")).unwrap();
    let size = doc
        .split("--window-size=")
        .nth(1)
        .expect("the documented command");
    let size: String = size
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    let (width, height) = size.split_once(',').unwrap();
    (width.parse().unwrap(), height.parse().unwrap())
}

#[test]
fn the_documented_screenshot_command_captures_the_whole_page() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let run = offline(
        dir.path(),
        &["preview", "--live", "live.json", "--out", "preview.html"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let url = format!("file://{}", dir.path().join("preview.html").display());
    let (width, height) = documented_window_size();
    let pixels = screenshot(browser, dir.path(), &url, width, height);
    let phones = regions_of(&pixels, width as usize, BEZEL, 5_000);
    assert_eq!(phones.len(), 6, "every phone is in the picture: {phones:?}");
    // The page ends inside the window: its last rows are the page's background.
    let row = width as usize * 3;
    let background = [0xf2, 0xf2, 0xf2];
    let bottom = &pixels[pixels.len() - 24 * row..];
    assert!(
        bottom.chunks(3).all(|px| px == background),
        "the page goes on below the documented window: make --window-size taller"
    );
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
