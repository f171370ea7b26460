//! Templates, subscribe templates and the industry: add, delete, replace, duplicates, limits.

use crate::model::*;
use crate::plan::testkit::*;
use crate::plan::{ActionKind, Resource, Step, plan};

fn with_templates(
    items: Vec<DesiredTemplate>,
    unmanaged: UnmanagedPolicy,
    live_templates: Vec<LiveTemplate>,
) -> crate::plan::Plan {
    let mut desired = base_desired();
    let templates = desired.templates.as_mut().unwrap();
    templates.items = items;
    templates.unmanaged = unmanaged;
    let mut live = base_live();
    live.templates = live_templates;
    plan(&desired, &live)
}

fn order_paid() -> DesiredTemplate {
    template(
        "order_paid",
        "TM00015",
        "订单支付成功",
        &["订单号", "支付金额"],
    )
}

fn live_order_paid(id: &str) -> LiveTemplate {
    live_template(id, "订单支付成功", &["订单号", "支付金额"])
}

#[test]
fn adds_and_deletes_templates() {
    let (desired, live) = scenario_template_added_and_deleted();
    let result = plan(&desired, &live);
    assert_eq!(
        action_kinds(&result),
        vec![
            ("template.refund", ActionKind::Create),
            (
                "template[id=iPk5sOIt5X_flOVKn5GrTFpncEYTojx6ddbt8WYoV5s]",
                ActionKind::Delete
            ),
        ]
    );
    assert_eq!(
        result.actions[0].steps,
        vec![Step::AddTemplate {
            name: "refund".into(),
            short_id: "OPENTM207103254".into(),
            keywords: vec!["退款金额".into(), "退款原因".into()],
        }]
    );
    assert!(result.actions[1].destructive);
}

#[test]
fn under_keep_unknown_templates_are_not_managed() {
    let result = with_templates(vec![], UnmanagedPolicy::Keep, vec![live_order_paid("A")]);
    assert!(result.is_empty());
    assert_eq!(result.unmanaged[0].id, "A");
}

#[test]
fn changed_keywords_replace_and_warn_about_the_new_id() {
    let mut item = order_paid();
    item.keywords.push("支付时间".into());
    let result = with_templates(
        vec![item],
        UnmanagedPolicy::Keep,
        vec![live_order_paid("A")],
    );
    let action = &result.actions[0];
    assert_eq!(action.kind, ActionKind::Replace);
    assert!(action.destructive);
    assert!(action.warnings[0].contains("new id: senders using A"));
    assert!(matches!(
        action.steps[..],
        [Step::DeleteTemplate { .. }, Step::AddTemplate { .. }]
    ));
    assert!(result.unmanaged.is_empty());
}

#[test]
fn a_template_without_short_id_plans_only_while_it_is_live() {
    let mut item = order_paid();
    item.short_id = None;
    let kept = with_templates(
        vec![item.clone()],
        UnmanagedPolicy::Keep,
        vec![live_order_paid("A")],
    );
    assert!(kept.is_empty() && kept.errors.is_empty(), "{kept:#?}");

    let missing = with_templates(vec![item.clone()], UnmanagedPolicy::Keep, vec![]);
    assert_eq!(missing.actions[0].kind, ActionKind::Create);
    assert!(missing.actions[0].steps.is_empty());
    assert_eq!(
        missing.errors,
        ["template.order_paid is not on the account and has no short_id, so it cannot be added"]
    );

    item.keywords.push("支付时间".into());
    let changed = with_templates(
        vec![item],
        UnmanagedPolicy::Keep,
        vec![live_order_paid("A")],
    );
    assert_eq!(
        changed.errors,
        ["template.order_paid must be added again and has no short_id, so it cannot be added"]
    );
}

#[test]
fn a_subscribe_template_without_tid_cannot_be_added() {
    let mut desired = base_desired();
    let item = &mut desired.subscribe_templates.as_mut().unwrap().items[0];
    item.tid = None;
    item.kid_list.clear();
    let kept = plan(&desired, &base_live());
    assert!(kept.is_empty() && kept.errors.is_empty(), "{kept:#?}");
    let mut live = base_live();
    live.subscribe_templates.clear();
    let missing = plan(&desired, &live);
    assert_eq!(
        missing.errors,
        [
            "subscribe_template.meeting is not on the account and has no tid and kid_list, so it cannot be added"
        ]
    );
    assert!(missing.apply_steps().is_empty());
}

#[test]
fn classic_templates_without_keywords_match_on_title() {
    let classic = template("order_paid", "TM00015", "订单支付成功", &[]);
    let result = with_templates(
        vec![classic],
        UnmanagedPolicy::Delete,
        vec![live_order_paid("A")],
    );
    assert!(result.is_empty(), "{:#?}", result.actions);
}

