//! wxform through an HTTPS proxy, the way a CI job on a hosted runner reaches WeChat from a
//! fixed egress IP: `HTTPS_PROXY` (or `https_proxy`, `ALL_PROXY`) is honoured for an
//! `https://` API base, `NO_PROXY` exempts the hosts it names, and a plain-http base (a local
//! emulator) never goes through any proxy. A proxy in between learns the host and port (the
//! `CONNECT` line, the TLS server name) and nothing else: no AppSecret, token, path or body.

use crate::support::account::{closed_port_url, connect_to, retry_fast};
use crate::support::emulator::{APPID, APPSECRET, Emulator};
use crate::support::proxy::{RecordingProxy, Visit};
use crate::support::run::{all_text, wxform};
use crate::support::shop::shop_dir;
use std::path::Path;
use std::process::{Command, Output};

/// A TLS record of type handshake: what a ClientHello travels in.
const TLS_HANDSHAKE: u8 = 0x16;

/// `wxform plan` of the shop against the real host, with only `env` to reach it.
fn plan_through(dir: &Path, env: &[(&str, &str)]) -> Output {
    let mut command: Command = wxform();
    retry_fast(&mut command)
        .current_dir(dir)
        .env("WXFORM_CACHE_DIR", dir.join("cache"))
        .envs(env.iter().copied())
        .arg("plan")
        .output()
        .unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

/// A visit that opened a tunnel to `target` and sent TLS through it, and nothing of `secrets`.
fn assert_tunnel_only(visit: &Visit, target: &str, secrets: &[&str]) {
    assert_eq!(
        visit.request_line(),
        Some(format!("CONNECT {target} HTTP/1.1").as_str()),
        "{visit:?}"
    );
    let head = visit
        .head
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(head.contains(&format!("host: {target}\r\n")), "{head}");
    assert!(!head.contains("proxy-authorization"), "{head}");
    assert_eq!(visit.tls.first(), Some(&TLS_HANDSHAKE), "{visit:?}");
    assert!(visit.tls.len() > 5, "a whole ClientHello: {visit:?}");
    let seen = visit.bytes();
    // The server name travels in clear in the ClientHello: the proxy may know the host.
    let host = target.split(':').next().unwrap();
    assert!(contains(&visit.tls, host), "SNI {host}");
    for hidden in secrets.iter().copied().chain([
        "cgi-bin",
        "stable_token",
        "client_credential",
        "access_token",
        "button",
    ]) {
        assert!(!contains(&seen, hidden), "the proxy saw {hidden:?}");
    }
}

#[test]
fn through_https_proxy_the_proxy_sees_only_the_connect_and_tls() {
    let token = Emulator::start().issue_token();
    let secret_env = [("WECHAT_APPID", APPID), ("WECHAT_APPSECRET", APPSECRET)];
    let token_env = [("WECHAT_ACCESS_TOKEN", token.as_str())];
    let credentials: [(&str, &[(&str, &str)]); 2] =
        [("AppSecret", &secret_env), ("token", &token_env)];
    for (given, credentials) in credentials {
        for variable in ["HTTPS_PROXY", "https_proxy", "ALL_PROXY"] {
            let proxy = RecordingProxy::start();
            let dir = shop_dir();
            let url = proxy.url();
            let mut env = vec![(variable, url.as_str())];
            env.extend_from_slice(credentials);
            let output = plan_through(dir.path(), &env);
            let text = all_text(&output);
            assert_eq!(output.status.code(), Some(1), "{given}, {variable}: {text}");
            let visits = proxy.visits();
            assert!(!visits.is_empty(), "{given}, {variable}: no visit; {text}");
            for visit in &visits {
                assert_tunnel_only(visit, "api.weixin.qq.com:443", &[APPID, APPSECRET, &token]);
            }
            assert!(
                !text.contains(APPSECRET) && !text.contains(&token),
                "{text}"
            );
        }
    }
}

#[test]
fn no_proxy_exempts_the_hosts_it_names() {
    let host = RecordingProxy::start();
    let base = format!("https://localhost:{}", host.port());
    let proxy = RecordingProxy::start();
    let dir = shop_dir();
    let env = [
        ("WXFORM_API_BASE", base.as_str()),
        ("HTTPS_PROXY", &proxy.url()),
        ("WECHAT_APPID", APPID),
        ("WECHAT_APPSECRET", APPSECRET),
    ];

    plan_through(dir.path(), &env);
    let target = format!("localhost:{}", host.port());
    assert!(
        !proxy.visits().is_empty(),
        "any https host goes through the proxy"
    );
    for visit in proxy.visits() {
        assert_tunnel_only(&visit, &target, &[APPSECRET]);
    }
    assert!(host.visits().is_empty(), "{:?}", host.visits());

    let mut exempt = env.to_vec();
    exempt.push(("NO_PROXY", "localhost"));
    let before = proxy.visits().len();
    plan_through(dir.path(), &exempt);
    assert_eq!(
        proxy.visits().len(),
        before,
        "NO_PROXY: the proxy is not used"
    );
    let direct = host.visits();
    assert!(!direct.is_empty());
    assert!(
        direct[0].head.is_none(),
        "straight into TLS: {:?}",
        direct[0]
    );
    assert_eq!(direct[0].tls.first(), Some(&TLS_HANDSHAKE));
}

#[test]
fn a_plain_http_base_is_reached_directly_whatever_the_proxy_variables() {
    let emulator = Emulator::start();
    let proxy = RecordingProxy::start();
    let dir = shop_dir();
    let mut command = wxform();
    retry_fast(connect_to(&mut command, &emulator.base_url(), dir.path()))
        .env("WECHAT_APPID", emulator.appid())
        .env("WECHAT_APPSECRET", emulator.secret());
    for variable in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        command.env(variable, proxy.url());
    }
    let output = command.arg("plan").output().unwrap();
    assert!(output.status.success(), "{}", all_text(&output));
    assert!(emulator.request_count("/cgi-bin/stable_token") >= 1);
    assert!(proxy.visits().is_empty(), "{:?}", proxy.visits());
}

#[test]
fn proxy_credentials_in_the_variable_go_to_the_proxy_only() {
    const PASSWORD: &str = "proxy-pass-7Qw9";
    // base64("wxform:proxy-pass-7Qw9")
    const BASIC: &str = "d3hmb3JtOnByb3h5LXBhc3MtN1F3OQ==";
    let proxy = RecordingProxy::start();
    let closed = closed_port_url();
    for url in [proxy.url(), closed] {
        let url = url.replace("http://", &format!("http://wxform:{PASSWORD}@"));
        let dir = shop_dir();
        let output = plan_through(
            dir.path(),
            &[
                ("HTTPS_PROXY", &url),
                ("WECHAT_APPID", APPID),
                ("WECHAT_APPSECRET", APPSECRET),
            ],
        );
        let text = all_text(&output);
        assert_eq!(output.status.code(), Some(1), "{text}");
        assert!(!text.contains(PASSWORD) && !text.contains(BASIC), "{text}");
    }
    let visits = proxy.visits();
    assert!(!visits.is_empty());
    for visit in visits {
        let head = visit.head.unwrap_or_default();
        assert!(
            head.to_ascii_lowercase().contains(&format!(
                "proxy-authorization: basic {}\r\n",
                BASIC.to_ascii_lowercase()
            )),
            "{head}"
        );
    }
}
