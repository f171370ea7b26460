//! One `apply` per account at a time on a machine: an exclusive lock on a file per appid in the
//! cache directory, held from before the account is read until the apply ends.
//!
//! The lock is the operating system's (`flock`), so it is released when the process ends,
//! however it ends: a killed apply leaves no stale lock. The holder writes who it is (pid, host,
//! since when) into the file, so that a second apply can say who it is waiting for. A run that
//! finds the lock taken waits up to a bounded time, then gives up without reading or writing.
//!
//! The cache directory may be hostile (shared, or prepared by someone else), so it is trusted
//! only when it is a directory owned by the current user and writable by nobody else; the lock
//! file is opened without following a symbolic link and must be a regular file owned by the
//! current user. What a lock file says about its holder is only shown, escaped and cut short.

use crate::inert;
use crate::plan::fingerprint;
use crate::progress::{self, Wait};
use crate::wechat::credentials::is_appid;
use serde::{Deserialize, Serialize};
use std::fs::{File, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long `apply` waits for another apply of the same account by default.
pub const DEFAULT_TIMEOUT_SECS: u64 = 60;

/// The longest `--lock-timeout`: a day.
pub const MAX_TIMEOUT_SECS: u64 = 86_400;

/// How often a waiting run tries the lock again.
const POLL: Duration = Duration::from_millis(100);

/// At most this much of a lock file is read: it holds one short JSON line.
const MAX_HOLDER_BYTES: u64 = 4096;

/// Who holds the lock: written into the lock file by the holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    /// Unix seconds.
    pub since: u64,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host: String = inert::text(&self.host).chars().take(64).collect();
        write!(
            f,
            "pid {} on host {host}, since {}",
            self.pid,
            utc(self.since)
        )
    }
}

/// The lock of one account; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct ApplyLock {
    _file: File,
    pub path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another apply of this account is running on this machine ({}); gave up after waiting {waited} s",
        holder.as_ref().map_or_else(|| "its holder has not said who it is yet".to_string(), ToString::to_string)
    )]
    Busy { holder: Option<Holder>, waited: u64 },
    /// The directory or the lock file cannot be trusted or used.
    #[error("the apply lock {path} cannot be used: {reason}")]
    Unusable { path: String, reason: String },
}

/// The lock file of `account` (an appid, or `None` when the credentials do not say) in `dir`.
/// An appid that does not look like one never becomes part of a file name: its hash does.
pub fn lock_path(dir: &Path, account: Option<&str>) -> PathBuf {
    let name = match account {
        // One file per account however its appid is spelt.
        Some(appid) if is_appid(appid) => appid.to_ascii_lowercase(),
        Some(other) => {
            let hash = fingerprint::of(&other);
            let hex = hash.trim_start_matches("sha256:");
            format!("account-{}", &hex[..16])
        }
        None => "unknown-account".to_string(),
    };
    dir.join(format!("apply-{name}.lock"))
}

/// Takes the lock at `path`, waiting up to `timeout` while another run holds it. `waiting` is
/// called once, with the holder, when the lock is found taken.
pub fn acquire(
    path: &Path,
    timeout: Duration,
    waiting: &mut dyn FnMut(Option<&Holder>),
) -> Result<ApplyLock, LockError> {
    let unusable = |reason: String| LockError::Unusable {
        path: path.display().to_string(),
        reason,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    prepare_dir(dir).map_err(unusable)?;
    let mut file = open_lock_file(path).map_err(unusable)?;
    let started = Instant::now();
    let mut told = false;
    // Reported while the wait lasts, so that a long one shows a progress line.
    let mut reported: Option<progress::Activity> = None;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(err)) => return Err(unusable(err.to_string())),
        }
        let holder = read_holder(&mut file);
        if started.elapsed() >= timeout {
            return Err(LockError::Busy {
                holder,
                waited: started.elapsed().as_secs(),
            });
        }
        if !told {
            waiting(holder.as_ref());
            told = true;
            reported = Some(progress::begin(Wait::Lock {
                holder: holder.as_ref().map_or_else(
                    || "it has not said who it is yet".to_string(),
                    ToString::to_string,
                ),
            }));
        }
        std::thread::sleep(POLL.min(timeout.saturating_sub(started.elapsed())));
    }
    drop(reported);
    write_holder(&mut file).map_err(|err| unusable(err.to_string()))?;
    Ok(ApplyLock {
        _file: file,
        path: path.to_path_buf(),
    })
}

/// What the lock file says about its holder; `None` when it says nothing usable.
fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.rewind().ok()?;
    Read::by_ref(file)
        .take(MAX_HOLDER_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    serde_json::from_str(&text).ok()
}

fn write_holder(file: &mut File) -> io::Result<()> {
    let holder = Holder {
        pid: std::process::id(),
        host: host_name(),
        since: crate::wechat::cache::now_secs(),
    };
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(serde_json::to_string(&holder)?.as_bytes())?;
    file.flush()
}

