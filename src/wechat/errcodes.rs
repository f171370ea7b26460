//! The errcode catalogue: for every code WeChat returns to the endpoints wxform calls, what it
//! means for the user and what to do about it. Errors are matched on `errcode` only; WeChat's
//! `errmsg` is kept for the user but never parsed, except to quote the IP of an IP-whitelist
//! refusal (40164, 61004: [`super::whitelist`]).

use super::whitelist::Refusal;

/// Token-invalid codes: drop the token, fetch a fresh one and retry the call once.
pub const TOKEN_INVALID: [i64; 3] = [40001, 40014, 42001];

/// `-1`: WeChat's system error.
pub const SYSTEM_ERROR: i64 = -1;

/// `45011`: the per-minute quota; the call was refused, not made.
pub const MINUTE_QUOTA: i64 = 45011;

/// Transient codes worth retrying with backoff: `-1` system error, `45011` minute quota.
pub const TRANSIENT: [i64; 2] = [SYSTEM_ERROR, MINUTE_QUOTA];

pub fn is_token_invalid(code: i64) -> bool {
    TOKEN_INVALID.contains(&code)
}

pub fn is_transient(code: i64) -> bool {
    TRANSIENT.contains(&code)
}

/// The advice for `code`: what it means and what to do. `errmsg` is WeChat's text.
pub fn advice(code: i64, errmsg: &str) -> String {
    if let Some(refusal) = Refusal::of(code, errmsg) {
        return refusal.advice();
    }
    CATALOGUE
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, text)| (*text).to_string())
        .unwrap_or_else(|| {
            "an error wxform does not know; look the code up in WeChat's return-code list \
             (全局返回码说明)"
                .to_string()
        })
}

/// The advice for `code` from an endpoint that creates an object (a conditional menu, a tag, a
/// template): a `-1` there is not retried with backoff, since WeChat may have made the object
/// before failing.
pub fn advice_on_add(code: i64, errmsg: &str) -> String {
    if code == SYSTEM_ERROR {
        return "WeChat had a transient system error; an add is not retried with backoff, as WeChat may have made it before failing: apply re-reads the account to find out, and tries once more only if the change is not there — try again in a minute".to_string();
    }
    advice(code, errmsg)
}

/// Whether `code` is in the catalogue.
pub fn is_known(code: i64) -> bool {
    Refusal::of(code, "").is_some() || CATALOGUE.iter().any(|(known, _)| *known == code)
}

