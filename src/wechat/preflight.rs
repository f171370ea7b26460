//! Read-only probes of what the account may do, for `wxform doctor`: each API group is read
//! once (in parallel) and the outcome explained. Nothing here writes to the account.

use super::{Client, WechatError};
use crate::model::{IndustryClass, Section};
use crate::words::plural;
use std::thread::ScopedJoinHandle;

/// The outcome of probing one group.
#[derive(Debug)]
pub struct Probe {
    pub group: Section,
    /// What was found, or why the group is unusable.
    pub result: Result<String, WechatError>,
}

/// errcodes of `menu/trymatch` that mean "conditional menus are not available here".
const CONDITIONAL_DENIED: [i64; 3] = [48001, 65306, 65309];

/// A user id no account has: `menu/trymatch` then fails with "no such user" when the account
/// may use conditional menus, and with 48001/65306 when it may not.
const PROBE_USER: &str = "wxform-doctor-probe";

/// Reads both menu endpoints, as `plan` does for a managed menu: an account that may call
/// menu/get but not get_current_selfmenu_info would fail every plan.
fn menu(client: &Client) -> Result<String, WechatError> {
    let api_menu = client.menu_get()?.and_then(|answer| answer.menu);
    let info = client.selfmenu_info()?;
    if let Some(menu) = api_menu {
        return Ok(format!(
            "default menu with {} (made through the API)",
            plural(menu.button.len(), "top-level button")
        ));
    }
    let console =
        info.is_menu_open == Some(1) && info.selfmenu_info.is_some_and(|s| !s.button.is_empty());
    Ok(if console {
        "a menu made in the web console is in force; `apply` would replace it".to_string()
    } else {
        "no menu yet".to_string()
    })
}

fn conditional(client: &Client) -> Result<String, WechatError> {
    let count = client
        .menu_get()?
        .map_or(0, |answer| answer.conditionalmenu.len());
    match client.trymatch(PROBE_USER) {
        Err(err)
            if err
                .errcode()
                .is_some_and(|c| CONDITIONAL_DENIED.contains(&c)) =>
        {
            Err(err)
        }
        Err(err) if err.errcode().is_none() => Err(err),
        _ => Ok(format!(
            "{} live; the account may create them",
            plural(count, "conditional menu")
        )),
    }
}

fn tags(client: &Client) -> Result<String, WechatError> {
    let tags = client.tags_get()?;
    let user = tags
        .iter()
        .filter(|t| !crate::model::is_system_tag(t.id))
        .count();
    Ok(format!(
        "{} (plus {} of WeChat's)",
        plural(user, "user tag"),
        tags.len() - user
    ))
}

fn templates(client: &Client) -> Result<String, WechatError> {
    let industry = client.get_industry()?;
    let templates = client.templates()?;
    let industry = match industry {
        Some(i) => format!(
            "industry {} / {}",
            industry_code(&i.primary),
            industry_code(&i.secondary)
        ),
        None => "no industry set".to_string(),
    };
    Ok(format!(
        "{}, {industry}",
        plural(templates.len(), "template")
    ))
}

/// An industry's code, or, when its names map to none, the names WeChat gave (made inert:
/// they come from the account), so that it shows as itself rather than as a bare `?`.
fn industry_code(class: &IndustryClass) -> String {
    match class.code {
        Some(code) => code.to_string(),
        None => crate::inert::text(&class.describe()),
    }
}

fn subscribe(client: &Client) -> Result<String, WechatError> {
    let templates = client.subscribe_templates()?;
    Ok(plural(templates.len(), "subscribe template"))
}

type ProbeFn = fn(&Client) -> Result<String, WechatError>;

/// Probes every group in parallel; results in [`Section::ALL`] order.
pub fn probe_apis(client: &Client) -> Vec<Probe> {
    let probes: [(Section, ProbeFn); 5] = [
        (Section::Menu, menu),
        (Section::ConditionalMenus, conditional),
        (Section::Tags, tags),
        (Section::Templates, templates),
        (Section::SubscribeTemplates, subscribe),
    ];
    std::thread::scope(|scope| {
        let handles: Vec<(Section, ScopedJoinHandle<'_, _>)> = probes
            .iter()
            .map(|(group, probe)| (*group, scope.spawn(move || probe(client))))
            .collect();
        handles
            .into_iter()
            .map(|(group, handle)| Probe {
                group,
                result: handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_industry_shows_its_code_or_its_own_names() {
        let class = |code, first: &str, second: &str| IndustryClass {
            code,
            first_class: first.into(),
            second_class: second.into(),
        };
        assert_eq!(
            industry_code(&class(Some(29), "房地产", "房地产|建筑")),
            "29"
        );
        assert_eq!(
            industry_code(&class(None, "火星", "殖民\u{1b}[2J")),
            "火星/殖民\\u{1b}[2J (no industry code wxform knows)"
        );
    }
}
