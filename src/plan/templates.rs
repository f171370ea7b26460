//! Template messages: identity = title + keyword labels; add and delete only.
//!
//! A classic TM template configured without keywords matches on its title alone. A configured
//! template whose title is live but whose keywords differ is replaced (delete + add), which gives
//! it a new `template_id`.

use super::Plan;
use super::action::{Action, ActionKind, Resource, Step, TemplateView, Unmanaged};
use super::matching::pair;
use crate::model::{Desired, DesiredTemplate, Live, LiveTemplate, UnmanagedPolicy};

pub(crate) fn plan_templates(desired: &Desired, live: &Live, plan: &mut Plan) {
    let Some(wanted) = &desired.templates else {
        return;
    };
    let pairing = pair(
        &wanted.items,
        &live.templates,
        |d: &DesiredTemplate, l: &LiveTemplate| {
            d.title == l.title && (d.keywords.is_empty() || d.keywords == l.keywords)
        },
        |d, l| d.title == l.title,
    );
    for &(d, l) in &pairing.replaced {
        let (item, old) = (&wanted.items[d], &live.templates[l]);
        plan.actions.push(Action {
            address: format!("template.{}", item.name),
            kind: ActionKind::Replace,
            before: Some(live_view(old)),
            after: Some(desired_view(item)),
            warnings: vec![id_change_warning(&old.template_id)],
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
            address: format!("template.{}", item.name),
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
        let old = &live.templates[l];
        let reason = match copy_of {
            Some(name) => format!("a duplicate of template.{name}"),
            None => "not in the configuration".to_string(),
        };
        match wanted.unmanaged {
            UnmanagedPolicy::Keep => plan.unmanaged.push(Unmanaged {
                resource: "template".into(),
                name: old.title.clone(),
                id: old.template_id.clone(),
                reason: format!("{reason} (templates.unmanaged: keep)"),
            }),
            UnmanagedPolicy::Delete => plan.actions.push(Action {
                address: format!("template[id={}]", old.template_id),
                kind: ActionKind::Delete,
                before: Some(live_view(old)),
                after: None,
                warnings: vec![format!(
                    "{reason}: messages sent with template_id {} will fail",
                    old.template_id
                )],
                destructive: true,
                steps: vec![delete_step(old)],
            }),
        }
    }
}

pub(crate) fn id_change_warning(old_id: &str) -> String {
    format!(
        "the template gets a new id: senders using {old_id} must switch to the new one (see `wxform outputs`)"
    )
}

/// The `api_add_template` call, or a plan error when the library id is unknown: WeChat's
/// listing omits it, so an exported configuration has none.
fn add_step(item: &DesiredTemplate, why: &str, errors: &mut Vec<String>) -> Option<Step> {
    let Some(short_id) = &item.short_id else {
        errors.push(format!(
            "template.{} {why} and has no short_id, so it cannot be added",
            item.name
        ));
        return None;
    };
    Some(Step::AddTemplate {
        name: item.name.clone(),
        short_id: short_id.clone(),
        keywords: item.keywords.clone(),
    })
}

fn delete_step(old: &LiveTemplate) -> Step {
    Step::DeleteTemplate {
        template_id: old.template_id.clone(),
        title: old.title.clone(),
    }
}

fn desired_view(item: &DesiredTemplate) -> Resource {
    Resource::Template(TemplateView {
        title: item.title.clone(),
        keywords: item.keywords.clone(),
        short_id: item.short_id.clone(),
        template_id: None,
    })
}

fn live_view(old: &LiveTemplate) -> Resource {
    Resource::Template(TemplateView {
        title: old.title.clone(),
        keywords: old.keywords.clone(),
        short_id: None,
        template_id: Some(old.template_id.clone()),
    })
}
