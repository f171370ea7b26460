//! Reading the live account into the canonical [`Live`] model.
//!
//! The token is obtained first (so parallel readers do not race to fetch it); then every
//! requested section is read at once on scoped threads — one round trip — and normalised. The
//! daily quotas a plan measures itself against are read in that same round trip.

use super::endpoint::Endpoint;
use super::normalise::menu::{buttons, matchrule};
use super::wire::menu::{ConditionalMenuBody, MenuBody, MenuGetResponse, SelfMenuInfoResponse};
use super::{Client, WechatError};
use crate::model::{
    Live, LiveConditionalMenu, LiveMenu, MenuSource, SNAPSHOT_FORMAT_VERSION, Sections,
};
use crate::quota::QuotaReading;
use std::thread::{Scope, ScopedJoinHandle};

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
    read_live_and_quotas(client, sections, &[]).map(|(live, _)| live)
}

/// [`read_live`], and the daily quotas of the `quotas` endpoints in the same round trip: one
/// reading each, a quota or why it could not be read (never a failure of the read).
pub fn read_live_and_quotas(
    client: &Client,
    sections: Sections,
    quotas: &[Endpoint],
) -> Result<(Live, Vec<QuotaReading>), WechatError> {
    let mut live = Live {
        format_version: SNAPSHOT_FORMAT_VERSION,
        appid: client.appid().map(str::to_string),
        ..Live::default()
    };
    if sections.is_empty() && quotas.is_empty() {
        return Ok((live, Vec::new()));
    }
    client.token_info()?;
    std::thread::scope(|scope| {
        let pending = super::quotas::spawn(scope, client, quotas);
        let read = read_sections(scope, client, sections, &mut live);
        let readings = super::quotas::readings(super::quotas::join(pending));
        read.map(|()| (live, readings))
    })
}

/// Reads `sections` into `live`, every section at once on `scope`.
fn read_sections<'scope>(
    scope: &'scope Scope<'scope, '_>,
    client: &'scope Client,
    sections: Sections,
    live: &mut Live,
) -> Result<(), WechatError> {
    let menu_get = (sections.menu || sections.conditional_menus)
        .then(|| scope.spawn(move || client.menu_get()));
    let selfmenu = sections
        .menu
        .then(|| scope.spawn(move || client.selfmenu_info()));
    let tags = sections
        .tags
        .then(|| scope.spawn(move || client.tags_get()));
    let industry = sections
        .industry
        .then(|| scope.spawn(move || client.get_industry()));
    let templates = sections
        .templates
        .then(|| scope.spawn(move || client.templates()));
    let subscribe = sections
        .subscribe_templates
        .then(|| scope.spawn(move || client.subscribe_templates()));
    let materials = sections
        .materials
        .then(|| scope.spawn(move || super::materials::read_materials(client)));

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
    fill_menus(live, sections, menu_get, selfmenu);
    Ok(())
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
