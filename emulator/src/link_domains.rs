//! The link-domain limit (65316 domain count reach limit): a menu may link to at most 3 outside
//! hosts. WeChat's own hosts (`weixin.qq.com` and its subdomains, `mp.weixin.qq.com` for
//! articles) never count, and each conditional menu counts on its own: real production menus
//! link to 3 outside hosts each plus WeChat's own, and to 6 across six conditional menus.
//! Whether the default menu is held to the limit is undocumented
//! (`domain_limit_counts_default_menu`); the older reading, one limit across all conditional
//! menus together, is [`DomainLimitScope::AcrossConditionalMenus`].

use std::collections::BTreeSet;

use super::options::DomainLimitScope;
use super::state::Button;
use super::wire::ApiError;
use super::world::World;

const LIMIT: usize = 3;

/// menu/create of `button`: checked only when the default menu counts.
pub fn check_create(world: &World, button: &[Button]) -> Result<(), ApiError> {
    let options = &world.options;
    if !options.domain_limit_counts_default_menu {
        return Ok(());
    }
    let mut hosts = outside_hosts(button);
    if options.domain_limit_scope == DomainLimitScope::AcrossConditionalMenus {
        for menu in &world.state.conditional_menus {
            hosts.extend(outside_hosts(&menu.button));
        }
    }
    within_limit(&hosts)
}

/// addconditional of `button`: its own hosts, or with the other conditional menus' (and the
/// default menu's, when it counts) across all conditional menus.
pub fn check_conditional(world: &World, button: &[Button]) -> Result<(), ApiError> {
    let options = &world.options;
    let mut hosts = outside_hosts(button);
    if options.domain_limit_scope == DomainLimitScope::AcrossConditionalMenus {
        for menu in &world.state.conditional_menus {
            hosts.extend(outside_hosts(&menu.button));
        }
        if options.domain_limit_counts_default_menu
            && let Some(menu) = &world.state.menu
        {
            hosts.extend(outside_hosts(&menu.button));
        }
    }
    within_limit(&hosts)
}

fn within_limit(hosts: &BTreeSet<String>) -> Result<(), ApiError> {
    if hosts.len() > LIMIT {
        return Err(65316.into());
    }
    Ok(())
}

/// The hosts of every link (`view` and `miniprogram` urls) of `buttons` that are not WeChat's.
fn outside_hosts(buttons: &[Button]) -> BTreeSet<String> {
    let mut hosts = BTreeSet::new();
    for button in buttons {
        hosts.extend(outside_hosts(&button.sub_button));
        if let Some(url) = &button.url {
            let rest = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            let host = host.rsplit_once(':').map_or(host, |(host, _)| host);
            let host = host.to_ascii_lowercase();
            if host != "weixin.qq.com" && !host.ends_with(".weixin.qq.com") {
                hosts.insert(host);
            }
        }
    }
    hosts
}
