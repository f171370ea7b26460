//! The action's installer (`action/install.sh`, run by action.yml's first steps) against a
//! local server holding a fake release: archives packed by the release workflow's own
//! `pack.sh`, their `SHA256SUMS` by `sums.sh`. A good archive installs; a wrong checksum, a
//! platform the release lacks or a runner wxform has no build for fail the step and install
//! nothing; a cached archive is checked like a downloaded one.

use super::github::text;
use super::release::pack_fake;
use super::repo::{MINIMAL, Repo, action_step};
use crate::support::canned::Canned;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const RELEASE: &str = "/releases/download";

/// The release's files: name → bytes. The "binary" is a script that answers `--version` as
/// wxform does, packed (with a fake wxform-emulator) for the Linux x86_64 target only.
fn release(dir: &Path, version_answer: &str) -> Vec<(String, Vec<u8>)> {
    let script = format!("#!/bin/sh\necho '{version_answer}'\n");
    let out = dir.join("dist");
    let root = super::repo::root();
    pack_fake(
        "x86_64-unknown-linux-musl",
        &dir.join("build"),
        &script,
        &out,
    );
    let sums = Command::new("bash")
        .arg(root.join(".github/release/sums.sh"))
        .arg(&out)
        .output()
        .unwrap();
    assert!(sums.status.success(), "{}", text(&sums));
    std::fs::read_dir(&out)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

fn serve(files: &[(String, Vec<u8>)]) -> Canned {
    let paths: Vec<String> = files
        .iter()
        .map(|(name, _)| format!("{RELEASE}/v{VERSION}/{name}"))
        .collect();
    Canned::start(
        files
            .iter()
            .zip(&paths)
            .map(|((_, body), path)| (path.as_str(), "application/octet-stream", body.as_slice()))
            .collect(),
    )
}

const ARCHIVE: &str = "x86_64-unknown-linux-musl.tar.gz";

/// Runs the action's step `name` on a runner of `os`/`arch` with the release at `server`.
fn step(repo: &Repo, name: &str, server: &Canned, os: &str, arch: &str) -> std::process::Output {
    let temp = repo.path("runner-temp").display().to_string();
    let url = format!("{}{RELEASE}", server.base_url());
    let with: BTreeMap<String, String> = [("download-url".to_string(), url)].into();
    let (script, mut env) = action_step(name, &with, &[("runner.temp", temp.as_str())]);
    env.insert("RUNNER_OS".into(), os.into());
    env.insert("RUNNER_ARCH".into(), arch.into());
    env.insert(
        "GITHUB_PATH".into(),
        repo.path("github_path").display().to_string(),
    );
    repo.run(&script, &env)
}

fn install(repo: &Repo, server: &Canned, os: &str, arch: &str) -> std::process::Output {
    step(repo, "Install wxform", server, os, arch)
}

#[test]
fn a_good_archive_is_installed_on_the_path_and_its_download_cached() {
    let repo = Repo::new(MINIMAL);
    let files = release(&repo.path(""), &format!("wxform {VERSION}"));
    let server = serve(&files);

    let output = step(&repo, "Choose the release archive", &server, "Linux", "X64");
    assert!(output.status.success(), "{}", text(&output));
    let outputs = repo.outputs();
    assert_eq!(outputs["version"], VERSION);
    assert_eq!(outputs["archive"], format!("wxform-v{VERSION}-{ARCHIVE}"));
    assert!(server.paths().is_empty(), "resolving downloads nothing");

    let output = install(&repo, &server, "Linux", "X64");
    assert!(output.status.success(), "{}", text(&output));
    let bin = repo.path("runner-temp/wxform-bin");
    assert_eq!(repo.read("github_path").trim(), bin.display().to_string());
    let installed = Command::new(bin.join("wxform"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&installed.stdout).trim(),
        format!("wxform {VERSION}")
    );
    assert_eq!(server.paths().len(), 2, "SHA256SUMS and the archive");
    assert!(
        repo.path(&format!(
            "runner-temp/wxform-release/wxform-v{VERSION}-{ARCHIVE}"
        ))
        .is_file(),
        "the archive stays for actions/cache"
    );

    // A later run restores the archive from the cache: only the sums are downloaded, and the
    // cached archive is checked against them.
    let sums_only: Vec<_> = files
        .iter()
        .filter(|(name, _)| name == "SHA256SUMS")
        .cloned()
        .collect();
    let server = serve(&sums_only);
    std::fs::remove_dir_all(&bin).unwrap();
    let output = install(&repo, &server, "Linux", "X64");
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(server.paths(), [format!("{RELEASE}/v{VERSION}/SHA256SUMS")]);
    assert!(bin.join("wxform").is_file());
}

#[test]
fn a_wrong_checksum_fails_the_step_and_installs_nothing() {
    let repo = Repo::new(MINIMAL);
    let mut files = release(&repo.path(""), &format!("wxform {VERSION}"));
    for (name, body) in &mut files {
        if name.ends_with(".tar.gz") {
            // One flipped byte in transit (or a replaced asset).
            let last = body.len() - 1;
            body[last] ^= 0xff;
        }
    }
    let server = serve(&files);
    let output = install(&repo, &server, "Linux", "X64");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains(&format!(
            "::error::checksum mismatch for wxform-v{VERSION}-{ARCHIVE}"
        )),
        "{}",
        text(&output)
    );
    assert!(!repo.path("runner-temp/wxform-bin/wxform").exists());
    assert!(!repo.path("github_path").exists());
    let cached: Vec<_> = std::fs::read_dir(repo.path("runner-temp/wxform-release"))
        .unwrap()
        .collect();
    assert!(cached.is_empty(), "nothing left for the cache to save");
}

