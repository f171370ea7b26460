//! Settings read from the environment are taken within bounds: an absurd number is never a
//! crash.

use super::{against, output};
use crate::support::emulator::Emulator;
use crate::support::run::all_text;
use crate::support::shop::shop_dir;

#[test]
fn an_absurd_request_time_limit_is_capped() {
    let emulator = Emulator::start();
    let dir = shop_dir();
    for secs in ["18446744073709551615", "99999999999999999"] {
        let out = output(
            against(&emulator, dir.path())
                .env("WXFORM_TIMEOUT_SECS", secs)
                .arg("plan"),
        );
        let text = all_text(&out);
        assert!(!text.contains("panicked"), "{secs}: {text}");
        assert_eq!(out.status.code(), Some(0), "{secs}: {text}");
    }
}

/// CI files often set a variable from a secret or a repository variable that is not defined:
/// the variable is then present and empty. Empty counts as unset, as for credentials.
#[test]
fn empty_settings_count_as_unset() {
    let emulator = Emulator::start();
    let dir = shop_dir();
    for name in [
        "WXFORM_TIMEOUT_SECS",
        "WXFORM_RETRY_BASE_MS",
        "WXFORM_LOCK_TIMEOUT",
        "WXFORM_TOKEN_COMMAND_TIMEOUT_SECS",
    ] {
        let out = output(
            against(&emulator, dir.path())
                .env(name, "")
                .args(["apply", "--auto-approve"]),
        );
        assert_eq!(out.status.code(), Some(0), "{name}: {}", all_text(&out));
    }
}

/// A setting that is not a number is an error before any call, naming the variable, instead
/// of being silently ignored.
#[test]
fn a_setting_that_is_not_a_number_is_refused_before_any_call() {
    let emulator = Emulator::start();
    let dir = shop_dir();
    for (name, says) in [
        (
            "WXFORM_TIMEOUT_SECS",
            "WXFORM_TIMEOUT_SECS must be a whole number of seconds above 0",
        ),
        (
            "WXFORM_TIMEOUT_SECS=0",
            "WXFORM_TIMEOUT_SECS must be a whole number of seconds above 0",
        ),
        (
            "WXFORM_RETRY_BASE_MS",
            "WXFORM_RETRY_BASE_MS must be a whole number of milliseconds",
        ),
        (
            "WXFORM_TOKEN_COMMAND_TIMEOUT_SECS=0",
            "WXFORM_TOKEN_COMMAND_TIMEOUT_SECS must be a whole number of seconds above 0",
        ),
    ] {
        let (name, value) = name.split_once('=').unwrap_or((name, "30s"));
        let out = output(against(&emulator, dir.path()).env(name, value).arg("plan"));
        let text = all_text(&out);
        assert_eq!(out.status.code(), Some(1), "{name}={value}: {text}");
        assert!(text.contains(says), "{name}={value}: {text}");
        assert!(out.stdout.is_empty(), "{name}={value}: {text}");
        assert!(
            emulator.requests().is_empty(),
            "{name}={value}: a call was made"
        );
    }
}
