//! For random live accounts — whatever WeChat can hold, console-made menus, retired matchrules,
//! twins, industries without a code, odd names included — the configuration `export` writes
//! validates (warnings allowed, no error) and plans no change against that same account.

use super::TAGS;
use proptest::prelude::*;
use wxform::config::load_str;
use wxform::export::config_yaml;
use wxform::model::*;
use wxform::plan::plan;
use wxform::render::plan_text::render_text;
use wxform::wechat::Sections;

/// Texts that are hard to write as YAML or that validation looks at twice: YAML keywords and
/// indicators, quotes, escapes, line breaks, invisible and bidi characters, long CJK names,
/// emoji, Markdown.
const TEXTS: &[&str] = &[
    "今日歌曲",
    "Shop",
    "服务 2",
    "帮助&<",
    "yes",
    "null",
    "~",
    "- a",
    "#标签",
    "a: b",
    "'q'",
    "\"dq\"",
    "back\\slash",
    "tab\there",
    "line\nbreak",
    " lead",
    "trail ",
    "七个中文字符名",
    "😀表情",
    "@everyone",
    "[x](https://e.example)",
    "1.5",
    "0x1F",
    "::error::x",
    "ab\u{202e}cd",
    "ab\u{061c}cd",
    "%TAG",
    "{a}",
    "*ref",
    "&anchor",
    "!tag",
    "|",
    ">",
];

fn text() -> impl Strategy<Value = String> {
    prop::sample::select(TEXTS).prop_map(str::to_string)
}

/// A field a leaf of `kind` needs; present most of the time.
fn field(present: bool, value: &str) -> Option<String> {
    present.then(|| value.to_string())
}

/// A leaf as menu/get or get_current_selfmenu_info reads it, normalised.
fn leaf() -> impl Strategy<Value = Button> {
    let kinds = prop::sample::select(
        API_BUTTON_TYPES
            .iter()
            .chain(CONSOLE_ONLY_BUTTON_TYPES.iter())
            .copied()
            .collect::<Vec<_>>(),
    );
    (text(), kinds, prop::bool::weighted(0.9), "[A-Za-z_]{1,12}").prop_map(
        |(name, kind, present, key)| {
            let mut button = Button {
                name,
                kind: Some(kind.to_string()),
                ..Button::default()
            };
            let url = format!("https://h{}.example/{key}", key.len() % 5);
            match kind {
                "view" => button.url = field(present, &url),
                "miniprogram" => {
                    button.url = field(present, &url);
                    button.appid = field(present, "wx286b93c14bbf93aa");
                    button.pagepath = field(present, "pages/index/index");
                }
                "media_id" | "view_limited" => button.media_id = field(present, &key),
                "article_id" | "article_view_limited" => button.article_id = field(present, &key),
                k if CONSOLE_ONLY_BUTTON_TYPES.contains(&k) => button.value = Some(key),
                _ => button.key = field(present, &key),
            }
            button
        },
    )
}

fn buttons() -> impl Strategy<Value = Vec<Button>> {
    let top = prop_oneof![
        3 => leaf(),
        1 => (text(), prop::collection::vec(leaf(), 1..=5)).prop_map(|(name, sub_button)| Button {
            name,
            sub_button,
            ..Button::default()
        }),
    ];
    prop::collection::vec(top, 1..=3)
}

fn platform() -> impl Strategy<Value = Option<Platform>> {
    prop::option::of(prop_oneof![
        Just(Platform::Ios),
        Just(Platform::Android),
        Just(Platform::Others)
    ])
}

fn matchrule() -> impl Strategy<Value = LiveMatchRule> {
    (
        prop::option::of(prop_oneof![Just(100u64), Just(101), Just(150)]),
        platform(),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(tag_id, client_platform_type, retired)| {
            let mut rule = LiveMatchRule {
                tag_id,
                client_platform_type,
                ..LiveMatchRule::default()
            };
            if retired || (tag_id.is_none() && client_platform_type.is_none()) {
                rule.retired.insert("sex".into(), "1".into());
            }
            rule
        })
}

