//! A snapshot's age: `export --format json` records when it was taken (`exported_at`, the
//! time `WXFORM_NOW` names here, so no test reads the wall clock's answer), and `plan --live`
//! says how old it is on one line of stderr and in the plan's header in every format, warning
//! past `--max-snapshot-age` (or `WXFORM_MAX_SNAPSHOT_AGE`). A snapshot without the field still
//! plans, with its age unknown; one dated in the future is said to be.

use super::{Account, filters, transcript};
use crate::support::emulator::{Button, DefaultMenu, MenuSource, State};
use crate::support::run::{Run, run_in};
use serde_json::Value;

const EXPORTED_AT: &str = "2026-11-28T09:00:00Z";
const THREE_DAYS_LATER: &str = "2026-12-01T09:00:00Z";
const TEN_DAYS_LATER: &str = "2026-12-08T09:00:00Z";
const CONFIG: &str = "version: 1\nmenu:\n  button:\n    - { name: 官网, type: view, url: \"https://example.com/\" }\n";

/// An account whose one button has another name than the configuration's, exported to
/// `live.json` at EXPORTED_AT.
fn exported() -> Account {
    let account = Account::new(
        State {
            menu: Some(DefaultMenu {
                source: MenuSource::Api,
                menuid: 1,
                button: vec![Button::view("旧官网", "https://example.com/")],
            }),
            ..State::default()
        },
        CONFIG,
    );
    let run = account.run_with(
        &["export", "--format", "json", "--out", "live.json"],
        &[("WXFORM_NOW", EXPORTED_AT)],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    account.emulator.clear_requests();
    account
}

/// `wxform plan --live live.json ARGS` with no credentials, `WXFORM_NOW` at `now` and `env`.
fn plan_at(account: &Account, now: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut all = vec!["plan", "--live", "live.json"];
    all.extend_from_slice(args);
    let mut vars = vec![("WXFORM_NOW", now)];
    vars.extend_from_slice(env);
    let run = run_in(account.dir(), &all, &vars);
    assert!(
        account.emulator.requests().is_empty(),
        "a snapshot is planned offline"
    );
    run
}

fn document(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|err| panic!("{err}: {}", run.stdout))
}

#[test]
fn export_records_when_it_was_taken() {
    let account = exported();
    let text = std::fs::read_to_string(account.path("live.json")).unwrap();
    assert!(
        text.starts_with(&format!(
            "{{\n  \"format_version\": 1,\n  \"exported_at\": \"{EXPORTED_AT}\",\n"
        )),
        "{text}"
    );

    // Without WXFORM_NOW, the system clock's time, to the second.
    let before = std::time::SystemTime::now();
    let run = account.run(&["export", "--format", "json"]);
    let after = std::time::SystemTime::now();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let taken = document(&run)["exported_at"].as_str().unwrap().to_string();
    let secs = |time: std::time::SystemTime| {
        time.duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    };
    let taken = wxform::utc::parse(&taken).unwrap_or_else(|| panic!("{taken}"));
    assert!(secs(before) <= taken && taken <= secs(after));

    // The configuration export is not a snapshot: no date in it.
    let run = account.run_with(&["export"], &[("WXFORM_NOW", EXPORTED_AT)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stdout.contains("2026"), "{}", run.stdout);

    // A WXFORM_NOW that is not a time stops the export before any request.
    account.emulator.clear_requests();
    let run = account.run_with(&["export", "--format", "json"], &[("WXFORM_NOW", "today")]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "error: WXFORM_NOW must be a UTC time such as 2026-11-28T09:00:00Z\n"
    );
    assert!(account.emulator.requests().is_empty());
}

/// The age in each format, three days after the export, within the default 7 days.
#[test]
fn plan_says_the_age_in_every_format() {
    let account = exported();
    for format in ["text", "markdown", "json"] {
        let run = plan_at(&account, THREE_DAYS_LATER, &["--format", format], &[]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let mut settings = insta::Settings::clone_current();
        for (pattern, replacement) in filters(account.dir()) {
            settings.add_filter(&pattern, replacement);
        }
        settings.bind(|| insta::assert_snapshot!(format!("fresh_{format}"), transcript(&run)));
    }
}

#[test]
fn past_the_limit_the_plan_warns_in_every_format() {
    let account = exported();
    let warning = "warning: the snapshot live.json was exported 10 days ago (2026-11-28T09:00:00Z), more than the 7 days --max-snapshot-age allows: the account may have changed since; export a fresh one with `wxform export --format json`\n";
    let run = plan_at(&account, TEN_DAYS_LATER, &["--detailed-exitcode"], &[]);
    assert_eq!(run.code, Some(2), "a warning, not an error: {}", run.stderr);
    assert_eq!(run.stderr, warning);
    assert!(
        run.stdout.starts_with("Planned against a snapshot exported 10 days ago (2026-11-28T09:00:00Z), older than the 7 days allowed (--max-snapshot-age): the account may have changed since.\n\n"),
        "{}",
        run.stdout
    );
    let run = plan_at(&account, TEN_DAYS_LATER, &["--format", "markdown"], &[]);
    assert!(
        run.stdout.contains("\n> [!WARNING]\n> Planned against a snapshot exported 10 days ago (`2026-11-28T09:00:00Z`), older than the 7 days allowed (`--max-snapshot-age`)"),
        "{}",
        run.stdout
    );
    let run = plan_at(&account, TEN_DAYS_LATER, &["--format", "json"], &[]);
    let snapshot = &document(&run)["snapshot"];
    assert_eq!(snapshot["status"], "stale");
    assert_eq!(snapshot["age_seconds"], 10 * 86_400);
    assert_eq!(snapshot["max_age_seconds"], 7 * 86_400);
}

#[test]
fn the_limit_is_set_by_flag_or_environment_and_can_be_turned_off() {
    let account = exported();
    let status = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let run = plan_at(&account, THREE_DAYS_LATER, &all, env);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let snapshot = document(&run)["snapshot"].clone();
        (
            snapshot["status"].clone(),
            snapshot["max_age_seconds"].clone(),
            run.stderr,
        )
    };
    let env = [("WXFORM_MAX_SNAPSHOT_AGE", "12h")];
    let (state, max, stderr) = status(&[], &env);
    assert_eq!((state, max), ("stale".into(), 43_200.into()));
    assert!(
        stderr.contains("more than the 12 hours --max-snapshot-age allows"),
        "{stderr}"
    );
    // The flag wins over the variable.
    let (state, max, _) = status(&["--max-snapshot-age", "30m"], &[]);
    assert_eq!((state, max), ("stale".into(), 1800.into()));
    let (state, max, _) = status(&["--max-snapshot-age", "4d"], &env);
    assert_eq!((state, max), ("fresh".into(), (4 * 86_400).into()));
    for off in ["0", "off"] {
        let (state, max, stderr) = status(&["--max-snapshot-age", off], &env);
        assert_eq!((state, max), ("fresh".into(), Value::Null), "{off}");
        assert!(!stderr.contains("warning"), "{stderr}");
    }
    // An empty variable (a CI variable that is not set) is the default.
    let (state, max, _) = status(&[], &[("WXFORM_MAX_SNAPSHOT_AGE", "")]);
    assert_eq!((state, max), ("fresh".into(), (7 * 86_400).into()));
}

/// Snapshots written before wxform recorded `exported_at` still plan: the age is unknown.
#[test]
fn a_snapshot_without_a_date_still_plans_with_its_age_unknown() {
    let account = exported();
    let path = account.path("live.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let older = text.replace(&format!("  \"exported_at\": \"{EXPORTED_AT}\",\n"), "");
    assert_ne!(older, text);
    std::fs::write(&path, older).unwrap();
    let run = plan_at(&account, TEN_DAYS_LATER, &[], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "Planning against the snapshot live.json, which does not say when it was exported: its age is unknown.\n"
    );
    assert!(
        run.stdout
            .starts_with("Planned against a snapshot that does not say when it was exported")
    );
    let run = plan_at(&account, TEN_DAYS_LATER, &["--format", "json"], &[]);
    assert_eq!(
        document(&run)["snapshot"],
        serde_json::json!({"exported_at": null, "age_seconds": null, "max_age_seconds": 604_800, "status": "unknown"})
    );
}

