//! Wire quirks the emulator does not produce, served by a canned HTTP server: text/plain
//! bodies, raw control characters, string errcodes and numbers, 64-bit ids, non-JSON answers,
//! HTTP errors; and the template and subscribe endpoints' shapes.

use crate::client::support::fast_retry;
use crate::support::canned::Canned;
use wxform::model::IndustryCodes;
use wxform::wechat::{
    Client, ClientConfig, Credentials, MatchRuleOut, Secret, TokenSource, TransportKind,
    WechatError,
};

const JSON: &str = "application/json; encoding=utf-8";
const PLAIN: &str = "text/plain";
const TOKEN: &str = "81_TOKENTOKENTOKENTOKENTOKENTOKENTOKENTOKEN";

fn appsecret_client(canned: &Canned) -> Client {
    let credentials = Credentials::AppSecret {
        appid: "wx1".into(),
        secret: Secret::new("SECRET"),
    };
    let mut config = ClientConfig::new(canned.base_url(), credentials);
    config.retry = fast_retry();
    Client::new(config).unwrap()
}

fn token_client(canned: &Canned) -> Client {
    let credentials = Credentials::AccessToken {
        appid: None,
        token: Secret::new(TOKEN),
    };
    let mut config = ClientConfig::new(canned.base_url(), credentials);
    config.retry = fast_retry();
    Client::new(config).unwrap()
}