/// An industry class named as WeChat writes it: one the table knows, or one it does not.
fn industry_class() -> impl Strategy<Value = IndustryClass> {
    prop_oneof![
        Just(("IT科技", "互联网|电子商务")),
        Just(("房地产", "房地产|建筑")),
        Just(("金融业", "证券|基金|理财|信托")),
        Just(("火星", "殖民")),
    ]
    .prop_map(|(first, second)| IndustryClass {
        code: wxform::industry_table::code(first, second),
        first_class: first.into(),
        second_class: second.into(),
    })
}

/// A template listing entry; its labels parsed from its content as the client does.
fn template() -> impl Strategy<Value = (String, String)> {
    let labels = prop::collection::vec(
        prop::sample::select(&["订单号", "金额", "时间 ", ""][..]),
        0..4,
    );
    (text(), labels).prop_map(|(title, labels)| {
        let content: String = labels
            .iter()
            .enumerate()
            .map(|(i, label)| format!("{label}:{{{{keyword{}.DATA}}}}\n", i + 1))
            .collect();
        (
            title,
            format!("{{{{first.DATA}}}}\n{content}{{{{remark.DATA}}}}"),
        )
    })
}

prop_compose! {
    pub(super) fn live()(
        menu in prop::option::of((buttons(), any::<bool>())),
        conditional in prop::collection::vec((matchrule(), buttons()), 0..4),
        tags in prop::sample::subsequence(TAGS, 0..=3),
        odd_tag in prop::option::of(text()),
        industry in prop::option::of((industry_class(), industry_class())),
        templates in prop::collection::vec(template(), 0..4),
        subscribe in prop::collection::vec(template(), 0..3),
    ) -> Live {
        let mut live_tags = vec![LiveTag { id: 2, name: "星标组".into(), count: 0 }];
        let names = tags.into_iter().map(str::to_string).chain(odd_tag);
        for (i, name) in names.enumerate() {
            if !live_tags.iter().any(|t| t.name == name) {
                live_tags.push(LiveTag { id: 100 + i as u64, name, count: 0 });
            }
        }
        // Conditional menus need an API default menu (65303).
        let menu = menu.map(|(button, console)| LiveMenu {
            button,
            menuid: None,
            source: if console && conditional.is_empty() { MenuSource::Console } else { MenuSource::Api },
        });
        let conditional = if menu.as_ref().is_some_and(|m| m.source == MenuSource::Api) { conditional } else { Vec::new() };
        Live {
            appid: Some("wx1234567890abcdef".into()),
            menu,
            conditional_menus: conditional
                .into_iter()
                .enumerate()
                .map(|(i, (matchrule, button))| LiveConditionalMenu { menuid: 208_000_000 + i as u64, matchrule, button })
                .collect(),
            tags: live_tags,
            industry: industry.map(|(primary, secondary)| LiveIndustry { primary, secondary }),
            templates: templates
                .into_iter()
                .enumerate()
                .map(|(i, (title, content))| LiveTemplate {
                    template_id: format!("T{i:042}"),
                    keywords: keyword_labels(&content),
                    title,
                    content,
                    primary_industry: String::new(),
                    deputy_industry: String::new(),
                    example: String::new(),
                })
                .collect(),
            subscribe_templates: subscribe
                .into_iter()
                .enumerate()
                .map(|(i, (title, content))| LiveSubscribeTemplate {
                    pri_tmpl_id: format!("S{i:042}"),
                    keywords: keyword_labels(&content),
                    title,
                    content,
                    example: String::new(),
                    kind: 2,
                })
                .collect(),
            ..Live::default()
        }
    }
}

proptest! {
    #[test]
    fn what_export_writes_validates_and_plans_no_change(live in live()) {
        let yaml = match config_yaml(&live, Sections::all()) {
            Ok(yaml) => yaml,
            Err(err) => return Err(TestCaseError::fail(format!("export refused: {err}"))),
        };
        let loaded = match load_str("exported.yaml", &yaml) {
            Ok(loaded) => loaded,
            Err(err) => {
                let details = match &err {
                    wxform::config::LoadError::Invalid { diagnostics, .. } => diagnostics
                        .iter()
                        .map(|d| format!("{d:?}"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    other => other.to_string(),
                };
                return Err(TestCaseError::fail(format!("export wrote an invalid file:\n{yaml}\n{details}")));
            }
        };
        let plan = plan(&loaded.desired, &live);
        prop_assert!(
            !plan.has_changes() && !plan.has_errors(),
            "the exported file plans changes:\n{yaml}\n{}",
            render_text(&plan)
        );
    }
}
