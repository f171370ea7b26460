//! Every problem of an account file and the file it extends is reported at file:line:col in the
//! file where its text is, with what is wrong; nothing is read from WeChat.

use super::{Accounts, SHARED, TEST_APPID, account_file, folder};
use crate::support::run::{Run, contains, run_in, stderr};

const TEST: &str = "accounts/test.yaml";

/// `wxform validate accounts/test.yaml` in a folder holding `files`.
fn validate(files: &[(&str, &str)]) -> Run {
    let dir = folder(files);
    let run = run_in(dir.path(), &["validate", TEST], &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    run
}

fn test_file(host: &str) -> String {
    account_file("TEST", TEST_APPID, host)
}

#[test]
fn a_misspelt_var_is_reported_in_both_files() {
    let account = test_file("test.shop.example.com").replace("shop_url:", "shop_ulr:");
    let run = validate(&[("wxform.yaml", SHARED), (TEST, &account)]);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_placeholder_where_none_is_filled_in_and_a_malformed_one() {
    let shared = SHARED
        .replace("name: VIP", "name: \"VIP-${region}\"")
        .replace("key: SERVICE", "key: \"SERVICE_${id\"");
    let run = validate(&[
        ("wxform.yaml", &shared),
        (TEST, &test_file("t.example.com")),
    ]);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_url_over_1024_bytes_once_filled_in_names_the_value_and_the_var() {
    let long = format!("test.shop.example.com/{}", "p".repeat(1000));
    let run = validate(&[("wxform.yaml", SHARED), (TEST, &test_file(&long))]);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_credential_is_never_a_var() {
    let account = format!(
        "{}  app_secret: 0123456789abcdef\n  secret_env: TEST_APPSECRET\n  home: $SHOP_HOME\n",
        test_file("t.example.com")
    );
    let run = validate(&[("wxform.yaml", SHARED), (TEST, &account)]);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn what_extends_names_must_be_a_readable_configuration_in_the_working_folder() {
    let account = |extends: &str| test_file("t.example.com").replace("../wxform.yaml", extends);
    for (name, extends) in [
        ("missing", "../nothere.yaml"),
        ("outside", "../../wxform.yaml"),
        ("absolute", "/etc/wxform.yaml"),
        ("not_yaml", "../.git-credentials"),
        ("itself", "test.yaml"),
    ] {
        let run = validate(&[("wxform.yaml", SHARED), (TEST, &account(extends))]);
        insta::assert_snapshot!(format!("extends_{name}"), run.stderr);
    }
    // A file that is not a configuration is refused without being quoted.
    let run = validate(&[
        ("wxform.yaml", "oauth_token: gho_SECRET\n"),
        (TEST, &test_file("t.example.com")),
    ]);
    assert!(!run.stderr.contains("gho_SECRET"), "{}", run.stderr);
    insta::assert_snapshot!("extends_not_a_configuration", run.stderr);
}

#[test]
fn a_chain_or_a_cycle_of_extends_is_refused() {
    let chain = validate(&[
        ("base.yaml", "version: 1\n"),
        ("wxform.yaml", &format!("{SHARED}extends: base.yaml\n")),
        (TEST, &test_file("t.example.com")),
    ]);
    insta::assert_snapshot!("chain", chain.stderr);
    let cycle = validate(&[
        (
            "wxform.yaml",
            &format!("{SHARED}extends: accounts/test.yaml\n"),
        ),
        (TEST, &test_file("t.example.com")),
    ]);
    insta::assert_snapshot!("cycle", cycle.stderr);
}

#[test]
fn a_shared_file_on_its_own_says_to_plan_its_account_files() {
    let dir = folder(&[("wxform.yaml", SHARED)]);
    let run = run_in(dir.path(), &["validate"], &[]);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn annotations_name_the_file_where_each_problem_is() {
    let account = test_file("t.example.com").replace("mini_appid:", "mini_apid:");
    let dir = folder(&[("wxform.yaml", SHARED), (TEST, &account)]);
    let run = run_in(
        dir.path(),
        &["validate", TEST],
        &[("GITHUB_ACTIONS", "true")],
    );
    contains(
        &run.stderr,
        "::error file=accounts/test.yaml,line=9,col=3::var `mini_apid` is used nowhere\n",
    );
    contains(
        &run.stderr,
        "::error file=wxform.yaml,line=7,col=72::`${mini_appid}` is not set\n",
    );
}

#[test]
fn an_invalid_account_file_reads_nothing_from_wechat() {
    let accounts = Accounts::new();
    std::fs::write(
        accounts.dir.path().join(TEST),
        test_file("t.example.com").replace("shop_url:", "shop_ulr:"),
    )
    .unwrap();
    for args in [
        vec!["plan", TEST],
        vec!["apply", TEST, "--auto-approve"],
        vec!["outputs", TEST],
    ] {
        let run = accounts.run(&args);
        assert_eq!(run.status.code(), Some(1), "{args:?}");
        contains(&stderr(&run), "`${shop_url}` is not set");
    }
    assert!(accounts.test.requests().is_empty());
}

#[test]
#[cfg(unix)]
fn a_shared_file_that_is_no_regular_file_is_refused_at_once() {
    let dir = folder(&[(TEST, &test_file("t.example.com"))]);
    let fifo = dir.path().join("wxform.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // Nobody writes the FIFO: a read that waited for a writer would never end.
    let run = crate::support::run::wxform_guarded(20)
        .current_dir(dir.path())
        .args(["validate", TEST])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    contains(
        &stderr(&run),
        "error: cannot read wxform.yaml: it is a FIFO, not a regular file\n --> accounts/test.yaml:2:10\n",
    );
    std::fs::remove_file(&fifo).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", &fifo).unwrap();
    let run = run_in(
        dir.path(),
        &["validate", TEST],
        &[("SHOP_SECRET", "s3cr3t-value")],
    );
    assert_eq!(run.code, Some(1));
    contains(
        &run.stderr,
        "error: cannot read wxform.yaml: it is a kernel pseudo-file (/proc or /sys), not a regular file\n",
    );
    assert!(!run.stderr.contains("s3cr3t-value"));
}
