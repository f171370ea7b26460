//! The template-message industry: a singleton set by codes, at most once a month. Changing it
//! deletes the live templates of the industries it leaves; each listed template names its
//! industry, so the plan knows which ones ([`victims`]).

use super::Plan;
use super::action::{Action, ActionKind, IndustryCodeView, IndustryView, Resource, Step};
use crate::industry_table::{code, industry_name};
use crate::model::{Desired, IndustryClass, IndustryCodes, Live, LiveIndustry, LiveTemplate};
use crate::words::plural;

/// The live templates (indexes into `live.templates`) that the plan's industry change deletes:
/// those of a known industry that is neither of the new two. A template listed without an
/// industry (test-account and custom templates), or with names no code matches, is not counted:
/// if WeChat deletes it all the same, the read-back after apply says so.
pub(crate) fn victims(desired: &Desired, live: &Live) -> Vec<usize> {
    let Some(codes) = changed_codes(desired, live) else {
        return Vec::new();
    };
    (0..live.templates.len())
        .filter(|&t| {
            let template = &live.templates[t];
            code(&template.primary_industry, &template.deputy_industry)
                .is_some_and(|code| code != codes.primary && code != codes.secondary)
        })
        .collect()
}

/// The configured codes, when they differ from the live industry.
fn changed_codes(desired: &Desired, live: &Live) -> Option<IndustryCodes> {
    let codes = desired.templates.as_ref()?.industry?;
    let unchanged = live.industry.as_ref().is_some_and(|current| {
        current.primary.code == Some(codes.primary)
            && current.secondary.code == Some(codes.secondary)
    });
    (!unchanged).then_some(codes)
}

/// "IT科技/互联网|电子商务": a listed template's industry, as WeChat names it.
pub(crate) fn template_industry(template: &LiveTemplate) -> String {
    format!("{}/{}", template.primary_industry, template.deputy_industry)
}

pub(crate) fn plan_industry(desired: &Desired, live: &Live, plan: &mut Plan) {
    let Some(codes) = desired.templates.as_ref().and_then(|t| t.industry) else {
        return;
    };
    let current = live.industry.as_ref();
    if current.is_some_and(|current| {
        current.primary.code == Some(codes.primary)
            && current.secondary.code == Some(codes.secondary)
    }) {
        return;
    }
    let victims = victims(desired, live);
    let destructive = !victims.is_empty();
    let mut warnings: Vec<String> = current
        .map(|current| unmapped_warnings(current, codes))
        .unwrap_or_default();
    warnings.push(change_warning(&victims, live));
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

/// What changing the industry costs: the month's one change, and the live templates of the
/// industry it leaves (`victims`, indexes into `live.templates`).
fn change_warning(victims: &[usize], live: &Live) -> String {
    if victims.is_empty() {
        return "the industry can be changed once a month".to_string();
    }
    let named: Vec<String> = victims
        .iter()
        .map(|&t| {
            let template = &live.templates[t];
            format!("{} ({})", template.title, template.template_id)
        })
        .collect();
    format!(
        "changing industry deletes {} of the industry it leaves: {}; allowed once a month",
        plural(victims.len(), "live template"),
        named.join(", ")
    )
}

/// Why the industry is set although it may already be the configured one: a live class whose
/// names map to no code cannot be compared with a code. wxform does not guess (that could
/// keep a wrong industry) and does not skip it (that would claim "no change" unseen): it sets
/// the configured codes, and says so, naming the class as WeChat does.
fn unmapped_warnings(current: &LiveIndustry, codes: IndustryCodes) -> Vec<String> {
    [
        ("primary", &current.primary, codes.primary),
        ("secondary", &current.secondary, codes.secondary),
    ]
    .into_iter()
    .filter(|(_, class, _)| class.code.is_none())
    .map(|(which, class, wanted)| {
        format!(
            "WeChat names the live {which} industry {}, which has no industry code wxform knows: wxform cannot tell whether it already is {wanted} ({}), so it sets the industry again",
            class_name(class),
            industry_name(wanted).unwrap_or_default()
        )
    })
    .collect()
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
