//! The order of a plan's calls, stated in one place: the lane each step runs in, which lanes a
//! lane waits for, the order of the stages within a lane ([`Step::phase`]), and which stages may
//! make their calls at the same time ([`Step::concurrent`]).
//!
//! `apply` runs the lanes side by side; each waits only for what it depends on:
//!
//! ```text
//! tags:                 renames → creates ─────────────┐
//! templates:            industry → deletes → adds       ├─→ conditional menus: deletes → adds ─→ tag deletes
//! subscribe templates:  deletes → adds                  │
//! materials: uploads ─→ default menu: create or delete ─┘
//! ```
//!
//! A lane also waits for what the lanes it waits for wait for, so along every chain of
//! dependencies the design's order holds (tags → industry → template deletes → template adds →
//! image uploads → default menu → conditional deletes → conditional adds → tag deletes); lanes with no chain
//! between them no longer wait for each other. [`Step::phase`] is that whole order: it orders
//! the stages of a lane, and it lists a plan's steps — in plans, in progress and in failure
//! reports — in one order, whatever the timing.

use super::action::Step;

/// A sequence of stages that `apply` runs on its own, once the lanes it waits for have ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lane {
    /// Renames, then creates.
    Tags,
    /// The industry, then template deletes, then template adds.
    Templates,
    /// Subscribe template deletes, then adds.
    SubscribeTemplates,
    /// `menu/create` or `menu/delete`.
    DefaultMenu,
    /// Conditional menu deletes, then adds in configuration order.
    ConditionalMenus,
    TagDeletes,
    /// Uploads of the images buttons name by file.
    Materials,
}

impl Lane {
    pub const ALL: [Lane; 7] = [
        Lane::Tags,
        Lane::Templates,
        Lane::SubscribeTemplates,
        Lane::DefaultMenu,
        Lane::ConditionalMenus,
        Lane::TagDeletes,
        Lane::Materials,
    ];

    /// The lanes that must have ended before this one starts.
    pub fn waits_for(self) -> &'static [Lane] {
        match self {
            // Tags, the industry with its templates (templates belong to an industry, and an
            // industry change may delete some), subscribe templates (which belong to categories,
            // not to the industry) and the default menu are separate parts of the account: no
            // call of one changes what a call of another needs.
            Lane::Tags | Lane::Templates | Lane::SubscribeTemplates | Lane::Materials => &[],
            // A button may send an image this apply uploads: it gets the upload's id.
            Lane::DefaultMenu => &[Lane::Materials],
            // A matchrule may name a tag this apply creates or renames; WeChat adds a
            // conditional menu only beside an API default menu (65303), and `menu/delete`
            // removes every conditional menu, so deletes after it find theirs gone.
            Lane::ConditionalMenus => &[Lane::Tags, Lane::DefaultMenu, Lane::Materials],
            // A conditional menu may point at the tag until it is replaced.
            Lane::TagDeletes => &[Lane::ConditionalMenus],
        }
    }
}

impl Step {
    /// The lane the step runs in.
    pub fn lane(&self) -> Lane {
        match self {
            Step::RenameTag { .. } | Step::CreateTag { .. } => Lane::Tags,
            Step::SetIndustry { .. } | Step::DeleteTemplate { .. } | Step::AddTemplate { .. } => {
                Lane::Templates
            }
            Step::DeleteSubscribeTemplate { .. } | Step::AddSubscribeTemplate { .. } => {
                Lane::SubscribeTemplates
            }
            Step::CreateMenu { .. } | Step::DeleteMenu => Lane::DefaultMenu,
            Step::DeleteConditionalMenu { .. } | Step::AddConditionalMenu { .. } => {
                Lane::ConditionalMenus
            }
            Step::DeleteTag { .. } => Lane::TagDeletes,
            Step::UploadMaterial { .. } => Lane::Materials,
        }
    }