/// A clock set wrong, or an edited file: said as such, never as a negative age.
#[test]
fn a_snapshot_dated_in_the_future_is_said_to_be() {
    let account = exported();
    let run = plan_at(
        &account,
        "2026-11-28T08:00:00Z",
        &["--format", "markdown"],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: the snapshot live.json is dated 2026-11-28T09:00:00Z, in the future by this machine's clock (a clock set wrong, or an edited file): its age is unknown\n"
    );
    assert!(run.stdout.contains("> [!WARNING]\n> Planned against a snapshot dated `2026-11-28T09:00:00Z`, which is in the future"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("ago") && !run.stdout.contains("hour"),
        "{}",
        run.stdout
    );
    let run = plan_at(
        &account,
        "2026-11-28T08:00:00Z",
        &["--format", "json", "--max-snapshot-age", "off"],
        &[],
    );
    let snapshot = &document(&run)["snapshot"];
    assert_eq!(
        (&snapshot["status"], &snapshot["age_seconds"]),
        (&"future".into(), &Value::Null)
    );
}

#[test]
fn bad_settings_and_bad_dates_are_refused_before_a_plan() {
    let account = exported();
    for (args, env) in [
        (&["--max-snapshot-age", "7"][..], &[][..]),
        (&["--max-snapshot-age", "1w"][..], &[][..]),
        (&[][..], &[("WXFORM_MAX_SNAPSHOT_AGE", "soon")][..]),
    ] {
        let run = plan_at(&account, THREE_DAYS_LATER, args, env);
        assert_eq!(
            run.code,
            Some(64),
            "a usage error: {args:?} {env:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("expected an age such as 30m, 12h or 7d"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
    let run = plan_at(&account, "soon", &[], &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("WXFORM_NOW must be a UTC time"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());

    // A date that is not a time: not a snapshot wxform wrote.
    let path = account.path("live.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(EXPORTED_AT, "2026-11-28T09:00:00+08:00"),
    )
    .unwrap();
    let run = plan_at(&account, THREE_DAYS_LATER, &[], &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "error: live.json is not a wxform snapshot: its exported_at is not a UTC time such as 2026-11-28T09:00:00Z (the value is not shown)\n"
    );
    assert!(run.stdout.is_empty());
    let quoted = format!("\"{EXPORTED_AT}\"");
    std::fs::write(&path, text.replace(&quoted, "1796115600")).unwrap();
    let run = plan_at(&account, THREE_DAYS_LATER, &[], &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with("error: live.json is not a wxform snapshot (write one with `wxform export --format json`): invalid type: integer"),
        "{}",
        run.stderr
    );
}

/// When the snapshot was taken is information only: a plan saved from it is applied against
/// the live account it shows.
#[test]
fn a_plan_saved_from_a_snapshot_applies_to_the_account_it_shows() {
    let account = exported();
    let run = plan_at(&account, THREE_DAYS_LATER, &["--out", "plan.json"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(account.path("plan.json")).unwrap()).unwrap();
    assert_eq!(saved["snapshot"]["exported_at"], EXPORTED_AT);
    account.apply_ok(&["--plan", "plan.json"]);
    assert_eq!(
        account.emulator.state().menu.unwrap().button[0].name,
        "官网"
    );
}
