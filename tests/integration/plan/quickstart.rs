//! The quick start: `examples/shop.live.json` is what `wxform export --format json` writes for a
//! shop account a little behind `examples/shop.yaml`, so that
//! `wxform plan examples/shop.yaml --live examples/shop.live.json` shows a small plan on a
//! machine with no account. Every snapshot in `examples/` parses.

use super::{Account, shop_state, transcript};
use crate::support::emulator::State;
use crate::support::run::run_in;
use std::path::Path;

const SNAPSHOT: &str = "examples/shop.live.json";
/// When the example snapshot was exported, and the day the quick start is pinned on.
const EXPORTED_AT: &str = "2026-11-28T09:00:00Z";
const THREE_DAYS_LATER: &str = "2026-12-01T09:00:00Z";

/// The live shop behind its configuration: a button still under its old name, a tag not yet
/// renamed, a template not yet added.
fn quickstart_state() -> State {
    let mut state = shop_state();
    let menu = state.menu.as_mut().unwrap();
    menu.button[1].sub_button[2].name = "订单查询".into();
    state.tags[1].name = "beta".into();
    state.templates.truncate(1);
    state
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The committed snapshot is exactly what `export --format json` writes for the quick-start
/// account. `WXFORM_WRITE_EXAMPLES=1` rewrites it.
#[test]
fn the_example_snapshot_is_an_export_of_the_quickstart_account() {
    let account = Account::new(quickstart_state(), "");
    let run = account.run_with(
        &["export", "--format", "json"],
        &[("WXFORM_NOW", EXPORTED_AT)],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    account.assert_read_only();
    let path = root().join(SNAPSHOT);
    if std::env::var_os("WXFORM_WRITE_EXAMPLES").is_some() {
        std::fs::write(&path, &run.stdout).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        committed, run.stdout,
        "{SNAPSHOT} is out of date: run with WXFORM_WRITE_EXAMPLES=1"
    );
}

#[test]
fn quick_start_plans_the_example_offline() {
    let run = run_in(
        root(),
        &["plan", "examples/shop.yaml", "--live", SNAPSHOT],
        &[("WXFORM_NOW", THREE_DAYS_LATER)],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    insta::assert_snapshot!(transcript(&run));
}

#[test]
fn every_example_snapshot_parses() {
    let mut found = 0;
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".live.json") {
            continue;
        }
        found += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let live: wxform::model::Live =
            serde_json::from_str(&text).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(
            live.format_version,
            wxform::model::SNAPSHOT_FORMAT_VERSION,
            "{name}"
        );
        // Nothing is ignored: every field of the file is part of the snapshot format.
        let original: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_value(&live).unwrap(), original, "{name}");
        // And the configuration beside it plans against it.
        let config = path.with_file_name(name.replace(".live.json", ".yaml"));
        let run = run_in(
            root(),
            &[
                "plan",
                config.to_str().unwrap(),
                "--live",
                path.to_str().unwrap(),
            ],
            &[],
        );
        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
    }
    assert!(found > 0, "no *.live.json in examples/");
}

#[test]
fn a_snapshot_of_another_account_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = super::edit(
        super::SHOP_YAML,
        "appid: wx1234567890abcdef",
        "appid: wx00000000000000aa",
    );
    std::fs::write(dir.path().join("wxform.yaml"), yaml).unwrap();
    let snapshot = root().join(SNAPSHOT);
    let run = run_in(
        dir.path(),
        &["plan", "--live", snapshot.to_str().unwrap()],
        &[],
    );
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "error: the configuration is for account wx00000000000000aa (account.appid), but {} is a snapshot of wx1234567890abcdef\n",
            snapshot.display()
        )
    );
}
