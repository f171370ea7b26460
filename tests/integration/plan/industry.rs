//! An industry change names its victims: the plan lists every live template that leaving an
//! industry deletes, refuses to plan a configured one that could not be added again (45027),
//! and when WeChat deletes more or fewer templates than planned, apply names that cause.

use super::{Account, SHOP_YAML, edit, shop_state};
use crate::support::emulator::{Emulator, EmulatorOptions, State, Template};

const PARCEL_ID: &str = "kB2yYv8tq3Z0c1Wn9Qe5Lr7Hs4Ud6Fa0Gx3Jm8Np1Tw";

/// The shop, but its secondary industry is 13 (运输与仓储/快递) and it has a parcel template of
/// that industry; the configuration (1/31) leaves industry 13.
fn leaving_parcels() -> State {
    let mut state = shop_state();
    state.industry.as_mut().unwrap().secondary = 13;
    state.templates.push(Template {
        template_id: PARCEL_ID.into(),
        title: "快递签收通知".into(),
        content: "{{first.DATA}}\n快递单号:{{keyword1.DATA}}\n签收时间:{{keyword2.DATA}}\n{{remark.DATA}}"
            .into(),
        example: String::new(),
        industry: Some(13),
    });
    state
}

fn ids(account: &Account) -> Vec<String> {
    let state = account.emulator.state();
    state.templates.into_iter().map(|t| t.template_id).collect()
}

#[test]
fn the_plan_names_each_template_the_change_deletes() {
    let account = Account::new(leaving_parcels(), SHOP_YAML);
    let plan = account.run(&["plan"]);
    assert_eq!(plan.code, Some(0), "{}", plan.stderr);
    assert!(
        plan.stdout.contains(&format!(
            "warning: changing industry deletes 1 live template of the industry it leaves: 快递签收通知 ({PARCEL_ID}); allowed once a month"
        )),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stdout.contains(&format!(
            "  # template[id={PARCEL_ID}] will be destroyed (needs --allow-destroy)\n"
        )),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stdout
            .contains("deleted by the industry change: it belongs to 运输与仓储/快递")
    );
    assert!(!plan.stdout.contains("Not managed"), "{}", plan.stdout);

    let refused = account.run(&["apply", "--auto-approve"]);
    assert_eq!(refused.code, Some(1), "{}", refused.stderr);
    assert!(account.emulator.mutating_requests().is_empty());

    let apply = account.run(&["apply", "--auto-approve", "--allow-destroy"]);
    assert_eq!(apply.code, Some(0), "{}", apply.stderr);
    assert!(!ids(&account).contains(&PARCEL_ID.to_string()));
    assert_eq!(ids(&account).len(), 2, "the shop's own templates stay");
    assert_eq!(
        account
            .emulator
            .request_count("/cgi-bin/template/del_private_template"),
        0,
        "the industry change deleted it; no call of its own"
    );
    let again = account.run(&["plan", "--detailed-exitcode"]);
    assert_eq!(again.code, Some(0), "{}{}", again.stdout, again.stderr);
}

#[test]
fn a_configured_template_of_the_industry_left_is_a_plan_error() {
    let yaml = edit(
        SHOP_YAML,
        "  items:\n    - name: order_paid\n",
        "  items:
    - name: parcel
      short_id: OPENTM207940503
      title: 快递签收通知
      keywords: [快递单号, 签收时间]
    - name: order_paid\n",
    );
    let account = Account::new(leaving_parcels(), &yaml);
    let plan = account.run(&["plan"]);
    assert_eq!(plan.code, Some(1), "{}", plan.stderr);
    assert!(
        plan.stderr.contains("template.parcel belongs to the industry 运输与仓储/快递, which the configured industry leaves: changing the industry deletes it, and WeChat would refuse to add it again (45027)"),
        "{}",
        plan.stderr
    );
    let apply = account.run(&["apply", "--auto-approve", "--allow-destroy"]);
    assert_eq!(apply.code, Some(1), "{}", apply.stderr);
    account.assert_read_only();
}

#[test]
fn a_change_that_keeps_every_template_is_not_destructive() {
    let mut state = shop_state();
    state.industry.as_mut().unwrap().secondary = 4;
    let account = Account::new(state, SHOP_YAML);
    let apply = account.run(&["apply", "--auto-approve"]);
    assert_eq!(apply.code, Some(0), "{}", apply.stderr);
    assert_eq!(ids(&account).len(), 2);
}

#[test]
fn templates_deleted_beyond_the_plan_are_named_as_the_cause() {
    let options = EmulatorOptions {
        industry_change_deletes_unclassified: true,
        ..EmulatorOptions::default()
    };
    let mut state = shop_state();
    state.industry.as_mut().unwrap().secondary = 4;
    // Listed without an industry, so the plan does not expect the change to delete it.
    state.templates[0].industry = None;
    let account = Account::on(Emulator::start_with(options), state, SHOP_YAML);
    let apply = account.run(&["apply", "--auto-approve"]);
    assert_eq!(apply.code, Some(1), "{}", apply.stderr);
    assert!(
        apply.stderr.contains("error: every call succeeded, but the account does not match the configuration: changing the industry also deleted 订单支付成功 (Doclyl5uP7Aciu-qZ7mJNPtWkbkYnWBWVja26EGbNyk), which the plan expected to keep. What still differs:"),
        "{}",
        apply.stderr
    );
    assert!(!apply.stderr.contains("stored something other"));
    let again = account.run(&["apply", "--auto-approve"]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
}

#[test]
fn templates_the_change_kept_are_named_as_the_cause() {
    let options = EmulatorOptions {
        industry_change_deletes_templates: false,
        ..EmulatorOptions::default()
    };
    let yaml = edit(
        SHOP_YAML,
        "  unmanaged: keep\n  items:\n    - name: order_paid\n",
        "  unmanaged: delete\n  items:\n    - name: order_paid\n",
    );
    let account = Account::on(Emulator::start_with(options), leaving_parcels(), &yaml);
    let apply = account.run(&["apply", "--auto-approve", "--allow-destroy"]);
    assert_eq!(apply.code, Some(1), "{}", apply.stderr);
    assert!(
        apply.stderr.contains(&format!(
            "the account does not match the configuration: changing the industry kept 快递签收通知 ({PARCEL_ID}), which the plan expected it to delete. What still differs:"
        )),
        "{}",
        apply.stderr
    );
    let again = account.run(&["apply", "--auto-approve", "--allow-destroy"]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert!(!ids(&account).contains(&PARCEL_ID.to_string()));
}

#[test]
fn an_unmanaged_template_the_change_kept_is_a_warning() {
    let options = EmulatorOptions {
        industry_change_deletes_templates: false,
        ..EmulatorOptions::default()
    };
    let account = Account::on(Emulator::start_with(options), leaving_parcels(), SHOP_YAML);
    let apply = account.run(&["apply", "--auto-approve", "--allow-destroy"]);
    assert_eq!(apply.code, Some(0), "{}", apply.stderr);
    assert!(
        apply.stderr.contains(&format!(
            "warning: changing the industry kept 快递签收通知 ({PARCEL_ID}), which the plan expected it to delete\n"
        )),
        "{}",
        apply.stderr
    );
    assert!(ids(&account).contains(&PARCEL_ID.to_string()));
}
