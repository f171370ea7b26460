//! The steps of a plan as `apply` runs them: in the safe write order, each carrying the address
//! of the action it came from and a symbol for what its call does there, for progress lines and
//! reports.

use super::{ActionKind, Plan, Step};

/// One step of a plan, with the address and symbol of the action it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStep {
    pub address: String,
    /// `+`, `-` or `~`: what this call does to the address (a replace is a `-` and a `+`).
    pub symbol: &'static str,
    pub step: Step,
}

impl Plan {
    /// [`Plan::apply_steps`], each step labelled by the action that lists it.
    pub fn planned_steps(&self) -> Vec<PlannedStep> {
        let mut steps: Vec<PlannedStep> = self
            .actions
            .iter()
            .flat_map(|action| {
                action.steps.iter().map(|step| PlannedStep {
                    address: action.address.clone(),
                    symbol: symbol(action.kind, step),
                    step: step.clone(),
                })
            })
            .collect();
        // A stable sort: within a phase the plan's own order holds, as in `apply_steps`.
        steps.sort_by_key(|planned| planned.step.phase());
        steps
    }
}

fn symbol(kind: ActionKind, step: &Step) -> &'static str {
    match step {
        Step::DeleteTemplate { .. }
        | Step::DeleteSubscribeTemplate { .. }
        | Step::DeleteMenu
        | Step::DeleteConditionalMenu { .. }
        | Step::DeleteTag { .. } => "-",
        Step::CreateTag { .. }
        | Step::AddTemplate { .. }
        | Step::AddSubscribeTemplate { .. }
        | Step::AddConditionalMenu { .. }
        | Step::UploadMaterial { .. } => "+",
        Step::RenameTag { .. } | Step::SetIndustry { .. } | Step::CreateMenu { .. } => {
            if kind == ActionKind::Create { "+" } else { "~" }
        }
    }
}
