//! Retries: transient answers and transport failures of reads are retried with backoff;
//! operator errors never are; writes are retried only when their failure is definite, and an
//! ambiguous failure is reported as OutcomeUnknown instead.

use crate::client::support::{STABLE_TOKEN, config, count, warm_client};
use crate::support::emulator::{DropMode, Emulator, EmulatorOptions};
use std::time::Duration;
use wxform::wechat::{Client, Credentials, Secret, TransportKind, WechatError};

const TAGS_GET: &str = "/cgi-bin/tags/get";
const TAGS_CREATE: &str = "/cgi-bin/tags/create";
const TAGS_UPDATE: &str = "/cgi-bin/tags/update";

#[test]
fn transient_minus_one_on_a_read_is_retried() {
    let emulator = Emulator::start();
    let client = warm_client(&emulator);
    emulator.fail_on(TAGS_GET, 2, -1);
    assert_eq!(client.tags_get().unwrap().len(), 1);
    assert_eq!(count(&emulator, TAGS_GET), 3);
}

#[test]
fn retries_are_bounded() {
    let emulator = Emulator::start();
    let client = warm_client(&emulator);
    emulator.fail_on(TAGS_GET, 10, -1);
    let err = client.tags_get().unwrap_err();
    assert_eq!(err.errcode(), Some(-1));
    assert_eq!(
        count(&emulator, TAGS_GET),
        4,
        "one attempt and three retries"
    );
}

#[test]
fn minute_quota_is_retried() {
    let emulator = Emulator::start();
    let client = warm_client(&emulator);
    emulator.fail_on(TAGS_GET, 1, 45011);
    client.tags_get().unwrap();
    assert_eq!(count(&emulator, TAGS_GET), 2);
}

#[test]
fn operator_errors_are_never_retried() {
    for code in [40164, 48001, 45009, 89503, 40125] {
        let emulator = Emulator::start();
        let client = warm_client(&emulator);
        emulator.fail_on(TAGS_GET, 5, code);
        let err = client.tags_get().unwrap_err();
        assert_eq!(err.errcode(), Some(code));
        assert_eq!(count(&emulator, TAGS_GET), 1, "{code} was retried");
    }
}

#[test]
fn a_wrong_secret_is_explained_and_not_retried() {
    let emulator = Emulator::start();
    let mut config = config(&emulator);
    config.credentials = Credentials::AppSecret {
        appid: emulator.appid().to_string(),
        secret: Secret::new("0".repeat(32)),
    };
    let err = Client::new(config).unwrap().tags_get().unwrap_err();
    assert_eq!(err.errcode(), Some(40125));
    assert!(
        err.to_string()
            .starts_with("stable_token: WeChat error 40125 (invalid appsecret"),
        "{err}"
    );
    assert!(
        err.to_string().contains("WECHAT_APPSECRET is wrong"),
        "{err}"
    );
    assert_eq!(count(&emulator, STABLE_TOKEN), 1);
    assert_eq!(count(&emulator, TAGS_GET), 0);
}

#[test]
fn ip_whitelist_rejection_names_the_ip_and_the_fix() {
    let options = EmulatorOptions {
        ip_whitelist_blocks: true,
        ..EmulatorOptions::default()
    };
    let emulator = Emulator::start_with(options);
    let client = Client::new(config(&emulator)).unwrap();
    let err = client.tags_get().unwrap_err();
    assert_eq!(err.errcode(), Some(40164));
    let text = err.to_string();
    assert!(
        text.contains("WeChat saw this machine's IP as 203.0.113.7, which is not on the account's API IP whitelist"),
        "{text}"
    );
    assert!(text.contains("IP白名单"), "{text}");
    assert!(text.contains("self-hosted runner"), "{text}");
    assert_eq!(count(&emulator, STABLE_TOKEN), 1);
}

#[test]
fn a_system_error_on_an_idempotent_write_is_retried() {
    let emulator = Emulator::start();
    let client = warm_client(&emulator);
    let id = client.tag_create("VIP").unwrap();
    emulator.fail_on(TAGS_UPDATE, 1, -1);
    client.tag_update(id, "SVIP").unwrap();
    assert_eq!(count(&emulator, TAGS_UPDATE), 2);
    assert_eq!(emulator.state().tags[0].name, "SVIP");
}

#[test]
fn a_system_error_on_an_add_is_not_repeated() {
    let emulator = Emulator::start();
    let client = warm_client(&emulator);
    emulator.fail_on(TAGS_CREATE, 1, -1);
    let err = client.tag_create("VIP").unwrap_err();
    assert_eq!(err.errcode(), Some(-1));
    assert_eq!(
        count(&emulator, TAGS_CREATE),
        1,
        "the caller re-reads first"
    );
}

