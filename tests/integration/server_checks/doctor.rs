//! `wxform doctor` runs the URL handshake when the configuration has a `server:` section:
//! one `server` line, passing or failing the run, whatever the WeChat checks found.

use super::config;
use crate::support::account::{connect, connect_to, retry_fast};
use crate::support::account_server::{AccountServer, Mode, Setup, TOKEN};
use crate::support::emulator::Emulator;
use crate::support::run::{stdout, wxform};
use std::process::Output;

/// `wxform doctor` of `config("plaintext")` against `server`, with the emulator's credentials
/// or none.
fn doctor(server: &AccountServer, emulator: Option<&Emulator>, token: &str) -> Output {
    doctor_in("plaintext", server, emulator, token)
}

/// [`doctor`] of `config(mode)`, with no EncodingAESKey set.
fn doctor_in(
    mode: &str,
    server: &AccountServer,
    emulator: Option<&Emulator>,
    token: &str,
) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), config(mode, "")).unwrap();
    let mut command = wxform();
    match emulator {
        Some(emulator) => connect(&mut command, emulator, dir.path()),
        None => connect_to(&mut command, "http://127.0.0.1:9", dir.path()),
    };
    retry_fast(&mut command)
        .env("SERVER_URL", server.url())
        .env("WECHAT_SERVER_TOKEN", token)
        .arg("doctor")
        .output()
        .unwrap()
}

fn server_line(output: &Output) -> String {
    let text = stdout(output);
    let line = text.lines().find(|line| line.contains(" server "));
    line.unwrap_or_else(|| panic!("no server line in:\n{text}"))
        .to_string()
}

#[test]
fn doctor_passes_when_the_server_answers_the_handshake() {
    let emulator = Emulator::start();
    let server = AccountServer::start(Setup::new(Mode::Plaintext));
    let output = doctor(&server, Some(&emulator), TOKEN);
    let line = server_line(&output);
    let expected = format!(
        "ok   server              {} answered the URL handshake with its echostr (",
        server.url()
    );
    assert!(line.starts_with(&expected), "{line}");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(server.received().len(), 1, "the handshake only: no push");
    assert_eq!(server.received()[0].method, "GET");
}

#[test]
fn doctor_fails_on_a_wrong_echostr_or_token_even_without_credentials() {
    let mut setup = Setup::new(Mode::Plaintext);
    setup.wrong_echostr = true;
    let server = AccountServer::start(setup);
    let output = doctor(&server, None, TOKEN);
    let line = server_line(&output);
    assert!(
        line.starts_with("FAIL server              answered `ok "),
        "{line}"
    );
    assert!(
        line.contains("the server's token is likely not the one in its variable"),
        "{line}"
    );

    let server = AccountServer::start(Setup::new(Mode::Plaintext));
    let output = doctor(&server, None, "another-token-22");
    let line = server_line(&output);
    assert!(
        line.starts_with("FAIL server              HTTP 403 instead of the echostr"),
        "{line}"
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(!stdout(&output).contains("another-token-22"));
}

#[test]
fn the_handshake_in_safe_mode_needs_only_the_token() {
    let server = AccountServer::start(Setup::new(Mode::Safe));
    let output = doctor_in("safe", &server, None, TOKEN);
    let line = server_line(&output);
    assert!(line.starts_with("ok   server "), "{line}");
    assert_eq!(server.received().len(), 1, "the handshake");
}

#[test]
fn a_token_too_short_to_mask_is_warned_of() {
    let server = AccountServer::start({
        let mut setup = Setup::new(Mode::Plaintext);
        setup.token = "weixin".into();
        setup
    });
    let output = doctor(&server, None, "weixin");
    assert!(server_line(&output).starts_with("ok   server "));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "warning: WECHAT_SERVER_TOKEN holds fewer than 8 characters, too few to be masked"
        ),
        "{stderr}"
    );
}

#[test]
fn without_the_servers_url_doctor_skips_it_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), config("plaintext", "")).unwrap();
    let emulator = Emulator::start();
    let mut command = wxform();
    let output = retry_fast(connect(&mut command, &emulator, dir.path()))
        .arg("doctor")
        .output()
        .unwrap();
    assert_eq!(
        server_line(&output),
        "skip server              SERVER_URL is not set: no URL to make the handshake with"
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "a skip fails nothing: {}",
        stdout(&output)
    );
}
