//! Each kind of change makes only its own calls, and leaves the account matching the config.

use super::{Account, both};
use crate::support::emulator::{Button, DefaultMenu, MenuSource};
use crate::support::run::stdout;

/// Applies the edited shop config and returns the mutating calls it made.
fn apply_change(account: &Account, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--auto-approve"];
    all.extend_from_slice(args);
    let output = account.apply_ok(&all);
    assert!(
        stdout(&output).contains("Apply complete"),
        "{}",
        both(&output)
    );
    assert_eq!(account.plan_code(), 0, "converged");
    account.mutations()
}

#[test]
fn a_menu_change_only_creates_the_menu() {
    let account = Account::shop_applied();
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    assert_eq!(apply_change(&account, &[]), ["POST /cgi-bin/menu/create"]);
    let state = account.emulator.state();
    assert_eq!(state.menu.unwrap().button[0].name, "本周新品");
    assert_eq!(state.conditional_menus.len(), 2, "conditional menus kept");
}

#[test]
fn a_changed_last_conditional_menu_is_deleted_and_added() {
    let account = Account::shop_applied();
    let before = account.emulator.state().conditional_menus;
    account.edit_config("name: 下载App", "name: 安卓App");
    // A replace, not a destroy: no --allow-destroy needed.
    assert_eq!(
        apply_change(&account, &[]),
        [
            "POST /cgi-bin/menu/delconditional",
            "POST /cgi-bin/menu/addconditional"
        ]
    );
    let after = account.emulator.state().conditional_menus;
    assert_eq!(after[0], before[0], "the first menu is untouched");
    assert_ne!(after[1].menuid, before[1].menuid);
}

#[test]
fn a_new_tag_is_only_created() {
    let account = Account::shop_applied();
    account.edit_config(
        "    - name: 老客户\n",
        "    - name: 老客户\n    - name: 新客户\n",
    );
    assert_eq!(apply_change(&account, &[]), ["POST /cgi-bin/tags/create"]);
}

#[test]
fn a_renamed_tag_keeps_its_id() {
    let account = Account::shop_applied();
    let id = |account: &Account, name: &str| {
        let state = account.emulator.state();
        state.tags.iter().find(|t| t.name == name).map(|t| t.id)
    };
    let before = id(&account, "老客户");
    account.edit_config(
        "    - name: 老客户\n",
        "    - name: 老顾客\n      previously: [老客户]\n",
    );
    assert_eq!(apply_change(&account, &[]), ["POST /cgi-bin/tags/update"]);
    assert_eq!(id(&account, "老顾客"), before);
}

#[test]
fn an_unmanaged_tag_is_deleted_with_allow_destroy() {
    let account = Account::shop_applied();
    account.edit_config("    - name: 老客户\n", "");
    account.edit_config(
        "unmanaged: keep\n  items:\n    - name: VIP",
        "unmanaged: delete\n  items:\n    - name: VIP",
    );
    assert_eq!(
        apply_change(&account, &["--allow-destroy"]),
        ["POST /cgi-bin/tags/delete"]
    );
    assert!(
        account
            .emulator
            .state()
            .tags
            .iter()
            .all(|t| t.name != "老客户")
    );
}

#[test]
fn an_industry_change_only_sets_the_industry() {
    let account = Account::shop_applied();
    account.edit_config("secondary: 31", "secondary: 2");
    // Templates exist, so WeChat may drop some: the change is destructive.
    assert_eq!(
        apply_change(&account, &["--allow-destroy"]),
        ["POST /cgi-bin/template/api_set_industry"]
    );
    assert_eq!(account.emulator.state().templates.len(), 2);
}

#[test]
fn a_new_template_is_only_added() {
    let account = Account::shop_applied();
    account.edit_config(
        "\nsubscribe_templates:",
        "    - name: order_sent\n      short_id: OPENTM405456204\n      title: 订单发货通知\n      keywords: [订单编号, 物流公司, 物流单号]\n\nsubscribe_templates:",
    );
    assert_eq!(
        apply_change(&account, &[]),
        ["POST /cgi-bin/template/api_add_template"]
    );
    assert_eq!(account.emulator.state().templates.len(), 3);
}

#[test]
fn a_removed_template_is_only_deleted() {
    let account = Account::shop_applied();
    account.edit_config(
        "  unmanaged: keep\n  items:\n    - name: order_paid\n      short_id: TM00015\n      title: 订单支付成功\n      keywords: [订单号, 支付金额]\n",
        "  unmanaged: delete\n  items:\n",
    );
    assert_eq!(
        apply_change(&account, &["--allow-destroy"]),
        ["POST /cgi-bin/template/del_private_template"]
    );
    let state = account.emulator.state();
    assert_eq!(state.templates.len(), 1);
    assert_eq!(state.templates[0].title, "发货提醒");
}

#[test]
fn a_new_subscribe_template_is_only_added() {
    let account = Account::shop_applied();
    let yaml = std::fs::read_to_string(account.path("wxform.yaml")).unwrap();
    account.write_config(&format!(
        "{yaml}    - name: paid\n      tid: 99\n      kid_list: [1, 2]\n      title: 付款成功通知\n      keywords: [物品名称, 付款金额]\n"
    ));
    assert_eq!(
        apply_change(&account, &[]),
        ["POST /wxaapi/newtmpl/addtemplate"]
    );
    assert_eq!(account.emulator.state().subscribe_templates.len(), 2);
}

#[test]
fn a_menu_made_in_the_web_console_is_replaced_by_an_api_menu() {
    let account = Account::empty();
    account.emulator.update_state(|state| {
        state.menu = Some(DefaultMenu {
            source: MenuSource::Console,
            menuid: 0,
            button: vec![Button::console("text", "联系我们", "电话 400-000-0000")],
        });
    });
    account.write_config(
        "version: 1\nmenu:\n  button:\n    - { name: 官网, type: view, url: \"https://example.com/\" }\n",
    );
    assert_eq!(apply_change(&account, &[]), ["POST /cgi-bin/menu/create"]);
    let menu = account.emulator.state().menu.unwrap();
    assert_eq!(menu.source, MenuSource::Api);
    assert_eq!(menu.button[0].name, "官网");
}
