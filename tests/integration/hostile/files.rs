//! Files from a pull request or an artifact: every reader of a user file (the configuration,
//! a `--live` snapshot, a saved `--plan`) meets every kind of file that is not a document. Each
//! must end at once with exit 1 and a message naming the file, quote nothing of what it read,
//! and make no call to WeChat.

use super::set_up;
use crate::support::emulator::Emulator;
use crate::support::run::all_text;
use crate::support::run::wxform_guarded;
use crate::support::shop::shop_dir;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A hang is a failure: `timeout` kills a run that would wait forever, and the test sees 137.
const HANG_GUARD_SECS: u32 = 120;

/// A hostile file: how to make it in `dir`, and what the message must say.
struct Hostile {
    what: &'static str,
    make: fn(&Path, &str) -> PathBuf,
    /// The message says one of these.
    says: &'static [&'static str],
}

fn hostile_files() -> Vec<Hostile> {
    vec![
        Hostile {
            what: "a FIFO nobody writes to",
            make: |dir, name| {
                let path = dir.join(name);
                let status = std::process::Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .unwrap();
                assert!(status.success());
                path
            },
            says: &["it is a FIFO, not a regular file"],
        },
        Hostile {
            what: "an endless device",
            make: |_, _| PathBuf::from("/dev/zero"),
            says: &["it is a device, not a regular file"],
        },
        Hostile {
            what: "a directory",
            make: |dir, name| {
                let path = dir.join(name);
                std::fs::create_dir(&path).unwrap();
                path
            },
            // `plan DIR` plans every configuration in DIR.
            says: &[
                "it is a directory, not a regular file",
                "holds no configuration",
            ],
        },
        Hostile {
            what: "a symlink to the process environment",
            make: |dir, name| link(dir, name, "/proc/self/environ"),
            says: &["it is a kernel pseudo-file"],
        },
        Hostile {
            what: "a symlink to the standard input",
            make: |dir, name| link(dir, name, "/dev/stdin"),
            says: &["not a regular file"],
        },
        Hostile {
            what: "a sparse 4 GiB file",
            make: |dir, name| {
                let path = dir.join(name);
                std::fs::File::create(&path)
                    .unwrap()
                    .set_len(4 << 30)
                    .unwrap();
                path
            },
            says: &["4096.0 MiB"],
        },
        Hostile {
            what: "binary content holding the AppSecret",
            make: |dir, name| {
                let path = dir.join(name);
                let secret = crate::support::emulator::APPSECRET;
                std::fs::write(&path, format!("a\0WECHAT_APPSECRET={secret}\0b")).unwrap();
                path
            },
            says: &["control character U+0000", "not JSON", "not a wxform"],
        },
    ]
}

fn link(dir: &Path, name: &str, target: &str) -> PathBuf {
    let path = dir.join(name);
    std::os::unix::fs::symlink(target, &path).unwrap();
    path
}

/// Every command that reads a user file, with the file's place marked `{}`.
const READERS: [&[&str]; 8] = [
    &["validate", "{}"],
    &["fmt", "{}"],
    &["fmt", "--check", "{}"],
    &["plan", "{}"],
    &["plan", "--live", "{}", "wxform.yaml"],
    &["apply", "--plan", "{}", "wxform.yaml"],
    &["show", "{}"],
    &["doctor", "{}"],
];

fn run(emulator: &Emulator, dir: &Path, args: &[&str], file: &Path) -> Output {
    let mut command = set_up(wxform_guarded(HANG_GUARD_SECS), emulator, dir);
    for arg in args {
        if *arg == "{}" {
            command.arg(file);
        } else {
            command.arg(arg);
        }
    }
    command.output().unwrap()
}

#[test]
fn every_reader_refuses_every_hostile_file_at_once() {
    let emulator = Emulator::start();
    for hostile in hostile_files() {
        for (i, args) in READERS.iter().enumerate() {
            let dir = shop_dir();
            let file = (hostile.make)(dir.path(), &format!("hostile-{i}"));
            let output = run(&emulator, dir.path(), args, &file);
            let text = all_text(&output);
            let context = format!("{} as `{}`:\n{text}", hostile.what, args.join(" "));
            if args[0] == "doctor" {
                // doctor reads the configuration only to narrow its checks: it warns and
                // checks everything instead.
                assert_ne!(output.status.code(), Some(137), "hung: {context}");
            } else {
                assert_eq!(output.status.code(), Some(1), "{context}");
                assert!(output.stdout.is_empty(), "{context}");
                assert!(
                    hostile.says.iter().any(|says| text.contains(says)),
                    "{context}"
                );
            }
            assert!(!text.contains(emulator.secret()), "{context}");
            assert!(!text.contains("WXFORM_API_BASE="), "{context}");
            if args[0] != "doctor" {
                assert_eq!(emulator.requests().len(), 0, "a call was made: {context}");
            }
            emulator.clear_requests();
        }
    }
}

