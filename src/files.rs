//! Files named on the command line: the one way wxform reads a user file (a configuration, a
//! `--live` snapshot, a saved `--plan`) and the one way it writes an output file (`plan --out`,
//! `export --out`).
//!
//! Those files come from pull requests and CI artifacts, so a read trusts nothing: the file is
//! opened without blocking (opening a FIFO would otherwise wait for a writer forever), must be a
//! regular file, and is never read past a size cap, whatever `stat` claimed (`/proc` files say
//! they are empty). A write never destroys what it does not own: a regular file is replaced
//! through a temporary file beside it (a full disk leaves the old file intact; a new file gets
//! the mode any program's would, 0666 less the umask), while anything
//! else that already exists at the path (a device, a FIFO, `/dev/stdout`, a symlink) is written
//! through in place and never replaced. Such a target is opened without waiting: a FIFO that
//! nobody reads is refused rather than waited on forever.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Cap on a `--live` snapshot or a saved plan: far above any real account's few hundred KiB.
pub const MAX_DATA_BYTES: u64 = 8 * 1024 * 1024;

/// Why a user file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    // `error` rather than `source`: the message already says the cause, and a source would
    // make `{:#}` say it a second time.
    #[error("cannot read {path}: {error}")]
    Io { path: String, error: io::Error },
    #[error("cannot read {path}: it is {kind}, not a regular file")]
    NotRegular { path: String, kind: &'static str },
    #[error("cannot read {path}: it is {}; wxform reads at most {} from such a file", size.map_or_else(|| format!("larger than {}", human_size(*max)), human_size), human_size(*max))]
    TooLarge {
        path: String,
        /// What `stat` said, when that was already too much.
        size: Option<u64>,
        max: u64,
    },
}

/// Reads the regular file at `path`, refusing FIFOs, devices, sockets and directories at once
/// and anything over `max` bytes.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let name = || path.display().to_string();
    let io_error = |error| ReadError::Io {
        path: name(),
        error,
    };
    let file = open_nonblocking(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if is_kernel_file(&file) {
        return Err(ReadError::NotRegular {
            path: name(),
            kind: "a kernel pseudo-file (/proc or /sys)",
        });
    }
    if !metadata.is_file() {
        return Err(ReadError::NotRegular {
            path: name(),
            kind: kind(&metadata.file_type()),
        });
    }
    if metadata.len() > max {
        return Err(ReadError::TooLarge {
            path: name(),
            size: Some(metadata.len()),
            max,
        });
    }
    // The size may be wrong (`/proc`) or grow after the check: never read past the cap.
    match read_capped(file, max).map_err(io_error)? {
        Some(bytes) => Ok(bytes),
        None => Err(ReadError::TooLarge {
            path: name(),
            size: None,
            max,
        }),
    }
}

/// At most `max` bytes of `reader`: `None` when it holds more (one byte more is read to know).
fn read_capped(reader: impl Read, max: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(max + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Like [`read_bounded`], as UTF-8 text.
pub fn read_text(path: &Path, max: u64) -> Result<String, ReadError> {
    let bytes = read_bounded(path, max)?;
    String::from_utf8(bytes).map_err(|err| ReadError::Io {
        path: path.display().to_string(),
        error: io::Error::new(io::ErrorKind::InvalidData, err.utf8_error()),
    })
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use rustix::fs::{CWD, Mode, OFlags, openat};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    Ok(File::from(openat(CWD, path, flags, Mode::empty())?))
}

/// Files of /proc and /sys look regular but hold the process's environment, memory maps and
/// the like: never a user's document, and never to be quoted in a diagnostic.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn is_kernel_file(file: &File) -> bool {
    const SYSFS_MAGIC: rustix::fs::FsWord = 0x6265_6572;
    rustix::fs::fstatfs(file)
        .is_ok_and(|fs| fs.f_type == rustix::fs::PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn is_kernel_file(_file: &File) -> bool {
    false
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// What a non-regular file is, for messages.
pub fn kind(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Writes `bytes` to `path` without ever destroying something else there: a new or regular
/// file is replaced atomically (temporary file beside it, then rename, keeping its permission
/// bits); an existing device, FIFO or symlink (`/dev/stdout`) is written through in place; a
/// directory is refused.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a directory",
        )),
        Ok(metadata) if !metadata.is_file() => write_in_place(path, bytes),
        Ok(metadata) => replace(path, bytes, Some(metadata.permissions())),
        Err(err) if err.kind() == io::ErrorKind::NotFound => replace(path, bytes, None),
        Err(err) => Err(err),
    }
}

fn write_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // Following the link is the point; a directory behind it is refused by `open`.
    let target = fs::metadata(path)?;
    if target.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a directory",
        ));
    }
    // Truncating a regular file behind a link keeps no stale tail; a device has none.
    let mut file = open_in_place(path, target.is_file()).map_err(|err| {
        if is_fifo(&target) && no_reader(&err) {
            io::Error::other("it is a FIFO with no reader")
        } else {
            err
        }
    })?;
    file.write_all(bytes)?;
    file.flush()
}

