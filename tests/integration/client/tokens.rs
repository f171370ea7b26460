//! Tokens: stable_token only, the on-disk cache (reuse, permissions, lock, expiry) and the
//! refresh-once rule for rejected tokens.

use crate::client::support::{
    BASIC_TOKEN, STABLE_TOKEN, cached_client, client, count, paths_and_errcodes, token_client,
};
use crate::support::emulator::Emulator;
use std::fs;
use std::time::Duration;
use wxform::wechat::TokenSource;
use wxform::wechat::cache::{CachedToken, TokenCache};

fn cached_token(dir: &std::path::Path, emulator: &Emulator) -> String {
    let text = fs::read_to_string(cache(dir, emulator).path(emulator.appid())).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["access_token"].as_str().unwrap().to_string()
}

/// The cache in `dir` as a client of `emulator` keys it.
fn cache(dir: &std::path::Path, emulator: &Emulator) -> TokenCache {
    TokenCache::new(dir).for_host(&emulator.host())
}

#[test]
fn stable_token_is_fetched_in_normal_mode_never_basic_token() {
    let emulator = Emulator::start();
    let info = client(&emulator).token_info().unwrap();
    assert_eq!(info.source, TokenSource::StableToken);
    assert!(info.remaining.unwrap() > Duration::from_secs(7000));
    let request = emulator.requests().remove(0);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", STABLE_TOKEN)
    );
    let body = request.body.unwrap();
    assert_eq!(body["force_refresh"], false);
    assert_eq!(body["grant_type"], "client_credential");
    assert_eq!(body["appid"], emulator.appid());
    assert_eq!(count(&emulator, BASIC_TOKEN), 0);
}

#[test]
fn a_second_run_reuses_the_cached_token_with_zero_token_calls() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let first = cached_client(&emulator, dir.path());
    first.tags_get().unwrap();
    assert_eq!(count(&emulator, STABLE_TOKEN), 1);
    emulator.clear_requests();

    let second = cached_client(&emulator, dir.path());
    assert_eq!(second.token_info().unwrap().source, TokenSource::Cache);
    second.tags_get().unwrap();
    assert_eq!(count(&emulator, STABLE_TOKEN), 0);
    assert_eq!(count(&emulator, "/cgi-bin/tags/get"), 1);
    assert!(second.take_warnings().is_empty());
}

#[cfg(unix)]
#[test]
fn cache_is_private_and_holds_only_this_appid() {
    use std::os::unix::fs::PermissionsExt;
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("wxform");
    cached_client(&emulator, &cache_dir).token_info().unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&cache_dir), 0o700);
    let file = cache(&cache_dir, &emulator).path(emulator.appid());
    assert_eq!(mode(&file), 0o600);
    assert!(
        file.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .contains(emulator.appid())
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains(emulator.secret()),
        "the cache never holds the AppSecret"
    );
}

#[cfg(unix)]
#[test]
fn world_readable_cache_is_refused_with_a_warning_and_rewritten() {
    use std::os::unix::fs::PermissionsExt;
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    cached_client(&emulator, dir.path()).token_info().unwrap();
    let file = cache(dir.path(), &emulator).path(emulator.appid());
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    emulator.clear_requests();

    let client = cached_client(&emulator, dir.path());
    assert_eq!(
        client.token_info().unwrap().source,
        TokenSource::StableToken
    );
    assert_eq!(
        count(&emulator, STABLE_TOKEN),
        1,
        "the exposed cache was not trusted"
    );
    let warnings = client.take_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("other users can read it (mode 644)"),
        "{warnings:?}"
    );
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_token_rejected_mid_run_is_refreshed_exactly_once() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let client = cached_client(&emulator, dir.path());
    client.tags_get().unwrap();
    let old = cached_token(dir.path(), &emulator);
    emulator.invalidate_token(&old);
    emulator.clear_requests();

    client.tag_create("VIP").unwrap();
    let paths = paths_and_errcodes(&emulator);
    assert_eq!(
        paths,
        vec![
            ("/cgi-bin/tags/create".to_string(), 40001),
            (STABLE_TOKEN.to_string(), 0),
            ("/cgi-bin/tags/create".to_string(), 0),
        ]
    );
    assert_ne!(
        cached_token(dir.path(), &emulator),
        old,
        "the cache holds the new token"
    );
    assert_eq!(emulator.state().tags.len(), 1, "created once");
}

