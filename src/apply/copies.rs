//! Closing, after the fact, the race no re-read can close. Two runs on different machines may
//! both re-read the account before either adds, and then both add the same template,
//! subscribe template or conditional menu: WeChat takes no idempotency key. (Tags cannot be
//! doubled: WeChat refuses a second tag of one name.)
//!
//! So after its adds and the read-back, a run looks at the objects that were not on the account
//! when it read it. Where several of them are identical (the planner's identity: title and
//! keywords; matchrule and buttons) to one this run added or adopted, the one with the lowest
//! id is kept and the others are deleted. Every run applies the same rule to the same objects,
//! so they agree on which one stays; a delete answered "not found" means another run deleted
//! that copy first, which the delete's own check confirms. Nothing the account held when this
//! apply read it is ever a candidate, so no object the user had is deleted.
//!
//! For conditional menus the lowest menuid is also the oldest, and each run adds its menus in
//! configuration order, so the menus kept are in configuration order too: precedence holds.

use super::{NewId, PlannedStep, recover};
use crate::model::{
    Desired, Live, LiveConditionalMenu, LiveSubscribeTemplate, LiveTemplate, TagRef,
};
use crate::plan::{CopyOf, Step, TagIds, TagTarget, subscribe_template_copies, template_copies};
use std::collections::BTreeSet;

/// The deletes that leave one of each object this run added (`added` holds the addresses of
/// its adds, adopted ones included) among those not in `start` (the account as this apply
/// read it), as `after` shows them.
pub(super) fn extra_copies(
    desired: &Desired,
    start: &Live,
    after: &Live,
    added: &BTreeSet<String>,
) -> Vec<PlannedStep> {
    let mut deletes = Vec::new();
    if let Some(section) = &desired.templates {
        let names = section.items.iter().map(|t| t.name.as_str()).collect();
        let lists = (&start.templates[..], &after.templates[..]);
        let copies = |live: &[LiveTemplate]| template_copies(&section.items, live);
        deletes.extend(library(names, lists, copies, added));
    }
    if let Some(section) = &desired.subscribe_templates {
        let names = section.items.iter().map(|t| t.name.as_str()).collect();
        let lists = (
            &start.subscribe_templates[..],
            &after.subscribe_templates[..],
        );
        let copies =
            |live: &[LiveSubscribeTemplate]| subscribe_template_copies(&section.items, live);
        deletes.extend(library(names, lists, copies, added));
    }
    deletes.extend(menus(desired, start, after, added));
    deletes
}

/// `after` without what `deleted` (steps made by [`extra_copies`]) removed.
pub(super) fn forget(after: &mut Live, deleted: &[PlannedStep]) {
    for planned in deleted {
        match &planned.step {
            Step::DeleteTemplate { template_id, .. } => {
                after.templates.retain(|t| t.template_id != *template_id);
            }
            Step::DeleteSubscribeTemplate { pri_tmpl_id, .. } => {
                after
                    .subscribe_templates
                    .retain(|t| t.pri_tmpl_id != *pri_tmpl_id);
            }
            Step::DeleteConditionalMenu { menuid } => {
                after.conditional_menus.retain(|m| m.menuid != *menuid);
            }
            _ => {}
        }
    }
}

/// A live library template, as far as copies are concerned.
trait Listed: Clone {
    /// The address prefix of a configured one (`template`).
    const RESOURCE: &'static str;
    fn id(&self) -> &str;
    fn new_id(&self) -> NewId;
    fn delete(&self) -> Step;
}

impl Listed for LiveTemplate {
    const RESOURCE: &'static str = "template";

    fn id(&self) -> &str {
        &self.template_id
    }

    fn new_id(&self) -> NewId {
        NewId::Template(self.template_id.clone())
    }

    fn delete(&self) -> Step {
        Step::DeleteTemplate {
            template_id: self.template_id.clone(),
            title: self.title.clone(),
        }
    }
}

impl Listed for LiveSubscribeTemplate {
    const RESOURCE: &'static str = "subscribe_template";

    fn id(&self) -> &str {
        &self.pri_tmpl_id
    }

    fn new_id(&self) -> NewId {
        NewId::SubscribeTemplate(self.pri_tmpl_id.clone())
    }

    fn delete(&self) -> Step {
        Step::DeleteSubscribeTemplate {
            pri_tmpl_id: self.pri_tmpl_id.clone(),
            title: self.title.clone(),
        }
    }
}

/// The copies among the new objects of one library section (`lists`: at the start, after),
/// paired with the configured items (`names`) by the planner's own pairing (`copies`), which
/// keeps the first of each: sorted by id, that is the lowest.
fn library<L: Listed>(
    names: Vec<&str>,
    (start, after): (&[L], &[L]),
    copies: impl Fn(&[L]) -> Vec<CopyOf>,
    added: &BTreeSet<String>,
) -> Vec<PlannedStep> {
    let old: BTreeSet<&str> = start.iter().map(Listed::id).collect();
    let mut new: Vec<L> = after
        .iter()
        .filter(|l| !old.contains(l.id()))
        .cloned()
        .collect();
    new.sort_by(|a, b| a.id().cmp(b.id()));
    copies(&new)
        .into_iter()
        .filter_map(|copy| {
            let address = format!("{}.{}", L::RESOURCE, names[copy.item]);
            let (copied, kept) = (&new[copy.copy], &new[copy.kept]);
            added
                .contains(&address)
                .then(|| copy_step(address, copied.new_id(), kept.new_id(), copied.delete()))
        })
        .collect()
}

