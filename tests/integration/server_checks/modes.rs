//! The three modes (消息加解密方式) as the harness's server sees them, and the URL handshake:
//! safe-mode pushes carry only ToUserName and Encrypt, compatible-mode pushes both; the
//! server's own code verifies each msg_signature and decrypts each push to the account's
//! AppID; encrypted replies are verified and decrypted, and plaintext ones in safe mode fail.

use super::{check, config, line_of, test};
use crate::support::account_server::{APPID, AccountServer, Behaviour, Mode, Setup, field};

#[test]
fn safe_mode_pushes_are_encrypted_as_wechat_encrypts_them() {
    let answers = [("NEW_ARRIVALS", Behaviour::Text("本周新品".into()))];
    let (run, server) = check(Mode::Safe, &answers, "", &[]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(line_of(&run, "NEW_ARRIVALS").starts_with(
        "pass  click NEW_ARRIVALS (menu: 新品上架; android: 新品上架): text \"本周新品\""
    ));
    for push in server.pushes() {
        assert_eq!(
            push.query.get("encrypt_type").map(String::as_str),
            Some("aes")
        );
        assert_eq!(push.msg_signature_ok, Some(true), "{push:?}");
        assert_eq!(push.appid.as_deref(), Some(APPID));
        let encrypt = field(&push.body, "Encrypt").unwrap();
        assert_eq!(
            push.body,
            format!(
                "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
            )
        );
        let message = push.message.unwrap();
        assert!(
            message.starts_with("<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>"),
            "{message}"
        );
    }
}

#[test]
fn compatible_mode_pushes_carry_the_plain_fields_beside_encrypt() {
    let answers = [("subscribe", Behaviour::Plaintext)];
    let (run, server) = check(Mode::Compatible, &answers, "", &[]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let follow = line_of(&run, "follow (subscribe)");
    assert!(
        follow.starts_with("pass  follow (subscribe): text \"plain\""),
        "{follow}"
    );
    for push in server.pushes() {
        assert_eq!(push.msg_signature_ok, Some(true));
        let plain = push.message.clone().unwrap();
        let fields = plain.strip_suffix("</xml>").unwrap();
        assert!(push.body.starts_with(fields), "{}", push.body);
        assert!(push.body.contains("</EventKey>") && push.body.contains("<Encrypt><![CDATA["));
    }
}

#[test]
fn safe_mode_replies_must_be_encrypted_and_signed() {
    let answers = [
        ("NEW_ARRIVALS", Behaviour::Plaintext),
        ("CONTACT_SERVICE", Behaviour::BadSignature),
        ("SCAN_PRICE", Behaviour::News(1)),
        ("POINTS", Behaviour::Swapped),
    ];
    let (run, _server) = check(Mode::Safe, &answers, "", &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        line_of(&run, "NEW_ARRIVALS")
            .contains("a plaintext reply in safe mode: WeChat accepts only encrypted replies")
    );
    assert!(line_of(&run, "CONTACT_SERVICE").contains(
        "its MsgSignature is not the signature of its TimeStamp, Nonce and Encrypt with the token"
    ));
    assert!(
        line_of(&run, "SCAN_PRICE").starts_with(
            "pass  scancode_push SCAN_PRICE (menu: 服务/扫码查价): news (1) \"文章1\""
        )
    );
    assert!(line_of(&run, "POINTS").contains("ToUserName and FromUserName are swapped"));
}

#[test]
fn a_reply_sealed_for_another_appid_fails() {
    let mut setup = Setup::new(Mode::Safe).answer("NEW_ARRIVALS", Behaviour::Text("x".into()));
    setup.appid = "wx0000000000000000".into();
    let server = AccountServer::start(setup);
    let run = test(&config("safe", ""), &server, &[], &[]);
    assert!(line_of(&run, "NEW_ARRIVALS").contains(
        "it is sealed for the AppID `wx0000000000000000`, not the account's `wx1234567890abcdef`"
    ));
}

#[test]
fn plaintext_mode_sends_nothing_encrypted() {
    let (run, server) = check(Mode::Plaintext, &[], "", &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        server
            .pushes()
            .iter()
            .all(|p| !p.body.contains("Encrypt") && p.msg_signature_ok.is_none())
    );
}

#[test]
fn a_wrong_echostr_or_token_fails_the_handshake_and_says_the_token_is_likely_wrong() {
    let mut setup = Setup::new(Mode::Plaintext);
    setup.wrong_echostr = true;
    let server = AccountServer::start(setup);
    let run = test(&config("plaintext", ""), &server, &[], &[]);
    assert_eq!(run.code, Some(1));
    let handshake = line_of(&run, "URL handshake");
    assert!(
        handshake.starts_with("FAIL  URL handshake: answered `ok "),
        "{handshake}"
    );
    assert!(
        handshake.contains(
            "instead of the echostr: the server's token is likely not the one in its variable"
        ),
        "{handshake}"
    );

    let server = AccountServer::start(Setup::new(Mode::Plaintext));
    let run = test(
        &config("plaintext", ""),
        &server,
        &[],
        &[("WECHAT_SERVER_TOKEN", "another-token-1")],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        line_of(&run, "URL handshake")
            .starts_with("FAIL  URL handshake: HTTP 403 instead of the echostr")
    );
    assert!(line_of(&run, "NEW_ARRIVALS").contains("HTTP 403: WeChat needs 200"));
    assert!(server.received().iter().all(|r| !r.signature_ok));
}

#[test]
fn compatible_mode_takes_encrypted_replies_and_the_appid_from_its_variable() {
    let yaml = config("compatible", "").replace("account:\n  appid: wx1234567890abcdef\n", "");
    assert!(!yaml.contains("wx1234567890abcdef"));
    let server = AccountServer::start(
        Setup::new(Mode::Compatible).answer("NEW_ARRIVALS", Behaviour::Text("新品".into())),
    );
    let run = test(
        &yaml,
        &server,
        &[],
        &[("WECHAT_APPID", "wx1234567890abcdef")],
    );
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        line_of(&run, "NEW_ARRIVALS").starts_with("pass  click NEW_ARRIVALS"),
        "{}",
        run.stdout
    );
    assert!(line_of(&run, "NEW_ARRIVALS").contains("text \"新品\""));
    // Every push was signed and sealed for the AppID the variable holds.
    let pushes = server.pushes();
    assert!(!pushes.is_empty());
    for push in pushes {
        assert_eq!(push.msg_signature_ok, Some(true));
        assert_eq!(push.appid.as_deref(), Some("wx1234567890abcdef"));
    }
}
