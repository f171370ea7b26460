//! What needs no server, and what stops before anything is sent: no URL (one skip line, exit
//! unaffected), a missing token, a key that is no EncodingAESKey, no AppID to encrypt for,
//! `--server-url` without `server:`; the secrets kept out of every output; the JSON form.

use super::{MENUS, config, test};
use crate::support::account_server::{
    AccountServer, Behaviour, ENCODING_AES_KEY, Mode, Setup, TOKEN,
};
use crate::support::run::run_in;

fn in_dir(yaml: &str, args: &[&str], env: &[(&str, &str)]) -> crate::support::run::Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), yaml).unwrap();
    let mut all = vec!["test"];
    all.extend_from_slice(args);
    run_in(dir.path(), &all, env)
}

#[test]
fn without_the_url_the_server_checks_are_skipped_in_one_line() {
    let run = in_dir(&config("safe", ""), &[], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "skip  server checks: SERVER_URL is not set: give --server-url URL, or set SERVER_URL to the server's URL\n"
    );
    let json = in_dir(&config("safe", ""), &["--format", "json"], &[]);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(document["server"]["status"], "skipped");
}

#[test]
fn server_url_checks_that_server_and_needs_a_server_section() {
    let server = AccountServer::start(Setup::new(Mode::Plaintext));
    let url = server.url();
    let run = in_dir(
        &config("plaintext", ""),
        &["--server-url", &url],
        &[("WECHAT_SERVER_TOKEN", TOKEN)],
    );
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(server.pushes().len(), 12);

    let run = in_dir(MENUS, &["--server-url", &url], &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "error: --server-url needs a `server:` section in wxform.yaml: every push carries its original_id and is sent in its mode\n"
    );
}

#[test]
fn a_missing_token_key_or_appid_is_an_error_before_anything_is_sent() {
    let server = AccountServer::start(Setup::new(Mode::Safe));
    let url = server.url();
    let base = [("SERVER_URL", url.as_str())];
    let run = in_dir(&config("safe", ""), &[], &base);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with(
            "error: WECHAT_SERVER_TOKEN is not set: every push is signed with the server's token"
        ),
        "{}",
        run.stderr
    );

    let short_key = &ENCODING_AES_KEY[..42];
    let env = [
        base[0],
        ("WECHAT_SERVER_TOKEN", TOKEN),
        ("WECHAT_ENCODING_AES_KEY", short_key),
    ];
    let run = in_dir(&config("safe", ""), &[], &env);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "error: WECHAT_ENCODING_AES_KEY does not hold an EncodingAESKey: it has 42 characters; an EncodingAESKey has 43 (its value is not shown)\n"
    );
    assert!(!run.stderr.contains(&short_key[..12]));

    let no_appid = config("safe", "").replace("account:\n  appid: wx1234567890abcdef\n", "");
    let env = [
        base[0],
        ("WECHAT_SERVER_TOKEN", TOKEN),
        ("WECHAT_ENCODING_AES_KEY", ENCODING_AES_KEY),
    ];
    let run = in_dir(&no_appid, &[], &env);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "error: in safe mode every push is encrypted for the account's AppID: set account.appid or WECHAT_APPID\n"
    );
    assert!(server.received().is_empty(), "nothing was sent");
}

#[test]
fn the_token_and_the_key_never_appear_even_when_the_server_echoes_them() {
    // The reply check fails, so that the leaky reply is in every format's output, Markdown too.
    let quiet = "reply_checks:\n  - name: new arrivals stay quiet\n    key: NEW_ARRIVALS\n    replies: nothing\n";
    for format in ["text", "json", "markdown"] {
        let server = AccountServer::start(
            Setup::new(Mode::Safe).answer("NEW_ARRIVALS", Behaviour::EchoToken),
        );
        let run = test(&config("safe", quiet), &server, &["--format", format], &[]);
        assert_eq!(run.code, Some(1), "{format}: {}{}", run.stdout, run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(all.contains("debug: key=*** token=***"), "{format}: {all}");
        // Not even the start of a secret a quote would cut off.
        for secret in [TOKEN, ENCODING_AES_KEY] {
            assert!(!all.contains(&secret[..12]), "{format}: {all}");
        }
    }
}

#[test]
fn the_json_results_carry_every_push() {
    let answers = [
        ("NEW_ARRIVALS", Behaviour::Text("新品".into())),
        ("CONTACT_SERVICE", Behaviour::Status500),
    ];
    let mut setup = Setup::new(Mode::Plaintext);
    for (key, behaviour) in &answers {
        setup = setup.answer(key, behaviour.clone());
    }
    let server = AccountServer::start(setup);
    let run = test(
        &config("plaintext", ""),
        &server,
        &["--format", "json"],
        &[],
    );
    assert_eq!(run.code, Some(1));
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let server_part = &document["server"];
    assert_eq!(server_part["status"], "checked");
    assert_eq!(server_part["mode"], "plaintext");
    assert_eq!(server_part["failed"], 1);
    assert_eq!(server_part["handshake"]["status"], "pass");
    let pushes = server_part["pushes"].as_array().unwrap();
    assert_eq!(pushes.len(), 12);
    assert_eq!(pushes[0]["push"], "tap");
    assert_eq!(pushes[0]["event"], "click");
    assert_eq!(pushes[0]["event_key"], "NEW_ARRIVALS");
    assert_eq!(
        pushes[0]["buttons"],
        serde_json::json!(["menu: 新品上架", "android: 新品上架"])
    );
    assert_eq!(pushes[0]["reply"]["type"], "text");
    assert_eq!(pushes[0]["reply"]["words"], "text \"新品\"");
    assert!(pushes[0]["ms"].is_u64());
    assert_eq!(pushes[1]["status"], "fail");
    assert!(
        pushes[1]["detail"]
            .as_str()
            .unwrap()
            .starts_with("HTTP 500")
    );
    assert_eq!(pushes[11]["push"], "follow");
}
