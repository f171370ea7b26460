//! Subscribe-notification templates (`/wxaapi/newtmpl/*`): like templates, identity is the
//! title + keyword labels, and they are only added or deleted. The planning itself is shared with
//! templates ([`super::library_templates`]); this module says what is particular to them.

use super::Plan;
use super::action::{Resource, Step, SubscribeTemplateView};
use super::library_templates::{CopyOf, LibraryKind, copies, kept, plan_library};
use crate::model::{Desired, DesiredSubscribeTemplate, Live, LiveSubscribeTemplate};

pub(crate) fn plan_subscribe_templates(desired: &Desired, live: &Live, plan: &mut Plan) {
    let Some(wanted) = &desired.subscribe_templates else {
        return;
    };
    plan_library::<SubscribeTemplates>(
        &wanted.items,
        wanted.unmanaged,
        &live.subscribe_templates,
        plan,
    );
}

/// Per configured subscribe template, the live one that is it, as the plan pairs them.
pub fn pair_subscribe_templates<'a>(
    items: &[DesiredSubscribeTemplate],
    live: &'a [LiveSubscribeTemplate],
) -> Vec<Option<&'a LiveSubscribeTemplate>> {
    kept::<SubscribeTemplates>(items, live)
}

/// Every extra copy among `live` of a configured subscribe template, with the one the plan
/// keeps (the first in `live`'s order).
pub fn subscribe_template_copies(
    items: &[DesiredSubscribeTemplate],
    live: &[LiveSubscribeTemplate],
) -> Vec<CopyOf> {
    copies::<SubscribeTemplates>(items, live)
}

/// Subscribe-notification templates as a [`LibraryKind`].
struct SubscribeTemplates;

impl LibraryKind for SubscribeTemplates {
    type Desired = DesiredSubscribeTemplate;
    type Live = LiveSubscribeTemplate;
    const RESOURCE: &'static str = "subscribe_template";
    const SECTION: &'static str = "subscribe_templates";
    const LIBRARY_ID: &'static str = "tid and kid_list";
    const SENT_WITH: &'static str = "notifications sent with priTmplId";

    fn name(item: &DesiredSubscribeTemplate) -> &str {
        &item.name
    }

    fn desired_title(item: &DesiredSubscribeTemplate) -> &str {
        &item.title
    }

    fn live_title(old: &LiveSubscribeTemplate) -> &str {
        &old.title
    }

    fn live_id(old: &LiveSubscribeTemplate) -> &str {
        &old.pri_tmpl_id
    }

    // Unlike a classic template, a subscribe template always lists its keywords.
    fn same_keywords(item: &DesiredSubscribeTemplate, old: &LiveSubscribeTemplate) -> bool {
        item.keywords == old.keywords
    }

    /// The `addtemplate` call.
    fn add_step(item: &DesiredSubscribeTemplate) -> Option<Step> {
        Some(Step::AddSubscribeTemplate {
            name: item.name.clone(),
            tid: item.tid?,
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
}
