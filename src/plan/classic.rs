//! Classic templates: the old industry library's `TM…` / `OPENTM…` templates have a fixed set
//! of keywords. `keyword_name_list` was made for the newer category templates (pure-number
//! short ids); whether WeChat honours it for a classic one is not documented, and when it does
//! not, the template is stored with every keyword of its library entry.
//!
//! So a classic template is compared with what WeChat stores, not with the list sent: a live
//! copy that has every configured keyword is the template, and the plan says which keywords
//! WeChat keeps when they differ, instead of deleting and re-adding it on every apply (which
//! would store the same keywords again).

use super::Plan;
use crate::model::{DesiredTemplate, LiveTemplate};

/// Configured from the classic library: a short id that is not a pure number.
pub(crate) fn is_classic(item: &DesiredTemplate) -> bool {
    item.short_id
        .as_deref()
        .is_some_and(|id| !id.is_empty() && !id.chars().all(|c| c.is_ascii_digit()))
}

/// Whether `old` is what WeChat stores for the classic `item`: every configured keyword is
/// among its keywords.
pub(crate) fn stores(item: &DesiredTemplate, old: &LiveTemplate) -> bool {
    is_classic(item) && item.keywords.iter().all(|k| old.keywords.contains(k))
}

/// A note for each classic template whose live copy keeps other keywords than configured. (Before
/// a classic template exists, which keywords WeChat will keep is not known; after it is added,
/// the next plan says.)
pub(crate) fn explain(items: &[DesiredTemplate], live: &[LiveTemplate], plan: &mut Plan) {
    for item in items
        .iter()
        .filter(|i| is_classic(i) && !i.keywords.is_empty())
    {
        let kept = live
            .iter()
            .find(|old| old.title == item.title && stores(item, old));
        if let Some(old) = kept.filter(|old| old.keywords != item.keywords) {
            plan.notes.push(format!(
                "template.{} is a classic template ({}): WeChat keeps its keywords {}, not the configured {}; it is not added again for that. Set `keywords` to WeChat's, or leave it out",
                item.name,
                item.short_id.as_deref().unwrap_or_default(),
                old.keywords.join(", "),
                item.keywords.join(", ")
            ));
        }
    }
}