const CATALOGUE: &[(i64, &str)] = &[
    (
        -1,
        "WeChat had a transient system error; wxform retried with backoff — try again in a minute",
    ),
    (
        40001,
        "the access token was rejected as invalid or not the latest (another process may have force-refreshed it); wxform fetched a fresh token and retried once",
    ),
    (
        40002,
        "invalid grant_type in the token request; this is a wxform bug, please report it",
    ),
    (
        40003,
        "invalid openid: the user id is not a follower of this account",
    ),
    (
        40007,
        "invalid media_id: a media_id/view_limited button refers to a permanent material that does not exist",
    ),
    (
        40013,
        "invalid appid: check WECHAT_APPID (an Official Account appid starts with `wx`)",
    ),
    (
        40014,
        "the access token is malformed; wxform fetched a fresh token and retried once",
    ),
    (40016, "a menu needs 1 to 3 top-level buttons"),
    (
        40017,
        "a top-level button has an unknown or missing type (types are lowercase: click, view, …)",
    ),
    (
        40018,
        "a top-level button name is too long (at most 16 bytes, about 5 CJK characters)",
    ),
    (
        40019,
        "a top-level button key is too long (at most 128 bytes) or missing",
    ),
    (
        40020,
        "a top-level button url is too long (at most 1024 bytes)",
    ),
    (40022, "menus nest at most two levels deep"),
    (40023, "a folder needs 1 to 5 sub buttons"),
    (40024, "a sub button has an unknown or missing type"),
    (40025, "a sub button name is too long (at most 60 bytes)"),
    (40026, "a sub button key is too long (at most 128 bytes)"),
    (40027, "a sub button url is too long (at most 1024 bytes)"),
    (
        40033,
        "the request contained a \\uXXXX escape; menu bodies must be raw UTF-8 (this is a wxform bug, please report it)",
    ),
    (40036, "invalid template_id size"),
    (
        40037,
        "invalid template_id: the template does not exist (it may have been deleted, e.g. by an industry change)",
    ),
    (40054, "a sub button url's domain is not allowed"),
    (40055, "a button url's domain is not allowed"),
    (40102, "invalid industry id: industry codes are 1–41"),
    (40103, "invalid industry index"),
    (40118, "a sub button media_id is invalid"),
    (40119, "a button type is not allowed for this account"),
    (40120, "a sub button type is not allowed for this account"),
    (40121, "a view_limited button must point at a news material"),
    (
        40125,
        "WECHAT_APPSECRET is wrong (invalid appsecret): copy it again from 设置与开发 → 基本配置 in the WeChat admin console, or reset it there",
    ),
    (40155, "menus may not link to other accounts' home pages"),
    (40165, "invalid mini program pagepath"),
    (
        40243,
        "the AppSecret is frozen; unfreeze or reset it in the WeChat admin console (设置与开发 → 基本配置)",
    ),
    (
        40246,
        "the template keywords are empty or not in the library template; check `keywords` against the template's keyword list",
    ),
    (
        41001,
        "the access token is missing from the request; this is a wxform bug, please report it",
    ),
    (41002, "the appid is missing: set WECHAT_APPID"),
    (41004, "the AppSecret is missing: set WECHAT_APPSECRET"),
    (41007, "a folder has no sub buttons"),
    (
        42001,
        "the access token expired; wxform fetched a fresh token and retried once",
    ),
    (
        43001,
        "WeChat expected a GET request; this is a wxform bug, please report it",
    ),
    (
        43002,
        "WeChat expected a POST request; this is a wxform bug, please report it",
    ),
    (43004, "the user has not followed the account"),
    (
        43100,
        "the industry can be changed only once a month; try again later",
    ),
    (43101, "the user refused this message"),
    (
        44002,
        "WeChat received an empty body; this is a wxform bug, please report it",
    ),
    (
        45009,
        "the daily quota of this API is reached; it resets at midnight Beijing time, or reset it with clear_quota (10 times a month) in the admin console or API",
    ),
    (
        45010,
        "the menu-creation limit is reached; try again tomorrow",
    ),
    (
        45011,
        "the per-minute quota is reached; wxform retried with backoff — wait a minute and run again",
    ),
    (
        45026,
        "the account already has 25 templates, the maximum; delete unused ones first",
    ),
    (
        45027,
        "the template does not belong to the account's industries; change `industry` or pick another template",
    ),
    (45048, "a button uses a type this account may not use"),
    (
        45056,
        "the account already has 100 tags, the maximum; delete unused tags first",
    ),
    (
        45057,
        "the tag has more than 100 000 followers and cannot be deleted; untag followers first",
    ),
    (
        45058,
        "tags 0, 1 and 2 belong to WeChat and cannot be changed or deleted",
    ),
    (45059, "a follower already carries 20 tags, the maximum"),
    (
        45064,
        "the menu's mini program is not linked to this account; link it in the admin console (小程序管理) first",
    ),
    (
        45157,
        "invalid tag name: a tag with this name already exists, or the name is not allowed",
    ),
    (
        45158,
        "the tag name is too long (at most 30 bytes, about 10 CJK characters)",
    ),
    (45159, "invalid tag id: the tag does not exist"),
    (46002, "menu version does not exist"),
    (46003, "the account has no menu made through the API"),
    (
        47001,
        "WeChat could not parse the request body; this is a wxform bug, please report it",
    ),
    (
        47002,
        "the request contained a unicode escape WeChat refuses; this is a wxform bug, please report it",
    ),
    (47003, "an argument is invalid"),
    (
        48001,
        "the account lacks this API: WeChat grants APIs by account type and verification — a personal subscription account has no menu API at all, an unverified account lacks the APIs kept for verified ones (template messages need a verified service account); check the account's type and verification under 设置与开发 → 公众号设置 and this API under 设置与开发 → 接口权限 in the admin console; this is not a credentials problem (WeChat accepted them), unless a ready-made token belongs to another app, such as a mini program",
    ),
    (
        48004,
        "this API is forbidden for the account because of irregularities; see the notice on mp.weixin.qq.com",
    ),
    (48006, "clear_quota was used 10 times this month already"),
    (
        53600,
        "invalid article_id: publish the article first and use the id from the publish API",
    ),
    (65301, "no conditional menu with this menuid"),
    (65302, "no such user"),
    (
        65303,
        "there is no default menu; conditional menus need a default menu first",
    ),
    (
        65304,
        "a matchrule needs at least one field (tag or client_platform_type)",
    ),
    (
        65305,
        "the account has reached the maximum number of conditional menus",
    ),
    (65306, "conditional menus need a verified account"),
    (65307, "the conditional menu is empty"),
    (65308, "a button has no action"),
    (65309, "conditional menus are switched off for this account"),
    (65310, "country information is missing from the matchrule"),
    (65311, "province information is missing from the matchrule"),
    (65312, "invalid country in the matchrule"),
    (65313, "invalid province in the matchrule"),
    (65314, "invalid city in the matchrule"),
    (65315, "the user is not a follower"),
    (
        65316,
        "conditional menus may link to at most 3 distinct URL domains",
    ),
    (65317, "a menu contains an invalid url"),
    (
        65318,
        "the body must be UTF-8; this is a wxform bug, please report it",
    ),
    (
        65319,
        "the account may not create menus through the API (its menu is managed in the web console)",
    ),
    (
        65320,
        "matchrules may no longer use sex, country, province, city or language; use a tag instead",
    ),
    (
        76021,
        "openapi/quota/get does not know the endpoint's path (cgi_path not found): no daily quota of it can be read; plan and apply go on without checking it",
    ),
    (
        76022,
        "openapi/quota/get refused this token for the endpoint (could not use this cgi_path): its quota belongs to another kind of account or token (a mini program's, a third-party platform's component token); plan and apply go on without checking it",
    ),
    (
        89501,
        "WeChat is waiting for the account admin to confirm this machine's IP; confirm in the WeChat notification, or add the IP to the API IP whitelist",
    ),
    (
        89503,
        "WeChat asked the account admin to confirm this machine's IP; confirm it in the notification on the admin's phone, or add the IP to the API IP whitelist (设置与开发 → 基本配置 → IP白名单), then run again",
    ),
    (
        89506,
        "the admin rejected this IP; wait 24 hours or add it to the API IP whitelist",
    ),
    (
        89507,
        "the admin rejected this IP; wait 1 hour or add it to the API IP whitelist",
    ),
    (200002, "invalid arguments to the subscribe-template API"),
    (200011, "the account is banned from subscribe templates"),
    (
        200012,
        "the account already has 25 subscribe templates, the maximum; delete unused ones first",
    ),
    (200013, "the subscribe template is banned"),
    (200014, "invalid tid: no such library template"),
    (200016, "invalid start"),
    (200017, "invalid limit (at most 30)"),
    (200018, "category ids are missing"),
    (200019, "invalid category ids"),
    (
        200020,
        "invalid kidList: choose 2 to 5 keyword ids of the library template",
    ),
    (200021, "invalid sceneDesc (at most 15 characters)"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code WeChat documents for the endpoints wxform calls (tokens, menus, conditional
    /// menus, templates, subscribe templates, tags, quotas).
    const DOCUMENTED: &[i64] = &[
        -1, 40001, 40002, 40003, 40007, 40013, 40014, 40016, 40017, 40018, 40019, 40020, 40022,
        40023, 40024, 40025, 40026, 40027, 40033, 40036, 40037, 40054, 40055, 40102, 40103, 40118,
        40119, 40120, 40121, 40125, 40155, 40164, 40165, 40243, 40246, 41001, 41002, 41004, 41007,
        42001, 43001, 43002, 43004, 43100, 43101, 44002, 45009, 45010, 45011, 45026, 45027, 45048,
        45056, 45057, 45058, 45059, 45064, 45157, 45158, 45159, 46002, 46003, 47001, 47002, 47003,
        48001, 48004, 48006, 53600, 61004, 65301, 65302, 65303, 65304, 65305, 65306, 65307, 65308,
        65309, 65310, 65311, 65312, 65313, 65314, 65315, 65316, 65317, 65318, 65319, 65320, 76021,
        76022, 89501, 89503, 89506, 89507, 200002, 200011, 200012, 200013, 200014, 200016, 200017,
        200018, 200019, 200020, 200021,
    ];

    #[test]
    fn every_documented_code_has_advice() {
        for code in DOCUMENTED {
            assert!(is_known(*code), "no advice for {code}");
        }
        assert!(!is_known(99999));
        assert!(advice(99999, "x").contains("return-code list"));
    }

    #[test]
    fn catalogue_has_no_duplicates() {
        let mut codes: Vec<i64> = CATALOGUE.iter().map(|(code, _)| *code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CATALOGUE.len());
    }

    #[test]
    fn whitelist_refusals_get_the_whitelist_advice() {
        let msg = "invalid ip 117.129.8.8 ipv6 ::ffff:117.129.8.8, not in whitelist rid: 6351f0e3-4fa90897-25a38569";
        assert_eq!(
            advice(40164, msg),
            Refusal::of(40164, msg).unwrap().advice()
        );
        let msg = "access clientip is not registered requestIP: 175.11.201.147 rid: 5f92a0c3-4b491949-0aa4f69d";
        let text = advice(61004, msg);
        assert!(text.contains("IP as 175.11.201.147"), "{text}");
        assert!(text.contains("third-party platform"), "{text}");
        assert!(is_known(61004) && is_known(40164));
        // The IP is display only: any errmsg gets the advice.
        assert!(advice(40164, "garbled").contains("does not say which IP"));
    }

    #[test]
    fn actionable_advice_for_operator_codes() {
        assert!(advice(40125, "invalid appsecret").contains("WECHAT_APPSECRET"));
        let unauthorized = advice(48001, "api unauthorized");
        for part in [
            "the account lacks this API",
            "personal subscription account has no menu API",
            "an unverified account lacks",
            "接口权限",
            "not a credentials problem",
        ] {
            assert!(unauthorized.contains(part), "{part}: {unauthorized}");
        }
        assert!(advice(65306, "").contains("verified account"));
        assert!(advice(45009, "").contains("midnight Beijing time"));
        assert!(advice(45009, "").contains("clear_quota"));
    }

    #[test]
    fn retry_classes() {
        assert!(is_token_invalid(42001) && is_token_invalid(40014) && is_token_invalid(40001));
        assert!(!is_token_invalid(40125));
        assert!(is_transient(-1) && is_transient(45011));
        for never in [40125, 40164, 61004, 48001, 45009, 89503] {
            assert!(!is_transient(never) && !is_token_invalid(never));
        }
    }
}
