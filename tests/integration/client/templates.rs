//! Template messages and subscribe templates against the emulator: industry by name → code,
//! adding from the library, listing with keyword labels, deleting; and lenient parsing of
//! text/plain errors and raw control characters.

use crate::client::support::{client, count, set_it_industry};
use crate::support::emulator::{Emulator, EmulatorOptions};
use wxform::model::IndustryCodes;
use wxform::wechat::{Sections, read_live};

#[test]
fn industry_is_set_by_code_and_read_back_as_codes() {
    let emulator = Emulator::start();
    let client = client(&emulator);
    assert_eq!(client.get_industry().unwrap(), None);
    client
        .set_industry(IndustryCodes {
            primary: 1,
            secondary: 8,
        })
        .unwrap();
    let industry = client.get_industry().unwrap().unwrap();
    assert_eq!(
        (industry.primary.code, industry.secondary.code),
        (Some(1), Some(8))
    );
    assert_eq!(industry.secondary.second_class, "基金理财信托");
    let sent = emulator
        .requests()
        .into_iter()
        .rfind(|r| r.path == "/cgi-bin/template/api_set_industry")
        .unwrap();
    assert_eq!(
        sent.body.unwrap(),
        serde_json::json!({"industry_id1": "1", "industry_id2": "8"})
    );
    let err = client
        .set_industry(IndustryCodes {
            primary: 1,
            secondary: 99,
        })
        .unwrap_err();
    assert!(matches!(err.errcode(), Some(40102 | 40103)), "{err}");
}

#[test]
fn templates_add_list_delete() {
    let emulator = Emulator::start();
    let client = client(&emulator);
    client
        .set_industry(IndustryCodes {
            primary: 1,
            secondary: 13,
        })
        .unwrap();
    let classic = client.add_template("TM00015", &[]).unwrap();
    let keywords = vec!["订单号".to_string(), "支付金额".to_string()];
    let category = client.add_template("47123", &keywords).unwrap();
    assert_ne!(classic, category);
    assert_eq!(classic.len(), 43, "template ids look real");

    let sent: Vec<serde_json::Value> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.path == "/cgi-bin/template/api_add_template")
        .map(|r| r.body.unwrap())
        .collect();
    assert_eq!(
        sent[0],
        serde_json::json!({"template_id_short": "TM00015"}),
        "no keyword list for TM templates"
    );
    assert_eq!(
        sent[1]["keyword_name_list"],
        serde_json::json!(["订单号", "支付金额"])
    );

    let templates = client.templates().unwrap();
    let by_id = |id: &str| templates.iter().find(|t| t.template_id == id).unwrap();
    assert_eq!(by_id(&classic).title, "订单支付成功");
    assert_eq!(
        by_id(&classic).keywords,
        vec!["订单号", "支付金额", "商品信息"]
    );
    assert_eq!(by_id(&category).keywords, keywords);

    client.del_template(&classic).unwrap();
    assert_eq!(client.templates().unwrap().len(), 1);
    let err = client
        .add_template("47123", &["不存在".to_string()])
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40246));
    assert!(err.to_string().contains("keywords"), "{err}");
}

#[test]
fn subscribe_templates_add_list_delete() {
    let emulator = Emulator::start();
    let client = client(&emulator);
    let id = client.subscribe_add(99, &[1, 2], Some("测试数据")).unwrap();
    let sent = emulator
        .requests()
        .into_iter()
        .rfind(|r| r.path == "/wxaapi/newtmpl/addtemplate")
        .unwrap();
    assert_eq!(
        sent.body.unwrap(),
        serde_json::json!({"tid": "99", "kidList": [1, 2], "sceneDesc": "测试数据"})
    );
    let list = client.subscribe_templates().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].pri_tmpl_id, id);
    // Keywords 1 and 2 of library template 99 (付款成功通知), in the emulator's library.
    assert_eq!(list[0].keywords, vec!["物品名称", "付款金额"]);
    client.subscribe_del(&id).unwrap();
    assert!(client.subscribe_templates().unwrap().is_empty());
}

#[test]
fn read_live_reads_all_six_sections_with_one_token_call() {
    let emulator = Emulator::start();
    let setup = client(&emulator);
    setup
        .set_industry(IndustryCodes {
            primary: 13,
            secondary: 1,
        })
        .unwrap();
    setup
        .add_template("50001", &["运单号".to_string(), "派送员".to_string()])
        .unwrap();
    setup.subscribe_add(401, &[1, 2], None).unwrap();
    setup.tag_create("VIP").unwrap();
    emulator.clear_requests();

    let live = read_live(&client(&emulator), Sections::all()).unwrap();
    assert_eq!(live.industry.unwrap().primary.code, Some(13));
    assert_eq!(live.templates[0].keywords, vec!["运单号", "派送员"]);
    assert_eq!(live.subscribe_templates[0].title, "报名结果通知");
    assert_eq!(live.tags.len(), 2);
    let counts = emulator.counts_by_path();
    assert_eq!(counts.get("/cgi-bin/stable_token"), Some(&1));
    assert!(
        counts.values().all(|n| *n == 1),
        "each endpoint read once: {counts:?}"
    );
    assert_eq!(counts.len(), 7, "the token and six reads: {counts:?}");
}

#[test]
fn raw_control_characters_and_text_plain_errors_are_tolerated() {
    let options = EmulatorOptions {
        raw_control_characters: true,
        plain_text_errors: true,
        ..EmulatorOptions::default()
    };
    let emulator = Emulator::start_with(options);
    let client = client(&emulator);
    set_it_industry(&client);
    client.add_template("TM00015", &[]).unwrap();
    let templates = client.templates().unwrap();
    assert_eq!(
        templates[0].keywords,
        vec!["订单号", "支付金额", "商品信息"]
    );
    assert!(templates[0].content.contains('\n'));
    let err = client.del_template("no-such-template").unwrap_err();
    assert!(
        err.errcode().is_some(),
        "a text/plain error body is still read as JSON: {err:?}"
    );
    assert_eq!(
        count(&emulator, "/cgi-bin/template/del_private_template"),
        1
    );
}

#[test]
fn unverified_accounts_cannot_read_templates() {
    let emulator = Emulator::start_with(EmulatorOptions::unverified());
    let err = read_live(&client(&emulator), Sections::all()).unwrap_err();
    // Both template reads fail, and both are reported.
    let failures = err.failures();
    assert_eq!(failures.len(), 2, "{err}");
    for failure in failures {
        assert_eq!(failure.errcode(), Some(48001));
        assert!(
            failure.endpoint().unwrap().starts_with("template/"),
            "{err}"
        );
    }
    let ok = read_live(
        &client(&emulator),
        Sections {
            templates: false,
            industry: false,
            ..Sections::all()
        },
    );
    assert!(ok.is_ok(), "{ok:?}");
}
