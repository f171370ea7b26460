//! `wxform preview` through the binary: live state from the emulator or a snapshot, the
//! configuration alone, SVG files, bad input, hostile live names; `browser` renders the page in
//! headless Chromium.

mod browser;

use crate::support::account::{Account, closed_port_url, edit};
use crate::support::emulator::Button;
use crate::support::run::{Run, contains, run_in};
use crate::support::shop::SHOP_YAML;
use std::path::Path;

/// The shop example and its snapshot, run offline: no credentials, and an API base nothing
/// listens on, so any network use would fail the run.
fn offline(dir: &Path, args: &[&str]) -> Run {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    std::fs::copy(examples.join("shop.yaml"), dir.join("wxform.yaml")).unwrap();
    std::fs::copy(examples.join("shop.live.json"), dir.join("live.json")).unwrap();
    let base = closed_port_url();
    run_in(dir, args, &[("WXFORM_API_BASE", base.as_str())])
}

/// Every button and sub button name of the configuration.
const SHOP_NAMES: [&str; 14] = [
    "新品上架",
    "商城",
    "官方商城",
    "小程序商城",
    "我的订单",
    "服务",
    "联系客服",
    "扫码查价",
    "门店位置",
    "会员专区",
    "积分兑换",
    "下载App",
    "vip-ios",
    "android",
];

