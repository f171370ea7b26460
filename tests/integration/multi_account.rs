//! `wxform plan a.yaml b.yaml` and `wxform plan DIR`: several accounts, each with the
//! credentials its file names, planned concurrently into one report and one exit code.

use crate::support::account::{connect_to, retry_fast};
use crate::support::emulator::{Button, DefaultMenu, Emulator, EmulatorOptions, MenuSource, State};
use crate::support::router::Router;
use crate::support::run::{stderr, stdout, wxform};
use serde_json::Value;
use std::process::Output;

const SHOP_APPID: &str = "wx1111111111111111";
const BLOG_APPID: &str = "wx2222222222222222";

/// An account with its own appid and secret, whose menu is `name`.
pub(crate) fn account(appid: &str, secret: &str, menu: &str) -> Emulator {
    let emulator = Emulator::start_with(EmulatorOptions {
        appid: appid.to_string(),
        secret: secret.to_string(),
        // Each account issues its own tokens (the router tells accounts apart by them).
        seed: appid.bytes().map(u64::from).sum(),
        ..EmulatorOptions::default()
    });
    emulator.seed(State {
        menu: Some(DefaultMenu {
            source: MenuSource::Api,
            menuid: 1,
            button: vec![Button::view(menu, "https://example.com/")],
        }),
        ..State::default()
    });
    emulator
}

fn config(prefix: &str, appid: &str, menu: &str) -> String {
    format!(
        "version: 1\naccount:\n  appid: {appid}\n  appid_env: {prefix}_APPID\n  secret_env: {prefix}_SECRET\nmenu:\n  button:\n    - {{ name: {menu}, type: view, url: \"https://example.com/\" }}\n"
    )
}

struct Accounts {
    dir: tempfile::TempDir,
    shop: Emulator,
    blog: Emulator,
    /// One base URL for both, as WeChat's.
    router: Router,
}

/// Two accounts: the shop's menu differs from its file, the blog's matches.
fn accounts() -> Accounts {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("accounts")).unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.path().join(name), text).unwrap();
    write("accounts/shop.yaml", config("SHOP", SHOP_APPID, "商城"));
    write("accounts/blog.yaml", config("BLOG", BLOG_APPID, "博客"));
    let shop = account(SHOP_APPID, "5a0p5ecret5a0p5ecret5a0p5ecret12", "旧商城");
    let blog = account(BLOG_APPID, "b10g5ecretb10g5ecretb10g5ecret12", "博客");
    let router = Router::start(&[(SHOP_APPID, shop.base_url()), (BLOG_APPID, blog.base_url())]);
    Accounts {
        dir,
        shop,
        blog,
        router,
    }
}

