//! The on-disk token cache: one file per API host and appid in `WXFORM_CACHE_DIR` (default:
//! the user cache dir + `/wxform`), so consecutive runs reuse a token instead of asking WeChat
//! again.
//!
//! The cache trusts nothing it finds. The directory is used only when it belongs to the
//! current user and neither group nor others may write to it (anyone who can write there can
//! plant a token, or a symlink); otherwise wxform warns once and runs without a cache. Files
//! are opened without following symlinks, must be regular, private (a file readable by group
//! or others is refused and rewritten safely: its token may have leaked) and the current
//! user's (root ignores files of others), and are read only for the host and appid they name.
//! The directory is created 0700 and a file written 0600 through a temporary file and an
//! atomic rename. A lock file serialises refreshes between parallel runs.

use super::credentials::Secret;
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub const ENV_CACHE_DIR: &str = "WXFORM_CACHE_DIR";

/// A token is reused until this many seconds before it expires.
pub const EXPIRY_MARGIN_SECS: u64 = 300;

/// A cached token and when it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedToken {
    pub access_token: Secret,
    /// Unix seconds.
    pub obtained_at: u64,
    pub expires_in: u64,
}

impl CachedToken {
    pub fn expires_at(&self) -> u64 {
        self.obtained_at.saturating_add(self.expires_in)
    }

    /// Whether it is still worth using at `now` (more than 5 minutes left).
    pub fn usable(&self, now: u64) -> bool {
        now.saturating_add(EXPIRY_MARGIN_SECS) < self.expires_at()
    }
}

/// The file format; only here does the token appear in clear.
#[derive(Serialize, Deserialize)]
struct CacheFile {
    /// The API host the token was obtained from (empty in files of older versions).
    #[serde(default)]
    host: String,
    appid: String,
    access_token: String,
    obtained_at: u64,
    expires_in: u64,
}

/// What reading the cache found.
#[derive(Debug)]
pub enum Lookup {
    Missing,
    Found(CachedToken),
    /// The file is readable by group or others (its mode); it is ignored.
    Insecure(u32),
    /// The file could not be read or parsed.
    Unreadable(String),
}

#[derive(Debug, Clone)]
pub struct TokenCache {
    dir: PathBuf,
    /// The API host whose tokens this cache holds (`host` or `host:port`).
    host: String,
}

/// A token cache file is a few hundred bytes; nothing larger is read.
const MAX_FILE_BYTES: u64 = 64 * 1024;

/// Held while a run reads, refreshes and writes the cache; released on drop.
pub struct CacheLock {
    _file: File,
}

pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl TokenCache {
    pub fn new(dir: impl Into<PathBuf>) -> TokenCache {
        TokenCache {
            dir: dir.into(),
            host: String::new(),
        }
    }

    /// The same directory, holding the tokens of `host` only.
    pub fn for_host(self, host: &str) -> TokenCache {
        TokenCache {
            host: host.to_string(),
            ..self
        }
    }

    /// Why the directory must not be used, if it must not: it belongs to another user, or
    /// group or others may write to it. A directory that does not exist yet is created private.
    pub fn distrust(&self) -> Option<String> {
        let metadata = match fs::metadata(&self.dir) {
            Ok(metadata) => metadata,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return None,
            Err(err) => return Some(format!("it cannot be examined ({err})")),
        };
        if !metadata.is_dir() {
            return Some("it is not a directory".into());
        }
        untrusted_dir(&metadata)
    }

    /// `WXFORM_CACHE_DIR`, else the user cache dir + `wxform`; `None` when neither exists.
    pub fn from_env() -> Option<TokenCache> {
        match std::env::var_os(ENV_CACHE_DIR).filter(|v| !v.is_empty()) {
            Some(dir) => Some(TokenCache::new(dir)),
            None => dirs::cache_dir().map(|dir| TokenCache::new(dir.join("wxform"))),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `token-APPID.json`, or `token-APPID@HOST.json` for a cache of one host. The appid has
    /// been checked to be `wx` + 16 hex digits; the host keeps only characters safe in a name.
    pub fn path(&self, appid: &str) -> PathBuf {
        self.dir
            .join(format!("token-{appid}{}.json", self.host_suffix()))
    }

    fn host_suffix(&self) -> String {
        if self.host.is_empty() {
            return String::new();
        }
        let safe: String = self
            .host
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("@{safe}")
    }

    /// Takes the per-appid lock, waiting while another run holds it.
    pub fn lock(&self, appid: &str) -> io::Result<CacheLock> {
        self.ensure_dir()?;
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        no_follow(&mut options);
        let file = options.open(
            self.dir
                .join(format!("token-{appid}{}.lock", self.host_suffix())),
        )?;
        if !file.metadata()?.is_file() {
            return Err(io::Error::other("it is not a regular file"));
        }
        file.lock()?;
        Ok(CacheLock { _file: file })
    }

    pub fn load(&self, appid: &str) -> Lookup {
        let path = self.path(appid);
        let mut options = OpenOptions::new();
        options.read(true);
        no_follow(&mut options);
        let file = match options.open(&path) {
            Ok(file) => file,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Lookup::Missing,
            Err(err) => return Lookup::Unreadable(format!("{err} (a symlink is never followed)")),
        };
        let metadata = match file.metadata() {
            Ok(metadata) => metadata,
            Err(err) => return Lookup::Unreadable(err.to_string()),
        };
        if !metadata.is_file() {
            return Lookup::Unreadable("it is not a regular file".into());
        }
        if let Some(owner) = foreign_owner(&metadata) {
            return Lookup::Unreadable(format!("it belongs to another user (uid {owner})"));
        }
        if let Some(mode) = insecure_mode(&metadata) {
            return Lookup::Insecure(mode);
        }
        let mut bytes = Vec::new();
        if let Err(err) = file.take(MAX_FILE_BYTES).read_to_end(&mut bytes) {
            return Lookup::Unreadable(err.to_string());
        }
        match serde_json::from_slice::<CacheFile>(&bytes) {
            Ok(file) if file.appid != appid => {
                Lookup::Unreadable("it belongs to another appid".into())
            }
            Ok(file) if file.host != self.host => {
                Lookup::Unreadable("it belongs to another API host".into())
            }
            Ok(file) => Lookup::Found(CachedToken {
                access_token: Secret::new(file.access_token),
                obtained_at: file.obtained_at,
                expires_in: file.expires_in,
            }),
            Err(err) => Lookup::Unreadable(err.to_string()),
        }
    }

    /// Writes atomically: a 0600 temporary file in the same directory, renamed over the old one.
    pub fn store(&self, appid: &str, token: &CachedToken) -> io::Result<()> {
        self.ensure_dir()?;
        let body = serde_json::to_vec(&CacheFile {
            host: self.host.clone(),
            appid: appid.to_string(),
            access_token: token.access_token.expose().to_string(),
            obtained_at: token.obtained_at,
            expires_in: token.expires_in,
        })?;
        let mut temp = tempfile::NamedTempFile::new_in(&self.dir)?;
        restrict(temp.as_file())?;
        temp.write_all(&body)?;
        temp.as_file().sync_all()?;
        temp.persist(self.path(appid)).map_err(|err| err.error)?;
        Ok(())
    }

    /// Forgets the token (after WeChat rejected it).
    pub fn remove(&self, appid: &str) -> io::Result<()> {
        match fs::remove_file(self.path(appid)) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }

    fn ensure_dir(&self) -> io::Result<()> {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&self.dir)
    }
}

/// Opening never follows a symlink (one planted in the directory would lead elsewhere) and
/// never waits (a FIFO planted there would wait for its other end forever); the caller then
/// refuses anything but a regular file. The apply lock opens its file this way too.
#[cfg(unix)]
pub fn no_follow(options: &mut OpenOptions) {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits() as i32);
}

