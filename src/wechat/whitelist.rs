//! WeChat's IP-whitelist refusals and what to do about them: 40164 (the caller's IP is not on
//! the account's API IP whitelist) and 61004 (not on the whitelist of the third-party platform
//! whose token the call used).
//!
//! The whitelist covers every call, including calls made with a ready-made token from a token
//! service, so a machine whose IP changes (a GitHub-hosted runner) gets past it only from a
//! fixed egress IP: a self-hosted runner, or an HTTPS proxy. The advice says so, and names the
//! IP WeChat saw. That IP is read from WeChat's `errmsg` for display only; what wxform does
//! depends on the errcode alone.

use std::net::IpAddr;

/// 40164: the caller's IP is not on the account's API IP whitelist.
pub const ACCOUNT_REFUSED: i64 = 40164;
/// 61004: the caller's IP is not on the third-party platform's IP whitelist.
pub const PLATFORM_REFUSED: i64 = 61004;

/// The manual's section on the setups that work, from the repository's root.
pub const SETUPS_DOC: &str = "docs/ci.md#hosted-runners-and-the-ip-whitelist";

/// The most of an `errmsg` searched for the IP: WeChat's are under 150 characters.
const SEARCHED_BYTES: usize = 1024;

/// Whose whitelist refused the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whitelist {
    /// The account's own API IP whitelist (40164).
    Account,
    /// The whitelist of the third-party platform that issued the token (61004).
    Platform,
}

/// A call refused for the caller's IP: whose whitelist, and the IP WeChat saw if it said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub whitelist: Whitelist,
    pub ip: Option<IpAddr>,
}

impl Refusal {
    /// The refusal WeChat's answer `code` / `errmsg` stands for, if it is one.
    pub fn of(code: i64, errmsg: &str) -> Option<Refusal> {
        let whitelist = match code {
            ACCOUNT_REFUSED => Whitelist::Account,
            PLATFORM_REFUSED => Whitelist::Platform,
            _ => return None,
        };
        Some(Refusal {
            whitelist,
            ip: seen_ip(errmsg),
        })
    }

    /// What it means and what to do, one statement a line: what WeChat saw, that the
    /// whitelist covers every call, the fix for a fixed IP, the setups for a changing one,
    /// and where the manual explains them.
    pub fn lines(&self) -> Vec<String> {
        let (whose, console) = match self.whitelist {
            Whitelist::Account => (
                "the account's API IP whitelist",
                "add it in the WeChat admin console under 设置与开发 → 基本配置 → IP白名单 \
                 (single IPs or CIDR ranges, not a.b.c.*; changes take ~30 s)",
            ),
            Whitelist::Platform => (
                "the IP whitelist of the third-party platform that issued the access token",
                "add it to the platform's 白名单IP, in its development settings on \
                 open.weixin.qq.com (single IPs or CIDR ranges, not a.b.c.*)",
            ),
        };
        let seen = match self.ip {
            Some(ip) => format!(
                "WeChat saw this machine's IP as {}, which is not on {whose}",
                written(ip)
            ),
            None => format!(
                "WeChat refused this machine's IP, which is not on {whose} (its answer does not say which IP it saw)"
            ),
        };
        let which = match self.ip {
            Some(_) => "this IP",
            None => "this machine's public IP",
        };
        vec![
            seen,
            "the whitelist covers every API call, also those made with a ready-made token from a token service".to_string(),
            format!("if {which} is fixed, {console}"),
            "a GitHub-hosted runner's IP is not fixed: run on a self-hosted runner with a fixed egress IP, or through an HTTPS proxy with one (HTTPS_PROXY)".to_string(),
            format!("see {}", setups_url()),
        ]
    }

    /// [`Refusal::lines`] on one line, for an error message.
    pub fn advice(&self) -> String {
        self.lines().join("; ")
    }
}

/// The manual's section on the setups that work, on the project's site.
pub fn setups_url() -> String {
    format!("{}/blob/main/{SETUPS_DOC}", env!("CARGO_PKG_REPOSITORY"))
}