#[test]
fn text_plain_control_characters_and_string_numbers_parse() {
    let token = format!(r#"{{"access_token":"{TOKEN}","expires_in":"7200"}}"#);
    let canned = Canned::start(vec![
        ("/cgi-bin/stable_token", PLAIN, token.as_bytes()),
        (
            "/cgi-bin/tags/get",
            PLAIN,
            "{\"tags\":[{\"id\":2,\"name\":\"星标组\",\"count\":0},{\"id\":\"100\",\"name\":\"a\u{1}b\tc\",\"count\":\"5\"}]}".as_bytes(),
        ),
    ]);
    let client = appsecret_client(&canned);
    assert_eq!(
        client.token_info().unwrap().source,
        TokenSource::StableToken
    );
    let tags = client.tags_get().unwrap();
    assert_eq!(
        (tags[1].id, tags[1].name.as_str(), tags[1].count),
        (100, "a\u{1}b\tc", 5)
    );
}

#[test]
fn errcode_as_a_string_decides_failure() {
    let canned = Canned::start(vec![
        (
            "/cgi-bin/menu/get",
            JSON,
            br#"{"errcode":"46003","errmsg":"menu no exist rid: 6351f0e3-4fa90897-25a38569"}"#,
        ),
        (
            "/cgi-bin/tags/get",
            JSON,
            br#"{"errcode":"0","errmsg":"ok","tags":[]}"#,
        ),
        (
            "/cgi-bin/menu/create",
            JSON,
            br#"{"errcode":"45009","errmsg":"reach max api daily quota limit"}"#,
        ),
    ]);
    let client = token_client(&canned);
    assert!(client.menu_get().unwrap().is_none());
    assert!(client.tags_get().unwrap().is_empty());
    let err = client
        .menu_create(&wxform::model::Menu::default())
        .unwrap_err();
    assert_eq!(err.errcode(), Some(45009));
    assert!(err.to_string().contains("midnight Beijing time"), "{err}");
}

#[test]
fn sixty_four_bit_ids_stay_exact() {
    let canned = Canned::start(vec![
        ("/cgi-bin/menu/addconditional", JSON, br#"{"menuid":"9007199254740993"}"#),
        (
            "/cgi-bin/menu/get",
            JSON,
            br#"{"menu":{"button":[],"menuid":9007199254740995},"conditionalmenu":[{"button":[],"matchrule":{"group_id":"101"},"menuid":9007199254740997}]}"#,
        ),
    ]);
    let client = token_client(&canned);
    assert_eq!(
        client
            .add_conditional(&[], &MatchRuleOut::new(Some(101), None))
            .unwrap(),
        9_007_199_254_740_993
    );
    let answer = client.menu_get().unwrap().unwrap();
    assert_eq!(answer.menu.unwrap().menuid, Some(9_007_199_254_740_995));
    assert_eq!(answer.conditionalmenu[0].menuid, 9_007_199_254_740_997);
}

#[test]
fn unreadable_answers_are_invalid_for_reads_and_unknown_for_writes() {
    let canned = Canned::start(vec![
        ("/cgi-bin/tags/get", PLAIN, b"<html>gateway</html>"),
        ("/cgi-bin/tags/create", PLAIN, b"<html>gateway</html>"),
        (
            "/cgi-bin/menu/addconditional",
            JSON,
            br#"{"unexpected":true}"#,
        ),
    ]);
    let client = token_client(&canned);
    assert!(matches!(
        client.tags_get().unwrap_err(),
        WechatError::InvalidResponse { .. }
    ));
    assert!(client.tag_create("x").unwrap_err().is_outcome_unknown());
    assert!(
        client
            .add_conditional(&[], &MatchRuleOut::default())
            .unwrap_err()
            .is_outcome_unknown()
    );
    let tag_creates = canned
        .paths()
        .iter()
        .filter(|p| *p == "/cgi-bin/tags/create")
        .count();
    assert_eq!(tag_creates, 1);
}

#[test]
fn http_errors_are_transport_errors() {
    let canned = Canned::start(vec![]);
    let client = token_client(&canned);
    let err = client.tags_get().unwrap_err();
    assert!(
        matches!(
            err,
            WechatError::Transport {
                kind: TransportKind::Status(404),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(canned.paths().len(), 1, "a 404 is not retried");
}

#[test]
fn template_endpoints() {
    let canned = Canned::start(vec![
        ("/cgi-bin/template/api_set_industry", JSON, br#"{"errcode":0,"errmsg":"ok"}"#),
        (
            "/cgi-bin/template/get_industry",
            JSON,
            r#"{"primary_industry":{"first_class":"运输与仓储","second_class":"快递"},"secondary_industry":{"first_class":"IT科技","second_class":"互联网|电子商务"}}"#.as_bytes(),
        ),
        ("/cgi-bin/template/api_add_template", JSON, br#"{"errcode":0,"errmsg":"ok","template_id":"Doclyl5uP7Aciu-qZ7mJNPtWkbkYnWBWVja26EGbNyk"}"#),
        (
            "/cgi-bin/template/get_all_private_template",
            JSON,
            r#"{"template_list":[{"template_id":"iPk5","title":"订单支付成功","primary_industry":"IT科技","deputy_industry":"互联网|电子商务","content":"{{first.DATA}}\n订单号：{{keyword1.DATA}}\n支付金额:{{keyword2.DATA}}\n{{remark.DATA}}","example":"x\r\ny"}]}"#.as_bytes(),
        ),
        ("/cgi-bin/template/del_private_template", JSON, br#"{"errcode":0,"errmsg":"ok"}"#),
    ]);
    let client = token_client(&canned);
    client
        .set_industry(IndustryCodes {
            primary: 13,
            secondary: 1,
        })
        .unwrap();
    let industry = client.get_industry().unwrap().unwrap();
    assert_eq!(
        (industry.primary.code, industry.secondary.code),
        (Some(13), Some(1))
    );
    let id = client
        .add_template("TM00015", &["订单号".into(), "支付金额".into()])
        .unwrap();
    assert_eq!(id, "Doclyl5uP7Aciu-qZ7mJNPtWkbkYnWBWVja26EGbNyk");
    let templates = client.templates().unwrap();
    assert_eq!(templates[0].keywords, vec!["订单号", "支付金额"]);
    assert_eq!(templates[0].title, "订单支付成功");
    client.del_template("iPk5").unwrap();
}

#[test]
fn subscribe_endpoints() {
    let canned = Canned::start(vec![
        ("/wxaapi/newtmpl/addtemplate", JSON, br#"{"errmsg":"ok","errcode":0,"priTmplId":"9Aw5ZV1j9xdWTFEkqCpZ7jWySL7aGN6rQom4gXINfJs"}"#),
        (
            "/wxaapi/newtmpl/gettemplate",
            JSON,
            r#"{"errcode":0,"errmsg":"ok","data":[{"priTmplId":"9Aw5","title":"报名结果通知","content":"会议时间:{{date2.DATA}}\n会议地点:{{thing1.DATA}}\n","example":"","type":2}]}"#.as_bytes(),
        ),
        ("/wxaapi/newtmpl/deltemplate", JSON, br#"{"errcode":0,"errmsg":"ok"}"#),
    ]);
    let client = token_client(&canned);
    let id = client.subscribe_add(99, &[1, 2], Some("测试数据")).unwrap();
    assert_eq!(id, "9Aw5ZV1j9xdWTFEkqCpZ7jWySL7aGN6rQom4gXINfJs");
    let list = client.subscribe_templates().unwrap();
    assert_eq!(
        (list[0].keywords.clone(), list[0].kind),
        (vec!["会议时间".to_string(), "会议地点".to_string()], 2)
    );
    client.subscribe_del("9Aw5").unwrap();
}

/// Every WeChat answer is a JSON object. Any other JSON (`[]`, `null`, a string: a gateway's
/// page, say) is never read as an empty listing, nor as a write's success.
#[test]
fn answers_that_are_not_json_objects_are_refused() {
    for body in [&b"[]"[..], b"null", b"\"ok\"", b"0"] {
        let canned = Canned::start(vec![
            ("/cgi-bin/template/get_all_private_template", JSON, body),
            ("/cgi-bin/tags/get", JSON, body),
            ("/cgi-bin/menu/create", JSON, body),
        ]);
        let client = token_client(&canned);
        let shown = String::from_utf8_lossy(body);
        assert!(
            matches!(
                client.templates().unwrap_err(),
                WechatError::InvalidResponse { .. }
            ),
            "{shown}"
        );
        assert!(
            matches!(
                client.tags_get().unwrap_err(),
                WechatError::InvalidResponse { .. }
            ),
            "{shown}"
        );
        let menu = wxform::model::Menu { button: vec![] };
        assert!(
            client.menu_create(&menu).unwrap_err().is_outcome_unknown(),
            "{shown}"
        );
    }
}