#[cfg(not(unix))]
pub fn no_follow(_options: &mut OpenOptions) {}

/// The owner, when it is not the current user.
#[cfg(unix)]
pub fn foreign_owner(metadata: &fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    (metadata.uid() != me).then_some(metadata.uid())
}

#[cfg(not(unix))]
pub fn foreign_owner(_metadata: &fs::Metadata) -> Option<u32> {
    None
}

/// Why a directory cannot be trusted with tokens or locks: another user owns it, or group or
/// others may write to it (they could swap a file in it). `None`: it can be trusted.
#[cfg(unix)]
pub fn untrusted_dir(metadata: &fs::Metadata) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    if let Some(owner) = foreign_owner(metadata) {
        return Some(format!("it belongs to another user (uid {owner})"));
    }
    let mode = metadata.permissions().mode() & 0o777;
    (mode & 0o022 != 0).then(|| format!("group or others may write to it (mode {mode:o})"))
}

#[cfg(not(unix))]
pub fn untrusted_dir(_metadata: &fs::Metadata) -> Option<String> {
    None
}

#[cfg(unix)]
fn insecure_mode(metadata: &fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn insecure_mode(_metadata: &fs::Metadata) -> Option<u32> {
    None
}

#[cfg(unix)]
fn restrict(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(value: &str, obtained_at: u64) -> CachedToken {
        CachedToken {
            access_token: Secret::new(value),
            obtained_at,
            expires_in: 7200,
        }
    }

    #[test]
    fn usable_until_five_minutes_before_expiry() {
        let t = token("t", 1000);
        assert!(t.usable(1000));
        assert!(t.usable(1000 + 7200 - 301));
        assert!(!t.usable(1000 + 7200 - 300));
        assert!(!t.usable(1000 + 7200 + 5));
    }

    #[test]
    fn store_then_load_round_trips_with_private_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::new(dir.path().join("nested/wxform"));
        assert!(matches!(cache.load("wx1"), Lookup::Missing));
        cache.store("wx1", &token("abc", 5)).unwrap();
        match cache.load("wx1") {
            Lookup::Found(found) => assert_eq!(found, token("abc", 5)),
            other => panic!("{other:?}"),
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&cache.path("wx1")), 0o600);
            assert_eq!(mode(cache.dir()), 0o700);
        }
        cache.remove("wx1").unwrap();
        cache.remove("wx1").unwrap();
        assert!(matches!(cache.load("wx1"), Lookup::Missing));
    }

    #[cfg(unix)]
    #[test]
    fn world_readable_file_is_refused_then_rewritten_safely() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::new(dir.path());
        cache.store("wx1", &token("abc", 5)).unwrap();
        fs::set_permissions(cache.path("wx1"), fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(cache.load("wx1"), Lookup::Insecure(0o644)));
        cache.store("wx1", &token("new", 6)).unwrap();
        assert!(matches!(cache.load("wx1"), Lookup::Found(t) if t.access_token.expose() == "new"));
    }

    #[test]
    fn corrupt_or_foreign_files_are_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::new(dir.path());
        cache.store("wx2", &token("abc", 5)).unwrap();
        fs::copy(cache.path("wx2"), cache.path("wx1")).unwrap();
        assert!(matches!(cache.load("wx1"), Lookup::Unreadable(_)));
        fs::write(cache.path("wx3"), "{").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(cache.path("wx3"), fs::Permissions::from_mode(0o600)).unwrap();
        }
        assert!(matches!(cache.load("wx3"), Lookup::Unreadable(_)));
    }

    #[test]
    fn lock_is_exclusive_between_handles() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::new(dir.path());
        let held = cache.lock("wx1").unwrap();
        let other = File::options()
            .write(true)
            .open(dir.path().join("token-wx1.lock"))
            .unwrap();
        assert!(other.try_lock().is_err());
        drop(held);
        assert!(other.try_lock().is_ok());
    }
}
