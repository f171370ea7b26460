//! Replies judged as WeChat judges them, in plaintext mode: every reply type in words, no
//! reply, each mistake with its reason, view pushes' failures as warnings, reply checks, and
//! the pushes as they reach the server.

use super::{check, line_of, timeless};
use crate::support::account_server::Behaviour;
use crate::support::account_server::Mode::Plaintext;

#[test]
fn every_reply_type_passes_in_words_and_each_distinct_push_is_sent_once() {
    let answers = [
        ("NEW_ARRIVALS", Behaviour::Text("本周新品已上架".into())),
        ("CONTACT_SERVICE", Behaviour::Image),
        ("SCAN_PRICE", Behaviour::Voice),
        ("SCAN_WAIT", Behaviour::Video),
        ("STORE_LOCATION", Behaviour::Music),
        ("PIC_CAMERA", Behaviour::News(2)),
        ("PIC_ALBUM", Behaviour::Empty),
        ("subscribe", Behaviour::News(1)),
    ];
    let (run, server) = check(Plaintext, &answers, "", &[]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let url = server.url();
    assert_eq!(
        timeless(&run.stdout),
        format!(
            "server {url} (plaintext mode, as follower o6_bmjrPTlm6_2sgVt7hMZOPfL2M)\n\
             pass  URL handshake: the echostr came back\n\
             pass  click NEW_ARRIVALS (menu: 新品上架; android: 新品上架): text \"本周新品已上架\"\n\
             pass  click CONTACT_SERVICE (menu: 服务/联系客服): image \"image title\"\n\
             pass  scancode_push SCAN_PRICE (menu: 服务/扫码查价): voice \"voice title\"\n\
             pass  scancode_waitmsg SCAN_WAIT (menu: 服务/扫码等待): video \"video title\"\n\
             pass  location_select STORE_LOCATION (menu: 服务/门店位置): music \"music title\"\n\
             pass  pic_sysphoto PIC_CAMERA (menu: 晒单/拍照): news (2) \"文章1\"\n\
             pass  pic_photo_or_album PIC_ALBUM (menu: 晒单/相册): no reply\n\
             pass  pic_weixin PIC_WEIXIN (menu: 晒单/微信相册): no reply\n\
             pass  view https://shop.example.com/ (menu: 晒单/官网): no reply\n\
             pass  view_miniprogram pages/index/index (menu: 晒单/小程序): no reply\n\
             pass  click POINTS (android: 积分): no reply\n\
             pass  follow (subscribe): news (1) \"文章1\"\n\
             \n\
             server: 13 passed, 0 failed, 0 warned"
        )
    );
    // Each line carries the reply's time.
    assert!(line_of(&run, "NEW_ARRIVALS").ends_with(" ms)"));
    assert_eq!(
        server.pushes().len(),
        12,
        "NEW_ARRIVALS, in two menus, is pushed once"
    );
    assert_eq!(server.received().len(), 13, "the handshake and the pushes");
}

#[test]
fn each_mistake_fails_with_its_reason_and_the_run_exits_1() {
    let answers = [
        ("NEW_ARRIVALS", Behaviour::Swapped),
        ("CONTACT_SERVICE", Behaviour::Status500),
        ("SCAN_PRICE", Behaviour::NotXml),
        ("SCAN_WAIT", Behaviour::Milliseconds),
        ("STORE_LOCATION", Behaviour::Late),
        ("PIC_CAMERA", Behaviour::News(9)),
        ("https://shop.example.com/", Behaviour::Status500),
    ];
    let (run, server) = check(
        Plaintext,
        &answers,
        "",
        &[("WXFORM_SERVER_TIMEOUT_MS", "1500")],
    );
    server.release();
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let fail = |key: &str, reason: &str| {
        let line = line_of(&run, key);
        assert!(line.starts_with("FAIL  "), "{line}");
        assert!(line.contains(reason), "{reason:?} in {line}");
    };
    fail(
        "NEW_ARRIVALS",
        "ToUserName and FromUserName are swapped: a reply goes to the follower (ToUserName `o6_bmjrPTlm6_2sgVt7hMZOPfL2M`) from the account (FromUserName `gh_0123456789ab`)",
    );
    fail(
        "CONTACT_SERVICE",
        "HTTP 500: WeChat needs 200, else the follower sees 「该公众号暂时无法提供服务,请稍后再试」",
    );
    fail(
        "SCAN_PRICE",
        "not `success` nor a reply WeChat reads (it is not XML): `{\"reply\": \"hello\"}`",
    );
    fail("SCAN_WAIT", "is in milliseconds: WeChat needs seconds");
    fail(
        "STORE_LOCATION",
        "no answer within 1.5 s: WeChat waits 5 s, retries twice",
    );
    fail("PIC_CAMERA", "a news reply holds 1 to 8 articles, not 9");
    let view = line_of(&run, "view https://shop.example.com/");
    assert!(view.starts_with("warn  "), "{view}");
    assert!(
        view.contains("HTTP 500") && view.contains("the follower is shown the page, not the reply"),
        "{view}"
    );
    assert!(
        run.stdout
            .ends_with("server: 6 passed, 6 failed, 1 warned\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "", "a failed check is a result on stdout");
}

#[test]
fn a_failing_view_push_is_a_warning_that_does_not_fail_the_run() {
    let answers = [("pages/index/index", Behaviour::NotXml)];
    let (run, _server) = check(Plaintext, &answers, "", &[]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(line_of(&run, "view_miniprogram pages/index/index").starts_with("warn  "));
    assert!(
        run.stdout
            .ends_with("server: 12 passed, 0 failed, 1 warned\n"),
        "{}",
        run.stdout
    );
}

const REPLY_CHECKS: &str = r#"reply_checks:
  - name: 联系客服 answers in words
    tap: 服务/联系客服
    replies: { type: text, contains: "客服" }
  - name: the price scanner stays quiet
    key: SCAN_PRICE
    replies: nothing
  - name: new followers are welcomed
    follow: true
    replies: { type: news, contains: 第1篇 }
  - name: 帮助 is answered
    message: 帮助
    replies: { type: text, contains: "电话" }
  - name: points answer with news
    tap: 积分
    replies: { type: news }
"#;

#[test]
fn reply_checks_pass_or_fail_on_what_came_back() {
    let answers = [
        (
            "CONTACT_SERVICE",
            Behaviour::Text("客服在线: 9:00-18:00".into()),
        ),
        ("SCAN_PRICE", Behaviour::Text("价格: 12 元".into())),
        ("subscribe", Behaviour::News(1)),
        ("帮助", Behaviour::Text("请拨打客服电话".into())),
    ];
    let (run, server) = check(Plaintext, &answers, REPLY_CHECKS, &[]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        line_of(&run, "message \"帮助\"")
            .starts_with("pass  message \"帮助\": text \"请拨打客服电话\"")
    );
    let checks: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("reply check:"))
        .collect();
    assert_eq!(
        checks,
        [
            "pass  reply check: 联系客服 answers in words",
            "FAIL  reply check: the price scanner stays quiet: expected no reply, got text \"价格: 12 元\"",
            "pass  reply check: new followers are welcomed",
            "pass  reply check: 帮助 is answered",
            "FAIL  reply check: points answer with news: expected a news reply, got no reply",
        ]
    );
    let message = server
        .pushes()
        .into_iter()
        .find(|push| push.body.contains("<MsgType><![CDATA[text]]></MsgType>"))
        .expect("the message was pushed");
    assert!(
        message
            .body
            .contains("<Content><![CDATA[帮助]]></Content><MsgId>"),
        "{}",
        message.body
    );
}

#[test]
fn the_pushes_are_what_wechat_sends() {
    let (run, server) = check(Plaintext, &[], "", &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let received = server.received();
    let handshake = &received[0];
    assert_eq!(handshake.method, "GET");
    assert!(handshake.signature_ok);
    assert!(
        ["signature", "timestamp", "nonce", "echostr"]
            .iter()
            .all(|k| handshake.query.contains_key(*k))
    );
    for push in server.pushes() {
        assert!(push.signature_ok, "{push:?}");
        assert_eq!(push.content_type.as_deref(), Some("text/xml"));
        assert_eq!(
            push.query.get("openid").map(String::as_str),
            Some("o6_bmjrPTlm6_2sgVt7hMZOPfL2M")
        );
        assert!(!push.query.contains_key("encrypt_type"));
        let time = crate::support::account_server::field(&push.body, "CreateTime").unwrap();
        assert_eq!(time.len(), 10, "seconds: {time}");
        assert_eq!(push.query["timestamp"], time);
        assert!(push.body.starts_with("<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[o6_bmjrPTlm6_2sgVt7hMZOPfL2M]]></FromUserName>"));
        assert!(!push.body.contains("<Encrypt>"));
    }
    let click = server
        .pushes()
        .into_iter()
        .find(|p| p.body.contains("NEW_ARRIVALS"))
        .unwrap();
    assert!(click.body.ends_with("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[NEW_ARRIVALS]]></EventKey></xml>"), "{}", click.body);
    let pushed = |key: &str| {
        let tag = format!("<EventKey><![CDATA[{key}]]></EventKey>");
        let found = server.pushes().into_iter().find(|p| p.body.contains(&tag));
        found.unwrap_or_else(|| panic!("{key} was pushed")).body
    };
    assert!(pushed("STORE_LOCATION").contains("<Event><![CDATA[location_select]]></Event><EventKey><![CDATA[STORE_LOCATION]]></EventKey><SendLocationInfo><Location_X>"));
    for (key, event) in [
        ("SCAN_PRICE", "scancode_push"),
        ("SCAN_WAIT", "scancode_waitmsg"),
    ] {
        let body = pushed(key);
        assert!(
            body.contains(&format!("<Event><![CDATA[{event}]]></Event>")),
            "{body}"
        );
        assert!(
            body.contains("<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult>"),
            "{body}"
        );
    }
    for (key, event) in [
        ("PIC_CAMERA", "pic_sysphoto"),
        ("PIC_ALBUM", "pic_photo_or_album"),
        ("PIC_WEIXIN", "pic_weixin"),
    ] {
        let body = pushed(key);
        assert!(
            body.contains(&format!("<Event><![CDATA[{event}]]></Event>")),
            "{body}"
        );
        assert!(
            body.contains("<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum>"),
            "{body}"
        );
    }
    let view = pushed("https://shop.example.com/");
    assert!(
        view.contains("<Event><![CDATA[VIEW]]></Event>") && view.contains("<MenuId>"),
        "{view}"
    );
    let mini = pushed("pages/index/index");
    assert!(
        mini.contains("<Event><![CDATA[view_miniprogram]]></Event>"),
        "{mini}"
    );
}

#[test]
fn pushes_go_four_at_a_time() {
    // Every answer is held until four are held at once, then the four go together: wxform
    // gets all its answers in time, and the server never sees more at once than wxform sends.
    let mut setup = crate::support::account_server::Setup::new(Plaintext);
    setup.otherwise = Behaviour::Late;
    setup.release_at = Some(4);
    let server = crate::support::account_server::AccountServer::start(setup);
    let run = super::test(&super::config("plaintext", ""), &server, &[], &[]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(server.pushes().len(), 12, "three groups of four");
    assert_eq!(server.most_at_once(), 4);
}
