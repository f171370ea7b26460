//! The README's local loop, exactly as written there: the `wxform-emulator` line starts the
//! emulator seeded with `examples/shop.live.json`, and each line of the block after it runs in
//! `sh` with the printed settings — plan, apply, test (all four menu checks, the openid one
//! through trymatch), export (its plan shows no changes), doctor (all ok), preview.

use super::{borrowed, checkout, gone, readme_emulator_args};
use crate::support::run::{binary, repo};
use crate::support::served::{EMULATOR_NAME, Served, emulator_binary, emulator_command};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

/// The lines of the fenced `sh` block after the one that starts `wxform-emulator`.
fn readme_loop() -> Vec<String> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme
        .find("\nwxform-emulator ")
        .expect("the emulator's line");
    let after = &readme[start..];
    let after = &after[after.find("```\n").expect("its block's end") + 4..];
    let body = &after[after.find("```sh\n").expect("the loop's block") + 6..];
    let body = &body[..body.find("```").expect("the loop block's end")];
    body.lines().map(String::from).collect()
}

/// A directory holding `wxform` and `wxform-emulator` as the builds under test, for `PATH`.
fn bin_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(binary(), dir.path().join("wxform")).unwrap();
    std::os::unix::fs::symlink(emulator_binary(), dir.path().join(EMULATOR_NAME)).unwrap();
    dir
}

fn path_with(bin: &Path) -> String {
    let rest = std::env::var("PATH").unwrap_or_default();
    format!("{}:{rest}", bin.display())
}

/// The one line the shop's server checks make without the server's URL.
pub(super) const SERVER_SKIPPED: &str = "skip  server checks: WECHAT_SERVER_URL is not set: give --server-url URL, or set WECHAT_SERVER_URL to the server's URL";

/// What the README says each command of the loop shows, checked on its output.
fn check(line: &str, stdout: &str, dir: &Path) {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words[1] {
        "plan" => assert!(
            stdout.contains("Plan: 1 to add, 2 to change, 0 to replace, 0 to destroy."),
            "{stdout}"
        ),
        "apply" => assert!(
            stdout.contains("Apply complete: 1 added, 2 changed"),
            "{stdout}"
        ),
        "test" => assert!(
            stdout.ends_with(&format!(
                "4 passed, 0 failed, 0 skipped\n\n{SERVER_SKIPPED}\n"
            )),
            "{stdout}"
        ),
        "export" => assert!(stdout.starts_with("No changes."), "{stdout}"),
        "doctor" => {
            // Each check's line; the daily quotas' lines are indented below theirs.
            let checks: Vec<&str> = stdout.lines().filter(|l| !l.starts_with(' ')).collect();
            assert!(checks.len() >= 8, "{stdout}");
            let (server, others): (Vec<&str>, Vec<&str>) =
                checks.iter().partition(|l| l.contains(" server "));
            assert!(others.iter().all(|l| l.starts_with("ok ")), "{stdout}");
            assert_eq!(server.len(), 1, "{stdout}");
            assert!(server[0].starts_with("skip server "), "{stdout}");
        }
        "preview" => {
            let page = std::fs::read_to_string(dir.join("preview.html")).unwrap();
            assert!(page.contains("会员专区"), "the VIP menu is drawn");
        }
        other => panic!("a README command the test does not know: {other}"),
    }
}

#[test]
fn the_readmes_local_loop_passes_against_the_emulator_seeded_with_the_shop() {
    let dir = checkout();
    let served = Served::start(dir.path(), &borrowed(&readme_emulator_args()));
    let names: Vec<&str> = served.settings.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "WXFORM_API_BASE",
            "WECHAT_APPID",
            "WECHAT_APPSECRET",
            "WECHAT_ACCESS_TOKEN",
            "WXFORM_CACHE_DIR"
        ]
    );
    assert!(
        served
            .get("WXFORM_API_BASE")
            .starts_with("http://127.0.0.1:")
    );
    assert_eq!(served.get("WECHAT_APPID"), "wx1234567890abcdef");
    let cache = served.get("WXFORM_CACHE_DIR").to_string();

    let bin = bin_dir();
    let lines = readme_loop();
    let (last, commands) = lines.split_last().unwrap();
    assert_eq!(last, "exit", "the loop ends by stopping the emulator");
    let mut ran = Vec::new();
    for line in commands {
        let output = served
            .shell(dir.path(), line)
            .env("PATH", path_with(bin.path()))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{line}:\n{stdout}{stderr}");
        check(line, &stdout, dir.path());
        ran.push(line.split_whitespace().nth(1).unwrap().to_string());
    }
    assert_eq!(
        ran,
        ["plan", "apply", "test", "export", "doctor", "preview"]
    );

    let (status, rest, stderr) = served.stop();
    assert_eq!(status.code(), Some(0), "stopped cleanly: {stderr}");
    assert_eq!(rest, "", "stdout holds the settings only");
    assert!(gone(&cache), "the token cache is removed");
}

/// The same lines typed into the shell the README opens (`-- $SHELL`; here `sh -e`, so that a
/// failing line fails the shell), and `exit` stops the emulator with the shell's status.
#[test]
fn the_readmes_shell_runs_the_loop_and_exit_stops_the_emulator() {
    let dir = checkout();
    let bin = bin_dir();
    let mut child = emulator_command()
        .current_dir(dir.path())
        .env("PATH", path_with(bin.path()))
        .args(readme_emulator_args())
        .args(["--", "sh", "-e"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let script = readme_loop().join("\n") + "\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("4 passed, 0 failed"), "{stdout}");
    assert!(stdout.contains("No changes."), "{stdout}");
    assert!(dir.path().join("preview.html").is_file());
    assert!(
        stderr
            .starts_with("wxform-emulator: an emulated account (not WeChat) at http://127.0.0.1:"),
        "{stderr}"
    );
}
