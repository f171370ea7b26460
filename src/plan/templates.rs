//! Template messages: identity = title + keyword labels; add and delete only.
//!
//! A classic TM template configured without keywords matches on its title alone, and one with
//! keywords matches a live copy holding them all ([`super::classic`]). A configured
//! template whose title is live but whose keywords differ is replaced (delete + add), which gives
//! it a new `template_id`. The planning itself is shared with subscribe templates
//! ([`super::library_templates`]); this module says what is particular to template messages:
//! an industry change deletes the templates of the industry it leaves, so the configuration is
//! planned against the templates that survive it, and each deleted one is listed.

use super::Plan;
use super::action::{Action, ActionKind, Resource, Step, TemplateView};
use super::classic;
use super::industry::{template_industry, victims};
use super::library_templates::{CopyOf, LibraryKind, copies, kept, plan_library};
use crate::model::{Desired, DesiredTemplate, Live, LiveTemplate};

pub(crate) fn plan_templates(desired: &Desired, live: &Live, plan: &mut Plan) {
    let Some(wanted) = &desired.templates else {
        return;
    };
    let doomed = victims(desired, live);
    let survivors: Vec<LiveTemplate> = (0..live.templates.len())
        .filter(|t| !doomed.contains(t))
        .map(|t| live.templates[t].clone())
        .collect();
    plan_library::<Templates>(&wanted.items, wanted.unmanaged, &survivors, plan);
    classic::explain(&wanted.items, &survivors, plan);
    for &t in &doomed {
        deleted_by_the_industry_change(&wanted.items, &live.templates[t], &survivors, plan);
    }
}

/// Per configured template, the live one that is it, as [`plan_templates`] pairs them.
pub fn pair_templates<'a>(
    items: &[DesiredTemplate],
    live: &'a [LiveTemplate],
) -> Vec<Option<&'a LiveTemplate>> {
    kept::<Templates>(items, live)
}

/// Every extra copy among `live` of a configured template, with the one the plan keeps (the
/// first in `live`'s order).
pub fn template_copies(items: &[DesiredTemplate], live: &[LiveTemplate]) -> Vec<CopyOf> {
    copies::<Templates>(items, live)
}

/// A template the industry change deletes: listed as deleted by it (no call of its own: a
/// `del_private_template` afterwards would find nothing), and an error when the configuration
/// wants it, since WeChat refuses to add a template of an industry the account left (45027).
fn deleted_by_the_industry_change(
    items: &[DesiredTemplate],
    old: &LiveTemplate,
    survivors: &[LiveTemplate],
    plan: &mut Plan,
) {
    let industry = template_industry(old);
    let same = |item: &DesiredTemplate, live: &LiveTemplate| {
        item.title == live.title && Templates::same_keywords(item, live)
    };
    let wanted = items
        .iter()
        .find(|item| same(item, old) && !survivors.iter().any(|s| same(item, s)));
    if let Some(item) = wanted {
        plan.errors.push(format!(
            "template.{} belongs to the industry {industry}, which the configured industry leaves: changing the industry deletes it, and WeChat would refuse to add it again (45027); keep that industry or remove the template from `templates.items`",
            item.name
        ));
    }
    plan.actions.push(Action {
        address: format!("template[id={}]", old.template_id),
        kind: ActionKind::Delete,
        before: Some(Templates::live_view(old)),
        after: None,
        warnings: vec![format!(
            "deleted by the industry change: it belongs to {industry}; messages sent with template_id {} will fail",
            old.template_id
        )],
        destructive: true,
        steps: Vec::new(),
    });
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
        item.keywords.is_empty() || item.keywords == old.keywords || classic::stores(item, old)
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