fn plan(accounts: &Accounts, args: &[&str]) -> Output {
    let mut command = wxform();
    // Each file names its own credential variables: the standard ones are not set.
    let dir = accounts.dir.path();
    retry_fast(connect_to(&mut command, &accounts.router.base_url(), dir))
        .env("SHOP_APPID", accounts.shop.appid())
        .env("SHOP_SECRET", accounts.shop.secret())
        .env("BLOG_APPID", accounts.blog.appid())
        .env("BLOG_SECRET", accounts.blog.secret())
        .env(
            "GITHUB_STEP_SUMMARY",
            accounts.dir.path().join("summary.md"),
        )
        .arg("plan")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn two_files_are_planned_with_their_own_credentials_into_one_report() {
    let accounts = accounts();
    let output = plan(&accounts, &["accounts/shop.yaml", "accounts/blog.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let shop = text
        .find("==> accounts/shop.yaml <==")
        .expect("shop header");
    let blog = text
        .find("==> accounts/blog.yaml <==")
        .expect("blog header");
    assert!(shop < blog, "in the order given:\n{text}");
    assert!(text[shop..blog].contains("旧商城"), "{text}");
    assert!(text[blog..].contains("No changes."), "{text}");
    assert!(
        text.ends_with("Accounts: 2 — 1 with changes, 1 without, 0 not planned.\n"),
        "{text}"
    );
    // Each account was read with its own token: every call reached its own emulator.
    assert!(accounts.shop.request_count("/cgi-bin/menu/get") > 0);
    assert!(accounts.blog.request_count("/cgi-bin/menu/get") > 0);
    assert!(
        accounts.shop.mutating_requests().is_empty()
            && accounts.blog.mutating_requests().is_empty()
    );
    for token_request in accounts
        .shop
        .requests()
        .iter()
        .filter(|r| r.path.contains("token"))
    {
        assert_eq!(token_request.body.as_ref().unwrap()["appid"], SHOP_APPID);
    }

    let detailed = plan(
        &accounts,
        &[
            "accounts/shop.yaml",
            "accounts/blog.yaml",
            "--detailed-exitcode",
        ],
    );
    assert_eq!(detailed.status.code(), Some(2), "changes in one account");
    let only_blog = plan(
        &accounts,
        &[
            "accounts/blog.yaml",
            "accounts/blog.yaml",
            "--detailed-exitcode",
        ],
    );
    assert_eq!(only_blog.status.code(), Some(0), "{}", stdout(&only_blog));
}

#[test]
fn a_directory_plans_every_yaml_in_it_by_name() {
    let accounts = accounts();
    std::fs::write(
        accounts.dir.path().join("accounts/notes.txt"),
        "not a config",
    )
    .unwrap();
    let output = plan(&accounts, &["accounts", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let files: Vec<&str> = report["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["accounts/blog.yaml", "accounts/shop.yaml"]);
    assert_eq!(report["accounts"][1]["plan"]["appid"], SHOP_APPID);
    assert_eq!(
        report["accounts"][1]["plan"]["summary"]["has_changes"],
        true
    );
    assert_eq!(
        report["accounts"][0]["plan"]["summary"]["has_changes"],
        false
    );
    assert_eq!(report["summary"]["with_changes"], 1);
}

#[test]
fn markdown_report_is_one_comment_with_a_section_per_account() {
    let accounts = accounts();
    let output = plan(&accounts, &["accounts", "--format", "markdown"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let markdown = stdout(&output);
    assert!(
        markdown.starts_with("<!-- wxform:plans:all -->\n"),
        "{markdown}"
    );
    assert_eq!(
        markdown.matches("<!-- wxform:plan").count(),
        1,
        "one marker: {markdown}"
    );
    assert!(
        markdown.contains(
            "| `accounts/shop.yaml` | `wx1111111111111111` | Plan: 0 to add, 1 to change"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains("### wxform plan for `wx2222222222222222`"),
        "{markdown}"
    );
    let summary = std::fs::read_to_string(accounts.dir.path().join("summary.md")).unwrap();
    assert_eq!(summary, markdown, "the job summary gets the same report");
}

#[test]
fn one_failing_account_fails_the_run_but_not_the_others() {
    let accounts = accounts();
    accounts
        .blog
        .update_state(|state| state.secret = "0123456789abcdef0123456789abcdef".into());
    let output = plan(
        &accounts,
        &[
            "accounts/shop.yaml",
            "accounts/blog.yaml",
            "--detailed-exitcode",
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("旧商城"), "the shop is still planned: {text}");
    assert!(
        text.contains("==> accounts/blog.yaml <==\nNot planned"),
        "{text}"
    );
    let errors = stderr(&output);
    assert!(errors.contains("error: accounts/blog.yaml: "), "{errors}");
    assert!(errors.contains("40125"), "{errors}");
    assert!(!errors.contains(accounts.blog.secret()) && !text.contains(accounts.blog.secret()));
}

#[test]
fn missing_credentials_are_named_as_the_file_names_them() {
    let accounts = accounts();
    let output = wxform()
        .current_dir(accounts.dir.path())
        .env("WXFORM_API_BASE", accounts.router.base_url())
        .env("SHOP_APPID", SHOP_APPID)
        .args(["plan", "accounts/shop.yaml", "accounts/blog.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("accounts/shop.yaml: no credentials for this account: SHOP_SECRET (account.secret_env) not set"), "{errors}");
    assert!(
        errors.contains(
            "BLOG_APPID (account.appid_env) and BLOG_SECRET (account.secret_env) not set"
        ),
        "{errors}"
    );
}

#[test]
fn one_file_with_named_credentials_uses_them() {
    let accounts = accounts();
    let output = plan(&accounts, &["accounts/shop.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stdout(&output).contains("==>"), "a single plan, as before");
    assert!(stdout(&output).contains("旧商城"));
}

#[test]
fn an_invalid_file_is_reported_and_the_rest_planned() {
    let accounts = accounts();
    std::fs::write(
        accounts.dir.path().join("accounts/broken.yaml"),
        "version: 1\naccount:\n  secret_env: 1BAD\n",
    )
    .unwrap();
    let output = plan(&accounts, &["accounts"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains("`account.secret_env` is not an environment variable name"),
        "{errors}"
    );
    assert!(
        errors.contains("error: accounts/broken.yaml: the configuration is invalid"),
        "{errors}"
    );
    assert!(stdout(&output).contains("旧商城"));
}

#[test]
fn out_and_live_take_one_account_only() {
    let accounts = accounts();
    for extra in [["--out", "plan.json"], ["--live", "snapshot.json"]] {
        let mut args = vec!["accounts/shop.yaml", "accounts/blog.yaml"];
        args.extend(extra);
        let output = plan(&accounts, &args);
        assert_eq!(output.status.code(), Some(64), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("several configurations"),
            "{}",
            stderr(&output)
        );
        assert!(!accounts.dir.path().join("plan.json").exists());
        // One directory is several accounts too, and the message says which was given.
        let mut args = vec!["accounts"];
        args.extend(extra);
        let output = plan(&accounts, &args);
        assert_eq!(output.status.code(), Some(64), "{}", stderr(&output));
        assert!(
            stderr(&output).contains(" but accounts is a directory of configurations; "),
            "{}",
            stderr(&output)
        );
    }
    assert!(
        accounts.shop.requests().is_empty(),
        "refused before any call"
    );
}

#[test]
fn an_empty_directory_is_an_error() {
    let accounts = accounts();
    std::fs::create_dir(accounts.dir.path().join("empty")).unwrap();
    let output = plan(&accounts, &["empty"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("empty holds no configuration"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn each_account_is_measured_against_its_own_daily_quotas() {
    let accounts = accounts();
    // The blog's quota is spent, but its plan makes no call; the shop's has one call left.
    accounts.blog.spend_quota("/cgi-bin/menu/create", 1000);
    accounts.shop.spend_quota("/cgi-bin/menu/create", 999);
    let output = plan(&accounts, &["accounts"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("  menu/create  1 call     1 of 1000 left today\n"),
        "{text}"
    );
    // Each account's quotas were read from that account, once per endpoint.
    for emulator in [&accounts.shop, &accounts.blog] {
        assert_eq!(emulator.request_count("/cgi-bin/openapi/quota/get"), 3);
    }

    accounts.shop.spend_quota("/cgi-bin/menu/create", 1);
    let output = plan(&accounts, &["accounts"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let text = stdout(&output);
    let shop = text.find("==> accounts/shop.yaml <==").unwrap();
    assert!(
        text[shop..].contains("menu/create would run out half-way: the plan makes 1 call and 0 of its 1000 a day are left"),
        "{text}"
    );
    assert_eq!(text.matches("would run out").count(), 1, "{text}");
}
