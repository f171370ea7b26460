//! Re-reading the account around a write, so that `apply` never makes a second copy of what a
//! non-idempotent add (a conditional menu, template, subscribe template or tag) creates.
//!
//! Right before a stage of such adds, their section is read again (once for the stage): an
//! identical object another run created since this apply read the account is adopted instead
//! of adding a second one (two pipelines applying at once, on different machines). After a write whose outcome is
//! unknown, the same re-read decides whether the change was made, so that `apply` neither
//! repeats the add nor gives up on a change that went through.
//!
//! Adds are recognised by what they create: an object identical to the step's (by the
//! configuration's identity: tag name, template title and keywords, conditional matchrule and
//! buttons) whose id did not exist before the call. [`Known`] holds the ids that did: those on
//! the account when this apply read it, and those each step of this apply created or adopted,
//! recorded as it ends. Adds of one stage may be under way at the same time, so an object a
//! sibling has created may be new and not yet recorded; it is never taken for this step's,
//! since two adds run at the same time only when no object can be identical to both (tags by
//! name; templates of different titles — see `Step::concurrent`).

use super::NewId;
use crate::model::{Button, Desired, Live, LiveConditionalMenu, MenuSource, Platform};
use crate::plan::Step;
use crate::wechat::{Sections, WechatError, errcodes};
use std::collections::BTreeSet;

/// WeChat's "system error": for a write it is treated like no answer, in case the platform did
/// the work before failing.
pub(super) fn is_system_error(error: &WechatError) -> bool {
    error.errcode() == Some(errcodes::SYSTEM_ERROR)
}

/// What WeChat answers when the object to delete does not exist: unknown menuid, tag id,
/// template id or priTmplId.
const NOT_FOUND: [i64; 3] = [65301, 45159, 40037];

/// `tags/create`: the name is already used (or reserved, or empty).
const TAG_NAME_USED: i64 = 45157;

/// Whether making the step twice would create two objects: such a step is preceded by a
/// re-read of its section.
pub(super) fn creates(step: &Step) -> bool {
    step.endpoint().creates
}

/// Whether the account should be re-read before the failure of `step` is believed: the write
/// may have taken effect, or (for a delete) the object may already be gone — as when
/// `menu/create` removed the conditional menus, or an earlier run deleted it without hearing
/// back.
pub(super) fn worth_checking(step: &Step, error: &WechatError) -> bool {
    let is_delete = matches!(
        step,
        Step::DeleteConditionalMenu { .. }
            | Step::DeleteTag { .. }
            | Step::DeleteTemplate { .. }
            | Step::DeleteSubscribeTemplate { .. }
    );
    let gone = is_delete
        && error
            .errcode()
            .is_some_and(|code| NOT_FOUND.contains(&code));
    // Another run may have created the tag between the re-read and this call.
    let taken = matches!(step, Step::CreateTag { .. }) && error.errcode() == Some(TAG_NAME_USED);
    error.is_outcome_unknown() || is_system_error(error) || gone || taken
}

/// Ids of conditional menus, templates and subscribe templates that existed before each add.
#[derive(Debug, Default)]
pub(super) struct Known {
    menuids: BTreeSet<u64>,
    templates: BTreeSet<String>,
    subscribe_templates: BTreeSet<String>,
}

impl Known {
    pub(super) fn from_live(live: &Live) -> Known {
        Known {
            menuids: live.conditional_menus.iter().map(|m| m.menuid).collect(),
            templates: live
                .templates
                .iter()
                .map(|t| t.template_id.clone())
                .collect(),
            subscribe_templates: live
                .subscribe_templates
                .iter()
                .map(|t| t.pri_tmpl_id.clone())
                .collect(),
        }
    }

    pub(super) fn record(&mut self, new_id: &NewId) {
        match new_id {
            NewId::ConditionalMenu(id) => {
                self.menuids.insert(*id);
            }
            NewId::Template(id) => {
                self.templates.insert(id.clone());
            }
            NewId::SubscribeTemplate(id) => {
                self.subscribe_templates.insert(id.clone());
            }
            // Found by name: any upload of that name holds the same image.
            NewId::Tag(_) | NewId::Material(_) => {}
        }
    }
}

