//! After a complete apply: read back the sections it touched, so the command can plan again
//! and show anything WeChat stored differently from what was sent (a truncated field, a
//! `menu/create` that dropped the conditional menus, a template title that is not the
//! library's).

use super::PlannedStep;
use super::recover::section;
use crate::model::{Live, LiveTemplate};
use crate::plan::{Plan, Resource, Step};
use crate::wechat::{Client, Sections, WechatError, read_live};

/// Every section `steps` may have changed. `menu/create` and `menu/delete` can remove
/// conditional menus, and an industry change can remove templates, so those are included.
pub fn touched_sections(steps: &[PlannedStep]) -> Sections {
    let mut touched = Sections::default();
    for planned in steps {
        touched = touched.union(section(&planned.step));
        match planned.step {
            Step::CreateMenu { .. } | Step::DeleteMenu => touched.conditional_menus = true,
            Step::SetIndustry { .. } => touched.templates = true,
            _ => {}
        }
    }
    touched
}

/// `before` (the state apply started from) with the `touched` sections read again.
pub fn read_back(client: &Client, before: &Live, touched: Sections) -> Result<Live, WechatError> {
    let fresh = read_live(client, touched)?;
    let mut after = before.clone();
    if touched.menu {
        after.menu = fresh.menu;
    }
    if touched.conditional_menus {
        after.conditional_menus = fresh.conditional_menus;
    }
    if touched.tags {
        after.tags = fresh.tags;
    }
    if touched.industry {
        after.industry = fresh.industry;
    }
    if touched.templates {
        after.templates = fresh.templates;
    }
    if touched.subscribe_templates {
        after.subscribe_templates = fresh.subscribe_templates;
    }
    if touched.materials {
        after.materials = fresh.materials;
    }
    Ok(after)
}

/// What the read-back shows about why the account differs from what `applied` planned, when
/// the cause is visible: templates that the industry change deleted although the plan did not
/// expect it, or kept although the plan expected it to delete them.
pub fn visible_cause(applied: &Plan, before: &Live, after: &Live) -> Option<String> {
    let steps = applied.apply_steps();
    if !steps.iter().any(|s| matches!(s, Step::SetIndustry { .. })) {
        return None;
    }
    let deleted_by_a_call = |id: &str| {
        steps
            .iter()
            .any(|s| matches!(s, Step::DeleteTemplate { template_id, .. } if template_id == id))
    };
    // The plan's own list of templates the industry change deletes: deletes without a call.
    let expected: Vec<&str> = applied
        .actions
        .iter()
        .filter(|a| a.steps.is_empty())
        .filter_map(|a| match &a.before {
            Some(Resource::Template(view)) => view.template_id.as_deref(),
            _ => None,
        })
        .collect();
    let present = |id: &str| after.templates.iter().any(|t| t.template_id == id);
    let gone: Vec<&LiveTemplate> = before
        .templates
        .iter()
        .filter(|t| !present(&t.template_id))
        .filter(|t| {
            !deleted_by_a_call(&t.template_id) && !expected.contains(&t.template_id.as_str())
        })
        .collect();
    let kept: Vec<&LiveTemplate> = before
        .templates
        .iter()
        .filter(|t| expected.contains(&t.template_id.as_str()) && present(&t.template_id))
        .collect();
    let mut causes = Vec::new();
    if !gone.is_empty() {
        causes.push(format!(
            "changing the industry also deleted {}, which the plan expected to keep",
            listed(&gone)
        ));
    }
    if !kept.is_empty() {
        causes.push(format!(
            "changing the industry kept {}, which the plan expected it to delete",
            listed(&kept)
        ));
    }
    (!causes.is_empty()).then(|| causes.join("; and "))
}

/// "订单支付成功 (Doclyl…), 领取奖金提醒 (iPk5…)".
fn listed(templates: &[&LiveTemplate]) -> String {
    let named: Vec<String> = templates
        .iter()
        .map(|t| format!("{} ({})", t.title, t.template_id))
        .collect();
    named.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(step: Step) -> PlannedStep {
        PlannedStep {
            address: "x".into(),
            symbol: "~",
            step,
        }
    }

    #[test]
    fn menu_and_industry_changes_touch_what_they_may_remove() {
        let touched = touched_sections(&[
            planned(Step::CreateMenu { button: vec![] }),
            planned(Step::SetIndustry {
                primary: 1,
                secondary: 2,
            }),
        ]);
        assert!(touched.menu && touched.conditional_menus);
        assert!(touched.industry && touched.templates);
        assert!(!touched.tags && !touched.subscribe_templates);
    }

    #[test]
    fn a_tag_change_touches_only_tags() {
        let touched = touched_sections(&[planned(Step::CreateTag { name: "VIP".into() })]);
        assert_eq!(
            touched,
            Sections {
                tags: true,
                ..Sections::default()
            }
        );
    }

    /// An account on industries 1/4 with a template of each, planned onto 1/2: the plan expects
    /// the industry change to delete the template of industry 4.
    fn leaving_industry_4() -> (Plan, Live) {
        use crate::plan::testkit::{live_template, scenario_industry_changed};
        let (desired, mut live) = scenario_industry_changed();
        let mut electronics = live_template("ELEC", "维修进度通知", &["工单号"]);
        electronics.deputy_industry = "电子技术".into();
        live.templates.push(electronics);
        (crate::plan::plan(&desired, &live), live)
    }

    #[test]
    fn the_cause_names_templates_deleted_or_kept_against_the_plan() {
        let (plan, before) = leaving_industry_4();
        let mut as_planned = before.clone();
        as_planned.templates.retain(|t| t.template_id != "ELEC");
        assert_eq!(visible_cause(&plan, &before, &as_planned), None);
        assert_eq!(
            visible_cause(&plan, &before, &before).as_deref(),
            Some(
                "changing the industry kept 维修进度通知 (ELEC), which the plan expected it to delete"
            )
        );
        let mut all_gone = before.clone();
        all_gone.templates.clear();
        let cause = visible_cause(&plan, &before, &all_gone).unwrap();
        assert!(
            cause.starts_with("changing the industry also deleted 订单支付成功 (Doclyl"),
            "{cause}"
        );
        assert!(
            cause.ends_with("which the plan expected to keep"),
            "{cause}"
        );
    }

    #[test]
    fn without_an_industry_change_there_is_no_visible_cause() {
        let (desired, live) = crate::plan::testkit::scenario_template_added_and_deleted();
        let plan = crate::plan::plan(&desired, &live);
        let mut after = live.clone();
        after.templates.clear();
        assert_eq!(visible_cause(&plan, &live, &after), None);
    }
}
