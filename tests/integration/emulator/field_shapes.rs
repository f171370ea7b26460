//! The answer shapes public recorded answers show where WeChat's documentation shows another,
//! each an option of the emulator: trymatch wrapped in `menu`, industries named as real
//! accounts read them, template content on one line or with `\r\n`, a numeric addconditional
//! menuid, `"errmsg":""` on success, older errmsg suffixes. Each option changes only its shape.

use super::{Raw, setup};
use crate::support::emulator::{
    ContentLayout, Emulator, EmulatorOptions, ErrmsgSuffix, Industry, IndustryNames, State,
    SubscribeTemplate, Template, TryMatchShape, User,
};

const CREATE: &str = "/cgi-bin/menu/create";
const ADD: &str = "/cgi-bin/menu/addconditional";
const TRYMATCH: &str = "/cgi-bin/menu/trymatch";
const GET_INDUSTRY: &str = "/cgi-bin/template/get_industry";
const LIST: &str = "/cgi-bin/template/get_all_private_template";
const SUB_LIST: &str = "/wxaapi/newtmpl/gettemplate";

const DEFAULT: &str = r#"{"button":[{"type":"click","name":"默认","key":"DEFAULT"}]}"#;
const VIP: &str = r#"{"button":[{"type":"click","name":"会员","key":"VIP"}],"matchrule":{"client_platform_type":"1"}}"#;

fn started(options: EmulatorOptions, state: State) -> (Emulator, String) {
    let emulator = Emulator::start_with(options);
    emulator.seed(state);
    let token = emulator.issue_token();
    (emulator, token)
}