#[test]
fn duplicate_copies_keep_the_first() {
    let live = vec![live_order_paid("A"), live_order_paid("B")];
    let result = with_templates(vec![order_paid()], UnmanagedPolicy::Keep, live.clone());
    assert!(result.is_empty());
    assert_eq!(result.unmanaged[0].id, "B");
    assert!(
        result.unmanaged[0]
            .reason
            .contains("duplicate of template.order_paid")
    );
    let result = with_templates(vec![order_paid()], UnmanagedPolicy::Delete, live);
    assert_eq!(result.actions[0].address, "template[id=B]");
    assert_eq!(result.actions[0].kind, ActionKind::Delete);
}

#[test]
fn more_than_25_templates_is_an_error() {
    let live: Vec<LiveTemplate> = (0..25)
        .map(|i| live_template(&format!("T{i}"), &format!("模板{i}"), &["a"]))
        .collect();
    let result = with_templates(vec![order_paid()], UnmanagedPolicy::Keep, live.clone());
    assert!(
        result.errors[0].starts_with("too many templates: 26 after apply"),
        "{:?}",
        result.errors
    );
    let result = with_templates(vec![order_paid()], UnmanagedPolicy::Delete, live);
    assert!(result.errors.is_empty());
}

#[test]
fn subscribe_templates_add_replace_and_delete() {
    let mut desired = base_desired();
    let subscribe = desired.subscribe_templates.as_mut().unwrap();
    subscribe.unmanaged = UnmanagedPolicy::Delete;
    subscribe.items[0].keywords.reverse();
    let mut extra = subscribe.items[0].clone();
    extra.name = "paid".into();
    extra.title = "付款成功通知".into();
    subscribe.items.push(extra);
    let mut live = base_live();
    live.subscribe_templates
        .push(live_subscribe("OLD", "旧通知", &["x"]));
    let result = plan(&desired, &live);
    assert_eq!(
        action_kinds(&result),
        vec![
            ("subscribe_template.meeting", ActionKind::Replace),
            ("subscribe_template.paid", ActionKind::Create),
            ("subscribe_template[id=OLD]", ActionKind::Delete),
        ]
    );
    assert_eq!(
        result.actions[1].steps,
        vec![Step::AddSubscribeTemplate {
            name: "paid".into(),
            tid: 401,
            kid_list: vec![1, 2],
            scene_desc: Some("会议报名".into()),
        }]
    );
}

#[test]
fn an_industry_change_that_keeps_every_template_is_not_destructive() {
    // The live templates belong to industry 1, which the change from 1/4 to 1/2 keeps.
    let (desired, live) = scenario_industry_changed();
    let result = plan(&desired, &live);
    let action = &result.actions[0];
    assert_eq!(
        (action.address.as_str(), action.kind),
        ("industry", ActionKind::Update)
    );
    assert!(!action.destructive);
    assert_eq!(
        action.warnings,
        ["the industry can be changed once a month"]
    );
    assert_eq!(
        action.steps,
        vec![Step::SetIndustry {
            primary: 1,
            secondary: 2
        }]
    );
    assert_eq!(result.actions.len(), 1, "{:#?}", result.actions);
}

/// A live template of industry 4 (IT科技/电子技术), which the base configuration keeps.
fn electronics_template() -> LiveTemplate {
    let mut template = live_template("ELEC_ID", "维修进度通知", &["工单号"]);
    template.deputy_industry = "电子技术".into();
    template
}

#[test]
fn an_industry_change_names_the_templates_it_deletes() {
    let (desired, mut live) = scenario_industry_changed();
    live.templates.push(electronics_template());
    let mut unclassified = live_template("TEST_ID", "测试模板", &["内容"]);
    unclassified.primary_industry.clear();
    unclassified.deputy_industry.clear();
    live.templates.push(unclassified);
    let result = plan(&desired, &live);
    let industry = &result.actions[0];
    assert!(industry.destructive);
    assert_eq!(
        industry.warnings,
        [
            "changing industry deletes 1 live template of the industry it leaves: 维修进度通知 (ELEC_ID); allowed once a month"
        ]
    );
    let swept = result
        .actions
        .iter()
        .find(|a| a.address == "template[id=ELEC_ID]")
        .expect("the deleted template is listed");
    assert_eq!(swept.kind, ActionKind::Delete);
    assert!(swept.steps.is_empty(), "the industry change deletes it");
    assert!(
        swept.warnings[0]
            .starts_with("deleted by the industry change: it belongs to IT科技/电子技术")
    );
    // Unmanaged and kept: only the unclassified one is still listed as not managed.
    let unmanaged: Vec<&str> = result.unmanaged.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(unmanaged, ["TEST_ID"]);
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    assert!(
        !result
            .apply_steps()
            .iter()
            .any(|s| matches!(s, Step::DeleteTemplate { .. }))
    );
}

#[test]
fn a_configured_template_the_industry_change_deletes_is_an_error() {
    let (mut desired, mut live) = scenario_industry_changed();
    live.templates.push(electronics_template());
    desired.templates.as_mut().unwrap().items.push(template(
        "repair",
        "TM00999",
        "维修进度通知",
        &["工单号"],
    ));
    let result = plan(&desired, &live);
    assert_eq!(result.errors.len(), 1, "{:?}", result.errors);
    assert!(
        result.errors[0].starts_with("template.repair belongs to the industry IT科技/电子技术, which the configured industry leaves"),
        "{}",
        result.errors[0]
    );
    assert!(result.errors[0].contains("45027"));
}