/// The IP a refusal's `errmsg` says WeChat saw: after `invalid ip ` in a 40164
/// (`invalid ip 117.129.8.8 ipv6 ::ffff:117.129.8.8, not in whitelist rid: …`), after
/// `requestIP: ` in a 61004 (`access clientip is not registered requestIP: 175.11.201.147
/// rid: …`), else after `ipv6 `. An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is the IPv4
/// address it carries. `None` when no valid address follows any of them.
pub fn seen_ip(errmsg: &str) -> Option<IpAddr> {
    const MARKERS: [&str; 3] = ["invalid ip ", "requestip:", "ipv6 "];
    let cut = errmsg
        .char_indices()
        .map(|(at, _)| at)
        .find(|&at| at >= SEARCHED_BYTES)
        .unwrap_or(errmsg.len());
    let errmsg = &errmsg[..cut];
    // ASCII lower-casing keeps every byte offset.
    let lower = errmsg.to_ascii_lowercase();
    MARKERS.iter().find_map(|marker| {
        let after = &errmsg[lower.find(marker)? + marker.len()..];
        let candidate: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_hexdigit() || *c == '.' || *c == ':')
            .collect();
        let ip: IpAddr = candidate.trim_end_matches('.').parse().ok()?;
        Some(ip.to_canonical())
    })
}

