//! Which buttons send the account's server an event when tapped, and which event (wechat-api
//! §11.2): every `click`, `scancode_*`, `pic_*` and `location_select` button, and `view` and
//! `miniprogram` ones too (WeChat tells the server the page was opened). `media_id`,
//! `article_id` and their `_limited` kinds are answered by WeChat itself; a folder only opens.

use crate::model::{Button, DEFAULT_MENU, Desired};
use serde::Serialize;

/// A push's `Event`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Click,
    View,
    ViewMiniprogram,
    ScancodePush,
    ScancodeWaitmsg,
    PicSysphoto,
    PicPhotoOrAlbum,
    PicWeixin,
    LocationSelect,
    Subscribe,
}

impl Event {
    /// The event a leaf of this `type` sends, if any.
    pub fn of_button(kind: &str) -> Option<Event> {
        Some(match kind {
            "click" => Event::Click,
            "view" => Event::View,
            "miniprogram" => Event::ViewMiniprogram,
            "scancode_push" => Event::ScancodePush,
            "scancode_waitmsg" => Event::ScancodeWaitmsg,
            "pic_sysphoto" => Event::PicSysphoto,
            "pic_photo_or_album" => Event::PicPhotoOrAlbum,
            "pic_weixin" => Event::PicWeixin,
            "location_select" => Event::LocationSelect,
            _ => return None,
        })
    }

    /// `Event` as WeChat writes it: CLICK and VIEW in capitals, the others as the button type.
    pub fn wire_name(self) -> &'static str {
        match self {
            Event::Click => "CLICK",
            Event::View => "VIEW",
            Event::ViewMiniprogram => "view_miniprogram",
            Event::ScancodePush => "scancode_push",
            Event::ScancodeWaitmsg => "scancode_waitmsg",
            Event::PicSysphoto => "pic_sysphoto",
            Event::PicPhotoOrAlbum => "pic_photo_or_album",
            Event::PicWeixin => "pic_weixin",
            Event::LocationSelect => "location_select",
            Event::Subscribe => "subscribe",
        }
    }

    /// The event as a button type names it: `click`, `view_miniprogram`, `subscribe`.
    pub fn name(self) -> &'static str {
        match self {
            Event::Click => "click",
            Event::View => "view",
            Event::ViewMiniprogram => "view_miniprogram",
            Event::Subscribe => "subscribe",
            other => other.wire_name(),
        }
    }

    /// Whether the follower sees the reply. WeChat opens the page of a `view` or mini program
    /// button whatever the server answers.
    pub fn reply_shown(self) -> bool {
        !matches!(self, Event::View | Event::ViewMiniprogram)
    }
}

/// A button that sends an event: where it is, and what its push carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tap {
    pub event: Event,
    /// `EventKey`: the key, or the page of a `view` (its URL) or mini program button (its
    /// pagepath).
    pub event_key: String,
    /// `menu` or the conditional menu's name.
    pub menu: String,
    /// The names from the top-level button down.
    pub path: Vec<String>,
    /// The button's `key`, for the kinds that have one.
    pub key: Option<String>,
}

impl Tap {
    /// `服务/联系客服`.
    pub fn path_text(&self) -> String {
        self.path.join("/")
    }
}

/// The menus of `desired` by name, the default one first.
pub fn menus(desired: &Desired) -> Vec<(&str, &[Button])> {
    let default = desired
        .menu
        .iter()
        .map(|menu| (DEFAULT_MENU, menu.button.as_slice()));
    let conditional = desired
        .conditional_menus
        .iter()
        .flatten()
        .map(|menu| (menu.name.as_str(), menu.button.as_slice()));
    default.chain(conditional).collect()
}

/// Every button of `menus` that sends an event, in menu order, depth first.
pub fn taps(menus: &[(&str, &[Button])]) -> Vec<Tap> {
    let mut out = Vec::new();
    for (menu, buttons) in menus {
        collect(menu, buttons, &mut Vec::new(), &mut out);
    }
    out
}

fn collect(menu: &str, buttons: &[Button], path: &mut Vec<String>, out: &mut Vec<Tap>) {
    for button in buttons {
        path.push(button.name.clone());
        if button.is_folder() {
            collect(menu, &button.sub_button, path, out);
        } else if let Some(event) = button.kind.as_deref().and_then(Event::of_button) {
            let event_key = match event {
                Event::View => button.url.clone(),
                Event::ViewMiniprogram => button.pagepath.clone(),
                _ => button.key.clone(),
            };
            out.push(Tap {
                event,
                event_key: event_key.unwrap_or_default(),
                menu: menu.to_string(),
                path: path.clone(),
                key: button
                    .key
                    .clone()
                    .filter(|_| event != Event::View && event != Event::ViewMiniprogram),
            });
        }
        path.pop();
    }
}

/// The buttons of `menus` (event-sending or not) at `path`, with their menu: several when
/// menus share it.
pub fn buttons_at<'a>(
    menus: &[(&'a str, &'a [Button])],
    path: &[String],
) -> Vec<(&'a str, &'a Button)> {
    let mut found = Vec::new();
    for (menu, buttons) in menus {
        let mut level: &[Button] = buttons;
        let mut hit = None;
        for (depth, name) in path.iter().enumerate() {
            let Some(button) = level.iter().find(|b| &b.name == name) else {
                hit = None;
                break;
            };
            hit = Some(button);
            if depth + 1 < path.len() {
                level = &button.sub_button;
            }
        }
        if let Some(button) = hit {
            found.push((*menu, button));
        }
    }
    found
}

/// A `tap:` path as written: names separated by `/`, blanks around each trimmed.
pub fn parse_path(text: &str) -> Vec<String> {
    text.split('/')
        .map(|name| name.trim().to_string())
        .collect()
}