#[test]
fn templates_the_industry_change_deletes_free_capacity() {
    let (mut desired, mut live) = scenario_industry_changed();
    for i in 0..24 {
        let mut old = electronics_template();
        old.template_id = format!("ELEC_{i}");
        live.templates.push(old);
    }
    desired.templates.as_mut().unwrap().items.push(template(
        "refund",
        "OPENTM207103254",
        "退款通知",
        &["退款金额"],
    ));
    let result = plan(&desired, &live);
    assert!(result.errors.is_empty(), "{:?}", result.errors);
}

#[test]
fn industry_set_on_an_empty_account_is_not_destructive() {
    let (desired, mut live) = scenario_industry_changed();
    live.templates.clear();
    live.industry = None;
    let result = plan(&desired, &live);
    let action = result
        .actions
        .iter()
        .find(|a| a.address == "industry")
        .unwrap();
    assert_eq!(action.kind, ActionKind::Create);
    assert!(!action.destructive);
}

/// A live class with no code cannot be compared: the plan neither claims "no change" nor sets
/// the industry without saying why. It sets it, naming that class as WeChat does, and keeps
/// the class that maps beside it.
#[test]
fn an_unmapped_live_industry_is_set_again_saying_why() {
    let mut live = base_live();
    let secondary = &mut live.industry.as_mut().unwrap().secondary;
    secondary.code = None;
    secondary.first_class = "火星".into();
    secondary.second_class = "殖民".into();
    let result = plan(&base_desired(), &live);
    let action = &result.actions[0];
    assert_eq!(
        (action.address.as_str(), action.kind),
        ("industry", ActionKind::Update)
    );
    assert_eq!(
        action.warnings[0],
        "WeChat names the live secondary industry 火星/殖民, which has no industry code wxform knows: wxform cannot tell whether it already is 4 (IT科技/电子技术), so it sets the industry again"
    );
    assert_eq!(action.warnings.len(), 2, "{:?}", action.warnings);
    let Some(Resource::Industry(before)) = &action.before else {
        panic!("{action:#?}")
    };
    assert_eq!(before.primary.code, Some(1));
    assert_eq!(
        (before.secondary.code, before.secondary.name.as_deref()),
        (None, Some("火星/殖民"))
    );
    assert!(result.notes.is_empty(), "{:?}", result.notes);
}

#[test]
fn more_than_25_subscribe_templates_is_an_error() {
    let (desired, mut live) = scenario_no_change();
    live.subscribe_templates = (0..25)
        .map(|i| live_subscribe(&format!("S{i}"), &format!("通知{i}"), &["a"]))
        .collect();
    let result = plan(&desired, &live);
    assert_eq!(result.errors.len(), 1, "{:?}", result.errors);
    assert!(result.errors[0].starts_with("too many subscribe templates: 26 after apply"));
}

#[test]
fn a_classic_template_is_compared_with_the_keywords_wechat_keeps() {
    // TM00015 stored with every keyword of its library entry, configured with two of them.
    let stored = live_template("A", "订单支付成功", &["订单号", "支付金额", "商品信息"]);
    let result = with_templates(vec![order_paid()], UnmanagedPolicy::Keep, vec![stored]);
    assert!(result.is_empty(), "{:#?}", result.actions);
    assert_eq!(
        result.notes,
        [
            "template.order_paid is a classic template (TM00015): WeChat keeps its keywords 订单号, 支付金额, 商品信息, not the configured 订单号, 支付金额; it is not added again for that. Set `keywords` to WeChat's, or leave it out"
        ]
    );
}

#[test]
fn a_classic_template_with_the_stored_keywords_has_no_note() {
    let result = with_templates(
        vec![order_paid()],
        UnmanagedPolicy::Keep,
        vec![live_order_paid("A")],
    );
    assert!(result.is_empty() && result.notes.is_empty(), "{result:#?}");
}

#[test]
fn a_category_template_with_other_keywords_is_still_replaced() {
    let item = template("paid", "47123", "订单支付成功通知", &["订单号", "支付金额"]);
    let stored = live_template("B", "订单支付成功通知", &["订单号", "支付金额", "支付时间"]);
    let result = with_templates(vec![item], UnmanagedPolicy::Keep, vec![stored]);
    assert_eq!(
        action_kinds(&result),
        vec![("template.paid", ActionKind::Replace)]
    );
    assert!(result.notes.is_empty());
}

#[test]
fn a_template_of_an_unrecognised_industry_is_not_counted() {
    let (desired, mut live) = scenario_industry_changed();
    let mut odd = electronics_template();
    odd.deputy_industry = "火星殖民".into();
    live.templates.push(odd);
    let result = plan(&desired, &live);
    assert!(!result.actions[0].destructive, "{:#?}", result.actions[0]);
    assert_eq!(result.actions.len(), 1);
}
