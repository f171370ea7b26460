//! The files `--out` writes (`plan`, `export`, `preview`) are created as any program's are: with
//! the process's umask applied to 0666 (0644 under umask 022, 0600 under 077), since none holds
//! a secret. The token cache, which does, stays 0600 whatever the umask.

use crate::support::account::{Account, connect, retry_fast};
use crate::support::run::wxform_with_umask;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Runs `wxform args` for `account` under `mask`; it must succeed.
fn run_under(account: &Account, mask: &str, args: &[&str]) {
    let mut command = wxform_with_umask(mask);
    retry_fast(connect(&mut command, &account.emulator, account.dir()));
    let output = command.args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every `--out` file made under `mask`, and the token cache file, with their modes.
fn modes_under(mask: &str) -> Vec<(String, u32)> {
    let account = Account::shop_applied();
    std::fs::remove_dir_all(account.path("cache")).unwrap();
    let runs: [&[&str]; 5] = [
        &["plan", "--out", "plan.json"],
        &["export", "--out", "export.yaml"],
        &["export", "--format", "json", "--out", "live.json"],
        &["preview", "--out", "preview.html"],
        &["preview", "--format", "svg", "--out", "svgs"],
    ];
    for args in runs {
        run_under(&account, mask, args);
    }
    let mut files = vec!["plan.json", "export.yaml", "live.json", "preview.html"]
        .into_iter()
        .map(|name| (name.to_string(), mode(&account.path(name))))
        .collect::<Vec<_>>();
    let svg = std::fs::read_dir(account.path("svgs"))
        .unwrap()
        .next()
        .unwrap();
    files.push(("svg".into(), mode(&svg.unwrap().path())));
    let cache = std::fs::read_dir(account.path("cache"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "json"))
        .expect("a token cache file");
    files.push(("token cache".into(), mode(&cache)));
    files
}

#[test]
fn out_files_follow_the_umask_and_the_token_cache_stays_private() {
    for (mask, expected) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        for (file, mode) in modes_under(mask) {
            let expected = if file == "token cache" {
                0o600
            } else {
                expected
            };
            assert_eq!(mode, expected, "{file} under umask {mask}: {mode:o}");
        }
    }
}
