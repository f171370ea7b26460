//! Menu checks: does each follower the configuration describes see the menu it expects?
//!
//! A `user` check is answered offline from the configuration, with WeChat's matching rules
//! ([`crate::audience`]), so it says what followers will see once the file is applied. An
//! `openid` check is answered by WeChat (`menu/trymatch`); [`identify`] maps the buttons it
//! returns back to the configured menu they belong to. Nothing here calls WeChat or prints.

use crate::audience::{self, Follower, PLATFORMS, Rule};
use crate::model::{Button, CheckedFollower, DEFAULT_MENU, Desired, MenuCheck, Platform, TagRef};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// Not run: an `openid` check without credentials (or in a plan).
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    User,
    Openid,
}

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub name: String,
    pub kind: Kind,
    pub status: Status,
    /// The menu the check expects (`sees`).
    pub expected: String,
    /// What was seen instead, in words, when the check failed; why it was skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl CheckResult {
    fn new(check: &MenuCheck, kind: Kind, status: Status, detail: Option<String>) -> Self {
        CheckResult {
            name: check.name.clone(),
            kind,
            status,
            expected: check.sees.clone(),
            detail,
        }
    }

    /// An `openid` check that was not run, and why.
    pub fn skipped(check: &MenuCheck, why: impl Into<String>) -> Self {
        CheckResult::new(check, Kind::Openid, Status::Skip, Some(why.into()))
    }
}

/// Every check, with `user` checks evaluated and `openid` checks skipped for `why` (a plan
/// never calls trymatch).
pub fn offline(desired: &Desired, why: &str) -> Vec<CheckResult> {
    let skip = |check: &MenuCheck, _: &str| {
        Ok::<_, std::convert::Infallible>(CheckResult::skipped(check, why))
    };
    let Ok(results) = run(desired, skip);
    results
}

/// Every check in file order: `user` checks judged here, `openid` checks by `ask` (given the
/// check and its OpenID). The first error of `ask` ends the run.
pub fn run<E>(
    desired: &Desired,
    mut ask: impl FnMut(&MenuCheck, &str) -> Result<CheckResult, E>,
) -> Result<Vec<CheckResult>, E> {
    desired
        .menu_checks
        .iter()
        .map(|check| match &check.who {
            CheckedFollower::User { tags, platform } => Ok(user(desired, check, tags, *platform)),
            CheckedFollower::Openid(openid) => ask(check, openid),
        })
        .collect()
}

/// A described follower against the configured menus: on their platform, or on every
/// platform when the check names none.
pub fn user(
    desired: &Desired,
    check: &MenuCheck,
    tags: &[String],
    platform: Option<Platform>,
) -> CheckResult {
    let menus = desired.conditional_menus.as_deref().unwrap_or_default();
    let rules: Vec<Option<Rule<TagRef>>> = menus
        .iter()
        .map(|menu| Rule::configured(&menu.matchrule))
        .collect();
    let tags: Vec<TagRef> = tags.iter().cloned().map(TagRef::Name).collect();
    let platforms: Vec<Platform> = platform.map_or(PLATFORMS.to_vec(), |p| vec![p]);
    let wrong: Vec<(Platform, &str)> = platforms
        .iter()
        .map(|&platform| {
            let follower = Follower {
                tags: tags.clone(),
                platform,
            };
            let seen = audience::seen(&rules, &follower)
                .map_or(DEFAULT_MENU, |index| menus[index].name.as_str());
            (platform, seen)
        })
        .filter(|(_, seen)| *seen != check.sees)
        .collect();
    if wrong.is_empty() {
        return CheckResult::new(check, Kind::User, Status::Pass, None);
    }
    let detail = if platform.is_some() {
        format!("sees `{}`", wrong[0].1)
    } else {
        let each: Vec<String> = wrong
            .iter()
            .map(|(platform, seen)| format!("`{seen}` on {}", platform.name()))
            .collect();
        format!("sees {}", each.join(", "))
    };
    CheckResult::new(check, Kind::User, Status::Fail, Some(detail))
}

/// What menu/trymatch answered for an `openid` check, judged.
pub fn openid(desired: &Desired, check: &MenuCheck, buttons: &[Button]) -> CheckResult {
    let names = identify(desired, buttons);
    if names.contains(&check.sees.as_str()) {
        return CheckResult::new(check, Kind::Openid, Status::Pass, None);
    }
    let detail = match names.as_slice() {
        [] => format!(
            "sees a menu this file does not have (buttons: {})",
            top_names(buttons)
        ),
        names => {
            let names: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
            format!("sees {}", names.join(" or "))
        }
    };
    CheckResult::new(check, Kind::Openid, Status::Fail, Some(detail))
}

/// An `openid` check WeChat could not answer for this follower (not a follower, say).
pub fn openid_failed(check: &MenuCheck, why: String) -> CheckResult {
    CheckResult::new(check, Kind::Openid, Status::Fail, Some(why))
}

/// The configured menus (`menu` or conditional menu names) whose buttons are exactly
/// `buttons`. Several when menus share their buttons; none for a menu the file lacks.
pub fn identify<'a>(desired: &'a Desired, buttons: &[Button]) -> Vec<&'a str> {
    let default = desired
        .menu
        .iter()
        .filter(|menu| menu.button == buttons)
        .map(|_| DEFAULT_MENU);
    let conditional = desired
        .conditional_menus
        .iter()
        .flatten()
        .filter(|menu| menu.button == buttons)
        .map(|menu| menu.name.as_str());
    default.chain(conditional).collect()
}

/// "会员专区, 积分兑换": a menu by its top-level button names.
fn top_names(buttons: &[Button]) -> String {
    if buttons.is_empty() {
        return "none".into();
    }
    let names: Vec<&str> = buttons.iter().map(|b| b.name.as_str()).collect();
    names.join(", ")
}

/// Counts of a run's results: passed, failed, skipped.
pub fn tally(results: &[CheckResult]) -> (usize, usize, usize) {
    let count = |status| results.iter().filter(|r| r.status == status).count();
    (
        count(Status::Pass),
        count(Status::Fail),
        count(Status::Skip),
    )
}

#[cfg(test)]
mod tests;
