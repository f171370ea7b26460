//! Stable classic templates: when WeChat stores a classic template with every keyword of its
//! library entry, whatever `keyword_name_list` said, the plan compares with what it stored and
//! says which keywords it keeps, instead of deleting and re-adding the template on every apply.

use super::{Account, SHOP_YAML, shop_state};
use crate::support::emulator::{Emulator, EmulatorOptions};

/// The shop without its templates, on an emulator that keeps classic keywords fixed.
fn fixed_keywords_account() -> Account {
    let options = EmulatorOptions {
        classic_keywords_fixed: true,
        ..EmulatorOptions::default()
    };
    let mut state = shop_state();
    state.templates.clear();
    Account::on(Emulator::start_with(options), state, SHOP_YAML)
}

#[test]
fn a_classic_template_is_added_once_and_then_left_alone() {
    let account = fixed_keywords_account();
    let apply = account.run(&["apply", "--auto-approve"]);
    assert_eq!(apply.code, Some(0), "{}", apply.stderr);
    let state = account.emulator.state();
    let order_paid = state
        .templates
        .iter()
        .find(|t| t.title == "订单支付成功")
        .expect("added");
    assert!(
        order_paid.content.contains("商品信息:{{keyword3.DATA}}"),
        "WeChat kept every keyword: {}",
        order_paid.content
    );
    assert_eq!(state.counters.template_adds, 2);

    let plan = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(plan.code, Some(0), "{}{}", plan.stdout, plan.stderr);
    assert!(
        plan.stdout.contains("template.order_paid is a classic template (TM00015): WeChat keeps its keywords 订单号, 支付金额, 商品信息, not the configured 订单号, 支付金额"),
        "{}",
        plan.stdout
    );

    let again = account.run(&["apply", "--auto-approve"]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert_eq!(account.emulator.state().counters.template_adds, 2);
    assert_eq!(
        account
            .emulator
            .request_count("/cgi-bin/template/del_private_template"),
        0
    );
}
