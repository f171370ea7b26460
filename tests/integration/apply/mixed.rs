//! A change touching every kind of resource: the exact calls, their order along each chain of
//! dependencies, and their bodies — the same whether applied at once or from a saved plan.

use super::Account;
use serde_json::{Value, json};

/// The shop, changed: rename a tag, add one, and a conditional menu for the new tag before the
/// others (so they are re-added after it, to keep precedence); replace a template by another;
/// change the default menu.
fn mixed_change() -> Account {
    let account = Account::shop();
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

/// The paths of the calls in the safe write order, and whether calls to one path may be made
/// at the same time (their order then varies from run to run).
const SAFE_ORDER: [(&str, bool); 11] = [
    ("/cgi-bin/tags/update", false),
    ("/cgi-bin/tags/create", true),
    ("/cgi-bin/template/api_set_industry", false),
    ("/cgi-bin/template/del_private_template", true),
    ("/cgi-bin/template/api_add_template", true),
    ("/wxaapi/newtmpl/deltemplate", true),
    ("/wxaapi/newtmpl/addtemplate", true),
    ("/cgi-bin/menu/create", false),
    ("/cgi-bin/menu/delconditional", true),
    ("/cgi-bin/menu/addconditional", false),
    ("/cgi-bin/tags/delete", true),
];

/// `calls` listed in the safe write order: by path, in the order they were made for a path
/// whose calls are made one after the other, else by body.
fn in_safe_order(calls: &[Value]) -> Vec<Value> {
    let key = |call: &Value| {
        let path = call["path"].as_str().unwrap();
        let at = SAFE_ORDER.iter().position(|(p, _)| *p == path).expect(path);
        let by_body = SAFE_ORDER[at].1.then(|| call["body"].to_string());
        (at, by_body)
    };
    let mut ordered = calls.to_vec();
    ordered.sort_by_key(key);
    ordered
}

/// Where the first and last calls to `path` are in `calls`.
fn span(calls: &[Value], path: &str) -> (usize, usize) {
    let at: Vec<usize> = (0..calls.len())
        .filter(|&i| calls[i]["path"] == path)
        .collect();
    (at[0], at[at.len() - 1])
}

#[test]
fn a_mixed_change_makes_its_calls_in_the_safe_order() {
    let account = mixed_change();
    account.apply_ok(&["--auto-approve", "--allow-destroy"]);
    let made = calls(&account);
    // Conditional menus wait for the tags and the default menu; deletes come before adds.
    let adds = span(&made, "/cgi-bin/menu/addconditional");
    for earlier in [
        "/cgi-bin/tags/update",
        "/cgi-bin/tags/create",
        "/cgi-bin/menu/create",
        "/cgi-bin/menu/delconditional",
    ] {
        assert!(span(&made, earlier).1 < adds.0, "{earlier}: {made:#?}");
    }
    assert!(span(&made, "/cgi-bin/tags/update").1 < span(&made, "/cgi-bin/tags/create").0);
    let templates = "/cgi-bin/template/api_add_template";
    assert!(span(&made, "/cgi-bin/template/del_private_template").1 < span(&made, templates).0);
    let calls = in_safe_order(&made);
    // Conditional menus are added one after the other, in configuration order.
    let added = |calls: &[Value]| -> Vec<Value> {
        let adds = calls
            .iter()
            .filter(|c| c["path"] == "/cgi-bin/menu/addconditional");
        adds.cloned().collect()
    };
    assert_eq!(added(&made), added(&calls));
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
    assert_eq!(in_safe_order(&calls(&saved)), in_safe_order(&calls(&fresh)));
    assert_eq!(saved.plan_code(), 0);
}
