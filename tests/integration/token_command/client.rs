//! The client with `Credentials::Command`, call by call: the command runs once more in a run,
//! not once more per refused token, so a call that starts with the token of that second run
//! and sees it refused too neither runs the command again nor sends the same token twice.

use super::Service;
use crate::client::support::config;
use crate::support::emulator::Emulator;
use wxform::model::TokenCommand;
use wxform::wechat::{Client, Credentials};

/// A client whose token comes from `service`'s program, in `dir`.
fn command_client(emulator: &Emulator, dir: &std::path::Path) -> Client {
    let mut config = config(emulator);
    config.credentials = Credentials::Command(TokenCommand {
        argv: vec!["./bin/platform-token".into()],
        config: dir.join("wxform.yaml"),
    });
    Client::new(config).unwrap()
}

#[test]
fn a_call_that_starts_with_the_second_run_s_refused_token_gives_up_without_a_third_run() {
    let emulator = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let service = Service::printing(dir.path());
    let first = emulator.issue_token();
    let second = emulator.issue_token();
    emulator.invalidate_token(&first);
    emulator.invalidate_token(&second);
    service.hand_out(&[&first, &second, &emulator.issue_token()]);
    let client = command_client(&emulator, dir.path());

    let err = client.tags_get().unwrap_err();
    assert_eq!(err.errcode(), Some(40001));
    assert_eq!(service.runs().len(), 2);
    let tags_calls = emulator.request_count("/cgi-bin/tags/get");
    assert_eq!(tags_calls, 2, "the first token, then the second");

    // A later call starts with the second token, which WeChat refuses again.
    let err = client.tags_get().unwrap_err();
    assert_eq!(err.errcode(), Some(40001));
    assert!(
        err.to_string()
            .contains("also after running the command once more"),
        "{err}"
    );
    assert_eq!(
        service.runs().len(),
        2,
        "the command runs once more per run"
    );
    assert_eq!(
        emulator.request_count("/cgi-bin/tags/get"),
        tags_calls + 1,
        "the refused token is not sent again"
    );
}
