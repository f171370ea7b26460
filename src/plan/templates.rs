//! Template messages: identity = title + keyword labels; add and delete only.
//!
//! A classic TM template configured without keywords matches on its title alone. A configured
//! template whose title is live but whose keywords differ is replaced (delete + add), which gives
//! it a new `template_id`. The planning itself is shared with subscribe templates
//! ([`super::library_templates`]); this module says what is particular to template messages.

use super::Plan;
use super::action::{Resource, Step, TemplateView};
use super::library_templates::{LibraryKind, plan_library};
use crate::model::{Desired, DesiredTemplate, Live, LiveTemplate};

pub(crate) fn plan_templates(desired: &Desired, live: &Live, plan: &mut Plan) {
    let Some(wanted) = &desired.templates else {
        return;
    };
    plan_library::<Templates>(&wanted.items, wanted.unmanaged, &live.templates, plan);
}

/// Template messages (`/cgi-bin/template/*`) as a [`LibraryKind`].
struct Templates;

impl LibraryKind for Templates {
    type Desired = DesiredTemplate;
    type Live = LiveTemplate;
    const RESOURCE: &'static str = "template";
    const SECTION: &'static str = "templates";
    const LIBRARY_ID: &'static str = "short_id";
    const SENT_WITH: &'static str = "messages sent with template_id";

    fn name(item: &DesiredTemplate) -> &str {
        &item.name
    }

    fn desired_title(item: &DesiredTemplate) -> &str {
        &item.title
    }

    fn live_title(old: &LiveTemplate) -> &str {
        &old.title
    }

    fn live_id(old: &LiveTemplate) -> &str {
        &old.template_id
    }

    fn same_keywords(item: &DesiredTemplate, old: &LiveTemplate) -> bool {
        item.keywords.is_empty() || item.keywords == old.keywords
    }

    /// The `api_add_template` call.
    fn add_step(item: &DesiredTemplate) -> Option<Step> {
        Some(Step::AddTemplate {
            name: item.name.clone(),
            short_id: item.short_id.clone()?,
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
}
