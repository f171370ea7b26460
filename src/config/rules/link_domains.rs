//! Link domains (65316, 该公众号的菜单设置了过多的域名外跳): a menu may link to at most 3
//! outside hosts. WeChat's own hosts (`weixin.qq.com` and its subdomains, such as the
//! `mp.weixin.qq.com` of articles) do not count, and each menu counts on its own: real
//! production menus link to 3 outside hosts each plus WeChat's own, and to 6 across six
//! conditional menus. A conditional menu over the limit is an error; the default menu over it
//! is a warning, because whether WeChat holds the default menu to the limit is undocumented.

use super::menu::{http_host, links};
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{List, RawButton, RawConfig};
use crate::config::rule_id::RuleId;

const MAX_OUTSIDE_HOSTS: usize = 3;

pub(super) fn check(raw: &RawConfig, out: &mut Vec<Diagnostic>) {
    if let Some(menu) = &raw.menu {
        check_menu(&menu.value.button, None, out);
    }
    for menu in raw.conditional_menus.iter().flat_map(|menus| &menus.value) {
        check_menu(&menu.value.button, Some(&menu.value.name.value), out);
    }
}

/// Whether `host` is WeChat's own (articles, WeChat's pages), which the limit does not count.
pub(crate) fn is_wechat_host(host: &str) -> bool {
    host == "weixin.qq.com" || host.ends_with(".weixin.qq.com")
}

/// Reports the link that adds the 4th outside host of one menu (`conditional`: its name, or
/// `None` for the default menu).
fn check_menu(buttons: &List<RawButton>, conditional: Option<&str>, out: &mut Vec<Diagnostic>) {
    let mut hosts: Vec<String> = Vec::new();
    for link in links(buttons) {
        let Some(host) = http_host(&link.value) else {
            continue;
        };
        if is_wechat_host(&host) || hosts.contains(&host) {
            continue;
        }
        hosts.push(host);
        if hosts.len() <= MAX_OUTSIDE_HOSTS {
            continue;
        }
        let label = format!("outside host {}", hosts[MAX_OUTSIDE_HOSTS]);
        let so_far = format!("outside hosts of this menu: {}", hosts.join(", "));
        let diagnostic = match conditional {
            Some(name) => Diagnostic::error(RuleId::OutsideHosts, format!(
                "conditional menu `{name}` links to {} outside hosts; WeChat allows {MAX_OUTSIDE_HOSTS} per menu",
                hosts.len()
            ))
            .at(link.span.clone(), label)
            .note(so_far)
            .note("WeChat answers 65316 (domain count reach limit); its own hosts (weixin.qq.com, mp.weixin.qq.com) do not count"),
            None => Diagnostic::warning(RuleId::OutsideHosts, format!(
                "the default menu links to {} outside hosts; WeChat allows {MAX_OUTSIDE_HOSTS} per conditional menu",
                hosts.len()
            ))
            .at(link.span.clone(), label)
            .note(so_far)
            .note("whether WeChat holds the default menu to the limit is undocumented; if it does, menu/create answers 65316 (domain count reach limit)")
            .help("link to at most 3 outside hosts to be sure; WeChat's own hosts (weixin.qq.com, mp.weixin.qq.com) do not count"),
        };
        out.push(diagnostic);
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wechat_hosts_are_weixin_qq_com_and_its_subdomains() {
        assert!(is_wechat_host("mp.weixin.qq.com"));
        assert!(is_wechat_host("weixin.qq.com"));
        assert!(!is_wechat_host("qq.com"));
        assert!(!is_wechat_host("notweixin.qq.com"));
        assert!(!is_wechat_host("weixin.qq.com.example.com"));
    }
}