/// `ip` as the advice writes it: IPv6 in full, eight groups and no `::`, which would be
/// broken up (`:\:`) where text is made safe for CI logs. Both forms name the same address.
pub fn written(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => v6
            .segments()
            .iter()
            .map(|group| format!("{group:x}"))
            .collect::<Vec<_>>()
            .join(":"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(errmsg: &str) -> Option<String> {
        seen_ip(errmsg).map(written)
    }

    #[test]
    fn the_ip_of_every_recorded_40164_is_read() {
        let recorded = [
            (
                "invalid ip 118.190.42.90 ipv6 ::ffff:118.190.42.90, not in whitelist rid: 60196b9b-4c5ba79c-066b49c8",
                "118.190.42.90",
            ),
            (
                "invalid ip 47.99.65.160 ipv6 ::ffff:47.99.65.160, not in whitelist rid: 5fd1befd-7eeb5dbe-",
                "47.99.65.160",
            ),
            (
                "invalid ip 123.123.123.123, not in whitelist",
                "123.123.123.123",
            ),
        ];
        for (errmsg, expected) in recorded {
            assert_eq!(ip(errmsg).as_deref(), Some(expected), "{errmsg}");
        }
    }

    #[test]
    fn the_ip_of_every_recorded_61004_is_read() {
        let recorded = [
            (
                "access clientip is not registered requestIP: 175.11.201.147 rid: 5f92a0c3-4b491949-0aa4f69d",
                "175.11.201.147",
            ),
            (
                "access clientip is not registered hint: [OOcsrA0577oxy3] requestIP: 123.57.208.67",
                "123.57.208.67",
            ),
            (
                "access clientip is not registered requestIP: 101.226.103.59 hint: [0AOzcA0341vr32!]",
                "101.226.103.59",
            ),
        ];
        for (errmsg, expected) in recorded {
            assert_eq!(ip(errmsg).as_deref(), Some(expected), "{errmsg}");
        }
        assert_eq!(
            ip("access clientip is not registered hint: [aHCZjA05601518]"),
            None
        );
        assert_eq!(
            ip("access clientip is not registered, not in ip-white-list"),
            None
        );
    }

    #[test]
    fn ipv6_addresses_are_read_and_mapped_ones_are_their_ipv4() {
        assert_eq!(
            ip("invalid ip 2408:8207:1850::7 ipv6 2408:8207:1850::7, not in whitelist").as_deref(),
            Some("2408:8207:1850:0:0:0:0:7")
        );
        // No IPv4 field: the IPv6 one is used.
        assert_eq!(
            ip("invalid ip  ipv6 2001:db8::1, not in whitelist").as_deref(),
            Some("2001:db8:0:0:0:0:0:1")
        );
        assert_eq!(
            ip("invalid ip ::ffff:203.0.113.7, not in whitelist").as_deref(),
            Some("203.0.113.7")
        );
        assert_eq!(
            ip("invalid ip ::FFFF:CB00:7107 ipv6 x").as_deref(),
            Some("203.0.113.7")
        );
        assert_eq!(
            ip("access clientip is not registered requestIP: 2001:db8::5.").as_deref(),
            Some("2001:db8:0:0:0:0:0:5")
        );
    }

    #[test]
    fn anything_but_an_address_gives_no_ip() {
        for errmsg in [
            "",
            "not in whitelist",
            "invalid ip , not in whitelist",
            "invalid ip 999.1.1.1 ipv6 ::ffff:999.1.1.1, not in whitelist",
            "invalid ip 1.2.3 ipv6 abc, not in whitelist",
            "invalid ip \u{1b}[2J1.2.3.4",
            "invalid ip",
        ] {
            assert_eq!(ip(errmsg), None, "{errmsg:?}");
        }
        // Text glued to an address is not part of it, and never shown.
        assert_eq!(
            ip("invalid ip 1.2.3.4\n::error::x").as_deref(),
            Some("1.2.3.4")
        );
        let far = format!("{}invalid ip 1.2.3.4", "x".repeat(SEARCHED_BYTES));
        assert_eq!(ip(&far), None, "only the start of an errmsg is searched");
    }

    #[test]
    fn ipv6_is_written_without_a_double_colon() {
        assert_eq!(written("::1".parse().unwrap()), "0:0:0:0:0:0:0:1");
        assert_eq!(
            written("2001:DB8::ff00:42:8329".parse().unwrap()),
            "2001:db8:0:0:0:ff00:42:8329"
        );
        assert_eq!(written("10.0.0.1".parse().unwrap()), "10.0.0.1");
    }

    #[test]
    fn the_advice_names_the_ip_the_scope_and_both_setups() {
        let refusal = Refusal::of(
            40164,
            "invalid ip 117.129.8.8 ipv6 ::ffff:117.129.8.8, not in whitelist rid: 6351f0e3-4fa90897-25a38569",
        )
        .unwrap();
        assert_eq!(refusal.whitelist, Whitelist::Account);
        let advice = refusal.advice();
        for part in [
            "WeChat saw this machine's IP as 117.129.8.8, which is not on the account's API IP whitelist; ",
            "every API call, also those made with a ready-made token from a token service; ",
            "if this IP is fixed, add it in the WeChat admin console under 设置与开发 → 基本配置 → IP白名单",
            "not a.b.c.*",
            "self-hosted runner with a fixed egress IP",
            "HTTPS proxy with one (HTTPS_PROXY)",
            "see https://github.com/wxform/wxform/blob/main/docs/ci.md#hosted-runners-and-the-ip-whitelist",
        ] {
            assert!(advice.contains(part), "{part}: {advice}");
        }
        assert_eq!(refusal.lines().len(), 5);
    }

    #[test]
    fn a_platform_refusal_names_the_platform_whitelist() {
        let refusal = Refusal::of(
            61004,
            "access clientip is not registered requestIP: 203.0.113.9 rid: 1",
        )
        .unwrap();
        assert_eq!(refusal.whitelist, Whitelist::Platform);
        let advice = refusal.advice();
        assert!(
            advice.starts_with("WeChat saw this machine's IP as 203.0.113.9, which is not on the IP whitelist of the third-party platform"),
            "{advice}"
        );
        assert!(advice.contains("open.weixin.qq.com"), "{advice}");
        assert!(advice.contains("self-hosted runner"), "{advice}");
    }

    #[test]
    fn without_an_ip_the_advice_says_so() {
        let advice = Refusal::of(40164, "garbled").unwrap().advice();
        assert!(
            advice.starts_with("WeChat refused this machine's IP, which is not on the account's API IP whitelist (its answer does not say which IP it saw)"),
            "{advice}"
        );
        assert!(
            advice.contains("if this machine's public IP is fixed"),
            "{advice}"
        );
    }

    #[test]
    fn other_codes_are_no_refusal() {
        for code in [0, 40125, 48001, 89503, -1] {
            assert_eq!(Refusal::of(code, "invalid ip 1.2.3.4"), None);
        }
    }
}
