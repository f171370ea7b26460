//! Hand-built desired and live states for the planner's, renderers' and exporter's tests: one
//! realistic account that matches its configuration, and the scenarios the snapshots show; also
//! [`action_kinds`], a plan's actions at a glance.

use crate::model::*;
use crate::plan::{ActionKind, Plan};

/// Each action's address and kind, in plan order.
pub fn action_kinds(plan: &Plan) -> Vec<(&str, ActionKind)> {
    plan.actions
        .iter()
        .map(|a| (a.address.as_str(), a.kind))
        .collect()
}

pub fn leaf(name: &str, kind: &str, value: &str) -> Button {
    let mut button = Button {
        name: name.into(),
        kind: Some(kind.into()),
        ..Button::default()
    };
    match kind {
        "view" => button.url = Some(value.into()),
        "media_id" | "view_limited" => button.media_id = Some(value.into()),
        "article_id" | "article_view_limited" => button.article_id = Some(value.into()),
        "text" | "img" | "photo" | "voice" | "video" | "news" => button.value = Some(value.into()),
        _ => button.key = Some(value.into()),
    }
    button
}

pub fn folder(name: &str, children: Vec<Button>) -> Button {
    Button {
        name: name.into(),
        sub_button: children,
        ..Button::default()
    }
}

pub fn mini(name: &str) -> Button {
    Button {
        name: name.into(),
        kind: Some("miniprogram".into()),
        url: Some("https://example.com/fallback".into()),
        appid: Some("wx286b93c14bbf93aa".into()),
        pagepath: Some("pages/index/index".into()),
        ..Button::default()
    }
}

pub fn default_buttons() -> Vec<Button> {
    vec![
        leaf("今日歌曲", "click", "V1001_TODAY_MUSIC"),
        folder(
            "服务",
            vec![leaf("官网", "view", "https://example.com/"), mini("小程序")],
        ),
    ]
}

pub fn cond(name: &str, tag: Option<&str>, platform: Option<Platform>) -> DesiredConditionalMenu {
    DesiredConditionalMenu {
        name: name.into(),
        matchrule: DesiredMatchRule {
            tag: tag.map(|t| TagRef::Name(t.into())),
            client_platform_type: platform,
        },
        button: vec![leaf(
            &format!("{name}专享"),
            "click",
            &format!("KEY_{name}"),
        )],
    }
}

pub fn live_cond(
    menuid: u64,
    tag_id: Option<u64>,
    platform: Option<Platform>,
    key: &str,
) -> LiveConditionalMenu {
    LiveConditionalMenu {
        menuid,
        matchrule: LiveMatchRule {
            tag_id,
            client_platform_type: platform,
            retired: Default::default(),
        },
        button: vec![leaf(&format!("{key}专享"), "click", &format!("KEY_{key}"))],
    }
}

pub fn tag(name: &str) -> DesiredTag {
    DesiredTag {
        name: name.into(),
        previously: Vec::new(),
    }
}

pub fn live_tag(id: u64, name: &str, count: u64) -> LiveTag {
    LiveTag {
        id,
        name: name.into(),
        count,
    }
}

pub fn template(name: &str, short_id: &str, title: &str, keywords: &[&str]) -> DesiredTemplate {
    DesiredTemplate {
        name: name.into(),
        short_id: Some(short_id.into()),
        title: title.into(),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
    }
}

pub fn live_template(id: &str, title: &str, keywords: &[&str]) -> LiveTemplate {
    let content: String = keywords
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{k}:{{{{keyword{}.DATA}}}}\n", i + 1))
        .collect();
    LiveTemplate {
        template_id: id.into(),
        title: title.into(),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
        content,
        primary_industry: "IT科技".into(),
        deputy_industry: "互联网|电子商务".into(),
        example: String::new(),
    }
}

pub fn live_subscribe(id: &str, title: &str, keywords: &[&str]) -> LiveSubscribeTemplate {
    LiveSubscribeTemplate {
        pri_tmpl_id: id.into(),
        title: title.into(),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
        content: String::new(),
        example: String::new(),
        kind: 2,
    }
}

