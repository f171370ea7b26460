//! The template-message industry: a singleton set by codes, at most once a month, and changing it
//! may delete the templates of the old industry.

use super::Plan;
use super::action::{Action, ActionKind, IndustryCodeView, IndustryView, Resource, Step};
use crate::industry::industry_name;
use crate::model::{Desired, IndustryClass, Live};

pub(crate) fn plan_industry(desired: &Desired, live: &Live, plan: &mut Plan) {
    let Some(codes) = desired.templates.as_ref().and_then(|t| t.industry) else {
        return;
    };
    let current = live.industry.as_ref();
    if let Some(current) = current {
        if current.primary.code == Some(codes.primary)
            && current.secondary.code == Some(codes.secondary)
        {
            return;
        }
        if current.primary.code.is_none() || current.secondary.code.is_none() {
            plan.notes.push(format!(
                "the live industry ({} / {}) has no known industry code, so it is set again",
                class_name(&current.primary),
                class_name(&current.secondary)
            ));
        }
    }
    let mut warnings = vec!["the industry can be changed once a month".to_string()];
    let destructive = current.is_some() && !live.templates.is_empty();
    if destructive {
        warnings = vec![format!(
            "changing industry may delete templates of the old industry ({} live); allowed once a month",
            live.templates.len()
        )];
    }
    plan.actions.push(Action {
        address: "industry".into(),
        kind: if current.is_some() {
            ActionKind::Update
        } else {
            ActionKind::Create
        },
        before: current.map(|c| {
            Resource::Industry(IndustryView {
                primary: live_code(&c.primary),
                secondary: live_code(&c.secondary),
            })
        }),
        after: Some(Resource::Industry(IndustryView {
            primary: desired_code(codes.primary, current.map(|c| &c.primary)),
            secondary: desired_code(codes.secondary, current.map(|c| &c.secondary)),
        })),
        warnings,
        destructive,
        steps: vec![Step::SetIndustry {
            primary: codes.primary,
            secondary: codes.secondary,
        }],
    });
}

fn class_name(class: &IndustryClass) -> String {
    format!("{}/{}", class.first_class, class.second_class)
}

fn live_code(class: &IndustryClass) -> IndustryCodeView {
    IndustryCodeView {
        code: class.code,
        name: Some(class_name(class)),
    }
}

/// The desired code, named as WeChat names it live when the code is unchanged (so that only
/// real changes show in the diff), else by the code table.
fn desired_code(code: u8, live: Option<&IndustryClass>) -> IndustryCodeView {
    let name = match live {
        Some(class) if class.code == Some(code) => Some(class_name(class)),
        _ => industry_name(code),
    };
    IndustryCodeView {
        code: Some(code),
        name,
    }
}
