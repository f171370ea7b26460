//! Tags: create, rename through `previously`, unmanaged keep/delete, the 100-tag limit.

use crate::model::*;
use crate::plan::testkit::*;
use crate::plan::{ActionKind, Resource, Step, TagView, plan};

fn tags_desired(items: Vec<DesiredTag>, unmanaged: UnmanagedPolicy) -> Desired {
    Desired {
        tags: Some(DesiredTags { unmanaged, items }),
        ..Desired::default()
    }
}

#[test]
fn creates_missing_tags() {
    let desired = tags_desired(
        vec![tag("VIP"), tag("内测用户"), tag("新客")],
        UnmanagedPolicy::Keep,
    );
    let result = plan(&desired, &base_live());
    assert_eq!(result.actions.len(), 1);
    assert_eq!(result.actions[0].address, "tag.新客");
    assert_eq!(result.actions[0].kind, ActionKind::Create);
    assert_eq!(
        result.actions[0].steps,
        vec![Step::CreateTag {
            name: "新客".into()
        }]
    );
}

#[test]
fn previously_renames_and_keeps_the_id() {
    let (desired, live) = scenario_tag_renamed();
    let result = plan(&desired, &live);
    let action = &result.actions[0];
    assert_eq!(
        (action.address.as_str(), action.kind),
        ("tag.测试用户", ActionKind::Update)
    );
    assert_eq!(
        action.steps,
        vec![Step::RenameTag {
            id: 101,
            from: "内测用户".into(),
            to: "测试用户".into()
        }]
    );
    assert_eq!(
        action.after,
        Some(Resource::Tag(TagView {
            name: "测试用户".into(),
            id: Some(101)
        }))
    );
}

#[test]
fn an_exact_name_wins_over_a_previously_name() {
    let renamed = DesiredTag {
        name: "新VIP".into(),
        previously: vec!["VIP".into()],
    };
    let desired = tags_desired(
        vec![renamed, tag("VIP"), tag("内测用户")],
        UnmanagedPolicy::Keep,
    );
    let result = plan(&desired, &base_live());
    assert_eq!(result.actions.len(), 1);
    assert_eq!(result.actions[0].kind, ActionKind::Create);
}

#[test]
fn unmanaged_tags_are_listed_but_system_tags_never() {
    let desired = tags_desired(vec![tag("VIP")], UnmanagedPolicy::Keep);
    let result = plan(&desired, &base_live());
    assert!(result.is_empty());
    let tags: Vec<_> = result
        .unmanaged
        .iter()
        .filter(|u| u.resource == "tag")
        .collect();
    assert_eq!(tags.len(), 1);
    assert_eq!(
        (tags[0].name.as_str(), tags[0].id.as_str()),
        ("内测用户", "101")
    );
}

#[test]
fn unmanaged_delete_deletes_with_a_follower_warning() {
    let desired = tags_desired(vec![tag("VIP")], UnmanagedPolicy::Delete);
    let result = plan(&desired, &base_live());
    assert_eq!(result.actions.len(), 1);
    let action = &result.actions[0];
    assert_eq!(
        (action.address.as_str(), action.kind),
        ("tag.内测用户", ActionKind::Delete)
    );
    assert!(action.destructive);
    assert_eq!(
        action.warnings,
        vec!["deleting tag \"内测用户\" untags 3 followers"]
    );
    assert_eq!(
        action.steps,
        vec![Step::DeleteTag {
            id: 101,
            name: "内测用户".into()
        }]
    );
}

#[test]
fn unmanaged_tags_count_against_the_100_tag_limit() {
    let mut live = base_live();
    live.tags
        .extend((0..97).map(|i| live_tag(200 + i, &format!("t{i}"), 0)));
    let mut items = vec![tag("VIP"), tag("内测用户"), tag("新1")];
    let result = plan(&tags_desired(items.clone(), UnmanagedPolicy::Keep), &live);
    assert!(
        result.errors.is_empty(),
        "99 live + 1 = 100 is allowed: {:?}",
        result.errors
    );
    items.push(tag("新2"));
    let result = plan(&tags_desired(items.clone(), UnmanagedPolicy::Keep), &live);
    assert_eq!(result.errors.len(), 1);
    assert!(
        result.errors[0].starts_with("too many tags: 101 after apply"),
        "{}",
        result.errors[0]
    );
    // Deleting unmanaged tags makes room.
    let result = plan(&tags_desired(items, UnmanagedPolicy::Delete), &live);
    assert!(result.errors.is_empty());
}

#[test]
fn unmanaged_tags_section_changes_nothing() {
    let mut desired = base_desired();
    desired.tags = None;
    let mut live = base_live();
    live.tags.push(live_tag(300, "别的", 1));
    let result = plan(&desired, &live);
    assert!(result.is_empty() && result.unmanaged.is_empty());
}

#[test]
fn system_tag_names_are_an_error() {
    let desired = tags_desired(
        vec![tag("VIP"), tag("内测用户"), tag("星标组")],
        UnmanagedPolicy::Keep,
    );
    let result = plan(&desired, &base_live());
    assert!(result.has_errors());
    assert!(
        result.errors[0].contains("WeChat's own tag (id 2)"),
        "{:?}",
        result.errors
    );
}
