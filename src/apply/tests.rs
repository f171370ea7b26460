//! Labelling steps with their actions' addresses and symbols; how new ids read.

use super::*;
use crate::plan::testkit::*;
use crate::plan::{Action, ActionKind};

#[test]
fn steps_keep_the_plan_order_and_get_their_actions_addresses() {
    let (desired, live) = scenario_tag_renamed();
    let plan = crate::plan::plan(&desired, &live);
    let steps = plan.apply_steps();
    let labelled = label_steps(&plan.actions, &steps);
    assert_eq!(
        labelled.iter().map(|s| &s.step).collect::<Vec<_>>(),
        steps.iter().collect::<Vec<_>>()
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
                matchrule: crate::plan::StepMatchRule {
                    tag: None,
                    client_platform_type: None,
                },
                button: vec![],
            },
        ],
    };
    let labelled = label_steps(std::slice::from_ref(&action), &action.steps);
    let symbols: Vec<_> = labelled.iter().map(|s| s.symbol).collect();
    assert_eq!(symbols, ["-", "+"]);
    assert!(labelled.iter().all(|s| s.address == "conditional_menu.vip"));
}

#[test]
fn a_step_no_action_lists_is_still_named() {
    let labelled = label_steps(
        &[],
        &[Step::DeleteTag {
            id: 104,
            name: "old".into(),
        }],
    );
    assert_eq!(labelled[0].address, "tag[id=104]");
    assert_eq!(labelled[0].symbol, "-");
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
