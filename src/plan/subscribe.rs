//! Subscribe-notification templates (`/wxaapi/newtmpl/*`): like templates, identity is the
//! title + keyword labels, and they are only added or deleted.

use super::Plan;
use super::action::{Action, ActionKind, Resource, Step, SubscribeTemplateView, Unmanaged};
use super::matching::pair;
use super::templates::id_change_warning;
use crate::model::{
    Desired, DesiredSubscribeTemplate, Live, LiveSubscribeTemplate, UnmanagedPolicy,
};

pub(crate) fn plan_subscribe_templates(desired: &Desired, live: &Live, plan: &mut Plan) {
    let Some(wanted) = &desired.subscribe_templates else {
        return;
    };
    let pairing = pair(
        &wanted.items,
        &live.subscribe_templates,
        |d: &DesiredSubscribeTemplate, l: &LiveSubscribeTemplate| {
            d.title == l.title && d.keywords == l.keywords
        },
        |d, l| d.title == l.title,
    );
    for &(d, l) in &pairing.replaced {
        let (item, old) = (&wanted.items[d], &live.subscribe_templates[l]);
        plan.actions.push(Action {
            address: format!("subscribe_template.{}", item.name),
            kind: ActionKind::Replace,
            before: Some(live_view(old)),
            after: Some(desired_view(item)),
            warnings: vec![id_change_warning(&old.pri_tmpl_id)],
            destructive: true,
            steps: [delete_step(old)]
                .into_iter()
                .chain(add_step(item, "must be added again", &mut plan.errors))
                .collect(),
        });
    }
    for &d in &pairing.added {
        let item = &wanted.items[d];
        plan.actions.push(Action {
            address: format!("subscribe_template.{}", item.name),
            kind: ActionKind::Create,
            before: None,
            after: Some(desired_view(item)),
            warnings: Vec::new(),
            destructive: false,
            steps: add_step(item, "is not on the account", &mut plan.errors)
                .into_iter()
                .collect(),
        });
    }
    let duplicates = pairing
        .duplicates
        .iter()
        .map(|&(l, d)| (l, Some(&wanted.items[d].name)));
    let leftovers = pairing.leftover.iter().map(|&l| (l, None));
    for (l, copy_of) in duplicates.chain(leftovers) {
        let old = &live.subscribe_templates[l];
        let reason = match copy_of {
            Some(name) => format!("a duplicate of subscribe_template.{name}"),
            None => "not in the configuration".to_string(),
        };
        match wanted.unmanaged {
            UnmanagedPolicy::Keep => plan.unmanaged.push(Unmanaged {
                resource: "subscribe_template".into(),
                name: old.title.clone(),
                id: old.pri_tmpl_id.clone(),
                reason: format!("{reason} (subscribe_templates.unmanaged: keep)"),
            }),
            UnmanagedPolicy::Delete => plan.actions.push(Action {
                address: format!("subscribe_template[id={}]", old.pri_tmpl_id),
                kind: ActionKind::Delete,
                before: Some(live_view(old)),
                after: None,
                warnings: vec![format!(
                    "{reason}: notifications sent with priTmplId {} will fail",
                    old.pri_tmpl_id
                )],
                destructive: true,
                steps: vec![delete_step(old)],
            }),
        }
    }
}

/// The `addtemplate` call, or a plan error when the library `tid` is unknown: WeChat's listing
/// omits it, so an exported configuration has none.
fn add_step(item: &DesiredSubscribeTemplate, why: &str, errors: &mut Vec<String>) -> Option<Step> {
    let Some(tid) = item.tid else {
        errors.push(format!(
            "subscribe_template.{} {why} and has no tid and kid_list, so it cannot be added",
            item.name
        ));
        return None;
    };
    Some(Step::AddSubscribeTemplate {
        name: item.name.clone(),
        tid,
        kid_list: item.kid_list.clone(),
        scene_desc: item.scene_desc.clone(),
    })
}

fn delete_step(old: &LiveSubscribeTemplate) -> Step {
    Step::DeleteSubscribeTemplate {
        pri_tmpl_id: old.pri_tmpl_id.clone(),
        title: old.title.clone(),
    }
}

fn desired_view(item: &DesiredSubscribeTemplate) -> Resource {
    Resource::SubscribeTemplate(SubscribeTemplateView {
        title: item.title.clone(),
        keywords: item.keywords.clone(),
        tid: item.tid,
        kid_list: item.kid_list.clone(),
        scene_desc: item.scene_desc.clone(),
        pri_tmpl_id: None,
    })
}

fn live_view(old: &LiveSubscribeTemplate) -> Resource {
    Resource::SubscribeTemplate(SubscribeTemplateView {
        title: old.title.clone(),
        keywords: old.keywords.clone(),
        tid: None,
        kid_list: Vec::new(),
        scene_desc: None,
        pri_tmpl_id: Some(old.pri_tmpl_id.clone()),
    })
}
