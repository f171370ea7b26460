//! Flags and commands around a plan: exit codes, `--out`, `--live`, the step summary, the
//! `account.appid` guard, unmanaged sections never read, `outputs` and `export`.

use super::{
    ALL_QUOTAS, ALL_READS, Account, SHOP_YAML, closed_port_url, edit, once_each, shop_state,
    with_quotas,
};
use crate::support::emulator::State;
use crate::support::run::{contains, run_in, starts_with};

#[test]
fn detailed_exitcode_is_0_without_changes_2_with_changes_1_on_errors() {
    let account = Account::shop();
    assert_eq!(account.run(&["plan", "--detailed-exitcode"]).code, Some(0));

    account
        .emulator
        .update_state(|state| state.tags[2].name = "常客".into());
    let changes = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(changes.code, Some(2), "{}", changes.stderr);
    assert!(
        changes.stdout.contains("+ tag.老客户"),
        "{}",
        changes.stdout
    );
    // Without the flag, changes are a success.
    assert_eq!(account.run(&["plan"]).code, Some(0));

    // A plan that cannot be applied: more than 100 tags after apply.
    account.emulator.update_state(|state| {
        state
            .tags
            .extend((0..98).map(|i| crate::support::emulator::Tag::new(200 + i, &format!("t{i}"))));
    });
    let errors = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(errors.code, Some(1), "{}", errors.stdout);
    assert!(
        errors.stdout.contains("+ tag.老客户"),
        "the plan is still shown"
    );
    assert!(
        errors
            .stderr
            .starts_with("error: the plan cannot be applied:"),
        "{}",
        errors.stderr
    );
    account.assert_read_only();
}

#[test]
fn an_exported_template_that_is_gone_cannot_be_added_without_its_short_id() {
    let account = Account::new(shop_state(), "");
    assert_eq!(
        account.run(&["export", "--out", "wxform.yaml"]).code,
        Some(0)
    );
    account.emulator.update_state(|state| {
        state.templates.remove(0);
    });
    let run = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stdout.contains("+ template.订单支付成功"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stderr,
        "error: the plan cannot be applied: template.订单支付成功 is not on the account and has no short_id, so it cannot be added\n"
    );
    account.assert_read_only();
}

/// The token the run fetched, from the on-disk cache.
fn cached_token(account: &Account) -> String {
    let path = wxform::wechat::cache::TokenCache::new(account.path("cache"))
        .for_host(&account.emulator.host())
        .path(account.emulator.appid());
    let cached: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("a cached token")).unwrap();
    cached["access_token"].as_str().unwrap().to_string()
}