/// The part of the account a step changes.
pub(super) fn section(step: &Step) -> Sections {
    let mut sections = Sections::default();
    match step {
        Step::RenameTag { .. } | Step::CreateTag { .. } | Step::DeleteTag { .. } => {
            sections.tags = true;
        }
        Step::SetIndustry { .. } => sections.industry = true,
        Step::DeleteTemplate { .. } | Step::AddTemplate { .. } => sections.templates = true,
        Step::DeleteSubscribeTemplate { .. } | Step::AddSubscribeTemplate { .. } => {
            sections.subscribe_templates = true;
        }
        Step::CreateMenu { .. } | Step::DeleteMenu => sections.menu = true,
        Step::DeleteConditionalMenu { .. } | Step::AddConditionalMenu { .. } => {
            sections.conditional_menus = true;
        }
        Step::UploadMaterial { .. } => sections.materials = true,
    }
    sections
}

/// The configured title and keywords of the template or subscribe template a step adds.
pub(super) fn identity<'a>(desired: &'a Desired, step: &Step) -> Option<(&'a str, &'a [String])> {
    match step {
        Step::AddTemplate { name, .. } => desired
            .templates
            .as_ref()?
            .items
            .iter()
            .find(|t| t.name == *name)
            .map(|t| (t.title.as_str(), t.keywords.as_slice())),
        Step::AddSubscribeTemplate { name, .. } => desired
            .subscribe_templates
            .as_ref()?
            .items
            .iter()
            .find(|t| t.name == *name)
            .map(|t| (t.title.as_str(), t.keywords.as_slice())),
        _ => None,
    }
}

/// Whether a live template with `title` and `keywords` is the one configured: the title must
/// match when the configuration is known, and the keywords unless none are configured (a
/// classic template then takes all of the library's).
fn same_template(
    expected: Option<(&str, &[String])>,
    title: &str,
    keywords: &[String],
    wanted: &[String],
) -> bool {
    let title_ok = expected.is_none_or(|(expected, _)| expected == title);
    title_ok && (wanted.is_empty() || wanted == keywords)
}

/// Whether `live` (the step's section, re-read) shows the change of `step`: `Some(id)` when it
/// does (with the id of what it created), `None` when it does not. An add is looked for among
/// the objects that are new since [`Known`] (the one with the lowest id, if several: the one
/// [`super::copies`] keeps); any other change is checked in place. `desired` gives a template's
/// identity.
pub(super) fn effect(
    live: &Live,
    desired: &Desired,
    step: &Step,
    tag_id: Option<u64>,
    known: &Known,
) -> Option<Option<NewId>> {
    let new_id = match step {
        Step::CreateTag { name } => live
            .tags
            .iter()
            .find(|t| t.name == *name)
            .map(|t| NewId::Tag(t.id)),
        Step::AddTemplate { keywords, .. } => {
            added_template(live, identity(desired, step), keywords, known)
        }
        Step::AddSubscribeTemplate { .. } => {
            added_subscribe_template(live, identity(desired, step), known)
        }
        Step::AddConditionalMenu {
            matchrule, button, ..
        } => added_conditional_menu(live, tag_id, matchrule.client_platform_type, button, known),
        // The name carries the content's hash: an upload of that name is this image.
        Step::UploadMaterial { name, .. } => live
            .materials
            .as_ref()
            .and_then(|listing| listing.find(name))
            .map(|media_id| NewId::Material(media_id.to_string())),
        other => return changed_in_place(live, other).then_some(None),
    };
    new_id.map(Some)
}

