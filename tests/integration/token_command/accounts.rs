//! Token commands and configurations: `plan DIR` runs each account's own command, and
//! `validate` (before any command runs or any call is made) refuses a command beside the
//! credential variables, or one an account file would take from the file it extends.

use super::{Service, assert_no_token_endpoint, run_at};
use crate::multi_account::account;
use crate::support::router::Router;
use crate::validate::rejects;

const SHOP_APPID: &str = "wx1111111111111111";
const BLOG_APPID: &str = "wx2222222222222222";

fn config(appid: &str, menu: &str) -> String {
    format!(
        "version: 1\naccount:\n  appid: {appid}\n  token_command: [../bin/platform-token, {appid}]\nmenu:\n  button:\n    - {{ name: {menu}, type: view, url: \"https://example.com/\" }}\n"
    )
}

#[test]
fn plan_of_a_directory_runs_each_account_s_own_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("accounts")).unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.path().join(name), text).unwrap();
    write("accounts/shop.yaml", config(SHOP_APPID, "商城"));
    write("accounts/blog.yaml", config(BLOG_APPID, "博客"));
    let shop = account(SHOP_APPID, "5a0p5ecret5a0p5ecret5a0p5ecret12", "旧商城");
    let blog = account(BLOG_APPID, "b10g5ecretb10g5ecretb10g5ecret12", "博客");
    let router = Router::start(&[(SHOP_APPID, shop.base_url()), (BLOG_APPID, blog.base_url())]);
    // The service answers for the appid it is given, as a third-party platform does.
    let service = Service::running(dir.path(), "cat \"$here/token-$1\"");
    for emulator in [&shop, &blog] {
        let token = emulator.issue_token();
        router.learn(&token, emulator.base_url());
        write(&format!("bin/token-{}", emulator.appid()), token);
    }

    let run = run_at(&router.base_url(), dir.path(), &["plan", "accounts"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let shop_plan = run.stdout.find("==> accounts/shop.yaml <==").unwrap();
    assert!(run.stdout[shop_plan..].contains("旧商城"), "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("Accounts: 2 — 1 with changes, 1 without, 0 not planned.\n"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stderr.contains("the same account"),
        "one program, two accounts: {}",
        run.stderr
    );
    let mut runs = service.runs();
    runs.sort();
    assert_eq!(runs, [SHOP_APPID, BLOG_APPID]);
    for emulator in [&shop, &blog] {
        assert_no_token_endpoint(emulator);
        assert!(emulator.request_count("/cgi-bin/menu/get") > 0);
    }
}

rejects!(
    a_token_command_beside_a_secret_variable_is_refused,
    "version: 1\naccount:\n  secret_env: SHOP_SECRET\n  token_command: [./bin/platform-token, wx1234567890abcdef]\n",
    "3:15"
);

rejects!(
    an_empty_token_command_is_refused,
    "version: 1\naccount:\n  token_command: []\n",
    "3:18"
);

#[test]
fn an_invalid_configuration_runs_no_command_and_calls_nothing() {
    let account = crate::support::account::Account::shop();
    account.write_config(&super::shop_yaml().replace(
        "  token_command:",
        "  token_env: SHOP_TOKEN\n  token_command:",
    ));
    let service = Service::printing(account.dir());
    service.hand_out(&[&account.emulator.issue_token()]);
    let run = super::run(
        &account,
        &["plan"],
        &[("SHOP_TOKEN", "0123456789abcdef0123")],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with("error: `account.token_env` and `account.token_command` both say where this account's credentials come from\n --> wxform.yaml:8:14\n"),
        "{}",
        run.stderr
    );
    assert!(service.runs().is_empty());
    assert!(account.emulator.requests().is_empty());
}

#[test]
fn an_account_file_never_runs_the_command_of_the_file_it_extends() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("accounts")).unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("wxform.yaml", &config(BLOG_APPID, "博客"));
    write(
        "accounts/test.yaml",
        &format!("version: 1\nextends: ../wxform.yaml\naccount:\n  appid: {SHOP_APPID}\n"),
    );
    let run = run_at(
        &crate::support::account::closed_port_url(),
        dir.path(),
        &["validate", "accounts/test.yaml"],
        &[],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with("error: accounts/test.yaml names no credentials of its own, so it would run the token command of wxform.yaml\n --> wxform.yaml:4:18\n"),
        "{}",
        run.stderr
    );
    write(
        "accounts/test.yaml",
        &format!(
            "version: 1\nextends: ../wxform.yaml\naccount:\n  appid: {SHOP_APPID}\n  token_command: [../bin/platform-token, {SHOP_APPID}]\n"
        ),
    );
    let run = run_at(
        &crate::support::account::closed_port_url(),
        dir.path(),
        &["validate", "accounts/test.yaml"],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}
