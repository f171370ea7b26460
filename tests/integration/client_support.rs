//! Helpers for tests of the WeChat client library against the emulator.

use crate::support::emulator::Emulator;
use std::path::Path;
use std::time::Duration;
use wxform::wechat::cache::TokenCache;
use wxform::wechat::{Client, ClientConfig, Credentials, RetryPolicy, Secret};

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