/// One document: what `--format json` prints is byte for byte the file `--out` saves, and
/// `apply --plan` takes either.
#[test]
fn the_json_plan_is_the_saved_plan() {
    let account = Account::shop();
    account
        .emulator
        .update_state(|state| state.tags[1].name = "beta".into());
    let run = account.run(&["plan", "--format", "json", "--out", "plan.json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let saved = std::fs::read_to_string(account.path("plan.json")).unwrap();
    assert_eq!(run.stdout, saved);
    let printed = account.run(&["plan", "--format", "json"]);
    std::fs::write(account.path("printed.json"), &printed.stdout).unwrap();
    let applied = account.run(&["apply", "--plan", "printed.json"]);
    assert_eq!(applied.code, Some(0), "{}", applied.stderr);
    assert_eq!(account.mutations(), ["POST /cgi-bin/tags/update"]);
}

#[test]
fn out_saves_a_versioned_plan_without_secrets() {
    let account = Account::shop();
    account
        .emulator
        .update_state(|state| state.tags[1].name = "beta".into());
    let run = account.run(&["plan", "--out", "plan.json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("~ tag.内测用户"), "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "Saved the plan to plan.json; apply it with `wxform apply --plan plan.json`."
        ),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(account.path("plan.json")).unwrap();
    let saved: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(saved["format_version"], 2);
    assert_eq!(saved["appid"], account.emulator.appid());
    for key in ["live_fingerprint", "config_fingerprint"] {
        let value = saved[key].as_str().unwrap();
        assert!(
            value.starts_with("sha256:") && value.len() == 71,
            "{key}: {value}"
        );
    }
    assert_eq!(saved["steps"][0]["op"], "rename_tag");
    let token = cached_token(&account);
    assert!(!text.contains(&token), "the plan holds the access token");
    assert!(
        !text.contains(account.emulator.secret()),
        "the plan holds the secret"
    );
    for output in [&run.stdout, &run.stderr] {
        assert!(!output.contains(&token) && !output.contains(account.emulator.secret()));
    }
    account.assert_read_only();
}

#[test]
fn out_with_a_given_access_token_holds_no_token() {
    let account = Account::shop();
    let token = account.emulator.issue_token();
    let base = account.emulator.base_url();
    let run = run_in(
        account.dir.path(),
        &["plan", "--out", "plan.json", "--format", "json"],
        &[
            ("WXFORM_API_BASE", base.as_str()),
            ("WECHAT_ACCESS_TOKEN", token.as_str()),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(account.path("plan.json")).unwrap();
    assert!(!text.contains(&token) && !run.stdout.contains(&token) && !run.stderr.contains(&token));
    // A given token means no token endpoint at all.
    let mut reads = with_quotas(once_each(&ALL_READS), ALL_QUOTAS);
    reads.remove("/cgi-bin/stable_token");
    assert_eq!(account.counts(), reads);
}

#[test]
fn live_snapshot_plans_offline_without_credentials() {
    let account = Account::shop();
    let exported = account.run(&["export", "--format", "json"]);
    assert_eq!(exported.code, Some(0), "{}", exported.stderr);
    let mut live: serde_json::Value = serde_json::from_str(&exported.stdout).unwrap();
    // tags/get lists WeChat's own 星标组 first.
    assert_eq!(live["tags"][2]["name"], "内测用户");
    live["tags"][2]["name"] = "beta".into();
    std::fs::write(account.path("live.json"), live.to_string()).unwrap();
    account.emulator.clear_requests();

    let closed = closed_port_url();
    let env = [("WXFORM_API_BASE", closed.as_str())];
    let run = run_in(
        account.dir.path(),
        &["plan", "--live", "live.json", "--detailed-exitcode"],
        &env,
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stdout.contains("- name: beta\n    + name: 内测用户"),
        "{}",
        run.stdout
    );
    assert!(account.emulator.requests().is_empty());

    std::fs::write(account.path("bad.json"), "{\"menu\": 3}").unwrap();
    let bad = run_in(account.dir.path(), &["plan", "--live", "bad.json"], &env);
    assert_eq!(bad.code, Some(1));
    assert_eq!(bad.stdout, "");
    assert!(
        bad.stderr.starts_with("error: bad.json is not a wxform snapshot (write one with `wxform export --format json`)"),
        "{}",
        bad.stderr
    );
}

/// Any JSON object is not a snapshot: `{}` or a `package.json` would otherwise read as an empty
/// account, and the plan would offer to create everything.
#[test]
fn a_json_file_that_is_not_a_snapshot_is_refused() {
    let dir = crate::support::shop::shop_dir();
    let closed = closed_port_url();
    let env = [("WXFORM_API_BASE", closed.as_str())];
    let not_snapshots = [
        ("empty.json", "{}"),
        ("package.json", r#"{"name": "shop", "version": "1.0.0"}"#),
        ("list.json", "[1, 2]"),
        ("version.json", r#"{"format_version": "1"}"#),
    ];
    for (name, text) in not_snapshots {
        std::fs::write(dir.path().join(name), text).unwrap();
        for command in ["plan", "preview"] {
            let run = run_in(dir.path(), &[command, "--live", name], &env);
            assert_eq!(run.code, Some(1), "{command} {name}: {}", run.stderr);
            assert_eq!(run.stdout, "", "{command} {name}");
            starts_with(
                &run.stderr,
                &format!(
                    "error: {name} is not a wxform snapshot (write one with `wxform export --format json`): "
                ),
            );
            assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        }
    }
    // A misspelt section would read as an empty one, and the plan would re-create it.
    std::fs::write(
        dir.path().join("typo.json"),
        r#"{"format_version": 1, "conditional_menu": []}"#,
    )
    .unwrap();
    let run = run_in(dir.path(), &["plan", "--live", "typo.json"], &env);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    contains(&run.stderr, "unknown field `conditional_menu`");
}

#[test]
fn github_step_summary_gets_the_markdown_appended() {
    let account = Account::shop();
    account
        .emulator
        .update_state(|state| state.tags[1].name = "beta".into());
    let summary = account.path("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let markdown = account.run(&["plan", "--format", "markdown"]);
    let run = account.run_with(
        &["plan"],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("~ tag.内测用户"),
        "stdout keeps the text plan"
    );
    let written = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(written, format!("earlier step\n{}", markdown.stdout));
    assert!(written.contains("<!-- wxform:plan:wx1234567890abcdef -->"));
    account.assert_read_only();
}

#[test]
fn the_appid_guard_refuses_another_account_before_any_request() {
    let account = Account::new(
        shop_state(),
        &edit(
            SHOP_YAML,
            "appid: wx1234567890abcdef",
            "appid: wx00000000000000aa",
        ),
    );
    for command in ["plan", "outputs"] {
        let run = account.run(&[command]);
        assert_eq!(run.code, Some(1), "{command}");
        assert_eq!(run.stdout, "");
        assert_eq!(
            run.stderr,
            "error: the configuration is for account wx00000000000000aa (account.appid), but the credentials are for wx1234567890abcdef; nothing was read or changed\n"
        );
    }
    assert!(
        account.emulator.requests().is_empty(),
        "{:#?}",
        account.emulator.requests()
    );
}

#[test]
fn the_appid_guard_with_an_access_token() {
    let account = Account::shop();
    let token = account.emulator.issue_token();
    let base = account.emulator.base_url();
    let env = [
        ("WXFORM_API_BASE", base.as_str()),
        ("WECHAT_ACCESS_TOKEN", token.as_str()),
    ];
    // Without WECHAT_APPID the token's account is unknown: planned, with a warning.
    let run = run_in(account.dir.path(), &["plan"], &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: account.appid is not checked: WECHAT_ACCESS_TOKEN is set without WECHAT_APPID; set WECHAT_APPID to the token's account\n"
    );
    account.assert_read_only();
    // With another WECHAT_APPID: refused before any request.
    account.emulator.clear_requests();
    let other = [env[0], env[1], ("WECHAT_APPID", "wx00000000000000aa")];
    let run = run_in(account.dir.path(), &["plan"], &other);
    assert_eq!(run.code, Some(1));
    contains(
        &run.stderr,
        "but the credentials are for wx00000000000000aa",
    );
    assert!(account.emulator.requests().is_empty());
}

#[test]
fn sections_the_configuration_does_not_manage_are_not_read() {
    let menu_only =
        "version: 1\nmenu:\n  button:\n    - { name: 新品上架, type: click, key: NEW_ARRIVALS }\n";
    let account = Account::new(shop_state(), menu_only);
    let run = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(
        account.counts(),
        // The quotas of menu/create, menu/delete and menu/addconditional.
        with_quotas(
            once_each(&["/cgi-bin/menu/get", "/cgi-bin/get_current_selfmenu_info"]),
            3
        )
    );

    let cases = [
        (
            "version: 1\ntags: { items: [{ name: VIP }] }\n",
            vec!["/cgi-bin/tags/get"],
            3,
        ),
        (
            "version: 1\ntemplates: { items: [] }\n",
            vec![
                "/cgi-bin/template/get_all_private_template",
                "/cgi-bin/template/get_industry",
            ],
            3,
        ),
        (
            "version: 1\nsubscribe_templates: { items: [] }\n",
            vec!["/wxaapi/newtmpl/gettemplate"],
            2,
        ),
    ];
    for (yaml, reads, quotas) in cases {
        account.write_config(yaml);
        account.emulator.clear_requests();
        let run = account.run(&["plan"]);
        assert_eq!(run.code, Some(0), "{yaml}: {}", run.stderr);
        let mut expected = with_quotas(once_each(&reads), quotas);
        expected.remove("/cgi-bin/stable_token");
        assert_eq!(account.counts(), expected, "{yaml}");
    }
    account.assert_read_only();
}

#[test]
fn outputs_prints_the_live_ids_of_configured_names() {
    let account = Account::shop();
    let run = account.run(&["outputs"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let outputs: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        outputs,
        serde_json::json!({
            "tags": {"VIP": 100, "内测用户": 101, "老客户": 102},
            "templates": {
                "order_paid": "Doclyl5uP7Aciu-qZ7mJNPtWkbkYnWBWVja26EGbNyk",
                "order_shipped": "bYkpTZ3r6cT0jbLJv1JmfHn9bS_7a0V2oC2QWmWJxYU"
            },
            "subscribe_templates": {"delivery": "9Aw5ZV1j9xdWTFEkqCpZ7jWySL7aGN6rQom4gXINfJs"},
            "conditional_menus": {"vip-ios": 408000002, "android": 408000003}
        })
    );
    account.assert_read_only();
}

#[test]
fn outputs_lists_only_the_sections_the_configuration_manages() {
    let account = Account::shop();
    account.write_config("version: 1\ntags:\n  items:\n    - name: VIP\nconditional_menus: []\n");
    let run = account.run(&["outputs"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let outputs: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        outputs,
        serde_json::json!({"tags": {"VIP": 100}, "conditional_menus": {}}),
        "templates and subscribe templates are not managed; conditional menus are, with none"
    );
    account.assert_read_only();
}

#[test]
fn export_writes_to_stdout_or_to_out() {
    let account = Account::new(shop_state(), "");
    let stdout = account.run(&["export"]);
    assert_eq!(stdout.code, Some(0), "{}", stdout.stderr);
    assert!(
        stdout
            .stdout
            .starts_with("# yaml-language-server: $schema=./wxform.schema.json\n")
    );
    let file = account.run(&["export", "--out", "out.yaml"]);
    assert_eq!((file.code, file.stdout.as_str()), (Some(0), ""));
    assert_eq!(file.stderr, "Wrote out.yaml.\n");
    assert_eq!(
        std::fs::read_to_string(account.path("out.yaml")).unwrap(),
        stdout.stdout
    );

    let json = account.run(&["export", "--format", "json"]);
    let live: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(live["format_version"], 1);
    assert_eq!(live["appid"], account.emulator.appid());
    assert_eq!(live["tags"][1]["name"], "VIP");
    assert_eq!(account.counts().get("/cgi-bin/menu/get"), Some(&3));
    account.assert_read_only();
}

#[test]
fn an_unreadable_account_fails_with_one_clear_error() {
    let account = Account::new(State::default(), SHOP_YAML);
    account.emulator.fail_on("/cgi-bin/tags/get", 10, 48001);
    let run = account.run(&["plan"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    starts_with(&run.stderr, "error: cannot read the live account");
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    assert!(!run.stderr.contains(account.emulator.secret()));
    account.assert_read_only();
}

#[test]
fn every_section_that_cannot_be_read_is_listed_with_its_errcode() {
    let account = Account::new(State::default(), SHOP_YAML);
    account.emulator.fail_on("/cgi-bin/tags/get", 10, 48001);
    account
        .emulator
        .fail_on("/cgi-bin/template/get_all_private_template", 10, 48001);
    account
        .emulator
        .fail_on("/wxaapi/newtmpl/gettemplate", 10, 45009);
    let run = account.run(&["plan"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    let err = &run.stderr;
    assert!(
        err.starts_with("error: cannot read the live account: 3 sections could not be read:\n"),
        "{err}"
    );
    for line in [
        "\n  tags: tags/get: WeChat error 48001 (",
        "\n  templates: template/get_all_private_template: WeChat error 48001 (",
        "\n  subscribe templates: newtmpl/gettemplate: WeChat error 45009 (",
    ] {
        assert!(err.contains(line), "{line:?} in {err}");
    }
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    account.assert_read_only();
}

#[test]
fn an_invalid_configuration_stops_the_plan_before_any_request() {
    let account = Account::new(
        shop_state(),
        &edit(
            SHOP_YAML,
            "{ name: 新品上架, type: click, key: NEW_ARRIVALS }",
            "{ name: 新品上架, type: click }",
        ),
    );
    let run = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    contains(&run.stderr, "--> wxform.yaml:11:");
    assert!(account.emulator.requests().is_empty());
}

#[test]
fn without_credentials_plan_points_at_the_offline_snapshot() {
    let output = crate::support::run::wxform()
        .args(["plan", "examples/shop.yaml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("no WeChat credentials"), "{err}");
    assert!(err.contains("pass --live SNAPSHOT"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "printed once: {err}");
    assert!(output.stdout.is_empty());
}
