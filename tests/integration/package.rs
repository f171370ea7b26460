//! What `cargo package` would publish: everything a crate user needs to build, read about and
//! install wxform, and nothing of the tests — no test code, fixtures, snapshots or benchmarks —
//! nor of the emulator, a crate of its own.

use crate::support::run::repo;
use crate::support::tree;
use std::process::Command;

/// `cargo package --list`: the files a published crate would hold, relative to the root.
fn package_list() -> Vec<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(repo())
        .args([
            "package",
            "--list",
            "--allow-dirty",
            "--offline",
            "--locked",
            "--quiet",
        ])
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo package --list failed: {stderr}"
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every file under `dir` (relative to the repository) whose name ends with `suffix`.
fn files_under(dir: &str, suffix: &str) -> Vec<String> {
    tree::files_under(&repo().join(dir), suffix)
        .iter()
        .map(|path| tree::relative(path, repo()))
        .collect()
}

#[test]
fn the_crate_holds_what_a_user_needs_and_nothing_of_the_tests() {
    let list = package_list();
    let holds = |file: &str| list.iter().any(|listed| listed == file);

    let mut needed: Vec<String> = [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "CHANGELOG.md",
        "LICENSE-APACHE",
        "LICENSE-MIT",
        "wxform.schema.json",
        "docs/man/wxform.1",
        "docs/man/wxform-plan.1",
        "examples/shop.yaml",
        "examples/shop.live.json",
    ]
    .map(String::from)
    .to_vec();
    needed.extend(files_under("src", ".rs"));
    needed.extend(files_under("docs", ".md"));
    let missing: Vec<&String> = needed.iter().filter(|file| !holds(file)).collect();
    assert!(missing.is_empty(), "missing from the package: {missing:?}");

    let test_only: Vec<&String> = list
        .iter()
        .filter(|file| {
            file.starts_with("tests/")
                // The emulator is a crate of its own, shipped as a binary, never in wxform's.
                || file.starts_with("emulator/")
                || file.starts_with("benches/")
                || file.starts_with(".ci/")
                || file.contains("/snapshots/")
                || file.ends_with(".snap")
                || file.contains("proptest-regressions")
        })
        .collect();
    assert!(
        test_only.is_empty(),
        "test files in the package: {test_only:?}"
    );
}