#[test]
fn a_tampered_cached_archive_is_downloaded_again() {
    let repo = Repo::new(MINIMAL);
    let files = release(&repo.path(""), &format!("wxform {VERSION}"));
    let server = serve(&files);
    let cached = repo.path(&format!(
        "runner-temp/wxform-release/wxform-v{VERSION}-{ARCHIVE}"
    ));
    std::fs::create_dir_all(cached.parent().unwrap()).unwrap();
    std::fs::write(&cached, b"not the release").unwrap();
    let output = install(&repo, &server, "Linux", "X64");
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("does not match SHA256SUMS"),
        "{}",
        text(&output)
    );
    assert_eq!(server.paths().len(), 2);
    assert!(repo.path("runner-temp/wxform-bin/wxform").is_file());
}

#[test]
fn a_platform_the_release_lacks_fails_with_what_to_do() {
    let repo = Repo::new(MINIMAL);
    let files = release(&repo.path(""), &format!("wxform {VERSION}"));
    let server = serve(&files);
    // The release has a SHA256SUMS, but no line and no archive for Linux on ARM64.
    let output = install(&repo, &server, "Linux", "ARM64");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("has no wxform-v0.1.0-aarch64-unknown-linux-musl.tar.gz"),
        "{}",
        text(&output)
    );
    assert_eq!(server.paths().len(), 1, "only SHA256SUMS was asked for");

    // A runner wxform builds nothing for: refused before any download.
    let server = serve(&files);
    let output = install(&repo, &server, "Windows", "ARM64");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("no binary for Windows/ARM64"),
        "{}",
        text(&output)
    );
    assert!(server.paths().is_empty());
    assert!(!repo.path("runner-temp/wxform-bin/wxform").exists());
}

#[test]
fn an_archive_holding_another_version_is_refused() {
    let repo = Repo::new(MINIMAL);
    let files = release(&repo.path(""), "wxform 9.9.9");
    let server = serve(&files);
    let output = install(&repo, &server, "Linux", "X64");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("holds 'wxform 9.9.9'"),
        "{}",
        text(&output)
    );
    assert!(!repo.path("github_path").exists());
}

#[test]
fn a_release_that_does_not_exist_is_named() {
    let repo = Repo::new(MINIMAL);
    let server = serve(&[]);
    let output = install(&repo, &server, "Linux", "X64");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains(&format!("is {VERSION} a wxform release?")),
        "{}",
        text(&output)
    );
}

/// A restored cache is not trusted: a `<archive>.part` planted in it as a symlink (to a file the
/// runner can write) is never written through; the download goes to a fresh file of its own.
#[test]
fn a_planted_part_symlink_in_the_cache_is_not_followed() {
    let repo = Repo::new(MINIMAL);
    let files = release(&repo.path(""), &format!("wxform {VERSION}"));
    let server = serve(&files);
    let cache = repo.path("runner-temp/wxform-release");
    std::fs::create_dir_all(&cache).unwrap();
    let victim = repo.path("victim");
    std::fs::write(&victim, "left alone\n").unwrap();
    let part = cache.join(format!("wxform-v{VERSION}-{ARCHIVE}.part"));
    std::os::unix::fs::symlink(&victim, &part).unwrap();
    let output = install(&repo, &server, "Linux", "X64");
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(
        repo.read("victim"),
        "left alone\n",
        "written through the link"
    );
    assert!(repo.path("runner-temp/wxform-bin/wxform").is_file());
    let archive = cache.join(format!("wxform-v{VERSION}-{ARCHIVE}"));
    assert!(
        !std::fs::symlink_metadata(&archive).unwrap().is_symlink(),
        "the cached archive is a file of its own"
    );
}
