//! A change touching every kind of resource: the exact calls, their order and their bodies —
//! the same whether applied at once or from a saved plan.

use super::Account;
use serde_json::{Value, json};

/// The shop, changed: rename a tag, add one, and a conditional menu for the new tag before the
/// others (so they are re-added after it, to keep precedence); replace a template by another;
/// change the default menu.
fn mixed_change() -> Account {
    let account = Account::shop_applied();
    account.edit_config(
        "    - name: 内测用户\n      previously: [beta]\n",
        "    - name: 测试用户\n      previously: [内测用户]\n    - name: 新客户\n",
    );
    account.edit_config(
        "conditional_menus:\n",
        "conditional_menus:\n  - name: newcomers\n    matchrule: { tag: 新客户 }\n    button:\n      - { name: 新人礼包, type: click, key: WELCOME_GIFT }\n",
    );
    account.edit_config(
        "  unmanaged: keep\n  items:\n    - name: order_paid\n      short_id: TM00015\n      title: 订单支付成功\n      keywords: [订单号, 支付金额]\n",
        "  unmanaged: delete\n  items:\n    - name: order_sent\n      short_id: OPENTM405456204\n      title: 订单发货通知\n      keywords: [订单编号, 物流公司, 物流单号]\n",
    );
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    account
}

fn calls(account: &Account) -> Vec<Value> {
    account
        .emulator
        .mutating_requests()
        .into_iter()
        .map(|r| json!({"method": r.method, "path": r.path, "body": r.body}))
        .collect()
}

#[test]
fn a_mixed_change_makes_its_calls_in_the_safe_order() {
    let account = mixed_change();
    account.apply_ok(&["--auto-approve", "--allow-destroy"]);
    let calls = calls(&account);
    insta::assert_json_snapshot!(calls);

    // The new tag's id went into the new menu's matchrule.
    let state = account.emulator.state();
    let newcomers = state.tags.iter().find(|t| t.name == "新客户").unwrap();
    assert_eq!(
        calls[7]["body"]["matchrule"]["tag_id"],
        newcomers.id.to_string()
    );
    assert_eq!(state.conditional_menus.len(), 3);
    assert_eq!(account.plan_code(), 0);
}

#[test]
fn a_saved_plan_makes_the_same_calls() {
    let fresh = mixed_change();
    fresh.apply_ok(&["--auto-approve", "--allow-destroy"]);

    let saved = mixed_change();
    let planned = saved.output(&["plan", "--out", "plan.json"]);
    assert_eq!(planned.status.code(), Some(0));
    saved.apply_ok(&["--plan", "plan.json", "--allow-destroy"]);
    assert_eq!(calls(&saved), calls(&fresh));
    assert_eq!(saved.plan_code(), 0);
}
