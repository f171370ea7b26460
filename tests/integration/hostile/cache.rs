//! A token cache directory someone else can write to, and what they may plant there: the cache
//! is used only when it is the current user's and private, never follows a symlink, never
//! reuses a token for another API host, and (as root) ignores files of other users.

use super::{against, output};
use crate::support::emulator::{Emulator, EmulatorOptions};
use crate::support::run::all_text;
use crate::support::shop::{SHOP_YAML, shop_dir};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use wxform::wechat::cache::TokenCache;

const STABLE_TOKEN: &str = "/cgi-bin/stable_token";

fn token_file(dir: &Path, emulator: &Emulator) -> std::path::PathBuf {
    TokenCache::new(dir.join("cache"))
        .for_host(&emulator.host())
        .path(emulator.appid())
}

/// A `wxform plan` in `dir` that succeeds (a first one makes the private cache and its files).
fn plan_ok(emulator: &Emulator, dir: &Path) {
    let result = output(against(emulator, dir).arg("plan"));
    assert!(result.status.success(), "{}", all_text(&result));
}

#[test]
fn a_directory_others_may_write_is_not_used_and_said_once() {
    for mode in [0o777, 0o775, 0o1777] {
        let emulator = Emulator::start();
        let dir = shop_dir();
        let cache = dir.path().join("cache");
        std::fs::create_dir(&cache).unwrap();
        std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(mode)).unwrap();
        // Two configurations of one account: two clients, one warning.
        std::fs::write(dir.path().join("again.yaml"), SHOP_YAML).unwrap();
        let result =
            output(against(&emulator, dir.path()).args(["plan", "wxform.yaml", "again.yaml"]));
        let text = all_text(&result);
        assert_eq!(result.status.code(), Some(0), "{text}");
        assert_eq!(
            text.matches("not using the token cache directory").count(),
            1,
            "{mode:o}: {text}"
        );
        assert!(text.contains("group or others may write to it"), "{text}");
        assert_eq!(
            std::fs::read_dir(&cache).unwrap().count(),
            0,
            "nothing written"
        );
    }
}

#[test]
fn planted_symlinks_are_never_followed() {
    let emulator = Emulator::start();
    let dir = shop_dir();
    // A first run makes the private cache directory and its files.
    plan_ok(&emulator, dir.path());
    let file = token_file(dir.path(), &emulator);
    let lock = file.with_extension("lock");
    let decoy = dir.path().join("decoy.json");
    std::fs::copy(&file, &decoy).unwrap();
    let victim = dir.path().join("victim");
    for (planted, target) in [(&file, &decoy), (&lock, &victim)] {
        std::fs::remove_file(planted).unwrap();
        std::os::unix::fs::symlink(target, planted).unwrap();
    }
    emulator.clear_requests();
    let result = output(against(&emulator, dir.path()).arg("plan"));
    let text = all_text(&result);
    assert_eq!(result.status.code(), Some(0), "{text}");
    assert_eq!(
        emulator.request_count(STABLE_TOKEN),
        1,
        "the decoy was not used: {text}"
    );
    assert!(!victim.exists(), "the lock symlink was not followed");
    assert!(text.contains("never followed"), "{text}");
}

#[test]
fn a_token_is_used_only_for_the_host_it_came_from() {
    let first = Emulator::start();
    let second = Emulator::start_with(EmulatorOptions {
        seed: 7,
        ..EmulatorOptions::default()
    });
    let dir = shop_dir();
    plan_ok(&first, dir.path());
    plan_ok(&second, dir.path());
    assert_eq!(second.request_count(STABLE_TOKEN), 1);
    let rejected = second
        .requests()
        .iter()
        .filter(|request| request.errcode == 40001)
        .count();
    assert_eq!(
        rejected, 0,
        "the first host's token was never sent to the second"
    );
}

#[test]
fn as_root_a_file_of_another_user_is_ignored() {
    if rustix::process::geteuid().as_raw() != 0 {
        // Only root can give a file away; as anyone else the owner check is the directory's.
        return;
    }
    let emulator = Emulator::start();
    let dir = shop_dir();
    plan_ok(&emulator, dir.path());
    let file = token_file(dir.path(), &emulator);
    rustix::fs::chown(&file, Some(rustix::process::Uid::from_raw(4242)), None).unwrap();
    emulator.clear_requests();
    let result = output(against(&emulator, dir.path()).arg("plan"));
    let text = all_text(&result);
    assert_eq!(emulator.request_count(STABLE_TOKEN), 1, "{text}");
    assert!(
        text.contains("belongs to another user (uid 4242)"),
        "{text}"
    );
}

/// A FIFO planted as the token file or its lock is refused at once: opening it would otherwise
/// wait forever for a writer (or a reader).
#[test]
fn a_planted_fifo_is_refused_without_waiting() {
    let emulator = Emulator::start();
    let dir = shop_dir();
    plan_ok(&emulator, dir.path());
    let file = token_file(dir.path(), &emulator);
    let lock = file.with_extension("lock");
    for (planted, says) in [
        (&file, "not a regular file"),
        (&lock, "could not lock the token cache"),
    ] {
        std::fs::remove_file(planted).unwrap();
        let status = std::process::Command::new("mkfifo")
            .args(["-m", "600"])
            .arg(planted)
            .status()
            .unwrap();
        assert!(status.success());
        // Killed after 60 s, so that a regression fails instead of hanging.
        let guarded = crate::support::run::wxform_guarded(60);
        let result = output(super::set_up(guarded, &emulator, dir.path()).arg("plan"));
        let text = all_text(&result);
        assert_eq!(result.status.code(), Some(0), "{text}");
        assert!(text.contains(says), "{says}: {text}");
        std::fs::remove_file(planted).unwrap();
        plan_ok(&emulator, dir.path());
    }
    assert!(std::fs::metadata(&file).unwrap().is_file(), "replaced");
}