#[test]
fn the_page_shows_every_audience_live_beside_configured_from_a_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let run = offline(dir.path(), &["preview", "--live", "live.json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let page = &run.stdout;
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    for name in SHOP_NAMES {
        assert!(page.contains(name), "{name} is not on the page");
    }
    // The snapshot's 订单查询 is renamed 我的订单 by the configuration: both are drawn, marked.
    assert!(page.contains(">订单查询</text>") && page.contains(">我的订单</text>"));
    assert!(
        page.contains("Renamed “商城 › 订单查询” to “我的订单”."),
        "{page}"
    );
    assert_eq!(page.matches(r#"class="badge changed""#).count(), 2);
    // Three audiences, each with its matchrule in words and two phones.
    assert_eq!(page.matches("<section class=\"audience\"").count(), 3);
    for rule in ["everyone else", "VIP · iOS", "Android"] {
        assert!(
            page.contains(&format!("<p class=\"rule\">{rule}</p>")),
            "{rule}"
        );
    }
    assert_eq!(page.matches(r#"class="bezel""#).count(), 6);
    assert!(page.contains("3 audiences; the menu changes for 1 of them."));
    // Self-contained: nothing to load, nothing to run.
    for needle in ["<script", "<link", "<img", "src=", "url(", "@import"] {
        assert!(!page.contains(needle), "{needle}");
    }
}

#[test]
fn the_page_reads_the_live_account_with_credentials_and_writes_nothing() {
    let account = Account::shop();
    account.emulator.update_state(|state| {
        state.conditional_menus[0].button[1].name = "积分商城".into();
    });
    let run = account.run(&["preview", "--out", "preview.html"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!("Wrote the preview of 3 audiences to preview.html.\n")
    );
    let page = std::fs::read_to_string(account.path("preview.html")).unwrap();
    assert!(page.contains(">积分商城</text>") && page.contains(">积分兑换</text>"));
    assert!(page.contains("Renamed “积分商城” to “积分兑换”."), "{page}");
    assert!(!page.contains(account.emulator.secret()));
    account.assert_read_only();
}

#[test]
fn a_link_button_that_becomes_a_folder_is_said_to_be_replaced() {
    let account = Account::shop();
    account.emulator.update_state(|state| {
        let menu = state.menu.as_mut().unwrap();
        menu.button[1] = Button::view("商城网站", "https://shop.example.com/");
    });
    let run = account.run(&["preview"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = &run.stdout;
    assert!(
        page.contains("Replaced “商城网站” (opens shop.example.com) with “商城” (a menu of "),
        "{page}"
    );
    assert!(!page.contains("Renamed “商城网站”"), "{page}");
    // Every line under the phones is a sentence.
    for item in page.split("<li>").skip(1) {
        let item = item.split("</li>").next().unwrap();
        assert!(item.ends_with('.'), "{item}");
        assert!(
            item.chars().next().unwrap().is_uppercase() || item.starts_with('“'),
            "{item}"
        );
    }
}

#[test]
fn without_credentials_or_a_snapshot_the_configuration_is_shown_alone() {
    let dir = tempfile::tempdir().unwrap();
    let run = offline(dir.path(), &["preview"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "No credentials and no --live: showing the configuration alone, without the live menus.\n"
    );
    let page = &run.stdout;
    for name in SHOP_NAMES {
        assert!(page.contains(name), "{name} is not on the page");
    }
    assert!(
        !page.contains("订单查询"),
        "a live name on a configuration-only page"
    );
    assert_eq!(page.matches(r#"class="bezel""#).count(), 3);
    assert_eq!(page.matches(">Configured</text>").count(), 3);
}

#[test]
fn svg_writes_one_standalone_file_per_audience() {
    let dir = tempfile::tempdir().unwrap();
    let run = offline(
        dir.path(),
        &[
            "preview",
            "--live",
            "live.json",
            "--format",
            "svg",
            "--out",
            "svgs",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "Wrote 3 SVG files to svgs.\n");
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("svgs"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["01-default-menu.svg", "02-vip-ios.svg", "03-android.svg"]
    );
    let vip = std::fs::read_to_string(dir.path().join("svgs/02-vip-ios.svg")).unwrap();
    assert!(vip.starts_with(r#"<svg class="wxform-preview" xmlns="http://www.w3.org/2000/svg""#));
    assert!(vip.contains(">vip-ios</text>") && vip.contains(">VIP · iOS</text>"));
    assert!(vip.contains("<style>"));
}

#[test]
fn svg_without_a_directory_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = offline(dir.path(), &["preview", "--format", "svg"]);
    assert_eq!(run.code, Some(64), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    contains(&run.stderr, "--format svg writes one file per audience");
}

#[test]
fn svg_into_a_file_says_it_needs_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), "kept").unwrap();
    let args = [
        "preview",
        "--live",
        "live.json",
        "--format",
        "svg",
        "--out",
        "page.html",
    ];
    let run = offline(dir.path(), &args);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: --format svg writes one file per audience into a directory, but page.html is a file\n"
    );
    let kept = std::fs::read_to_string(dir.path().join("page.html")).unwrap();
    assert_eq!(kept, "kept");
}

#[test]
fn an_invalid_configuration_gives_the_validate_diagnostics_and_no_page() {
    let dir = tempfile::tempdir().unwrap();
    let bad = edit(
        SHOP_YAML,
        "name: 商城\n",
        "name: 商城商城商城商城商城商城\n",
    );
    std::fs::write(dir.path().join("wxform.yaml"), &bad).unwrap();
    let base = closed_port_url();
    let env = [("WXFORM_API_BASE", base.as_str())];
    let validate = run_in(dir.path(), &["validate"], &env);
    let run = run_in(dir.path(), &["preview", "--out", "preview.html"], &env);
    assert_eq!(run.code, Some(1));
    assert_eq!(validate.code, Some(1));
    assert_eq!(run.stdout, "");
    contains(&run.stderr, "wxform.yaml:");
    assert_eq!(run.stderr, validate.stderr);
    assert!(!dir.path().join("preview.html").exists());
}

#[test]
fn hostile_live_names_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    std::fs::copy(examples.join("shop.yaml"), dir.path().join("wxform.yaml")).unwrap();
    let live = std::fs::read_to_string(examples.join("shop.live.json")).unwrap();
    let hostile = r#"<\/text><script>alert(1)<\/script><text a=\"x"#;
    let live = edit(
        &live,
        "\"name\": \"积分兑换\"",
        &format!("\"name\": \"{hostile}\""),
    );
    let live = edit(
        &live,
        "\"name\": \"VIP\"",
        "\"name\": \"<b onmouseover='x'>VIP\"",
    );
    std::fs::write(dir.path().join("live.json"), live).unwrap();
    let run = run_in(dir.path(), &["preview", "--live", "live.json"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stdout.contains("<script"));
    assert!(!run.stdout.contains("<b "));
    assert!(
        run.stdout
            .contains("&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(run.stdout.contains("&lt;b onmouseover=&#39;x&#39;&gt;VIP"));
}

#[test]
fn help_explains_where_the_live_side_comes_from_with_examples() {
    let run = run_in(Path::new("."), &["preview", "--help"], &[]);
    assert_eq!(run.code, Some(0));
    assert!(run.stdout.contains("Examples:"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("wxform preview --format svg --out previews/")
    );
    assert!(
        run.stdout
            .contains("with neither, the configuration is shown alone")
    );
}
