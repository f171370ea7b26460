//! The steps of a plan as `apply` runs them: each labelled with the address of its action and
//! a symbol for what the call does there, for progress lines and reports.

use crate::plan::{Action, ActionKind, Step};

/// One step of a plan, with the address and symbol of the action it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStep {
    pub address: String,
    /// `+`, `-` or `~`: what this call does to the address (a replace is a `-` and a `+`).
    pub symbol: &'static str,
    pub step: Step,
}

/// `steps` (already in apply order, as [`crate::plan::Plan::apply_steps`] or a saved plan gives
/// them), each labelled with the address of the action that lists it.
pub fn label_steps(actions: &[Action], steps: &[Step]) -> Vec<PlannedStep> {
    let mut used = vec![0usize; actions.len()];
    steps
        .iter()
        .map(|step| {
            // Identical steps in two actions are labelled in action order.
            let found = actions.iter().enumerate().find(|(index, action)| {
                action.steps.iter().filter(|s| *s == step).count() > used[*index]
            });
            let (address, kind) = match found {
                Some((index, action)) => {
                    used[index] += 1;
                    (action.address.clone(), action.kind)
                }
                None => (fallback_address(step), ActionKind::Update),
            };
            PlannedStep {
                address,
                symbol: symbol(kind, step),
                step: step.clone(),
            }
        })
        .collect()
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
        | Step::AddConditionalMenu { .. } => "+",
        Step::RenameTag { .. } | Step::SetIndustry { .. } | Step::CreateMenu { .. } => {
            if kind == ActionKind::Create { "+" } else { "~" }
        }
    }
}

/// An address for a step no action lists. A computed plan has none (`apply --plan` applies the
/// plan computed now, never the file's steps), but a label must never be missing.
fn fallback_address(step: &Step) -> String {
    match step {
        Step::RenameTag { to, .. } => format!("tag.{to}"),
        Step::CreateTag { name } => format!("tag.{name}"),
        Step::DeleteTag { id, .. } => format!("tag[id={id}]"),
        Step::SetIndustry { .. } => "industry".to_string(),
        Step::DeleteTemplate { template_id, .. } => format!("template[id={template_id}]"),
        Step::AddTemplate { name, .. } => format!("template.{name}"),
        Step::DeleteSubscribeTemplate { pri_tmpl_id, .. } => {
            format!("subscribe_template[id={pri_tmpl_id}]")
        }
        Step::AddSubscribeTemplate { name, .. } => format!("subscribe_template.{name}"),
        Step::CreateMenu { .. } | Step::DeleteMenu => "menu".to_string(),
        Step::DeleteConditionalMenu { menuid } => format!("conditional_menu[menuid={menuid}]"),
        Step::AddConditionalMenu { name, .. } => format!("conditional_menu.{name}"),
    }
}