#[test]
fn trymatch_can_answer_the_menu_wrapped_in_menu() {
    let state = State {
        users: vec![User {
            openid: "o1".into(),
            tag_ids: Vec::new(),
            client_platform_type: "2".into(),
        }],
        ..State::default()
    };
    let documented =
        r#"{"button":[{"type":"click","name":"默认","key":"DEFAULT","sub_button":[]}]}"#;
    for (shape, expected) in [
        (TryMatchShape::Documented, documented.to_string()),
        (
            TryMatchShape::WrappedInMenu,
            format!(r#"{{"menu":{documented}}}"#),
        ),
    ] {
        let options = EmulatorOptions {
            trymatch_shape: shape,
            ..EmulatorOptions::default()
        };
        let (emulator, token) = started(options, state.clone());
        let raw = Raw::new(&emulator);
        raw.post_with(&token, CREATE, DEFAULT);
        let answer = raw.post_with(&token, TRYMATCH, r#"{"user_id":"o1"}"#);
        assert_eq!(answer.text, expected, "{shape:?}");
    }
}

#[test]
fn addconditional_can_answer_the_menuid_as_a_number() {
    let options = EmulatorOptions {
        menuid_as_number: true,
        ..EmulatorOptions::default()
    };
    let (emulator, token) = started(options, State::default());
    let raw = Raw::new(&emulator);
    raw.post_with(&token, CREATE, DEFAULT);
    let added = raw.post_with(&token, ADD, VIP);
    let menuid = added.json["menuid"].as_u64().expect("a number");
    assert_eq!(added.text, format!(r#"{{"menuid":{menuid}}}"#));
    assert_eq!(emulator.state().conditional_menus[0].menuid, menuid);
}

fn industry(primary: u32, secondary: u32) -> State {
    State {
        industry: Some(Industry {
            primary,
            secondary,
            changed_at: None,
        }),
        templates: vec![Template {
            template_id: "x".repeat(43),
            title: "楼盘开盘通知".into(),
            content: "{{first.DATA}}\n楼盘:{{keyword1.DATA}}\n{{remark.DATA}}".into(),
            example: String::new(),
            industry: Some(29),
        }],
        ..State::default()
    }
}

#[test]
fn industries_can_be_named_as_real_accounts_read_them() {
    let options = EmulatorOptions {
        industry_names: IndustryNames::Recorded,
        ..EmulatorOptions::default()
    };
    let (emulator, token) = started(options, industry(8, 29));
    let raw = Raw::new(&emulator);
    assert_eq!(
        raw.get_with(&token, GET_INDUSTRY).text,
        r#"{"primary_industry":{"first_class":"金融业","second_class":"证券|基金|理财|信托"},"secondary_industry":{"first_class":"房地产","second_class":"房地产|建筑"}}"#
    );
    let listed = raw.get_with(&token, LIST);
    let template = &listed.json["template_list"][0];
    assert_eq!(template["primary_industry"], "房地产");
    assert_eq!(template["deputy_industry"], "房地产|建筑");

    // The documented names stay the default.
    let (emulator, token) = started(EmulatorOptions::default(), industry(8, 29));
    assert_eq!(
        Raw::new(&emulator).get_with(&token, GET_INDUSTRY).text,
        r#"{"primary_industry":{"first_class":"金融业","second_class":"基金理财信托"},"secondary_industry":{"first_class":"房地产","second_class":"建筑"}}"#
    );
}

fn with_templates() -> State {
    State {
        templates: vec![Template {
            template_id: "x".repeat(43),
            title: "订单支付成功".into(),
            content: "{{first.DATA}}\n订单号:{{keyword1.DATA}}\n支付金额:{{keyword2.DATA}}\n{{remark.DATA}}".into(),
            example: "您好\n订单号:1".into(),
            industry: Some(1),
        }],
        subscribe_templates: vec![SubscribeTemplate {
            pri_tmpl_id: "y".repeat(43),
            title: "付款成功通知".into(),
            content: "物品名称:{{thing1.DATA}}\n付款时间:{{time3.DATA}}\n".into(),
            example: String::new(),
            kind: 2,
        }],
        ..State::default()
    }
}

#[test]
fn template_content_can_be_listed_on_one_line_or_with_crlf() {
    let layouts = [
        (
            ContentLayout::Lines,
            "{{first.DATA}}\n订单号:{{keyword1.DATA}}\n支付金额:{{keyword2.DATA}}\n{{remark.DATA}}",
            "物品名称:{{thing1.DATA}}\n付款时间:{{time3.DATA}}\n",
        ),
        (
            ContentLayout::OneLine,
            "{{first.DATA}} 订单号：{{keyword1.DATA}} 支付金额：{{keyword2.DATA}} {{remark.DATA}}",
            "物品名称：{{thing1.DATA}} 付款时间：{{time3.DATA}}",
        ),
        (
            ContentLayout::Crlf,
            "{{first.DATA}}\r\n订单号:{{keyword1.DATA}}\r\n支付金额:{{keyword2.DATA}}\r\n{{remark.DATA}}",
            "物品名称:{{thing1.DATA}}\r\n付款时间:{{time3.DATA}}\r\n",
        ),
    ];
    for (layout, template, subscribe) in layouts {
        let options = EmulatorOptions {
            content_layout: layout,
            ..EmulatorOptions::default()
        };
        let (emulator, token) = started(options, with_templates());
        let raw = Raw::new(&emulator);
        let listed = raw.get_with(&token, LIST);
        assert_eq!(
            listed.json["template_list"][0]["content"], template,
            "{layout:?}"
        );
        assert_eq!(listed.json["template_list"][0]["example"], "您好\n订单号:1");
        let sub = raw.get_with(&token, SUB_LIST);
        assert_eq!(sub.json["data"][0]["content"], subscribe, "{layout:?}");
        // What the account holds does not change: only how it is listed.
        assert!(emulator.state().templates[0].content.contains("\n订单号:"));
    }
}

#[test]
fn success_answers_can_carry_errcode_0_and_an_empty_errmsg() {
    let options = EmulatorOptions {
        empty_errmsg_on_success: true,
        ..EmulatorOptions::default()
    };
    let (emulator, token) = started(options, industry(1, 29));
    let raw = Raw::new(&emulator);
    // A write that answers errcode 0 and "ok" by default.
    let created = raw.post_with(&token, CREATE, DEFAULT);
    assert_eq!(created.text, r#"{"errcode":0,"errmsg":""}"#);
    // A read that answers no errcode by default.
    let industry = raw.get_with(&token, GET_INDUSTRY);
    assert!(
        industry
            .text
            .starts_with(r#"{"errcode":0,"errmsg":"","primary_industry":{"#),
        "{}",
        industry.text
    );
    // A create that answers data and no errcode by default.
    let added = raw.post_with(&token, ADD, VIP);
    assert!(
        added
            .text
            .starts_with(r#"{"errcode":0,"errmsg":"","menuid":""#),
        "{}",
        added.text
    );
    // Errors are unchanged.
    let error = raw.post_with(&token, ADD, "{}");
    assert_ne!(error.errcode(), 0);
    assert_ne!(error.json["errmsg"], "");
}

#[test]
fn the_errmsg_suffix_can_take_the_form_of_its_era() {
    let (emulator, _) = setup();
    let raw = Raw::new(&emulator);
    let rid = raw.get("/cgi-bin/tags/get").json["errmsg"].clone();
    assert!(
        rid.as_str()
            .unwrap()
            .starts_with("access_token missing rid: "),
        "{rid}"
    );
    let forms = [
        (ErrmsgSuffix::Hint, " hint: [", "]"),
        (ErrmsgSuffix::Hints, ", hints: [ req_id: ", " ]"),
        (ErrmsgSuffix::None, "", ""),
    ];
    for (suffix, opening, closing) in forms {
        let emulator = Emulator::start_with(EmulatorOptions {
            errmsg_suffix: suffix,
            ..EmulatorOptions::default()
        });
        let errmsg = Raw::new(&emulator).get("/cgi-bin/tags/get").json["errmsg"]
            .as_str()
            .unwrap()
            .to_string();
        let rest = errmsg.strip_prefix("access_token missing").unwrap();
        let id = rest
            .strip_prefix(opening)
            .and_then(|id| id.strip_suffix(closing))
            .unwrap_or_else(|| panic!("{suffix:?}: {errmsg}"));
        let expected_len = if suffix == ErrmsgSuffix::None { 0 } else { 14 };
        assert_eq!(id.len(), expected_len, "{errmsg}");
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()), "{errmsg}");
    }
}
