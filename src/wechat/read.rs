//! Reading the live account into the canonical [`Live`] model.
//!
//! The token is obtained first (so parallel readers do not race to fetch it); then every
//! requested section is read at once on scoped threads — one round trip — and normalised.

use super::normalise::menu::{buttons, matchrule};
use super::wire::menu::{ConditionalMenuBody, MenuBody, MenuGetResponse, SelfMenuInfoResponse};
use super::{Client, WechatError};
use crate::model::{
    Live, LiveConditionalMenu, LiveMenu, MenuSource, SNAPSHOT_FORMAT_VERSION, Sections,
};
use std::thread::ScopedJoinHandle;

fn join<T>(
    handle: Option<ScopedJoinHandle<'_, Result<T, WechatError>>>,
) -> Result<Option<T>, WechatError> {
    match handle {
        None => Ok(None),
        Some(handle) => match handle.join() {
            Ok(result) => result.map(Some),
            Err(panic) => std::panic::resume_unwind(panic),
        },
    }
}

/// The value of a read, or `None` with its failure added to `failures` under `section`.
fn keep<T>(
    result: Result<Option<T>, WechatError>,
    section: &'static str,
    failures: &mut Vec<(&'static str, WechatError)>,
) -> Option<T> {
    result
        .map_err(|error| failures.push((section, error)))
        .ok()
        .flatten()
}

/// Reads the requested sections of the live account. Unrequested sections stay empty.
/// One failure is returned as it is; several as [`WechatError::Reads`], every one listed.
pub fn read_live(client: &Client, sections: Sections) -> Result<Live, WechatError> {
    let mut live = Live {
        format_version: SNAPSHOT_FORMAT_VERSION,
        appid: client.appid().map(str::to_string),
        ..Live::default()
    };
    if sections.is_empty() {
        return Ok(live);
    }
    client.token_info()?;
    std::thread::scope(|scope| {
        let menu_get = (sections.menu || sections.conditional_menus)
            .then(|| scope.spawn(|| client.menu_get()));
        let selfmenu = sections
            .menu
            .then(|| scope.spawn(|| client.selfmenu_info()));
        let tags = sections.tags.then(|| scope.spawn(|| client.tags_get()));
        let industry = sections
            .industry
            .then(|| scope.spawn(|| client.get_industry()));
        let templates = sections
            .templates
            .then(|| scope.spawn(|| client.templates()));
        let subscribe = sections
            .subscribe_templates
            .then(|| scope.spawn(|| client.subscribe_templates()));
        let materials = sections
            .materials
            .then(|| scope.spawn(|| super::materials::read_materials(client)));

        // Join every thread before returning, so an early error does not leave work running;
        // keep every failure, so that one run shows them all.
        let mut failures = Vec::new();
        let menu_get = keep(join(menu_get), "menus", &mut failures).flatten();
        let selfmenu = keep(join(selfmenu), "default menu", &mut failures);
        let tags = keep(join(tags), "tags", &mut failures);
        let industry = keep(join(industry), "industry", &mut failures);
        let templates = keep(join(templates), "templates", &mut failures);
        let subscribe = keep(join(subscribe), "subscribe templates", &mut failures);
        let materials = keep(join(materials), "image materials", &mut failures);
        reads_failed(failures)?;
        live.materials = materials;
        live.tags = tags.unwrap_or_default();
        live.industry = industry.flatten();
        live.templates = templates.unwrap_or_default();
        live.subscribe_templates = subscribe.unwrap_or_default();
        fill_menus(&mut live, sections, menu_get, selfmenu);
        Ok(live)
    })
}

/// Nothing when every read succeeded; one failure as it is; several as [`WechatError::Reads`],
/// every one listed.
fn reads_failed(mut failures: Vec<(&'static str, WechatError)>) -> Result<(), WechatError> {
    match failures.len() {
        0 => Ok(()),
        1 => Err(failures.remove(0).1),
        _ => Err(WechatError::Reads(failures)),
    }
}

/// The requested menus of `live`, from the answers of `menu/get` (`None` when there is no
/// menu) and `get_current_selfmenu_info`.
fn fill_menus(
    live: &mut Live,
    sections: Sections,
    menu_get: Option<MenuGetResponse>,
    selfmenu: Option<SelfMenuInfoResponse>,
) {
    let (api_menu, conditional) = match menu_get {
        Some(answer) => (answer.menu, answer.conditionalmenu),
        None => (None, Vec::new()),
    };
    if sections.menu {
        live.menu = live_menu(api_menu, selfmenu);
    }
    if sections.conditional_menus {
        live.conditional_menus = live_conditional_menus(conditional);
    }
}

/// The default menu: the API-made one when menu/get has it, else a console-made one.
fn live_menu(
    api_menu: Option<MenuBody>,
    selfmenu: Option<SelfMenuInfoResponse>,
) -> Option<LiveMenu> {
    match (api_menu, selfmenu) {
        (Some(menu), _) => Some(LiveMenu {
            button: buttons(menu.button),
            menuid: menu.menuid,
            source: MenuSource::Api,
        }),
        // menu/get sees only API-made menus; a console-made one shows up here only.
        (None, Some(info)) if info.is_menu_open == Some(1) => info
            .selfmenu_info
            .filter(|s| !s.button.is_empty())
            .map(|s| LiveMenu {
                button: buttons(s.button),
                menuid: None,
                source: MenuSource::Console,
            }),
        _ => None,
    }
}

/// The conditional menus, normalised, in creation order.
fn live_conditional_menus(conditional: Vec<ConditionalMenuBody>) -> Vec<LiveConditionalMenu> {
    let mut menus: Vec<LiveConditionalMenu> = conditional
        .into_iter()
        .map(|c| LiveConditionalMenu {
            menuid: c.menuid,
            matchrule: matchrule(c.matchrule),
            button: buttons(c.button),
        })
        .collect();
    // Creation order: WeChat assigns increasing menuids.
    menus.sort_by_key(|c| c.menuid);
    menus
}