    /// Position in the safe write order; within a lane, its stages in order. Tags first
    /// (conditional menus may need them), industry before templates (templates belong to an
    /// industry), deletes before adds (capacity), the default menu before conditional menus
    /// (WeChat needs it), tag deletes last (a menu may still point at the tag until it is
    /// replaced). Renames before creates: a rename may free the name a create takes. Uploads
    /// before every menu (a button may send the image).
    pub fn phase(&self) -> u8 {
        match self {
            Step::RenameTag { .. } => 0,
            Step::CreateTag { .. } => 1,
            Step::SetIndustry { .. } => 2,
            Step::DeleteTemplate { .. } => 3,
            Step::AddTemplate { .. } => 4,
            Step::DeleteSubscribeTemplate { .. } => 5,
            Step::AddSubscribeTemplate { .. } => 6,
            Step::UploadMaterial { .. } => 7,
            Step::CreateMenu { .. } | Step::DeleteMenu => 8,
            Step::DeleteConditionalMenu { .. } => 9,
            Step::AddConditionalMenu { .. } => 10,
            Step::DeleteTag { .. } => 11,
        }
    }

    /// Whether the steps of this step's stage may be made at the same time (at most
    /// [`AT_ONCE`]); otherwise they are made one after the other, in plan order.
    pub fn concurrent(&self) -> bool {
        match self {
            // Each names its own object: a tag name is unique on the account, and a deleted id
            // is one object. Deleting a conditional menu leaves the creation order (the
            // precedence) of the others as it was.
            Step::CreateTag { .. }
            | Step::DeleteTag { .. }
            | Step::DeleteTemplate { .. }
            | Step::DeleteSubscribeTemplate { .. }
            | Step::DeleteConditionalMenu { .. } => true,
            // The configuration gives each template its own title and keywords, so what one
            // add creates is never taken for what another creates. `apply` still makes two
            // adds of one title one after the other: a classic template configured without
            // keywords is recognised by its title alone.
            Step::AddTemplate { .. } | Step::AddSubscribeTemplate { .. } => true,
            // Each uploads its own image under its own name.
            Step::UploadMaterial { .. } => true,
            // A rename may free the name another rename takes. Conditional menus are matched
            // newest first, so the order of their adds is their precedence.
            Step::RenameTag { .. } | Step::AddConditionalMenu { .. } => false,
            // One per plan.
            Step::SetIndustry { .. } | Step::CreateMenu { .. } | Step::DeleteMenu => false,
        }
    }
}

/// At most this many calls of one stage are made at a time: a plan may delete or add dozens of
/// objects, and WeChat counts every account's calls per minute (45011).
pub const AT_ONCE: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testkit::one_of_each_step;

    /// Every lane `lane` waits for, directly or not.
    fn before(lane: Lane) -> Vec<Lane> {
        let mut found: Vec<Lane> = lane.waits_for().to_vec();
        let mut at = 0;
        while at < found.len() {
            for &earlier in found[at].waits_for() {
                if !found.contains(&earlier) {
                    found.push(earlier);
                }
            }
            at += 1;
        }
        found
    }

    #[test]
    fn each_phase_belongs_to_one_lane() {
        let lanes: Vec<(u8, Lane)> = one_of_each_step()
            .iter()
            .map(|s| (s.phase(), s.lane()))
            .collect();
        use Lane::*;
        assert_eq!(
            lanes,
            [
                (0, Tags),
                (1, Tags),
                (2, Templates),
                (3, Templates),
                (4, Templates),
                (5, SubscribeTemplates),
                (6, SubscribeTemplates),
                (7, Materials),
                (8, DefaultMenu),
                (8, DefaultMenu),
                (9, ConditionalMenus),
                (10, ConditionalMenus),
                (11, TagDeletes)
            ]
        );
    }

    #[test]
    fn the_design_order_holds_along_every_dependency() {
        // Whenever one lane waits for another, all of the other's phases come first.
        for step in one_of_each_step() {
            for earlier in before(step.lane()) {
                for other in one_of_each_step().iter().filter(|s| s.lane() == earlier) {
                    assert!(other.phase() < step.phase(), "{other:?} before {step:?}");
                }
            }
        }
        assert_eq!(
            before(Lane::TagDeletes),
            [
                Lane::ConditionalMenus,
                Lane::Tags,
                Lane::DefaultMenu,
                Lane::Materials
            ]
        );
        assert!(before(Lane::Templates).is_empty());
    }

    #[test]
    fn conditional_adds_and_renames_are_made_one_at_a_time() {
        let sequential: Vec<u8> = one_of_each_step()
            .iter()
            .filter(|step| !step.concurrent())
            .map(Step::phase)
            .collect();
        // A rename, an industry, the default menu (created or deleted), a conditional add.
        assert_eq!(sequential, [0, 2, 8, 8, 10]);
        assert!(Lane::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
