//! Shared setup for tests of the WeChat client library: clients against the emulator,
//! canonical buttons and a seeded account.

use crate::support::emulator::{
    self as emu, ConditionalMenu, DefaultMenu, Emulator, Matchrule, MenuSource as EmuSource, State,
    Tag,
};
use std::path::Path;
use std::time::Duration;
use wxform::model::{Button, IndustryCodes, Menu};
use wxform::wechat::cache::TokenCache;
use wxform::wechat::{Client, ClientConfig, Credentials, RetryPolicy, Secret, Sections};

pub const STABLE_TOKEN: &str = "/cgi-bin/stable_token";
pub const BASIC_TOKEN: &str = "/cgi-bin/token";

/// Retries as in production, but 1 ms apart.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(1),
    }
}

pub fn appsecret(emulator: &Emulator) -> Credentials {
    Credentials::AppSecret {
        appid: emulator.appid().to_string(),
        secret: Secret::new(emulator.secret()),
    }
}

pub fn config(emulator: &Emulator) -> ClientConfig {
    let mut config = ClientConfig::new(emulator.base_url(), appsecret(emulator));
    config.retry = fast_retry();
    config
}

/// A client without a token cache.
pub fn client(emulator: &Emulator) -> Client {
    Client::new(config(emulator)).unwrap()
}

/// A client caching tokens in `dir`.
pub fn cached_client(emulator: &Emulator, dir: &Path) -> Client {
    let mut config = config(emulator);
    config.cache = Some(TokenCache::new(dir));
    Client::new(config).unwrap()
}

/// A client using a token handed out by a central token service.
pub fn token_client(emulator: &Emulator, token: &str) -> Client {
    let credentials = Credentials::AccessToken {
        appid: None,
        token: Secret::new(token),
    };
    let mut config = ClientConfig::new(emulator.base_url(), credentials);
    config.retry = fast_retry();
    Client::new(config).unwrap()
}

/// A client whose token is already fetched, so that injected faults hit business calls.
pub fn warm_client(emulator: &Emulator) -> Client {
    let client = client(emulator);
    client.token_info().unwrap();
    client
}

pub fn count(emulator: &Emulator, path: &str) -> usize {
    emulator.request_count(path)
}

// ---- canonical buttons and a seeded account ----

pub fn leaf(name: &str, kind: &str) -> Button {
    Button {
        name: name.into(),
        kind: Some(kind.into()),
        ..Button::default()
    }
}

pub fn click(name: &str, key: &str) -> Button {
    Button {
        key: Some(key.into()),
        ..leaf(name, "click")
    }
}

pub fn view(name: &str, url: &str) -> Button {
    Button {
        url: Some(url.into()),
        ..leaf(name, "view")
    }
}

pub fn folder(name: &str, sub_button: Vec<Button>) -> Button {
    Button {
        name: name.into(),
        sub_button,
        ..Button::default()
    }
}

pub fn sample_menu() -> Menu {
    Menu {
        button: vec![
            click("今日歌曲🎵", "V1001_TODAY_MUSIC"),
            folder(
                "服务",
                vec![
                    view("官网", "https://example.com/a?x=1&y=<2>"),
                    Button {
                        url: Some("https://example.com/fallback".into()),
                        appid: Some("wx286b93c14bbf93aa".into()),
                        pagepath: Some("pages/index/index".into()),
                        ..leaf("小程序", "miniprogram")
                    },
                ],
            ),
        ],
    }
}

pub fn seeded_account(emulator: &Emulator) {
    emulator.seed(State {
        menu: Some(DefaultMenu {
            source: EmuSource::Api,
            menuid: 408_396_901,
            button: vec![
                emu::Button::click("今日", "K1"),
                emu::Button::folder(
                    "更多",
                    vec![emu::Button::view("官网", "https://example.com/")],
                ),
            ],
        }),
        conditional_menus: vec![
            ConditionalMenu {
                menuid: 408_396_902,
                button: vec![emu::Button::click("VIP", "VIP")],
                matchrule: Matchrule {
                    tag_id: Some("100".into()),
                    client_platform_type: Some("1".into()),
                    ..Matchrule::default()
                },
            },
            ConditionalMenu {
                menuid: 408_396_903,
                button: vec![emu::Button::click("旧", "OLD")],
                matchrule: Matchrule {
                    sex: Some("1".into()),
                    city: Some("广州".into()),
                    ..Matchrule::default()
                },
            },
        ],
        tags: vec![
            Tag::new(100, "VIP"),
            Tag {
                id: 101,
                name: "内测用户".into(),
                count: 7,
            },
        ],
        ..State::default()
    });
}

/// Sets the industry to IT科技 codes 1 and 2, which the library's TM templates belong to.
pub fn set_it_industry(client: &Client) {
    client
        .set_industry(IndustryCodes {
            primary: 1,
            secondary: 2,
        })
        .unwrap();
}

/// Each recorded request's path and errcode, in order.
pub fn paths_and_errcodes(emulator: &Emulator) -> Vec<(String, i64)> {
    emulator
        .requests()
        .into_iter()
        .map(|r| (r.path, r.errcode))
        .collect()
}

/// The menu and tag sections: what the tests of menus and tags read back.
pub fn menus_and_tags() -> Sections {
    Sections {
        menu: true,
        conditional_menus: true,
        tags: true,
        ..Sections::default()
    }
}
