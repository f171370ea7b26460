//! The release workflow's scripts, as far as they run without GitHub: `pack.sh` packs both
//! binaries (wxform and wxform-emulator) or refuses; `publish.sh` writes SHA256SUMS and hands
//! the archives to `gh release create`, then moves the major tag; `image-context.sh` takes both
//! Linux binaries out of the published release only after checking them against SHA256SUMS.
//! The fake `gh` stands in for the release.

use super::github::text;
use super::repo::{MINIMAL, Repo, root};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

const TAG: &str = concat!("v", env!("CARGO_PKG_VERSION"));
const LINUX: [&str; 2] = ["x86_64-unknown-linux-musl", "aarch64-unknown-linux-musl"];
/// The binaries every archive holds.
pub const BINARIES: [&str; 2] = ["wxform", "wxform-emulator"];

/// `pack.sh TAG TARGET BINDIR OUTDIR`.
fn run_pack(target: &str, bindir: &Path, outdir: &Path) -> Output {
    Command::new("bash")
        .arg(root().join(".github/release/pack.sh"))
        .args([TAG, target])
        .arg(bindir)
        .arg(outdir)
        .output()
        .unwrap()
}

/// Packs an archive for `target` into `outdir`, as the build job does, from fake binaries in
/// `bindir`: `wxform` runs `wxform_script`, `wxform-emulator` names itself and `target`.
pub fn pack_fake(target: &str, bindir: &Path, wxform_script: &str, outdir: &Path) {
    std::fs::create_dir_all(bindir).unwrap();
    std::fs::write(bindir.join("wxform"), wxform_script).unwrap();
    let emulator = format!("#!/bin/sh\necho wxform-emulator {target}\n");
    std::fs::write(bindir.join("wxform-emulator"), emulator).unwrap();
    let pack = run_pack(target, bindir, outdir);
    assert!(pack.status.success(), "{}", text(&pack));
}

/// Packs fake binaries (scripts naming their target) for each Linux target into `dir`.
fn pack_linux(repo: &Repo, dir: &str) {
    for target in LINUX {
        let script = format!("#!/bin/sh\necho {target}\n");
        pack_fake(
            target,
            &repo.path(&format!("bin-{target}")),
            &script,
            &repo.path(dir),
        );
    }
}

/// Each archive is a directory named like itself holding both binaries, executable, with the
/// README and the licences; a build directory missing one of them packs nothing.
#[test]
fn an_archive_holds_both_binaries_or_is_not_packed() {
    let repo = Repo::new(MINIMAL);
    pack_linux(&repo, "dist");
    let name = format!("wxform-{TAG}-{}", LINUX[0]);
    let unpacked = repo.path("unpacked");
    std::fs::create_dir(&unpacked).unwrap();
    let tar = Command::new("tar")
        .arg("-xzf")
        .arg(repo.path(&format!("dist/{name}.tar.gz")))
        .arg("-C")
        .arg(&unpacked)
        .output()
        .unwrap();
    assert!(tar.status.success(), "{}", text(&tar));
    let mut held: Vec<String> = std::fs::read_dir(unpacked.join(&name))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    held.sort();
    assert_eq!(
        held,
        [
            "LICENSE-APACHE",
            "LICENSE-MIT",
            "README.md",
            "wxform",
            "wxform-emulator"
        ]
    );
    for binary in BINARIES {
        let run = Command::new(unpacked.join(&name).join(binary))
            .output()
            .unwrap();
        assert!(run.status.success(), "{binary} is executable");
    }

    let bindir = repo.path("only-wxform");
    std::fs::create_dir(&bindir).unwrap();
    std::fs::write(bindir.join("wxform"), "#!/bin/sh\n").unwrap();
    let pack = run_pack(LINUX[0], &bindir, &repo.path("partial"));
    assert_eq!(pack.status.code(), Some(1), "{}", text(&pack));
    assert!(
        text(&pack).contains("no wxform-emulator in"),
        "{}",
        text(&pack)
    );
    assert!(!repo.path(&format!("partial/{name}.tar.gz")).exists());
}

