//! Capacity checks: WeChat's per-account limits, counted after the plan would be applied
//! (kept unmanaged objects included), so that apply never fails half-way on a full account.

use super::Plan;
use super::action::{Resource, Step};
use crate::model::{Live, is_system_tag};

pub const MAX_TEMPLATES: usize = 25;
pub const MAX_SUBSCRIBE_TEMPLATES: usize = 25;
pub const MAX_TAGS: usize = 100;

pub(crate) fn check(live: &Live, plan: &mut Plan) {
    let steps = plan.apply_steps();
    let count = |pred: fn(&Step) -> bool| steps.iter().filter(|s| pred(s)).count();
    let user_tags = live.tags.iter().filter(|t| !is_system_tag(t.id)).count();
    // Templates an industry change deletes go without a call of their own.
    let swept = plan
        .actions
        .iter()
        .filter(|a| a.steps.is_empty() && matches!(a.before, Some(Resource::Template(_))))
        .count();
    let checks = [
        (
            "templates",
            live.templates.len(),
            count(|s| matches!(s, Step::AddTemplate { .. })),
            count(|s| matches!(s, Step::DeleteTemplate { .. })) + swept,
            MAX_TEMPLATES,
        ),
        (
            "subscribe templates",
            live.subscribe_templates.len(),
            count(|s| matches!(s, Step::AddSubscribeTemplate { .. })),
            count(|s| matches!(s, Step::DeleteSubscribeTemplate { .. })),
            MAX_SUBSCRIBE_TEMPLATES,
        ),
        (
            "tags",
            user_tags,
            count(|s| matches!(s, Step::CreateTag { .. })),
            count(|s| matches!(s, Step::DeleteTag { .. })),
            MAX_TAGS,
        ),
    ];
    for (what, live_count, added, deleted, max) in checks {
        let after = (live_count + added).saturating_sub(deleted);
        if after > max {
            plan.errors.push(format!(
                "too many {what}: {after} after apply ({live_count} live + {added} added - {deleted} deleted), WeChat allows {max}; delete some or set `unmanaged: delete`"
            ));
        }
    }
}