pub const ORDER_PAID_ID: &str = "Doclyl5uP7Aciu-qZ7mJNPtWkbkYnWBWVja26EGbNyk";
pub const MEETING_ID: &str = "9Aw5ZV1j9xdWTFEkqCpZ7jWySL7aGN6rQom4gXINfJs";

/// A configuration managing every section.
pub fn base_desired() -> Desired {
    Desired {
        appid: Some("wx1234567890abcdef".into()),
        menu: Some(Menu {
            button: default_buttons(),
        }),
        conditional_menus: Some(vec![
            cond("vip", Some("VIP"), None),
            cond("ios", None, Some(Platform::Ios)),
            cond("vip-android", Some("VIP"), Some(Platform::Android)),
        ]),
        tags: Some(DesiredTags {
            unmanaged: UnmanagedPolicy::Keep,
            items: vec![tag("VIP"), tag("内测用户")],
        }),
        templates: Some(DesiredTemplates {
            industry: Some(IndustryCodes {
                primary: 1,
                secondary: 4,
            }),
            unmanaged: UnmanagedPolicy::Keep,
            items: vec![template(
                "order_paid",
                "TM00015",
                "订单支付成功",
                &["订单号", "支付金额"],
            )],
        }),
        subscribe_templates: Some(DesiredSubscribeTemplates {
            unmanaged: UnmanagedPolicy::Keep,
            items: vec![DesiredSubscribeTemplate {
                name: "meeting".into(),
                tid: Some(401),
                kid_list: vec![1, 2],
                scene_desc: Some("会议报名".into()),
                title: "报名结果通知".into(),
                keywords: vec!["会议时间".into(), "会议地点".into()],
            }],
        }),
        credentials_env: Default::default(),
        menu_checks: Vec::new(),
        config_files: Vec::new(),
        media_files: Vec::new(),
    }
}

/// The live account exactly as [`base_desired`] asks.
pub fn base_live() -> Live {
    Live {
        format_version: SNAPSHOT_FORMAT_VERSION,
        exported_at: None,
        appid: Some("wx1234567890abcdef".into()),
        menu: Some(LiveMenu {
            button: default_buttons(),
            menuid: Some(208000000),
            source: MenuSource::Api,
        }),
        conditional_menus: vec![
            // Listed newest first, as WeChat's one real sample does.
            live_cond(208000003, Some(100), Some(Platform::Android), "vip-android"),
            live_cond(208000002, None, Some(Platform::Ios), "ios"),
            live_cond(208000001, Some(100), None, "vip"),
        ],
        tags: vec![
            live_tag(2, "星标组", 0),
            live_tag(100, "VIP", 12),
            live_tag(101, "内测用户", 3),
        ],
        industry: Some(LiveIndustry {
            primary: IndustryClass {
                code: Some(1),
                first_class: "IT科技".into(),
                second_class: "互联网|电子商务".into(),
            },
            secondary: IndustryClass {
                code: Some(4),
                first_class: "IT科技".into(),
                second_class: "电子技术".into(),
            },
        }),
        templates: vec![live_template(
            ORDER_PAID_ID,
            "订单支付成功",
            &["订单号", "支付金额"],
        )],
        subscribe_templates: vec![live_subscribe(
            MEETING_ID,
            "报名结果通知",
            &["会议时间", "会议地点"],
        )],
        materials: None,
    }
}

pub fn scenario_no_change() -> (Desired, Live) {
    (base_desired(), base_live())
}

pub fn scenario_sub_button_renamed() -> (Desired, Live) {
    let mut desired = base_desired();
    desired.menu.as_mut().unwrap().button[1].sub_button[0].name = "官方网站".into();
    (desired, base_live())
}

pub fn scenario_button_type_changed() -> (Desired, Live) {
    let mut desired = base_desired();
    desired.menu.as_mut().unwrap().button[0] =
        leaf("今日歌曲", "view", "https://music.example.com/today");
    (desired, base_live())
}

