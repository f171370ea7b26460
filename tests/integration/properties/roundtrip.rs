//! For random desired states `d`: the plan of `d` against the account `d` describes
//! (`live_of(d)`, a pure simulation of what apply leaves behind) is empty, and so is the plan of
//! the exported configuration (`live_to_desired`) against that account.

use super::{NAMES, TAGS};
use proptest::prelude::*;
use std::collections::BTreeSet;
use wxform::export::{config_yaml, live_to_desired};
use wxform::model::*;
use wxform::plan::plan;
use wxform::wechat::Sections;
use wxform::wechat::normalise::industry;

const TITLES: &[&str] = &["订单支付成功", "发货提醒", "课程开课提醒", "快递签收通知"];
const KEYWORDS: &[&str] = &["订单号", "支付金额", "商品信息", "物流单号", "签收时间"];

fn leaf() -> impl Strategy<Value = Button> {
    let name = prop::sample::select(NAMES).prop_map(str::to_string);
    (name, 0..5u8, "[A-Z_]{1,12}").prop_map(|(name, kind, key)| {
        let mut button = Button {
            name,
            ..Button::default()
        };
        match kind {
            0 => {
                button.kind = Some("click".into());
                button.key = Some(key);
            }
            1 => {
                button.kind = Some("view".into());
                button.url = Some(format!("https://example.com/{key}"));
            }
            2 => {
                button.kind = Some("miniprogram".into());
                button.url = Some("https://example.com/".into());
                button.appid = Some("wx286b93c14bbf93aa".into());
                button.pagepath = Some(format!("pages/{key}"));
            }
            3 => {
                button.kind = Some("media_id".into());
                button.media_id = Some(key);
            }
            _ => {
                button.kind = Some("article_id".into());
                button.article_id = Some(key);
            }
        }
        button
    })
}

fn top_button() -> impl Strategy<Value = Button> {
    prop_oneof![
        leaf(),
        (
            prop::sample::select(NAMES),
            prop::collection::vec(leaf(), 1..=5)
        )
            .prop_map(|(name, sub_button)| Button {
                name: name.to_string(),
                sub_button,
                ..Button::default()
            }),
    ]
}

fn buttons() -> impl Strategy<Value = Vec<Button>> {
    prop::collection::vec(top_button(), 1..=3)
}

fn policy() -> impl Strategy<Value = UnmanagedPolicy> {
    prop_oneof![Just(UnmanagedPolicy::Keep), Just(UnmanagedPolicy::Delete)]
}

fn platform() -> impl Strategy<Value = Option<Platform>> {
    prop_oneof![
        Just(None),
        Just(Some(Platform::Ios)),
        Just(Some(Platform::Android)),
        Just(Some(Platform::Others)),
    ]
}

/// Labels of a template: distinct, in order.
fn keywords(min: usize, max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(KEYWORDS, min..=max)
        .prop_shuffle()
        .prop_map(|k| k.into_iter().map(str::to_string).collect())
}

prop_compose! {
    pub(super) fn desired()(
        menu in prop::option::of(buttons()),
        tag_names in prop::sample::subsequence(TAGS, 0..=TAGS.len()),
        tag_policy in policy(),
        manage_tags in any::<bool>(),
        rules in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>(), platform(), buttons()), 0..4),
        industry in prop::option::of((1u8..=41, 1u8..=41)),
        templates in prop::collection::vec((prop::sample::select(TITLES), keywords(0, 3)), 0..4),
        template_policy in policy(),
        subscribe in prop::collection::vec((prop::sample::select(TITLES), keywords(2, 5)), 0..3),
        subscribe_policy in policy(),
    ) -> Desired {
        let tags: Vec<String> = tag_names.into_iter().map(str::to_string).collect();
        let mut seen = BTreeSet::new();
        let conditional: Vec<DesiredConditionalMenu> = rules
            .into_iter()
            .filter_map(|(index, with_tag, platform, button)| {
                let tag = (with_tag && !tags.is_empty()).then(|| TagRef::Name(tags[index.index(tags.len())].clone()));
                let matchrule = DesiredMatchRule { tag, client_platform_type: platform };
                let usable = (matchrule.tag.is_some() || platform.is_some()) && seen.insert(format!("{matchrule:?}"));
                usable.then_some((matchrule, button))
            })
            .enumerate()
            .map(|(i, (matchrule, button))| DesiredConditionalMenu { name: format!("c{i}"), matchrule, button })
            .collect();
        let has_conditional = !conditional.is_empty();
        let mut identities = BTreeSet::new();
        let templates: Vec<DesiredTemplate> = templates
            .into_iter()
            .filter(|(title, _)| identities.insert(title.to_string()))
            .enumerate()
            .map(|(i, (title, keywords))| DesiredTemplate { name: format!("t{i}"), short_id: (i % 2 == 0).then(|| format!("TM{i:05}")), title: title.to_string(), keywords })
            .collect();
        let mut identities = BTreeSet::new();
        let subscribe: Vec<DesiredSubscribeTemplate> = subscribe
            .into_iter()
            .filter(|(title, _)| identities.insert(title.to_string()))
            .enumerate()
            .map(|(i, (title, keywords))| DesiredSubscribeTemplate {
                name: format!("s{i}"),
                tid: (i % 2 == 0).then_some(99),
                kid_list: (1..=keywords.len() as u64).collect(),
                scene_desc: None,
                title: title.to_string(),
                keywords,
            })
            .collect();
        Desired {
            // Conditional menus need a default menu in the same file.
            menu: match menu {
                Some(button) => Some(Menu { button }),
                None if has_conditional => Some(Menu { button: vec![Button { name: "默认".into(), kind: Some("click".into()), key: Some("K".into()), ..Button::default() }] }),
                None => None,
            },
            conditional_menus: has_conditional.then_some(conditional),
            tags: (manage_tags || has_conditional).then(|| DesiredTags {
                unmanaged: tag_policy,
                items: tags.iter().map(|name| DesiredTag { name: name.clone(), previously: Vec::new() }).collect(),
            }),
            templates: Some(DesiredTemplates {
                industry: industry.filter(|(p, s)| p != s).map(|(primary, secondary)| IndustryCodes { primary, secondary }),
                unmanaged: template_policy,
                items: templates,
            }),
            subscribe_templates: Some(DesiredSubscribeTemplates { unmanaged: subscribe_policy, items: subscribe }),
            ..Desired::default()
        }
    }
}

