use super::*;
use crate::server::crypto::{seal, signature};

const OPENID: &str = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
const GH: &str = "gh_0123456789ab";
const APPID: &str = "wx1234567890abcdef";
const TOKEN: &str = "server-token";

fn key() -> AesKey {
    AesKey::decode("kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR").unwrap()
}

fn judge_in(mode: Mode, body: &str, key: &AesKey) -> Judged {
    let judge = Judge {
        mode,
        token: TOKEN,
        key: Some(key),
        appid: Some(APPID),
        openid: OPENID,
        original_id: GH,
        key_env: "WECHAT_ENCODING_AES_KEY",
        limit: Duration::from_secs(5),
    };
    super::judge(
        &Answer::Answered {
            status: 200,
            body: body.as_bytes().to_vec(),
        },
        &judge,
    )
}

fn judged(mode: Mode, body: &str) -> Judged {
    judge_in(mode, body, &key())
}

fn text_reply(to: &str, from: &str, time: &str) -> String {
    format!(
        "<xml><ToUserName><![CDATA[{to}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{time}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[您好，订单已发货]]></Content></xml>"
    )
}

fn good_text() -> String {
    text_reply(OPENID, GH, "1714037059")
}

/// `message` encrypted as a server in safe mode answers, sealed for `appid`.
fn sealed(message: &str, appid: &str, token: &str) -> String {
    let encrypt = seal(&key(), *b"0123456789abcdef", message, appid);
    let signature = signature(&[token, "1714037060", "123456", &encrypt]);
    format!(
        "<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt><MsgSignature><![CDATA[{signature}]]></MsgSignature><TimeStamp>1714037060</TimeStamp><Nonce><![CDATA[123456]]></Nonce></xml>"
    )
}

fn words(judged: Judged) -> String {
    judged.unwrap().unwrap().words
}

#[test]
fn nothing_and_success_are_no_reply_in_every_mode() {
    for mode in [Mode::Plaintext, Mode::Compatible, Mode::Safe] {
        for body in ["", "success", " success\n", "\n"] {
            assert_eq!(judged(mode, body), Ok(None), "{body:?}");
        }
    }
}

#[test]
fn a_text_reply_to_the_follower_from_the_account_passes_with_its_words() {
    let shown = judged(Mode::Plaintext, &good_text()).unwrap().unwrap();
    assert_eq!(shown.kind, "text");
    assert_eq!(shown.words, "text \"您好，订单已发货\"");
    assert_eq!(shown.texts, ["您好，订单已发货"]);
    assert!(!shown.encrypted);
    assert!(judged(Mode::Compatible, &good_text()).is_ok());
}

#[test]
fn swapped_addresses_are_named_as_such() {
    let err = judged(Mode::Plaintext, &text_reply(GH, OPENID, "1714037059")).unwrap_err();
    assert!(
        err.starts_with("ToUserName and FromUserName are swapped"),
        "{err}"
    );
    let err = judged(Mode::Plaintext, &text_reply("oOTHER", GH, "1714037059")).unwrap_err();
    assert_eq!(
        err,
        format!("ToUserName is `oOTHER`, not the follower's OpenID `{OPENID}`")
    );
    let err = judged(
        Mode::Plaintext,
        &text_reply(OPENID, "gh_ffffffffffff", "1714037059"),
    )
    .unwrap_err();
    assert!(
        err.starts_with("FromUserName is `gh_ffffffffffff`"),
        "{err}"
    );
}

#[test]
fn create_time_must_be_seconds() {
    let err = judged(Mode::Plaintext, &text_reply(OPENID, GH, "1714037059000")).unwrap_err();
    assert!(
        err.starts_with("CreateTime 1714037059000 is in milliseconds"),
        "{err}"
    );
    let err = judged(Mode::Plaintext, &text_reply(OPENID, GH, "soon")).unwrap_err();
    assert!(err.contains("not a whole number"), "{err}");
}

#[test]
fn each_type_needs_its_fields() {
    let reply = |inner: &str| {
        format!(
            "<xml><ToUserName>{OPENID}</ToUserName><FromUserName>{GH}</FromUserName><CreateTime>1</CreateTime>{inner}</xml>"
        )
    };
    let check = |inner: &str| judged(Mode::Plaintext, &reply(inner));
    assert_eq!(
        words(check(
            "<MsgType>image</MsgType><Image><MediaId>m1</MediaId></Image>"
        )),
        "image"
    );
    assert_eq!(
        check("<MsgType>image</MsgType><Image></Image>").unwrap_err(),
        "a image reply needs Image.MediaId"
    );
    assert_eq!(
        check("<MsgType>voice</MsgType>").unwrap_err(),
        "a voice reply needs a Voice element"
    );
    assert_eq!(
        words(check(
            "<MsgType>video</MsgType><Video><MediaId>v</MediaId><Title>开箱</Title></Video>"
        )),
        "video \"开箱\""
    );
    assert_eq!(
        check("<MsgType>music</MsgType><Music><Title>歌</Title><MediaId>x</MediaId></Music>")
            .unwrap_err(),
        "a music reply needs Music.ThumbMediaId"
    );
    assert_eq!(
        check("<MsgType>text</MsgType>").unwrap_err(),
        "a text reply needs a Content"
    );
    assert!(
        check("<MsgType>markdown</MsgType>")
            .unwrap_err()
            .starts_with("MsgType `markdown` is not a reply")
    );
    assert_eq!(
        check("<Content>hi</Content>").unwrap_err(),
        "the reply has no MsgType"
    );
    assert_eq!(
        words(check("<MsgType>transfer_customer_service</MsgType>")),
        "handed to customer service"
    );
}