/// Whether `live` shows a rename, set or delete: the object has its new value, or is gone.
fn changed_in_place(live: &Live, step: &Step) -> bool {
    match step {
        Step::RenameTag { id, to, .. } => live.tags.iter().any(|t| t.id == *id && t.name == *to),
        Step::DeleteTag { id, .. } => live.tags.iter().all(|t| t.id != *id),
        Step::SetIndustry { primary, secondary } => live.industry.as_ref().is_some_and(|i| {
            i.primary.code == Some(*primary) && i.secondary.code == Some(*secondary)
        }),
        Step::DeleteTemplate { template_id, .. } => {
            live.templates.iter().all(|t| t.template_id != *template_id)
        }
        Step::DeleteSubscribeTemplate { pri_tmpl_id, .. } => live
            .subscribe_templates
            .iter()
            .all(|t| t.pri_tmpl_id != *pri_tmpl_id),
        Step::CreateMenu { button } => live
            .menu
            .as_ref()
            .is_some_and(|m| m.source == MenuSource::Api && m.button == *button),
        Step::DeleteMenu => live.menu.is_none(),
        Step::DeleteConditionalMenu { menuid } => {
            live.conditional_menus.iter().all(|m| m.menuid != *menuid)
        }
        // Adds are found by what they create (see `effect`).
        Step::CreateTag { .. }
        | Step::AddTemplate { .. }
        | Step::AddSubscribeTemplate { .. }
        | Step::AddConditionalMenu { .. }
        | Step::UploadMaterial { .. } => false,
    }
}

/// A template new since `known` that is the configured one (`expected`, with the step's
/// `keywords`).
fn added_template(
    live: &Live,
    expected: Option<(&str, &[String])>,
    keywords: &[String],
    known: &Known,
) -> Option<NewId> {
    live.templates
        .iter()
        .filter(|t| !known.templates.contains(&t.template_id))
        .filter(|t| same_template(expected, &t.title, &t.keywords, keywords))
        .min_by(|a, b| a.template_id.cmp(&b.template_id))
        .map(|t| NewId::Template(t.template_id.clone()))
}

/// A subscribe template new since `known` with the configured title and keywords (`expected`).
fn added_subscribe_template(
    live: &Live,
    expected: Option<(&str, &[String])>,
    known: &Known,
) -> Option<NewId> {
    let wanted = expected.map_or(&[][..], |(_, keywords)| keywords);
    live.subscribe_templates
        .iter()
        .filter(|t| !known.subscribe_templates.contains(&t.pri_tmpl_id))
        .filter(|t| same_template(expected, &t.title, &t.keywords, wanted))
        .min_by(|a, b| a.pri_tmpl_id.cmp(&b.pri_tmpl_id))
        .map(|t| NewId::SubscribeTemplate(t.pri_tmpl_id.clone()))
}

/// A conditional menu new since `known` with the step's matchrule (`tag_id` resolved, no retired
/// fields) and buttons.
fn added_conditional_menu(
    live: &Live,
    tag_id: Option<u64>,
    platform: Option<Platform>,
    button: &[Button],
    known: &Known,
) -> Option<NewId> {
    live.conditional_menus
        .iter()
        .filter(|m| !known.menuids.contains(&m.menuid))
        .filter(|m| is_menu(m, tag_id, platform, button))
        .min_by_key(|m| m.menuid)
        .map(|m| NewId::ConditionalMenu(m.menuid))
}

