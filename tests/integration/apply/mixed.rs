//! A change touching every kind of resource: the exact calls, their order and their bodies.

use super::Account;
use serde_json::json;

#[test]
fn a_mixed_change_makes_its_calls_in_the_safe_order() {
    let account = Account::shop();
    // Rename a tag, add one, and a conditional menu for the new tag before the others (so
    // they are re-added after it, to keep precedence); replace a template by another; change
    // the default menu.
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

    account.apply_ok(&["--auto-approve", "--allow-destroy"]);
    let calls: Vec<_> = account
        .emulator
        .mutating_requests()
        .into_iter()
        .map(|r| json!({"method": r.method, "path": r.path, "body": r.body}))
        .collect();
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
