//! Phone previews: what each audience's menu looks like, on the live account and after apply.
//!
//! An audience is the default menu or one conditional menu. [`build`] lines up the live and the
//! configured menu of every audience from the planner's own decisions (its actions and their
//! matching of live menus to configured ones), so a preview never disagrees with the plan it
//! stands beside. [`configured`] shows the configuration alone, when there is no live state.
//! Which buttons were added, removed or changed is decided in `pairing`, the words for
//! matchrules and button actions in `words`; `render::preview` only draws.

mod pairing;
mod words;

#[cfg(test)]
mod tests;

pub use pairing::{ButtonMarks, Change, Mark, Marks, compare};
pub use words::{action_caption, action_words, link_host, rule_words};

use crate::model::{Button, Desired, DesiredConditionalMenu, Live, TagRef};
use crate::plan::{Action, ActionKind, Plan, Resource, TagIds};

/// Every audience of one account, in the order a reviewer reads them: the default menu, the
/// configured conditional menus in configuration order, then live menus that go away or that
/// the configuration does not manage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The account, when known.
    pub appid: Option<String>,
    /// Whether the live side is known (credentials or a snapshot).
    pub with_live: bool,
    pub audiences: Vec<Audience>,
    /// Why the plan beside this preview cannot be applied, if it cannot.
    pub errors: Vec<String>,
}

/// One audience: who sees the menu and what they see before and after apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    /// The configuration's name (`vip-ios`), "default menu", or `menuid N` for a live menu the
    /// configuration does not name.
    pub name: String,
    /// The default menu (every follower no conditional menu matches).
    pub default: bool,
    /// Who matches, in words: "VIP · iOS"; "everyone else" for the default menu.
    pub rule: String,
    /// The live menu; `None` when this audience has no menu of its own today.
    pub before: Option<Vec<Button>>,
    /// The menu after apply; `None` when apply removes it.
    pub after: Option<Vec<Button>>,
    pub status: Status,
}

/// What happens to an audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Only the configuration is known.
    Configured,
    /// Live and configured menus are the same.
    Unchanged,
    /// Both exist and differ.
    Changed,
    /// A menu this audience does not have today.
    Appears,
    /// Apply removes this audience's menu.
    Disappears,
    /// Live, and left alone: the configuration does not manage it.
    NotManaged,
}

impl Status {
    /// Short words for the audience's badge.
    pub fn words(self) -> &'static str {
        match self {
            Status::Configured => "configured",
            Status::Unchanged => "unchanged",
            Status::Changed => "changes",
            Status::Appears => "new menu",
            Status::Disappears => "menu removed",
            Status::NotManaged => "not managed",
        }
    }

    /// Whether followers in this audience will see something different.
    pub fn is_change(self) -> bool {
        matches!(self, Status::Changed | Status::Appears | Status::Disappears)
    }
}

pub const DEFAULT_MENU: &str = "default menu";
const EVERYONE_ELSE: &str = "everyone else";

/// The configuration alone: every configured menu, as it will look.
pub fn configured(desired: &Desired) -> Preview {
    let tags = TagIds::default();
    let mut audiences = Vec::new();
    if let Some(menu) = desired.menu.as_ref().filter(|m| !m.button.is_empty()) {
        audiences.push(Audience {
            name: DEFAULT_MENU.into(),
            default: true,
            rule: EVERYONE_ELSE.into(),
            before: None,
            after: Some(menu.button.clone()),
            status: Status::Configured,
        });
    }
    for menu in desired.conditional_menus.iter().flatten() {
        audiences.push(Audience {
            name: menu.name.clone(),
            default: false,
            rule: desired_rule(&menu.matchrule, &tags),
            before: None,
            after: Some(menu.button.clone()),
            status: Status::Configured,
        });
    }
    Preview {
        appid: desired.appid.clone(),
        with_live: false,
        audiences,
        errors: Vec::new(),
    }
}

/// The live and the configured menu of every audience, as `plan` pairs them.
pub fn build(desired: &Desired, live: &Live, plan: &Plan) -> Preview {
    let tags = TagIds::from_live(live);
    let mut audiences: Vec<Audience> = default_audience(desired, live, plan).into_iter().collect();
    for menu in desired.conditional_menus.iter().flatten() {
        audiences.push(conditional_audience(menu, plan, &tags));
    }
    audiences.extend(disappearing(plan));
    if desired.conditional_menus.is_none() && !plan_deletes_menu(plan) {
        audiences.extend(unmanaged(live, &tags));
    }
    Preview {
        appid: plan.appid.clone(),
        with_live: true,
        audiences,
        errors: plan.errors.clone(),
    }
}

/// The plan's action on `address`, if it has one.
fn action_on<'a>(plan: &'a Plan, address: &str) -> Option<&'a Action> {
    plan.actions.iter().find(|a| a.address == address)
}

/// The default menu's audience: the live menu left alone when the configuration does not manage
/// it, or the live and configured menus; `None` when there is no default menu on either side.
fn default_audience(desired: &Desired, live: &Live, plan: &Plan) -> Option<Audience> {
    let live_default = live.menu.as_ref().map(|m| m.button.clone());
    let Some(menu) = &desired.menu else {
        return live_default.map(|button| Audience {
            name: DEFAULT_MENU.into(),
            default: true,
            rule: EVERYONE_ELSE.into(),
            before: Some(button.clone()),
            after: Some(button),
            status: Status::NotManaged,
        });
    };
    let after = (!menu.button.is_empty()).then(|| menu.button.clone());
    let before = match action_on(plan, "menu") {
        Some(_) => live_default,
        None => after.clone(),
    };
    (before.is_some() || after.is_some()).then(|| {
        audience(
            DEFAULT_MENU.into(),
            true,
            EVERYONE_ELSE.into(),
            before,
            after,
        )
    })
}

