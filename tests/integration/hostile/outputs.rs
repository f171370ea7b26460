//! `--out` targets that are not plain files: a device, a FIFO, a symlink to standard output, a
//! directory. Each is written through in place or refused; none is ever replaced.

use super::{against, output};
use crate::support::emulator::Emulator;
use crate::support::run::all_text;
use crate::support::run::wxform_guarded;
use crate::support::shop::shop_dir;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// Every command that writes `--out`, with the target's place marked `{}`.
const WRITERS: [&[&str]; 2] = [
    &["plan", "--out", "{}"],
    &["export", "--format", "json", "--out", "{}"],
];

fn run(emulator: &Emulator, dir: &Path, args: &[&str], target: &Path) -> std::process::Output {
    let mut command = against(emulator, dir);
    for arg in args {
        if *arg == "{}" {
            command.arg(target);
        } else {
            command.arg(arg);
        }
    }
    output(&mut command)
}

#[test]
fn a_device_is_written_through_never_replaced() {
    let emulator = Emulator::start();
    for args in WRITERS {
        let dir = shop_dir();
        let result = run(&emulator, dir.path(), args, Path::new("/dev/null"));
        assert!(result.status.success(), "{}", all_text(&result));
        let kind = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "/dev/null is still a device");
    }
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status();
    assert!(status.unwrap().success());
}

#[test]
fn a_fifo_is_written_through_to_its_reader() {
    let emulator = Emulator::start();
    for args in WRITERS {
        let dir = shop_dir();
        let fifo = dir.path().join("out.json");
        mkfifo(&fifo);
        // A reader is there before wxform opens the FIFO: this end, opened without waiting,
        // held until wxform is done; the thread's end reads what wxform writes.
        let held = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
            .open(&fifo)
            .unwrap();
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let result = run(&emulator, dir.path(), args, &fifo);
        drop(held);
        assert!(result.status.success(), "{}", all_text(&result));
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the FIFO was replaced by a {kind:?}");
        let read = reader.join().unwrap();
        assert!(read.trim_start().starts_with('{'), "{read}");
    }
}

/// A FIFO nobody reads would hold the command forever: it is refused instead of waited on.
#[test]
fn a_fifo_without_a_reader_is_refused_at_once() {
    let emulator = Emulator::start();
    for args in WRITERS {
        let dir = shop_dir();
        let fifo = dir.path().join("out.json");
        mkfifo(&fifo);
        let mut command = super::set_up(wxform_guarded(120), &emulator, dir.path());
        for arg in args.iter() {
            if *arg == "{}" {
                command.arg(&fifo);
            } else {
                command.arg(arg);
            }
        }
        let result = output(&mut command);
        let text = all_text(&result);
        assert_eq!(result.status.code(), Some(1), "{text}");
        assert!(text.contains("a FIFO with no reader"), "{text}");
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
}

#[test]
fn a_symlink_to_standard_output_stays_a_symlink() {
    let emulator = Emulator::start();
    for args in WRITERS {
        let dir = shop_dir();
        let link = dir.path().join("stdout.json");
        std::os::unix::fs::symlink("/dev/stdout", &link).unwrap();
        let result = run(&emulator, dir.path(), args, &link);
        assert!(result.status.success(), "{}", all_text(&result));
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        let stdout = String::from_utf8_lossy(&result.stdout);
        assert!(
            stdout.contains("\"format_version\""),
            "written through: {stdout}"
        );
    }
}

#[test]
fn a_directory_is_refused() {
    let emulator = Emulator::start();
    for args in WRITERS {
        let dir = shop_dir();
        let target = dir.path().join("plans");
        std::fs::create_dir(&target).unwrap();
        let result = run(&emulator, dir.path(), args, &target);
        let text = all_text(&result);
        assert_eq!(result.status.code(), Some(1), "{text}");
        assert!(text.contains("it is a directory"), "{text}");
        assert!(target.is_dir());
    }
}
