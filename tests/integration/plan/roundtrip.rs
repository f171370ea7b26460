//! `wxform export` then `wxform plan` on what it wrote: no changes, for accounts with API and
//! console-made menus, duplicate templates, unknown tag ids, no templates at all, twins, retired
//! matchrules and console-only buttons. What a configuration cannot express leaves its section
//! out, saying why, with the section commented out: uncommented, it plans exactly what taking
//! it over changes. The JSON snapshot plans the same way offline.

use super::{Account, closed_port_url, shop_state};
use crate::support::emulator::{
    Button, ConditionalMenu, DefaultMenu, Emulator, EmulatorOptions, Matchrule, MenuSource, State,
    SubscribeTemplate, Tag,
};
use crate::support::run::run_in;

/// Exports the account to `wxform.yaml` and checks that the file is valid.
fn export(account: &Account) -> String {
    let run = account.run(&["export", "--out", "wxform.yaml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let validate = account.run(&["validate"]);
    assert_eq!(validate.code, Some(0), "{}", validate.stderr);
    std::fs::read_to_string(account.path("wxform.yaml")).unwrap()
}

/// Export, then plan the export: no changes, and nothing written.
fn round_trip(state: State) -> String {
    round_trip_on(&Account::new(state, ""))
}

/// [`round_trip`] of `account`.
fn round_trip_on(account: &Account) -> String {
    let yaml = export(account);
    let plan = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(
        plan.code,
        Some(0),
        "{yaml}\n{}\n{}",
        plan.stdout,
        plan.stderr
    );
    assert!(
        plan.stdout.contains("No changes."),
        "{yaml}\n{}",
        plan.stdout
    );
    account.assert_read_only();
    yaml
}

fn console_menu_state() -> State {
    State {
        menu: Some(DefaultMenu {
            source: MenuSource::Console,
            menuid: 0,
            button: vec![
                Button::view("官网", "https://example.com/"),
                Button::folder(
                    "服务",
                    vec![
                        Button::click("客服", "SERVICE"),
                        Button::miniprogram(
                            "小程序",
                            "https://example.com/fallback",
                            "wx286b93c14bbf93aa",
                            "pages/index/index",
                        ),
                    ],
                ),
            ],
        }),
        tags: vec![Tag::new(100, "VIP"), Tag::new(105, "yes")],
        ..State::default()
    }
}

#[test]
fn shop_account() {
    let yaml = round_trip(shop_state());
    assert!(yaml.contains("# short_id: unknown"), "{yaml}");
    assert!(!yaml.contains("short_id: \"\""), "{yaml}");
}

#[test]
fn console_made_menu() {
    let yaml = round_trip(console_menu_state());
    assert!(yaml.contains("made in the web console"), "{yaml}");
}

#[test]
fn duplicate_templates() {
    let mut state = shop_state();
    let mut copy = state.templates[0].clone();
    copy.template_id = "ZZcopyOfOrderPaid000000000000000000000000000".into();
    state.templates.push(copy);
    let mut sub_copy: SubscribeTemplate = state.subscribe_templates[0].clone();
    sub_copy.pri_tmpl_id = "ZZcopyOfDelivery00000000000000000000000000".into();
    state.subscribe_templates.push(sub_copy);
    let yaml = round_trip(state);
    assert_eq!(yaml.matches("title: 订单支付成功").count(), 1, "{yaml}");
    assert!(
        yaml.contains("another copy of 订单支付成功 (ZZcopyOfOrderPaid"),
        "{yaml}"
    );
    assert!(
        yaml.contains("another copy of 订单发货通知 (ZZcopyOfDelivery"),
        "{yaml}"
    );
}

#[test]
fn tag_ids_that_no_longer_exist_and_no_templates() {
    let mut state = shop_state();
    state.conditional_menus[0].matchrule.tag_id = Some("999".into());
    state.industry = None;
    state.templates.clear();
    state.subscribe_templates.clear();
    let yaml = round_trip(state);
    assert!(yaml.contains("tag_id: 999"), "{yaml}");
}

#[test]
fn empty_account() {
    round_trip(State::default());
}

/// A template of one keyword: its `keywords` is a one-item list, written as a block.
#[test]
fn a_template_with_one_keyword() {
    let mut state = shop_state();
    state.templates[0].content = "{{first.DATA}}\n订单号:{{keyword1.DATA}}\n{{remark.DATA}}".into();
    let yaml = round_trip(state);
    assert!(yaml.contains("keywords:\n        - 订单号\n"), "{yaml}");
}

/// `yaml` with the section the export left out under `key` uncommented, as a user taking it
/// over would do.
fn take_over(yaml: &str, key: &str) -> String {
    let marker = format!("# To manage `{key}` anyway, uncomment what follows");
    let mut out = String::new();
    let mut inside = false;
    for line in yaml.lines() {
        if line.starts_with(&marker) {
            inside = true;
            continue;
        }
        if inside && !line.starts_with('#') {
            inside = false;
        }
        let line = if inside {
            &line[2.min(line.len())..]
        } else {
            line
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The addresses and actions of `wxform plan --format json` of `config` for `account`.
fn planned_actions(account: &Account, config: &str) -> String {
    std::fs::write(account.path("taken.yaml"), config).unwrap();
    let plan = account.run(&["plan", "taken.yaml", "--format", "json"]);
    assert_eq!(plan.code, Some(0), "{}", plan.stderr);
    let plan: serde_json::Value = serde_json::from_str(&plan.stdout).unwrap();
    let actions: Vec<String> = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            format!(
                "{} {}",
                a["action"].as_str().unwrap(),
                a["address"].as_str().unwrap()
            )
        })
        .collect();
    actions.join("\n")
}

#[test]
fn retired_matchrules_leave_the_conditional_menus_out_saying_why() {
    let mut state = shop_state();
    state.conditional_menus.insert(
        0,
        ConditionalMenu {
            menuid: 407000000,
            button: vec![Button::click("男士专区", "MEN")],
            matchrule: Matchrule {
                sex: Some("1".into()),
                client_platform_type: Some("2".into()),
                ..Matchrule::default()
            },
        },
    );
    let account = Account::new(state, "");
    let yaml = round_trip_on(&account);
    assert!(
        yaml.contains("\n# `conditional_menus` is left out"),
        "{yaml}"
    );
    assert!(
        yaml.contains("menuid 407000000 matches on retired fields (sex=1, client_platform_type=2)"),
        "{yaml}"
    );
    assert!(!yaml.contains("\nconditional_menus:"), "{yaml}");
    let taken = take_over(&yaml, "conditional_menus");
    assert_eq!(
        planned_actions(&account, &taken),
        "delete conditional_menu[menuid=407000000]"
    );
}

#[test]
fn twins_are_exported_in_order() {
    let mut state = shop_state();
    // An older copy of the Android menu, with other buttons: WeChat shows the newer one.
    let mut older = state.conditional_menus[1].clone();
    older.menuid = 407000001;
    older.button.truncate(1);
    state.conditional_menus.insert(0, older);
    let yaml = round_trip(state);
    assert_eq!(
        yaml.matches("client_platform_type: android").count(),
        2,
        "{yaml}"
    );
    assert!(yaml.contains("  - name: android\n"), "{yaml}");
    assert!(yaml.contains("  - name: android-2\n"), "{yaml}");
}

#[test]
fn console_only_buttons_leave_the_menu_out_saying_why() {
    let mut state = console_menu_state();
    let menu = state.menu.as_mut().unwrap();
    menu.button[1]
        .sub_button
        .push(Button::console("text", "联系电话", "电话 400-000-0000"));
    let account = Account::new(state, "");
    let yaml = round_trip_on(&account);
    assert!(
        yaml.contains("button \"联系电话\" is of the console-only type `text`"),
        "{yaml}"
    );
    let taken = take_over(&yaml, "menu");
    assert_eq!(planned_actions(&account, &taken), "update menu");
}

#[test]
fn an_account_without_template_messages_exports_the_rest() {
    let mut state = shop_state();
    state.conditional_menus.clear();
    let emulator = Emulator::start_with(EmulatorOptions::unverified());
    let account = Account::on(emulator, state, "");
    let run = account.run(&["export", "--out", "wxform.yaml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: the industry left out: this account may not use template/get_industry (WeChat error 48001)
warning: templates left out: this account may not use template/get_all_private_template (WeChat error 48001)
Wrote wxform.yaml.\n"
    );
    let yaml = std::fs::read_to_string(account.path("wxform.yaml")).unwrap();
    assert!(!yaml.contains("\ntemplates:"), "{yaml}");
    assert!(yaml.contains("\nsubscribe_templates:"), "{yaml}");
    account.emulator.clear_requests();
    let plan = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(plan.code, Some(0), "{}{}", plan.stdout, plan.stderr);
    assert_eq!(
        account
            .emulator
            .request_count("/cgi-bin/template/get_all_private_template"),
        0
    );
    account.assert_read_only();
}

#[test]
fn json_snapshot_plans_the_export_offline() {
    let account = Account::new(shop_state(), "");
    export(&account);
    let run = account.run(&["export", "--format", "json", "--out", "live.json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    account.assert_read_only();
    let closed = closed_port_url();
    for config in ["wxform.yaml", "shop.yaml"] {
        std::fs::write(account.path("shop.yaml"), super::SHOP_YAML).unwrap();
        let plan = run_in(
            account.dir.path(),
            &["plan", config, "--live", "live.json", "--detailed-exitcode"],
            &[("WXFORM_API_BASE", closed.as_str())],
        );
        assert_eq!(
            plan.code,
            Some(0),
            "{config}: {}{}",
            plan.stdout,
            plan.stderr
        );
        assert!(plan.stdout.contains("No changes."), "{}", plan.stdout);
    }
}

/// An account holding what nobody foresaw (two tags of one name, which WeChat refuses to
/// create): export checks its own promise, writes nothing and names the problem.
#[test]
fn an_account_no_configuration_can_express_is_refused_naming_why() {
    let mut state = shop_state();
    state.tags.push(Tag::new(150, "VIP"));
    let account = Account::new(state, "");
    let run = account.run(&["export", "--out", "wxform.yaml"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: export cannot write a configuration that plans no change; nothing was written: "
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("VIP"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(account.path("wxform.yaml")).unwrap_or_default(),
        "",
        "the file is left as it was"
    );
    let stdout = account.run(&["export"]);
    assert_eq!(stdout.code, Some(1));
    assert_eq!(stdout.stdout, "", "nothing on stdout either");
    account.assert_read_only();
}