/// A configured conditional menu's audience. Its live side is what the planner paired it with;
/// a changed matchrule shows who saw the menu before and counts as a change.
fn conditional_audience(menu: &DesiredConditionalMenu, plan: &Plan, tags: &TagIds) -> Audience {
    let after = Some(menu.button.clone());
    let mut rule = desired_rule(&menu.matchrule, tags);
    let mut rule_changed = false;
    let before = match action_on(plan, &format!("conditional_menu.{}", menu.name)) {
        Some(action) if action.kind == ActionKind::Create => None,
        Some(action) => match &action.before {
            Some(Resource::ConditionalMenu(view)) => {
                // A changed matchrule replaces the named menu: say who saw it before.
                let old = words::view_rule_words(&view.matchrule);
                if old != rule {
                    rule = format!("{old} → {rule}");
                    rule_changed = true;
                }
                Some(view.button.clone())
            }
            _ => None,
        },
        // Kept as it is: the planner found it live and unchanged.
        None => after.clone(),
    };
    let mut audience = audience(menu.name.clone(), false, rule, before, after);
    if rule_changed && audience.status == Status::Unchanged {
        audience.status = Status::Changed;
    }
    audience
}

/// Live menus that go away: not configured, duplicates, retired matchrules, or deleted with
/// the default menu.
fn disappearing(plan: &Plan) -> Vec<Audience> {
    let mut audiences = Vec::new();
    for action in &plan.actions {
        if action.kind != ActionKind::Delete || !action.address.starts_with("conditional_menu[") {
            continue;
        }
        if let Some(Resource::ConditionalMenu(view)) = &action.before {
            audiences.push(Audience {
                name: view
                    .menuid
                    .map_or_else(|| "conditional menu".into(), |id| format!("menuid {id}")),
                default: false,
                rule: words::view_rule_words(&view.matchrule),
                before: Some(view.button.clone()),
                after: None,
                status: Status::Disappears,
            });
        }
    }
    audiences
}

/// The live conditional menus of an account whose configuration leaves them unmanaged, in
/// creation order.
fn unmanaged(live: &Live, tags: &TagIds) -> Vec<Audience> {
    let mut audiences = Vec::new();
    let mut unmanaged: Vec<_> = live.conditional_menus.iter().collect();
    unmanaged.sort_by_key(|m| m.menuid);
    for menu in unmanaged {
        audiences.push(Audience {
            name: format!("menuid {}", menu.menuid),
            default: false,
            rule: words::live_rule_words(&menu.matchrule, tags),
            before: Some(menu.button.clone()),
            after: Some(menu.button.clone()),
            status: Status::NotManaged,
        });
    }
    audiences
}

impl Preview {
    /// Whether followers no conditional menu matches have a default menu, now (`after` false)
    /// or after apply.
    pub fn has_default_menu(&self, after: bool) -> bool {
        self.audiences.iter().any(|a| {
            a.default
                && if after {
                    a.after.is_some()
                } else {
                    a.before.is_some()
                }
        })
    }
}

fn plan_deletes_menu(plan: &Plan) -> bool {
    plan.actions
        .iter()
        .any(|a| a.address == "menu" && a.kind == ActionKind::Delete)
}

fn audience(
    name: String,
    default: bool,
    rule: String,
    before: Option<Vec<Button>>,
    after: Option<Vec<Button>>,
) -> Audience {
    let status = match (&before, &after) {
        (None, _) => Status::Appears,
        (_, None) => Status::Disappears,
        (Some(b), Some(a)) if b == a => Status::Unchanged,
        _ => Status::Changed,
    };
    Audience {
        name,
        default,
        rule,
        before,
        after,
        status,
    }
}

fn desired_rule(rule: &crate::model::DesiredMatchRule, tags: &TagIds) -> String {
    let tag = rule.tag.as_ref().map(|tag| match tag {
        TagRef::Name(name) => name.clone(),
        TagRef::Id(id) => tags
            .name_of(*id)
            .map_or_else(|| format!("tag {id}"), str::to_string),
    });
    rule_words(tag, rule.client_platform_type, std::iter::empty())
}

/// The addresses of the menus a plan changes for followers: `menu` and `conditional_menu.*`
/// actions whose buttons differ before and after (a conditional menu re-added unchanged only to
/// keep precedence changes nothing anyone sees).
pub fn changed_audiences(plan: &Plan) -> Vec<&str> {
    plan.actions
        .iter()
        .filter(|action| {
            let buttons = |resource: &Option<Resource>| match resource {
                Some(Resource::Menu(view)) => Some(view.button.clone()),
                Some(Resource::ConditionalMenu(view)) => Some(view.button.clone()),
                _ => None,
            };
            let menu_like = matches!(
                action.before.as_ref().or(action.after.as_ref()),
                Some(Resource::Menu(_) | Resource::ConditionalMenu(_))
            );
            menu_like && buttons(&action.before) != buttons(&action.after)
        })
        .map(|action| action.address.as_str())
        .collect()
}
