//! The plan's steps labelled with their actions' addresses and symbols; how new ids read.

use super::*;
use crate::model::TagRef;
use crate::plan::testkit::*;
use crate::plan::{Action, ActionKind, Step};

#[test]
fn steps_keep_the_plan_order_and_get_their_actions_addresses() {
    let (desired, live) = scenario_tag_renamed();
    let plan = crate::plan::plan(&desired, &live);
    let labelled = plan.planned_steps();
    assert_eq!(
        labelled.iter().map(|s| s.step.clone()).collect::<Vec<_>>(),
        plan.apply_steps()
    );
    assert_eq!(labelled[0].address, "tag.测试用户");
    assert_eq!(labelled[0].symbol, "~");
}

#[test]
fn a_replace_is_a_delete_and_an_add() {
    let action = Action {
        address: "conditional_menu.vip".into(),
        kind: ActionKind::Replace,
        before: None,
        after: None,
        warnings: vec![],
        destructive: true,
        steps: vec![
            Step::DeleteConditionalMenu { menuid: 7 },
            Step::AddConditionalMenu {
                name: "vip".into(),
                matchrule: crate::model::DesiredMatchRule {
                    tag: None,
                    client_platform_type: None,
                },
                button: vec![],
            },
        ],
    };
    let plan = crate::plan::Plan {
        actions: vec![action],
        ..Default::default()
    };
    let labelled = plan.planned_steps();
    let symbols: Vec<_> = labelled.iter().map(|s| s.symbol).collect();
    assert_eq!(symbols, ["-", "+"]);
    assert!(labelled.iter().all(|s| s.address == "conditional_menu.vip"));
}

#[test]
fn identical_steps_of_two_actions_keep_their_own_addresses() {
    let action = |address: &str, kind| Action {
        address: address.into(),
        kind,
        before: None,
        after: None,
        warnings: vec![],
        destructive: false,
        steps: vec![Step::CreateTag {
            name: "same".into(),
        }],
    };
    let plan = crate::plan::Plan {
        actions: vec![
            action("tag.a", ActionKind::Create),
            action("tag.b", ActionKind::Update),
        ],
        ..Default::default()
    };
    let labelled: Vec<_> = plan
        .planned_steps()
        .into_iter()
        .map(|s| (s.address, s.symbol))
        .collect();
    assert_eq!(
        labelled,
        [("tag.a".to_string(), "+"), ("tag.b".to_string(), "+")]
    );
}

#[test]
fn new_ids_read_as_the_progress_line_shows_them() {
    assert_eq!(NewId::Tag(101).to_string(), "id 101");
    assert_eq!(
        NewId::ConditionalMenu(408_000_003).to_string(),
        "menuid 408000003"
    );
    assert_eq!(NewId::Template("abc".into()).to_string(), "template_id abc");
}

/// A client that is never reached: the steps below fail before any call.
fn unreachable_client() -> Client {
    let credentials = crate::wechat::Credentials::AppSecret {
        appid: "wx1".into(),
        secret: crate::wechat::Secret::new("s"),
    };
    Client::new(crate::wechat::ClientConfig::new(
        "http://127.0.0.1:1",
        credentials,
    ))
    .unwrap()
}

#[test]
fn a_menu_for_a_tag_nobody_created_fails_before_its_call_and_stops_the_apply() {
    let add = |name: &str, tag: &str| Step::AddConditionalMenu {
        name: name.into(),
        matchrule: crate::model::DesiredMatchRule {
            tag: Some(TagRef::Name(tag.into())),
            client_platform_type: None,
        },
        button: vec![],
    };
    let steps = [add("a", "新客户"), add("b", "VIP")].map(|step| PlannedStep {
        address: match &step {
            Step::AddConditionalMenu { name, .. } => format!("conditional_menu.{name}"),
            _ => unreachable!(),
        },
        symbol: "+",
        step,
    });
    let mut events = Vec::new();
    let report = execute(
        &unreachable_client(),
        &crate::model::Desired::default(),
        &Live::default(),
        steps.into(),
        &mut |event| {
            events.push(matches!(event, Event::Failed { .. }));
        },
    );
    assert_eq!(report.failed.len(), 1, "the first step fails");
    let failed = &report.failed[0];
    assert!(matches!(&failed.error, StepError::UnknownTag(tag) if tag == "新客户"));
    assert!(failed.error.to_string().contains("names tag \"新客户\""));
    assert!(!failed.error.outcome_unknown());
    assert!(report.applied.is_empty());
    assert_eq!(report.not_attempted.len(), 1);
    assert_eq!(report.not_attempted[0].address, "conditional_menu.b");
    assert_eq!(events, [true], "one event: the failure");
}

#[test]
fn the_round_trips_of_a_plan_follow_its_longest_chain_of_lanes() {
    // Everything from scratch: the conditional menus wait for the tags (a re-read, then the
    // creates at once) and the default menu, then re-read and add their three one by one.
    let desired = base_desired();
    let plan = crate::plan::plan(&desired, &Live::default());
    assert_eq!(round_trips(&plan.planned_steps()), 2 + 1 + 3);
    // Creates beyond `AT_ONCE` take another round trip; a rename comes first.
    let tag = |name: String| PlannedStep {
        address: format!("tag.{name}"),
        symbol: "+",
        step: Step::CreateTag { name },
    };
    let mut steps: Vec<PlannedStep> = (0..=crate::plan::AT_ONCE)
        .map(|n| tag(n.to_string()))
        .collect();
    assert_eq!(round_trips(&steps), 1 + 2);
    steps.insert(
        0,
        PlannedStep {
            address: "tag.x".into(),
            symbol: "~",
            step: Step::RenameTag {
                id: 100,
                from: "w".into(),
                to: "x".into(),
            },
        },
    );
    assert_eq!(round_trips(&steps), 1 + 1 + 2);
    assert_eq!(round_trips(&[]), 0);
}