#[cfg(unix)]
fn host_name() -> String {
    let uname = rustix::system::uname();
    uname.nodename().to_string_lossy().into_owned()
}

#[cfg(not(unix))]
fn host_name() -> String {
    std::env::var("COMPUTERNAME").unwrap_or_else(|_| "unknown".to_string())
}

/// Creates the directory (0700) if missing; refuses one the token cache would not trust
/// either (another user's, or one others may write to: they could swap the lock file).
#[cfg(unix)]
fn prepare_dir(dir: &Path) -> Result<(), String> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|err| format!("cannot create its directory: {err}"))?;
    let metadata = std::fs::metadata(dir).map_err(|err| err.to_string())?;
    if !metadata.is_dir() {
        return Err("its directory is not a directory".to_string());
    }
    match crate::wechat::cache::untrusted_dir(&metadata) {
        Some(why) => Err(format!("its directory cannot be trusted: {why}")),
        None => Ok(()),
    }
}

#[cfg(not(unix))]
fn prepare_dir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|err| format!("cannot create its directory: {err}"))
}

/// Opens (or creates, 0600) the lock file without following a symbolic link, and checks that
/// it is a regular file of the current user: the token cache's rules for its own files.
fn open_lock_file(path: &Path) -> Result<File, String> {
    use crate::wechat::cache::{foreign_owner, no_follow};
    let mut options = File::options();
    options.create(true).truncate(false).read(true).write(true);
    no_follow(&mut options);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    #[cfg(unix)]
    let symlink = Some(rustix::io::Errno::LOOP.raw_os_error());
    #[cfg(not(unix))]
    let symlink: Option<i32> = None;
    let file = options.open(path).map_err(|err| {
        if symlink.is_some() && err.raw_os_error() == symlink {
            "it is a symbolic link".to_string()
        } else {
            err.to_string()
        }
    })?;
    let metadata = file.metadata().map_err(|err| err.to_string())?;
    if !metadata.is_file() {
        return Err("it is not a regular file".to_string());
    }
    if foreign_owner(&metadata).is_some() {
        return Err("it belongs to another user".to_string());
    }
    Ok(file)
}

/// `2026-12-01 16:40:02 UTC` for unix seconds.
fn utc(secs: u64) -> String {
    crate::utc::format_readable(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(1_796_142_002), "2026-12-01 16:20:02 UTC");
    }

    #[test]
    fn only_an_appid_shaped_name_is_used_in_the_file_name() {
        let dir = Path::new("/c");
        assert_eq!(
            lock_path(dir, Some("wx1234567890abcdef")),
            Path::new("/c/apply-wx1234567890abcdef.lock")
        );
        let hostile = lock_path(dir, Some("../../etc/passwd"));
        let name = hostile.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with("apply-account-") && name.len() == 35,
            "{name}"
        );
        assert_eq!(hostile.parent(), Some(dir));
        assert_eq!(
            lock_path(dir, Some("wx1234567890ABCDEF")),
            Path::new("/c/apply-wx1234567890abcdef.lock"),
            "one lock per account whatever the case"
        );
        assert_eq!(
            lock_path(dir, None),
            Path::new("/c/apply-unknown-account.lock")
        );
    }

    #[test]
    fn a_second_taker_waits_then_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = lock_path(&dir.path().join("cache"), Some("wx1234567890abcdef"));
        let held = acquire(&path, Duration::ZERO, &mut |_| panic!("free")).unwrap();
        let mut seen = Vec::new();
        let err = acquire(&path, Duration::ZERO, &mut |h| seen.push(h.cloned())).unwrap_err();
        let LockError::Busy { holder, .. } = &err else {
            panic!("{err}");
        };
        let holder = holder.as_ref().expect("the holder wrote its details");
        assert_eq!(holder.pid, std::process::id());
        assert!(
            err.to_string()
                .contains(&format!("pid {} on host", holder.pid))
        );
        assert!(seen.is_empty(), "no wait with a zero timeout");
        drop(held);
        acquire(&path, Duration::ZERO, &mut |_| panic!("free again")).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_lock_file_or_an_open_directory_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        std::fs::create_dir(&cache).unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep me").unwrap();
        let path = lock_path(&cache, Some("wx1234567890abcdef"));
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        let err = acquire(&path, Duration::ZERO, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("it is a symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");

        std::fs::remove_file(&path).unwrap();
        std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o777)).unwrap();
        let err = acquire(&path, Duration::ZERO, &mut |_| {}).unwrap_err();
        assert!(
            err.to_string()
                .contains("group or others may write to it (mode 777)"),
            "{err}"
        );
    }

    #[test]
    fn hostile_holder_details_are_shown_escaped() {
        let holder = Holder {
            pid: 7,
            host: "ci\u{1b}[2J::error::x".into(),
            since: 0,
        };
        let shown = holder.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert!(shown.starts_with("pid 7 on host ci\\u{1b}[2J"), "{shown}");
    }
}