#[test]
fn news_counts_its_articles_up_to_eight() {
    let news = |count: usize, items: usize| {
        let items: String = (0..items)
            .map(|i| format!("<item><Title>第{i}条</Title><Description>d{i}</Description></item>"))
            .collect();
        format!(
            "<xml><ToUserName>{OPENID}</ToUserName><FromUserName>{GH}</FromUserName><CreateTime>1</CreateTime><MsgType>news</MsgType><ArticleCount>{count}</ArticleCount><Articles>{items}</Articles></xml>"
        )
    };
    let shown = judged(Mode::Plaintext, &news(2, 2)).unwrap().unwrap();
    assert_eq!(shown.words, "news (2) \"第0条\"");
    assert_eq!(shown.texts, ["第0条", "d0", "第1条", "d1"]);
    assert_eq!(
        judged(Mode::Plaintext, &news(3, 2)).unwrap_err(),
        "ArticleCount is 3 but Articles holds 2 items"
    );
    assert_eq!(
        judged(Mode::Plaintext, &news(9, 9)).unwrap_err(),
        "a news reply holds 1 to 8 articles, not 9"
    );
    assert!(judged(Mode::Plaintext, &news(8, 8)).is_ok());
}

#[test]
fn what_is_not_xml_is_quoted_briefly() {
    let err = judged(
        Mode::Plaintext,
        "Internal error: database is down, please retry later",
    )
    .unwrap_err();
    assert_eq!(
        err,
        "not `success` nor a reply WeChat reads (it is not XML): `Internal error: database is down, please…`"
    );
}

#[test]
fn safe_mode_needs_an_encrypted_signed_reply_sealed_for_the_account() {
    let err = judged(Mode::Safe, &good_text()).unwrap_err();
    assert!(err.starts_with("a plaintext reply in safe mode"), "{err}");
    let shown = judged(Mode::Safe, &sealed(&good_text(), APPID, TOKEN))
        .unwrap()
        .unwrap();
    assert_eq!(shown.words, "text \"您好，订单已发货\"");
    assert!(shown.encrypted);
    assert!(judged(Mode::Compatible, &sealed(&good_text(), APPID, TOKEN)).is_ok());

    let err = judged(Mode::Safe, &sealed(&good_text(), APPID, "another-token")).unwrap_err();
    assert!(
        err.starts_with("its MsgSignature is not the signature"),
        "{err}"
    );
    let err = judged(
        Mode::Safe,
        &sealed(&good_text(), "wx0000000000000000", TOKEN),
    )
    .unwrap_err();
    assert_eq!(
        err,
        format!("it is sealed for the AppID `wx0000000000000000`, not the account's `{APPID}`")
    );
    let other = AesKey::decode("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG").unwrap();
    let err = judge_in(Mode::Safe, &sealed(&good_text(), APPID, TOKEN), &other).unwrap_err();
    assert!(
        err.starts_with(
            "its Encrypt does not decrypt with the EncodingAESKey in WECHAT_ENCODING_AES_KEY"
        ),
        "{err}"
    );
    // Inside the envelope the reply is judged as a plain one.
    let swapped = text_reply(GH, OPENID, "1714037059");
    let err = judged(Mode::Safe, &sealed(&swapped, APPID, TOKEN)).unwrap_err();
    assert!(
        err.starts_with("ToUserName and FromUserName are swapped"),
        "{err}"
    );
    let err = judged(Mode::Plaintext, &sealed(&good_text(), APPID, TOKEN)).unwrap_err();
    assert!(
        err.starts_with("an encrypted reply in plaintext mode"),
        "{err}"
    );
}

#[test]
fn transport_failures_status_and_lateness_are_failures_in_words() {
    let judge = Judge {
        mode: Mode::Plaintext,
        token: TOKEN,
        key: None,
        appid: None,
        openid: OPENID,
        original_id: GH,
        key_env: "K",
        limit: Duration::from_millis(200),
    };
    let err = super::judge(&Answer::TooLate, &judge).unwrap_err();
    assert!(
        err.starts_with("no answer within 0.2 s: WeChat waits 5 s, retries twice"),
        "{err}"
    );
    let err = super::judge(
        &Answer::Answered {
            status: 500,
            body: b"success".to_vec(),
        },
        &judge,
    )
    .unwrap_err();
    assert!(err.starts_with("HTTP 500: WeChat needs 200"), "{err}");
    let err = super::judge(&Answer::Unreachable("connection refused".into()), &judge).unwrap_err();
    assert_eq!(err, "cannot reach the server: connection refused");
    assert_eq!(seconds(Duration::from_secs(5)), "5 s");
}