/// The account after a successful apply of `desired`: what WeChat would report, normalised.
pub(super) fn live_of(desired: &Desired) -> Live {
    let tags: Vec<LiveTag> = desired
        .tags
        .iter()
        .flat_map(|t| &t.items)
        .enumerate()
        .map(|(i, tag)| LiveTag {
            id: 100 + i as u64,
            name: tag.name.clone(),
            count: 0,
        })
        .collect();
    let tag_id = |name: &str| tags.iter().find(|t| t.name == name).map(|t| t.id);
    let class = |code: u8| {
        let (first, second) = industry::names(code).expect("codes 1-41 have names");
        IndustryClass {
            code: Some(code),
            first_class: first.into(),
            second_class: second.into(),
        }
    };
    let content = |keywords: &[String], placeholder: &str| -> String {
        let labels: Vec<String> = if keywords.is_empty() {
            vec!["其他".into()]
        } else {
            keywords.to_vec()
        };
        labels
            .iter()
            .enumerate()
            .map(|(i, label)| format!("{label}:{{{{{placeholder}{}.DATA}}}}\n", i + 1))
            .collect()
    };
    Live {
        materials: None,
        format_version: SNAPSHOT_FORMAT_VERSION,
        exported_at: None,
        appid: None,
        menu: desired
            .menu
            .as_ref()
            .filter(|m| !m.button.is_empty())
            .map(|menu| LiveMenu {
                button: menu.button.clone(),
                menuid: Some(1),
                source: MenuSource::Api,
            }),
        conditional_menus: desired
            .conditional_menus
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, menu)| LiveConditionalMenu {
                menuid: 1000 + i as u64,
                matchrule: LiveMatchRule {
                    tag_id: match &menu.matchrule.tag {
                        Some(TagRef::Name(name)) => tag_id(name),
                        Some(TagRef::Id(id)) => Some(*id),
                        None => None,
                    },
                    client_platform_type: menu.matchrule.client_platform_type,
                    ..LiveMatchRule::default()
                },
                button: menu.button.clone(),
            })
            .collect(),
        tags,
        industry: desired
            .templates
            .as_ref()
            .and_then(|t| t.industry)
            .map(|codes| LiveIndustry {
                primary: class(codes.primary),
                secondary: class(codes.secondary),
            }),
        templates: desired
            .templates
            .iter()
            .flat_map(|t| &t.items)
            .enumerate()
            .map(|(i, t)| {
                let content = format!(
                    "{{{{first.DATA}}}}\n{}{{{{remark.DATA}}}}",
                    content(&t.keywords, "keyword")
                );
                LiveTemplate {
                    template_id: format!("T{i}"),
                    title: t.title.clone(),
                    keywords: keyword_labels(&content),
                    content,
                    primary_industry: String::new(),
                    deputy_industry: String::new(),
                    example: String::new(),
                }
            })
            .collect(),
        subscribe_templates: desired
            .subscribe_templates
            .iter()
            .flat_map(|t| &t.items)
            .enumerate()
            .map(|(i, t)| {
                let content = content(&t.keywords, "thing");
                LiveSubscribeTemplate {
                    pri_tmpl_id: format!("S{i}"),
                    title: t.title.clone(),
                    keywords: keyword_labels(&content),
                    content,
                    example: String::new(),
                    kind: 2,
                }
            })
            .collect(),
    }
}

proptest! {
    #[test]
    fn a_matching_account_plans_no_changes(desired in desired()) {
        let live = live_of(&desired);
        let result = plan(&desired, &live);
        prop_assert!(result.actions.is_empty(), "actions: {:#?}\ndesired: {desired:#?}", result.actions);
        prop_assert!(result.errors.is_empty(), "errors: {:?}", result.errors);
    }

    #[test]
    fn an_exported_account_plans_no_changes(desired in desired()) {
        let live = live_of(&desired);
        let exported = live_to_desired(&live);
        let result = plan(&exported, &live);
        prop_assert!(result.actions.is_empty(), "actions: {:#?}\nexported: {exported:#?}", result.actions);
        prop_assert!(result.errors.is_empty(), "errors: {:?}", result.errors);
        // An account a valid configuration made is exported whole: nothing is left out.
        let yaml = config_yaml(&live, Sections::all()).map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert!(!yaml.contains("is left out") && !yaml.contains("Left out of"), "{yaml}");
    }
}

proptest! {
    /// The simulation is not vacuous: one renamed live button is a change.
    #[test]
    fn a_changed_menu_is_a_change(desired in desired()) {
        let mut live = live_of(&desired);
        if let Some(menu) = live.menu.as_mut() {
            menu.button[0].name.push('!');
            prop_assert!(!plan(&desired, &live).actions.is_empty());
        }
    }
}