/// Whether `menu` is the conditional menu with this matchrule (`tag_id` resolved, no retired
/// fields) and these buttons: the configuration's identity of a conditional menu.
pub(super) fn is_menu(
    menu: &LiveConditionalMenu,
    tag_id: Option<u64>,
    platform: Option<Platform>,
    button: &[Button],
) -> bool {
    menu.matchrule.retired.is_empty()
        && menu.matchrule.tag_id == tag_id
        && menu.matchrule.client_platform_type == platform
        && menu.button == *button
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DesiredMatchRule;
    use crate::model::{LiveMatchRule, LiveTag};

    fn none() -> Desired {
        Desired::default()
    }

    fn add_menu() -> Step {
        Step::AddConditionalMenu {
            name: "vip".into(),
            matchrule: DesiredMatchRule {
                tag: None,
                client_platform_type: Some(Platform::Ios),
            },
            button: vec![Button {
                name: "A".into(),
                kind: Some("click".into()),
                key: Some("A".into()),
                ..Button::default()
            }],
        }
    }

    fn menu(menuid: u64, tag_id: Option<u64>) -> LiveConditionalMenu {
        let Step::AddConditionalMenu { button, .. } = add_menu() else {
            unreachable!()
        };
        LiveConditionalMenu {
            menuid,
            matchrule: LiveMatchRule {
                tag_id,
                client_platform_type: Some(Platform::Ios),
                ..LiveMatchRule::default()
            },
            button,
        }
    }

    #[test]
    fn an_add_is_found_only_as_a_new_matching_object() {
        let before = Live {
            conditional_menus: vec![menu(10, Some(100))],
            ..Live::default()
        };
        let known = Known::from_live(&before);
        // The same menu existed before: not this step's doing.
        let mut after = before.clone();
        assert_eq!(
            effect(&after, &none(), &add_menu(), Some(100), &known),
            None
        );
        // Another tag: not a match.
        after.conditional_menus.push(menu(11, Some(101)));
        assert_eq!(
            effect(&after, &none(), &add_menu(), Some(100), &known),
            None
        );
        after.conditional_menus.push(menu(12, Some(100)));
        assert_eq!(
            effect(&after, &none(), &add_menu(), Some(100), &known),
            Some(Some(NewId::ConditionalMenu(12)))
        );
    }

    #[test]
    fn a_template_is_adopted_only_with_the_configured_title_and_keywords() {
        use crate::model::DesiredTemplates;
        use crate::plan::testkit::{live_template, template};
        let desired = Desired {
            templates: Some(DesiredTemplates {
                items: vec![template("paid", "TM00015", "订单支付成功", &[])],
                ..DesiredTemplates::default()
            }),
            ..Desired::default()
        };
        let add = Step::AddTemplate {
            name: "paid".into(),
            short_id: "TM00015".into(),
            keywords: vec![],
        };
        let mut live = Live {
            templates: vec![live_template("old", "订单支付成功", &["订单号"])],
            ..Live::default()
        };
        let known = Known::from_live(&live);
        // Made before this apply read the account, or another template: not adopted.
        live.templates
            .push(live_template("other", "发货提醒", &["订单号"]));
        assert_eq!(effect(&live, &desired, &add, None, &known), None);
        live.templates
            .push(live_template("new", "订单支付成功", &["订单号"]));
        assert_eq!(
            effect(&live, &desired, &add, None, &known),
            Some(Some(NewId::Template("new".into())))
        );
        assert!(creates(&add));
        assert!(!creates(&Step::CreateMenu { button: vec![] }));
    }

    #[test]
    fn tags_are_found_by_name_and_deletes_by_absence() {
        let live = Live {
            tags: vec![LiveTag {
                id: 105,
                name: "VIP".into(),
                count: 0,
            }],
            ..Live::default()
        };
        let known = Known::default();
        let create = Step::CreateTag { name: "VIP".into() };
        assert_eq!(
            effect(&live, &none(), &create, None, &known),
            Some(Some(NewId::Tag(105)))
        );
        let delete = |id| Step::DeleteTag {
            id,
            name: "x".into(),
        };
        assert_eq!(effect(&live, &none(), &delete(105), None, &known), None);
        assert_eq!(
            effect(&live, &none(), &delete(106), None, &known),
            Some(None)
        );
        let rename = Step::RenameTag {
            id: 105,
            from: "beta".into(),
            to: "VIP".into(),
        };
        assert_eq!(effect(&live, &none(), &rename, None, &known), Some(None));
    }

    #[test]
    fn unanswered_writes_system_errors_and_missing_objects_are_checked() {
        let unknown = WechatError::OutcomeUnknown {
            endpoint: "menu/addconditional",
            host: "h".into(),
            detail: "timed out".into(),
        };
        let api = |errcode| {
            WechatError::Api(crate::wechat::ApiError {
                endpoint: "tags/create",
                errcode,
                errmsg: String::new(),
                advice: String::new(),
            })
        };
        let create = Step::CreateTag { name: "VIP".into() };
        let delete = Step::DeleteTag {
            id: 100,
            name: "VIP".into(),
        };
        assert!(worth_checking(&create, &unknown));
        assert!(worth_checking(&create, &api(-1)));
        assert!(worth_checking(&create, &api(45157)), "made by another run?");
        assert!(!worth_checking(&create, &api(45159)));
        assert!(worth_checking(&delete, &api(45159)), "already gone?");
        assert!(!worth_checking(&delete, &api(45058)));
    }
}