pub fn scenario_conditional_inserted_middle() -> (Desired, Live) {
    let mut desired = base_desired();
    let menus = desired.conditional_menus.as_mut().unwrap();
    menus.insert(1, cond("android", None, Some(Platform::Android)));
    (desired, base_live())
}

pub fn scenario_tag_renamed() -> (Desired, Live) {
    let mut desired = base_desired();
    let items = &mut desired.tags.as_mut().unwrap().items;
    items[1] = DesiredTag {
        name: "测试用户".into(),
        previously: vec!["内测用户".into()],
    };
    (desired, base_live())
}

pub fn scenario_template_added_and_deleted() -> (Desired, Live) {
    let mut desired = base_desired();
    let templates = desired.templates.as_mut().unwrap();
    templates.unmanaged = UnmanagedPolicy::Delete;
    templates.items.push(template(
        "refund",
        "OPENTM207103254",
        "退款通知",
        &["退款金额", "退款原因"],
    ));
    let mut live = base_live();
    live.templates.push(live_template(
        "iPk5sOIt5X_flOVKn5GrTFpncEYTojx6ddbt8WYoV5s",
        "领取奖金提醒",
        &["领奖金额"],
    ));
    (desired, live)
}

pub fn scenario_industry_changed() -> (Desired, Live) {
    let mut desired = base_desired();
    desired.templates.as_mut().unwrap().industry = Some(IndustryCodes {
        primary: 1,
        secondary: 2,
    });
    (desired, base_live())
}

pub fn scenario_menu_deleted() -> (Desired, Live) {
    let mut desired = base_desired();
    desired.menu = Some(Menu { button: Vec::new() });
    desired.conditional_menus = None;
    (desired, base_live())
}

/// Every snapshot scenario, by name.
pub fn scenarios() -> Vec<(&'static str, (Desired, Live))> {
    vec![
        ("no_change", scenario_no_change()),
        ("sub_button_renamed", scenario_sub_button_renamed()),
        ("button_type_changed", scenario_button_type_changed()),
        (
            "conditional_inserted_middle",
            scenario_conditional_inserted_middle(),
        ),
        ("tag_renamed", scenario_tag_renamed()),
        (
            "template_added_and_deleted",
            scenario_template_added_and_deleted(),
        ),
        ("industry_changed", scenario_industry_changed()),
        ("menu_deleted", scenario_menu_deleted()),
    ]
}

/// One step of each kind, in apply order.
pub fn one_of_each_step() -> Vec<crate::plan::Step> {
    use crate::plan::Step;
    vec![
        Step::RenameTag {
            id: 1,
            from: "a".into(),
            to: "b".into(),
        },
        Step::CreateTag { name: "c".into() },
        Step::SetIndustry {
            primary: 1,
            secondary: 2,
        },
        Step::DeleteTemplate {
            template_id: "t".into(),
            title: "t".into(),
        },
        Step::AddTemplate {
            name: "t".into(),
            short_id: "TM1".into(),
            keywords: vec![],
        },
        Step::DeleteSubscribeTemplate {
            pri_tmpl_id: "s".into(),
            title: "s".into(),
        },
        Step::AddSubscribeTemplate {
            name: "s".into(),
            tid: 1,
            kid_list: vec![1, 2],
            scene_desc: None,
        },
        Step::UploadMaterial {
            file: "a.png".into(),
            name: "wxform-00.png".into(),
            sha256: "00".into(),
            size: 1,
        },
        Step::CreateMenu { button: vec![] },
        Step::DeleteMenu,
        Step::DeleteConditionalMenu { menuid: 1 },
        Step::AddConditionalMenu {
            name: "m".into(),
            matchrule: crate::model::DesiredMatchRule {
                tag: None,
                client_platform_type: None,
            },
            button: vec![],
        },
        Step::DeleteTag {
            id: 1,
            name: "a".into(),
        },
    ]
}