#[test]
fn a_minute_quota_refusal_of_an_add_is_retried() {
    let emulator = Emulator::start();
    let client = warm_client(&emulator);
    emulator.fail_on(TAGS_CREATE, 1, 45011);
    client.tag_create("VIP").unwrap();
    assert_eq!(count(&emulator, TAGS_CREATE), 2);
    assert_eq!(emulator.state().tags.len(), 1);
}

#[test]
fn a_dropped_read_is_retried() {
    let emulator = Emulator::start();
    let client = warm_client(&emulator);
    emulator.drop_on(TAGS_GET, 2, DropMode::BeforeWrite);
    client.tags_get().unwrap();
    assert_eq!(count(&emulator, TAGS_GET), 3);
}

#[test]
fn a_write_dropped_after_it_happened_is_outcome_unknown_and_not_retried() {
    let emulator = Emulator::start();
    let client = warm_client(&emulator);
    emulator.drop_on(TAGS_CREATE, 1, DropMode::AfterWrite);
    let err = client.tag_create("VIP").unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(err.endpoint(), Some("tags/create"));
    assert!(
        err.to_string()
            .contains("re-read the account before retrying"),
        "{err}"
    );
    assert_eq!(count(&emulator, TAGS_CREATE), 1);
    assert_eq!(emulator.state().tags.len(), 1, "the write did happen");
}

#[test]
fn a_write_dropped_before_it_happened_is_still_outcome_unknown() {
    let emulator = Emulator::start();
    let client = warm_client(&emulator);
    emulator.drop_on("/cgi-bin/menu/addconditional", 1, DropMode::BeforeWrite);
    let menu = wxform::model::Menu {
        button: vec![wxform::model::Button {
            name: "a".into(),
            kind: Some("click".into()),
            key: Some("A".into()),
            ..Default::default()
        }],
    };
    client.menu_create(&menu).unwrap();
    let rule = wxform::wechat::MatchRuleOut::new(None, Some(wxform::model::Platform::Ios));
    let err = client.add_conditional(&menu.button, &rule).unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(count(&emulator, "/cgi-bin/menu/addconditional"), 1);
    assert!(emulator.state().conditional_menus.is_empty());
}

#[test]
fn connection_refused_names_endpoint_and_host_without_the_url() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let emulator = Emulator::start();
    let mut config = config(&emulator);
    config.api_base = format!("http://127.0.0.1:{port}");
    let err = Client::new(config).unwrap().tags_get().unwrap_err();
    match &err {
        WechatError::Transport {
            endpoint,
            host,
            kind,
            ..
        } => {
            assert_eq!(*endpoint, "stable_token");
            assert_eq!(host, &format!("127.0.0.1:{port}"));
            assert_eq!(*kind, TransportKind::Connect);
        }
        other => panic!("{other:?}"),
    }
    let text = format!("{err} {err:?}");
    assert!(text.contains("could not connect"), "{text}");
    assert!(
        !text.contains("http://") && !text.contains(emulator.secret()),
        "{text}"
    );
}

#[test]
fn timeouts_retry_reads_and_make_writes_outcome_unknown() {
    let emulator = Emulator::start();
    let mut config = config(&emulator);
    config.timeout = Duration::from_millis(100);
    let client = Client::new(config).unwrap();
    client.token_info().unwrap();
    emulator.set_latency(Duration::from_millis(400));

    let err = client.tags_get().unwrap_err();
    assert!(
        matches!(
            err,
            WechatError::Transport {
                kind: TransportKind::Timeout,
                ..
            }
        ),
        "{err:?}"
    );
    let err = client.tag_create("VIP").unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert!(!err.to_string().contains("access_token"), "{err}");
    emulator.set_latency(Duration::ZERO);
    assert_eq!(count(&emulator, TAGS_GET), 4);
    assert_eq!(count(&emulator, TAGS_CREATE), 1);
}

#[test]
fn a_tls_failure_is_named_and_not_retried() {
    // The emulator speaks plain HTTP, so an https:// handshake with it fails.
    let emulator = Emulator::start();
    let mut config = config(&emulator);
    config.api_base = emulator.base_url().replace("http://", "https://");
    let err = Client::new(config).unwrap().tags_get().unwrap_err();
    assert!(
        matches!(
            err,
            WechatError::Transport {
                kind: TransportKind::Tls,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("TLS handshake failed"), "{err}");
    assert!(emulator.requests().is_empty());
}