/// The release job builds both packages and packs the directory they are built into.
#[test]
fn the_build_builds_both_binaries_and_packs_them() {
    let build = std::fs::read_to_string(root().join(".github/release/build.sh")).unwrap();
    assert!(
        build.contains(r#"cargo build --locked --release --target "$target" --package wxform --package wxform-emulator"#),
        "{build}"
    );
    assert!(
        build.contains(r#"pack.sh" "$tag" "$target" "target/$target/release" dist"#),
        "{build}"
    );
}

/// The emulator ships with wxform, so it carries wxform's version (`wxform-emulator
/// --version` names the release it came in).
#[test]
fn the_emulator_has_the_version_of_the_release() {
    let manifest = std::fs::read_to_string(root().join("emulator/Cargo.toml")).unwrap();
    let version = format!("version = \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(manifest.lines().any(|line| line == version), "{manifest}");
}

fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn publish_releases_the_archives_with_their_sums_and_moves_the_major_tag() {
    let repo = Repo::new(MINIMAL);
    pack_linux(&repo, "dist");
    let script = format!(
        "bash {}",
        root().join(".github/release/publish.sh").display()
    );
    let vars = env(&[
        ("VERSION", TAG),
        ("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567"),
        ("GH_TOKEN", "t"),
    ]);
    let output = repo.run(&script, &vars);
    assert!(output.status.success(), "{}", text(&output));
    let sums = repo.read("dist/SHA256SUMS");
    for target in LINUX {
        let name = format!("wxform-{TAG}-{target}.tar.gz");
        let line = sums
            .lines()
            .find(|line| line.ends_with(&name))
            .expect(&name);
        let check = Command::new("sha256sum")
            .arg(repo.path(&format!("dist/{name}")))
            .output()
            .unwrap();
        let hash = String::from_utf8_lossy(&check.stdout);
        assert_eq!(line, format!("{}  {name}", &hash[..64]));
    }
    let log = repo.gh_log();
    assert!(
        log.contains(&format!(
            "release create {TAG} dist/wxform-{TAG}-aarch64-unknown-linux-musl.tar.gz dist/wxform-{TAG}-x86_64-unknown-linux-musl.tar.gz dist/SHA256SUMS --repo octo/shop --verify-tag"
        )),
        "{log}"
    );
    assert!(
        log.contains("api --method POST repos/octo/shop/git/refs -f ref=refs/tags/v0 -f sha=0123456789abcdef0123456789abcdef01234567"),
        "a new major tag: {log}"
    );

    let mut vars = vars;
    vars.insert("FAKE_GH_TAG_EXISTS".into(), "1".into());
    let output = repo.run(&script, &vars);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        repo.gh_log()
            .contains("api --method PATCH repos/octo/shop/git/refs/tags/v0 -f sha=0123456789abcdef0123456789abcdef01234567 -F force=true"),
        "the major tag moved: {}",
        repo.gh_log()
    );

    let output = repo.run(&script, &env(&[("VERSION", "v1.2"), ("GITHUB_SHA", "x")]));
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("is not a release tag"));
}

#[test]
fn the_image_context_holds_the_released_binaries_only_when_their_sums_match() {
    let repo = Repo::new(MINIMAL);
    pack_linux(&repo, "published");
    let sums = Command::new("bash")
        .arg(root().join(".github/release/sums.sh"))
        .arg(repo.path("published"))
        .output()
        .unwrap();
    assert!(sums.status.success(), "{}", text(&sums));
    let script = format!(
        "bash {}",
        root().join(".github/release/image-context.sh").display()
    );
    let published = repo.path("published").display().to_string();
    let vars = env(&[
        ("VERSION", TAG),
        ("GH_TOKEN", "t"),
        ("FAKE_GH_RELEASE", &published),
    ]);
    let output = repo.run(&script, &vars);
    assert!(output.status.success(), "{}", text(&output));
    for (arch, target) in [("amd64", LINUX[0]), ("arm64", LINUX[1])] {
        for binary in BINARIES {
            let script = repo.read(&format!("dist/linux/{arch}/{binary}"));
            assert!(script.contains(target), "{arch}/{binary}: {script}");
        }
        let emulator = repo.read(&format!("dist/linux/{arch}/wxform-emulator"));
        assert!(emulator.contains("wxform-emulator"), "{arch}: {emulator}");
    }

    // A replaced archive: the build stops before any binary reaches the context.
    let name = format!("published/wxform-{TAG}-{}.tar.gz", LINUX[1]);
    let mut bytes = std::fs::read(repo.path(&name)).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(repo.path(&name), bytes).unwrap();
    let output = repo.run(&script, &vars);
    assert_ne!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains("FAILED"), "{}", text(&output));
    assert!(!repo.path("dist/linux").exists());
}

/// An archive that SHA256SUMS does not list is not taken unchecked: the image build stops.
#[test]
fn the_image_context_refuses_an_archive_the_sums_do_not_list() {
    let repo = Repo::new(MINIMAL);
    pack_linux(&repo, "published");
    let sums = Command::new("bash")
        .arg(root().join(".github/release/sums.sh"))
        .arg(repo.path("published"))
        .output()
        .unwrap();
    assert!(sums.status.success(), "{}", text(&sums));
    let listed = repo.read("published/SHA256SUMS");
    let unlisted: String = listed
        .lines()
        .filter(|line| !line.contains(LINUX[1]))
        .map(|line| format!("{line}\n"))
        .collect();
    repo.write("published/SHA256SUMS", &unlisted);
    let script = format!(
        "bash {}",
        root().join(".github/release/image-context.sh").display()
    );
    let published = repo.path("published").display().to_string();
    let vars = env(&[
        ("VERSION", TAG),
        ("GH_TOKEN", "t"),
        ("FAKE_GH_RELEASE", &published),
    ]);
    let output = repo.run(&script, &vars);
    assert_ne!(output.status.code(), Some(0), "{}", text(&output));
    assert!(
        text(&output).contains(&format!(
            "SHA256SUMS has no line for wxform-{TAG}-{}",
            LINUX[1]
        )),
        "{}",
        text(&output)
    );
    assert!(!repo.path("dist/linux").exists());
}
