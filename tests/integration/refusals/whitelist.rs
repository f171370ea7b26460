//! A caller whose IP is not on a whitelist: what `doctor`, `plan` and `apply` say.

use super::{with_secret, with_token};
use crate::doctor::{snapshot, stable};
use crate::support::emulator::{Emulator, EmulatorOptions, WhitelistKind};
use crate::support::run::{all_text, stderr, stdout};
use crate::support::shop::{SHOP_YAML, shop_state};
use wxform::wechat::whitelist::Refusal;

/// What every refusal's advice says besides the IP.
const SETUPS: [&str; 4] = [
    "the whitelist covers every API call, also those made with a ready-made token from a token service",
    "not a.b.c.*",
    "a GitHub-hosted runner's IP is not fixed: run on a self-hosted runner with a fixed egress IP, or through an HTTPS proxy with one (HTTPS_PROXY)",
    "see https://github.com/wxform/wxform/blob/main/docs/ci.md#hosted-runners-and-the-ip-whitelist",
];

fn assert_names_the_setups(text: &str) {
    for part in SETUPS {
        assert!(text.contains(part), "{part}: {text}");
    }
}

fn refusing(ip: &str, kind: WhitelistKind) -> Emulator {
    Emulator::start_with(EmulatorOptions::whitelist_refusing(ip, kind))
}

#[test]
fn doctor_on_40164_names_the_ipv4_wechat_saw_and_the_setups() {
    let emulator = refusing("198.51.100.23", WhitelistKind::Account);
    let dir = tempfile::tempdir().unwrap();
    let output = with_secret(&emulator, dir.path(), &["doctor"]);
    snapshot!("doctor_40164_ipv4", stable(&output, dir.path()));
    let text = stdout(&output);
    assert!(
        text.contains("FAIL IP whitelist        WeChat saw this machine's IP as 198.51.100.23, which is not on the account's API IP whitelist\n"),
        "{text}"
    );
    assert_names_the_setups(&text);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "error: 2 required checks failed\n");
    assert!(!all_text(&output).contains(emulator.secret()));
}

#[test]
fn doctor_on_40164_names_an_ipv6_caller_in_full_and_a_mapped_one_as_ipv4() {
    let emulator = refusing("2408:8207:1850::7", WhitelistKind::Account);
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(&with_secret(&emulator, dir.path(), &["doctor"]));
    assert!(
        text.contains("WeChat saw this machine's IP as 2408:8207:1850:0:0:0:0:7, which is not on"),
        "{text}"
    );
    assert_names_the_setups(&text);

    emulator.configure(|options| {
        options.whitelist_errmsg = Some("invalid ip ::ffff:198.51.100.23, not in whitelist".into());
    });
    let text = stdout(&with_secret(&emulator, dir.path(), &["doctor"]));
    assert!(
        text.contains("WeChat saw this machine's IP as 198.51.100.23, which is not on"),
        "{text}"
    );
}

#[test]
fn doctor_with_a_token_service_token_on_61004_names_the_ip_and_the_setups() {
    let emulator = refusing("203.0.113.99", WhitelistKind::ThirdParty);
    let token = emulator.issue_token();
    let dir = tempfile::tempdir().unwrap();
    let output = with_token(&emulator, dir.path(), &token, &["doctor"]);
    snapshot!("doctor_61004_token", stable(&output, dir.path()));
    let text = stdout(&output);
    assert!(
        text.contains("ok   access token        given in WECHAT_ACCESS_TOKEN"),
        "the token itself is accepted: {text}"
    );
    assert!(
        text.contains("FAIL IP whitelist        WeChat saw this machine's IP as 203.0.113.99, which is not on the IP whitelist of the third-party platform that issued the access token\n"),
        "{text}"
    );
    assert_names_the_setups(&text);
    // The advice is given once; each API line names its call and points at it.
    assert_eq!(text.matches("self-hosted runner").count(), 1, "{text}");
    assert!(
        text.contains("FAIL tags                tags/get: WeChat error 61004 (access clientip is not registered requestIP: 203.0.113.99 rid: "),
        "{text}"
    );
    // Five API groups, and the daily quotas once for every endpoint refused alike.
    assert_eq!(
        text.matches("): see IP whitelist above\n").count(),
        6,
        "{text}"
    );
    assert!(
        text.contains("warn daily quotas        not known for any endpoint: openapi/quota/get: WeChat error 61004 ("),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(!all_text(&output).contains(&token));
}

#[test]
fn doctor_says_when_the_answer_names_no_ip() {
    let emulator = refusing("203.0.113.99", WhitelistKind::ThirdParty);
    emulator.configure(|options| {
        options.whitelist_errmsg =
            Some("access clientip is not registered hint: [aHCZjA05601518]".into());
    });
    let dir = tempfile::tempdir().unwrap();
    let output = with_secret(&emulator, dir.path(), &["doctor"]);
    let text = stdout(&output);
    assert!(
        text.contains("FAIL IP whitelist        WeChat refused this machine's IP, which is not on the IP whitelist of the third-party platform that issued the access token (its answer does not say which IP it saw)\n"),
        "{text}"
    );
    assert!(
        text.contains("if this machine's public IP is fixed"),
        "{text}"
    );
    assert!(!text.contains("203.0.113.99"), "{text}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn plan_and_apply_give_the_same_advice_as_doctor() {
    let emulator = refusing("198.51.100.23", WhitelistKind::Account);
    emulator.seed(shop_state());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wxform.yaml"),
        SHOP_YAML.replace("VIP", "SVIP"),
    )
    .unwrap();
    let expected = Refusal::of(
        40164,
        "invalid ip 198.51.100.23 ipv6 ::ffff:198.51.100.23, not in whitelist",
    )
    .unwrap()
    .advice();
    for args in [&["plan"][..], &["apply", "--auto-approve"]] {
        let output = with_secret(&emulator, dir.path(), args);
        let error = stderr(&output);
        assert!(
            error.starts_with("error: cannot read the live account: stable_token: WeChat error 40164 (invalid ip 198.51.100.23 ipv6 :\\:ffff:198.51.100.23, not in whitelist rid: "),
            "{args:?}: {error}"
        );
        assert!(
            error.ends_with(&format!("): {expected}\n")),
            "{args:?}: {error}"
        );
        assert_eq!(output.status.code(), Some(1), "{args:?}");
    }
    assert!(emulator.mutating_requests().is_empty());
}

#[test]
fn plan_with_a_token_service_token_gives_the_advice() {
    let emulator = refusing("198.51.100.23", WhitelistKind::ThirdParty);
    emulator.seed(shop_state());
    let token = emulator.issue_token();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), SHOP_YAML).unwrap();
    let output = with_token(&emulator, dir.path(), &token, &["plan"]);
    let error = stderr(&output);
    assert!(error.contains("WeChat error 61004"), "{error}");
    assert!(
        error.contains("WeChat saw this machine's IP as 198.51.100.23"),
        "{error}"
    );
    assert_names_the_setups(&error);
    // Every section fails alike: the advice is given once, the others point at it.
    assert_eq!(error.matches("self-hosted runner").count(), 1, "{error}");
    assert!(
        error.contains("\n  tags: tags/get: WeChat error 61004 (access clientip is not registered requestIP: 198.51.100.23 rid: "),
        "{error}"
    );
    assert_eq!(error.matches("): as above\n").count(), 5, "{error}");
    assert!(!error.contains(&token));
    assert_eq!(output.status.code(), Some(1));
}