/// A file that is not there, or a directory that is not there to write into: the one cause is
/// said once, on one line, whichever command met it.
#[test]
fn a_missing_file_says_its_cause_once() {
    let emulator = Emulator::start();
    let writers: [&[&str]; 2] = [
        &["plan", "--live", "live.json", "--out", "{}"],
        &["preview", "--live", "live.json", "--out", "{}"],
    ];
    for (i, args) in READERS.iter().chain(writers.iter()).enumerate() {
        if args[0] == "doctor" {
            // doctor checks every API when there is no configuration: not an error.
            continue;
        }
        let dir = shop_dir();
        let exported = set_up(crate::support::run::wxform(), &emulator, dir.path())
            .args(["export", "--format", "json", "--out", "live.json"])
            .output()
            .unwrap();
        assert_eq!(exported.status.code(), Some(0), "{}", all_text(&exported));
        emulator.clear_requests();
        let file = dir.path().join("gone").join(format!("missing-{i}"));
        let output = run(&emulator, dir.path(), args, &file);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let context = format!("`{}`:\n{stderr}", args.join(" "));
        assert_eq!(output.status.code(), Some(1), "{context}");
        if !args.contains(&"--out") {
            assert!(output.stdout.is_empty(), "{context}");
        }
        // Besides the line saying how old the snapshot is, which a plan says before it saves.
        let said = stderr
            .lines()
            .filter(|line| !line.starts_with("Planning against the snapshot live.json, "));
        assert_eq!(said.count(), 1, "{context}");
        assert_eq!(
            stderr.matches("No such file or directory").count(),
            1,
            "{context}"
        );
        assert!(stderr.contains(&*file.to_string_lossy()), "{context}");
        assert_eq!(emulator.requests().len(), 0, "a call was made: {context}");
    }
}

/// A configuration that is a symlink to a credential file (a merged pull request can plant
/// one): whatever the file holds, it is refused as not a wxform configuration, and nothing of
/// it is quoted, in any command that reads a configuration.
#[test]
fn a_credential_file_as_the_configuration_is_refused_unquoted() {
    let emulator = Emulator::start();
    let home = tempfile::tempdir().unwrap();
    let credentials: [(&str, &str); 5] = [
        (
            ".git-credentials",
            "https://octo:ghp_PLANTED0123456789abcdef@github.com\n",
        ),
        (
            ".npmrc",
            "//registry.npmjs.org/:_authToken=npm_PLANTED0123456789\nemail=a@b.c\n",
        ),
        (
            "token-cache.json",
            r#"{"appid":"wx1234567890abcdef","host":"api.weixin.qq.com","access_token":"PLANTED_TOKEN_0123456789","expires_at":1999999999}"#,
        ),
        (
            "netrc",
            "machine example.com login octo password PLANTED-pw-0123\n",
        ),
        ("broken", "[PLANTED-broken-0123: {\n"),
    ];
    for (name, content) in credentials {
        std::fs::write(home.path().join(name), content).unwrap();
        for args in [
            &["validate"][..],
            &["plan"],
            &["test"],
            &["fmt"],
            &["fmt", "--check"],
        ] {
            let dir = shop_dir();
            std::fs::remove_file(dir.path().join("wxform.yaml")).unwrap();
            std::os::unix::fs::symlink(home.path().join(name), dir.path().join("wxform.yaml"))
                .unwrap();
            let mut command = set_up(crate::support::run::wxform(), &emulator, dir.path());
            let output = command
                .args(args)
                .env("GITHUB_ACTIONS", "true")
                .output()
                .unwrap();
            let text = all_text(&output);
            let context = format!("{name} as `{}`:\n{text}", args.join(" "));
            assert_eq!(output.status.code(), Some(1), "{context}");
            assert!(text.contains("not a wxform configuration"), "{context}");
            assert!(!text.contains("PLANTED"), "{context}");
            assert!(emulator.requests().is_empty(), "a call was made: {context}");
        }
    }
}

/// The caps the security policy promises (SECURITY.md) are the caps in force.
#[test]
fn the_caps_are_the_documented_ones() {
    use wxform::files::{MAX_DATA_BYTES, human_size};
    let policy = std::fs::read_to_string(crate::support::run::repo().join("SECURITY.md")).unwrap();
    let policy = policy.split_whitespace().collect::<Vec<_>>().join(" ");
    let promised = format!(
        "({} for a configuration, {} for a snapshot or plan)",
        human_size(wxform::config::MAX_FILE_BYTES as u64).replace(".0 ", " "),
        human_size(MAX_DATA_BYTES).replace(".0 ", " ")
    );
    assert!(
        policy.contains(&promised),
        "SECURITY.md should say {promised}"
    );
}