/// Opens `path` for writing without waiting for a FIFO's reader (the open fails at once with
/// ENXIO when there is none); writes then wait for a slow reader as usual.
#[cfg(unix)]
fn open_in_place(path: &Path, truncate: bool) -> io::Result<File> {
    use rustix::fs::{CWD, Mode, OFlags, fcntl_getfl, fcntl_setfl, openat};
    let mut flags = OFlags::WRONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    if truncate {
        flags |= OFlags::TRUNC;
    }
    let fd = openat(CWD, path, flags, Mode::empty())?;
    fcntl_setfl(&fd, fcntl_getfl(&fd)? - OFlags::NONBLOCK)?;
    Ok(File::from(fd))
}

#[cfg(not(unix))]
fn open_in_place(path: &Path, truncate: bool) -> io::Result<File> {
    fs::OpenOptions::new()
        .write(true)
        .truncate(truncate)
        .open(path)
}

/// ENXIO: what a non-blocking open of a FIFO for writing answers when nobody reads it.
#[cfg(unix)]
fn no_reader(err: &io::Error) -> bool {
    err.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error())
}

#[cfg(not(unix))]
fn no_reader(_err: &io::Error) -> bool {
    false
}

fn is_fifo(metadata: &fs::Metadata) -> bool {
    kind(&metadata.file_type()) == "a FIFO"
}

fn replace(path: &Path, bytes: &[u8], permissions: Option<fs::Permissions>) -> io::Result<()> {
    let write = || -> io::Result<()> {
        let mut temp = new_file_beside(path)?;
        if let Some(permissions) = permissions {
            temp.as_file().set_permissions(permissions)?;
        }
        temp.write_all(bytes)?;
        temp.as_file().sync_all()?;
        temp.persist(path).map_err(|err| err.error)?;
        Ok(())
    };
    write().map_err(only_the_cause)
}

/// A temporary file beside `path`, created as any new file is: 0666 less the process's umask
/// (0644 under umask 022). tempfile's default of 0600 suits secrets, and no output file holds
/// one (the token cache, which does, is written by its own code, 0600).
fn new_file_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The kernel applies the umask to the mode a file is created with.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(parent(path))
}

/// tempfile's errors name its temporary file (`No such file or directory (os error 2) at path
/// "/dir/.tmpAb12"`), a name the user never chose and that is gone by now; its error type is
/// private, so the cause is cut from its message (`"{err} at path {path:?}"`).
fn only_the_cause(err: io::Error) -> io::Error {
    let Some(inner) = err.get_ref() else {
        return err;
    };
    match inner.to_string().split_once(" at path \"") {
        Some((cause, _)) => io::Error::new(err.kind(), cause.to_owned()),
        None => err,
    }
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `512 bytes`, `1.0 MiB`, `8.5 MiB`.
pub fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes < MIB {
        format!("{bytes} bytes")
    } else {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_read_within_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        fs::write(&path, "12345").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_bounded(&path, 4),
            Err(ReadError::TooLarge { max: 4, .. })
        ));
    }

    /// A file that grows between `stat` and the read (or reports no size) is still cut at the
    /// cap: one byte over it is too large, whatever the size said.
    #[test]
    fn a_reader_is_never_read_past_the_cap() {
        assert_eq!(
            read_capped(&b"12345"[..], 5).unwrap(),
            Some(b"12345".to_vec())
        );
        assert_eq!(read_capped(&b"123456"[..], 5).unwrap(), None);
        assert_eq!(read_capped(&b""[..], 0).unwrap(), Some(Vec::new()));
    }

    /// A FIFO with no writer is refused at once: it is opened without blocking (a FIFO swapped
    /// in after a check would otherwise hang the run).
    #[cfg(unix)]
    #[test]
    fn a_fifo_without_a_writer_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("plan.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let err = read_bounded(&fifo, 5).unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
        assert!(open_nonblocking(&fifo).is_ok());
    }

    #[test]
    fn directories_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_bounded(dir.path(), 5).unwrap_err();
        assert!(err.to_string().contains("it is a directory"), "{err}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn kernel_pseudo_files_are_refused() {
        for path in [
            "/proc/self/environ",
            "/proc/self/maps",
            "/sys/kernel/mm/transparent_hugepage/enabled",
        ] {
            if Path::new(path).exists() {
                let err = read_bounded(Path::new(path), 1 << 20).unwrap_err();
                assert!(err.to_string().contains("kernel pseudo-file"), "{err}");
            }
        }
    }

    #[test]
    fn output_replaces_a_regular_file_keeping_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        write_output(&path, b"one").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_output(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        assert!(write_output(dir.path(), b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn output_through_a_symlink_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        fs::write(&target, "old and longer").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_output(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn output_to_a_fifo_without_a_reader_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let err = write_output(&fifo, b"x").unwrap_err();
        assert_eq!(err.to_string(), "it is a FIFO with no reader");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(8 * 1024 * 1024), "8.0 MiB");
        assert_eq!(human_size(3 * 1024 * 1024 / 2), "1.5 MiB");
    }
}
