//! The values a placeholder may stand in: what differs from one account to the next. A
//! button's values (`name`, `key`, `url`, `media_id`, `article_id`, `appid`, `pagepath`, at any
//! depth, in the default and the conditional menus), a matchrule's `tag_id` and a menu check's
//! `openid` (both ids the account gave). Not a button's `type`, nor any name, title, keyword or
//! policy: those are what keeps the accounts in step, and the plan's addresses.

use crate::config::raw::{List, RawButton, RawConfig};
use crate::config::yaml_parser::Spanned;

/// Every value of `raw` a placeholder may stand in, in file order.
pub(super) fn placeholder_fields(raw: &mut RawConfig) -> Vec<&mut Spanned<String>> {
    let mut out = Vec::new();
    if let Some(menu) = &mut raw.menu {
        buttons(&mut menu.value.button, &mut out);
    }
    for menu in raw.conditional_menus.iter_mut().flat_map(|m| &mut m.value) {
        out.extend(menu.value.matchrule.value.tag_id.as_mut());
        buttons(&mut menu.value.button, &mut out);
    }
    for check in raw.menu_checks.iter_mut().flat_map(|c| &mut c.value) {
        out.extend(check.value.openid.as_mut());
    }
    out
}

fn buttons<'a>(list: &'a mut List<RawButton>, out: &mut Vec<&'a mut Spanned<String>>) {
    for button in &mut list.value {
        let RawButton {
            name,
            key,
            url,
            media_id,
            article_id,
            appid,
            pagepath,
            sub_button,
            ..
        } = &mut button.value;
        let values = [name, key, url, media_id, article_id, appid, pagepath];
        out.extend(values.into_iter().filter_map(Option::as_mut));
        if let Some(sub_button) = sub_button {
            buttons(sub_button, out);
        }
    }
}