/// The new conditional menus identical to one this run added, but the oldest.
fn menus(
    desired: &Desired,
    start: &Live,
    after: &Live,
    added: &BTreeSet<String>,
) -> Vec<PlannedStep> {
    let old: BTreeSet<u64> = start.conditional_menus.iter().map(|m| m.menuid).collect();
    let tag_ids = TagIds::from_live(after);
    let mut deletes = Vec::new();
    for item in desired.conditional_menus.iter().flatten() {
        let address = format!("conditional_menu.{}", item.name);
        if !added.contains(&address) {
            continue;
        }
        let tag = match &item.matchrule.tag {
            None => None,
            Some(TagRef::Id(id)) => Some(*id),
            Some(TagRef::Name(name)) => match tag_ids.resolve(name) {
                Some(TagTarget::Live(id)) => Some(id),
                _ => continue,
            },
        };
        let platform = item.matchrule.client_platform_type;
        let mut same: Vec<&LiveConditionalMenu> = after
            .conditional_menus
            .iter()
            .filter(|m| !old.contains(&m.menuid))
            .filter(|m| recover::is_menu(m, tag, platform, &item.button))
            .collect();
        same.sort_by_key(|m| m.menuid);
        let Some((kept, others)) = same.split_first() else {
            continue;
        };
        for copy in others {
            let step = Step::DeleteConditionalMenu {
                menuid: copy.menuid,
            };
            let ids = (
                NewId::ConditionalMenu(copy.menuid),
                NewId::ConditionalMenu(kept.menuid),
            );
            deletes.push(copy_step(address.clone(), ids.0, ids.1, step));
        }
    }
    deletes
}

/// `- template.order_paid (copy template_id B; template_id A is kept)`.
fn copy_step(address: String, copy: NewId, kept: NewId, step: Step) -> PlannedStep {
    PlannedStep {
        address: format!("{address} (copy {copy}; {kept} is kept)"),
        symbol: "-",
        step,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testkit::*;

    fn added(addresses: &[&str]) -> BTreeSet<String> {
        addresses.iter().map(|a| a.to_string()).collect()
    }

    fn addresses(steps: &[PlannedStep]) -> Vec<&str> {
        steps.iter().map(|s| s.address.as_str()).collect()
    }

    /// The base configuration added to an account that had none of its templates, by this run
    /// ("m…") and by another one at the same time ("b…", "z…").
    fn doubled_template() -> (Desired, Live, Live) {
        let desired = base_desired();
        let mut start = base_live();
        start.templates.clear();
        let mut after = start.clone();
        let paid = |id| live_template(id, "订单支付成功", &["订单号", "支付金额"]);
        after.templates = vec![paid("m-mine"), paid("b-theirs"), paid("z-third")];
        (desired, start, after)
    }

    #[test]
    fn of_identical_new_templates_the_lowest_id_is_kept() {
        let (desired, start, after) = doubled_template();
        let deletes = extra_copies(&desired, &start, &after, &added(&["template.order_paid"]));
        assert_eq!(
            addresses(&deletes),
            [
                "template.order_paid (copy template_id m-mine; template_id b-theirs is kept)",
                "template.order_paid (copy template_id z-third; template_id b-theirs is kept)"
            ]
        );
        assert!(
            matches!(&deletes[0].step, Step::DeleteTemplate { template_id, .. } if template_id == "m-mine")
        );
        let mut left = after.clone();
        forget(&mut left, &deletes);
        assert_eq!(left.templates.len(), 1);
        assert_eq!(left.templates[0].template_id, "b-theirs");
    }

    #[test]
    fn what_the_account_held_before_or_this_run_did_not_add_is_left_alone() {
        let (desired, mut start, after) = doubled_template();
        // Not added by this run: another run's business.
        assert!(extra_copies(&desired, &start, &after, &added(&[])).is_empty());
        // The user's own copy, there before apply, is never a candidate.
        start.templates = vec![after.templates[1].clone()];
        let deletes = extra_copies(&desired, &start, &after, &added(&["template.order_paid"]));
        assert_eq!(
            addresses(&deletes),
            ["template.order_paid (copy template_id z-third; template_id m-mine is kept)"]
        );
    }

    #[test]
    fn of_identical_new_conditional_menus_the_oldest_is_kept() {
        let desired = base_desired();
        let start = base_live();
        let mut after = start.clone();
        // Two more of `ios`, newer than the one on the account before (which stays).
        after.conditional_menus.push(live_cond(
            208000009,
            None,
            Some(crate::model::Platform::Ios),
            "ios",
        ));
        after.conditional_menus.push(live_cond(
            208000007,
            None,
            Some(crate::model::Platform::Ios),
            "ios",
        ));
        let mut start = start;
        start.conditional_menus.retain(|m| m.menuid != 208000002);
        let deletes = extra_copies(&desired, &start, &after, &added(&["conditional_menu.ios"]));
        assert_eq!(
            addresses(&deletes),
            [
                "conditional_menu.ios (copy menuid 208000007; menuid 208000002 is kept)",
                "conditional_menu.ios (copy menuid 208000009; menuid 208000002 is kept)"
            ]
        );
        // A menu naming a tag by name is matched through the tag's live id.
        let mut vip = after.clone();
        vip.conditional_menus
            .push(live_cond(208000010, Some(100), None, "vip"));
        start.conditional_menus.retain(|m| m.menuid != 208000001);
        let deletes = extra_copies(&desired, &start, &vip, &added(&["conditional_menu.vip"]));
        assert_eq!(
            addresses(&deletes),
            ["conditional_menu.vip (copy menuid 208000010; menuid 208000001 is kept)"]
        );
    }
}