#[test]
fn expiry_on_the_platform_clock_triggers_one_refresh() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    cached_client(&emulator, dir.path()).tags_get().unwrap();
    // Two hours pass on the platform; this machine's clock still thinks the cached token fresh.
    emulator.advance(Duration::from_secs(7300));
    emulator.clear_requests();

    let client = cached_client(&emulator, dir.path());
    client.tags_get().unwrap();
    let paths = paths_and_errcodes(&emulator);
    assert_eq!(
        paths,
        vec![
            ("/cgi-bin/tags/get".to_string(), 42001),
            (STABLE_TOKEN.to_string(), 0),
            ("/cgi-bin/tags/get".to_string(), 0),
        ]
    );
}

#[test]
fn a_cache_entry_near_its_expiry_is_not_used() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let cache = cache(dir.path(), &emulator);
    let now = wxform::wechat::cache::now_secs();
    let stale = CachedToken {
        access_token: wxform::wechat::Secret::new("x".repeat(40)),
        obtained_at: now - 7000,
        expires_in: 7200,
    };
    cache.store(emulator.appid(), &stale).unwrap();
    let client = cached_client(&emulator, dir.path());
    assert_eq!(
        client.token_info().unwrap().source,
        TokenSource::StableToken
    );
    client.tags_get().unwrap();
    assert_eq!(count(&emulator, STABLE_TOKEN), 1);
    assert_ne!(cached_token(dir.path(), &emulator), "x".repeat(40));
}

#[test]
fn parallel_runs_share_one_refresh_through_the_lock() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| cached_client(&emulator, dir.path()).tags_get().unwrap());
        }
    });
    assert_eq!(count(&emulator, STABLE_TOKEN), 1);
    assert_eq!(count(&emulator, "/cgi-bin/tags/get"), 4);
}

#[test]
fn parallel_reads_in_one_run_fetch_one_token() {
    let emulator = Emulator::start();
    let client = client(&emulator);
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| client.tags_get().unwrap());
        }
    });
    assert_eq!(count(&emulator, STABLE_TOKEN), 1);
}

#[test]
fn a_given_access_token_is_used_without_any_token_call() {
    let emulator = Emulator::start();
    let token = emulator.issue_token();
    let client = token_client(&emulator, &token);
    assert_eq!(
        client.token_info().unwrap().source,
        TokenSource::Environment
    );
    assert_eq!(client.token_info().unwrap().remaining, None);
    client.tags_get().unwrap();
    assert_eq!(
        count(&emulator, STABLE_TOKEN) + count(&emulator, BASIC_TOKEN),
        0
    );
}

#[test]
fn a_rejected_given_token_is_a_clear_error_without_refresh() {
    let emulator = Emulator::start();
    let token = emulator.issue_token();
    emulator.invalidate_token(&token);
    let err = token_client(&emulator, &token).tags_get().unwrap_err();
    assert_eq!(err.errcode(), Some(40001));
    let text = err.to_string();
    assert!(
        text.contains("WECHAT_ACCESS_TOKEN") && text.contains("token service"),
        "{text}"
    );
    assert!(!text.contains(&token));
    assert_eq!(count(&emulator, "/cgi-bin/tags/get"), 1);
    assert_eq!(
        count(&emulator, STABLE_TOKEN) + count(&emulator, BASIC_TOKEN),
        0
    );
}

#[test]
fn an_unusable_cache_directory_only_warns() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let not_a_dir = dir.path().join("file");
    fs::write(&not_a_dir, "x").unwrap();
    let client = cached_client(&emulator, &not_a_dir);
    client.tags_get().unwrap();
    let warnings = client.take_warnings();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("not using the token cache directory")),
        "{warnings:?}"
    );
    assert_eq!(warnings.len(), 1, "nothing else is tried: {warnings:?}");
    assert!(
        client.take_warnings().is_empty(),
        "warnings are handed out once"
    );
}
