//! For random configurations `d` and random different starting accounts: planning `d` against
//! the account, applying the plan against the emulator (with `apply::converge`, as `wxform apply
//! --auto-approve --allow-destroy` does, repairs included, through the library, without the
//! binary) and planning again gives no change, and apply made no second copy of any tag, conditional menu or template.
//!
//! Configurations are written as text (JSON, which is YAML) and go through
//! `wxform::config::load_str`, so every one is a configuration `wxform validate` accepts. They
//! draw only on what the emulator's library can add: its `short_id`s and `tid`s with the
//! titles and keywords it stores, from the configured industries. A starting account is empty,
//! or the result of applying another random configuration that shares some sections with `d`
//! (itself checked to converge from empty), then perhaps edited by hand: extra copies of a
//! template, a subscribe template and a conditional menu; the default menu made in the web
//! console. Half the accounts store classic templates with every library keyword, whatever
//! `keyword_name_list` asks for (the emulator's `classic_keywords_fixed`), and half drop every
//! conditional menu when the default menu is replaced (`create_keeps_conditional` off), which
//! apply repairs. 24 cases by default;
//! `PROPTEST_CASES` overrides.

use super::{NAMES, TAGS};
use crate::client::support::client;
use crate::support::emulator::library::{LibraryTemplate, TEMPLATES, TITLES};
use crate::support::emulator::{
    ConditionalMenu, Emulator, MenuSource, State, SubscribeTemplate, Template,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use wxform::apply::converge as apply;
use wxform::config::load_str;
use wxform::model::Desired;
use wxform::plan::plan;
use wxform::wechat::{Client, Sections, read_live};

/// Industries of the emulator's library templates, and one without any.
const INDUSTRIES: &[u8] = &[1, 13, 16, 31];
const SCENES: &[&str] = &["发货提醒", "乘车", "报名结果通知到您"];

fn leaf() -> impl Strategy<Value = Value> {
    (prop::sample::select(NAMES), 0..7u8, "[A-Z_]{1,12}").prop_map(|(name, kind, key)| match kind {
        0 => json!({"name": name, "type": "click", "key": key}),
        1 => json!({"name": name, "type": "view", "url": format!("https://example.com/{key}")}),
        2 => json!({
            "name": name, "type": "miniprogram", "url": "https://example.com/",
            "appid": "wx286b93c14bbf93aa", "pagepath": format!("pages/{key}"),
        }),
        3 => json!({"name": name, "type": "media_id", "media_id": key}),
        4 => json!({"name": name, "type": "article_id", "article_id": key}),
        5 => json!({"name": name, "type": "scancode_push", "key": key}),
        _ => json!({"name": name, "type": "location_select", "key": key}),
    })
}

fn buttons() -> impl Strategy<Value = Vec<Value>> {
    let top = prop_oneof![
        2 => leaf(),
        1 => (prop::sample::select(NAMES), prop::collection::vec(leaf(), 1..=5))
            .prop_map(|(name, sub)| json!({"name": name, "sub_button": sub})),
    ];
    prop::collection::vec(top, 1..=3)
}

fn policy() -> impl Strategy<Value = &'static str> {
    prop::sample::select(&["keep", "delete"][..])
}

fn platform() -> impl Strategy<Value = Option<&'static str>> {
    prop::option::of(prop::sample::select(&["ios", "android", "others"][..]))
}

/// Per library template: left out, or the positions of the keywords to pick, in the order
/// given (none at all for a classic template: WeChat then takes every keyword).
fn template_picks() -> Vec<BoxedStrategy<Option<Vec<usize>>>> {
    let pick = |entry: &LibraryTemplate| {
        let min = usize::from(!entry.classic);
        let positions: Vec<usize> = (0..entry.keywords.len()).collect();
        prop::option::of(
            prop::sample::subsequence(positions, min..=entry.keywords.len()).prop_shuffle(),
        )
        .boxed()
    };
    TEMPLATES.iter().map(pick).collect()
}

/// The keyword ids of a subscribe template, in order, and its `scene_desc`.
type SubscribePick = (Vec<usize>, Option<&'static str>);

/// Per subscribe title: left out, or 2–5 keyword ids in the order given.
fn subscribe_picks() -> Vec<BoxedStrategy<Option<SubscribePick>>> {
    TITLES
        .iter()
        .map(|title| {
            let kids: Vec<usize> = (1..=title.keywords.len()).collect();
            let count = 2..=title.keywords.len().min(5);
            let scene = prop::option::of(prop::sample::select(SCENES));
            prop::option::of((prop::sample::subsequence(kids, count).prop_shuffle(), scene)).boxed()
        })
        .collect()
}

prop_compose! {
    /// The text of a configuration.
    fn config()(
        menu in prop::option::of(buttons()),
        delete_menu in prop::bool::weighted(0.1),
        tag_picks in prop::collection::vec((any::<bool>(), any::<bool>()), TAGS.len()),
        tag_policy in prop::option::of(policy()),
        rules in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>(), platform(), buttons()), 0..4),
        industry in prop::option::of((prop::sample::select(INDUSTRIES), prop::sample::select(INDUSTRIES))),
        templates in template_picks(),
        template_policy in prop::option::of(policy()),
        subscribe in subscribe_picks(),
        subscribe_policy in prop::option::of(policy()),
    ) -> String {
        // A tag is kept, kept with an earlier name (one the configuration does not use), or
        // left out.
        let kept: Vec<&str> = TAGS.iter().zip(&tag_picks).filter(|(_, (keep, _))| *keep).map(|(t, _)| *t).collect();
        let mut spare = TAGS.iter().zip(&tag_picks).filter(|(_, (keep, _))| !*keep).map(|(t, _)| *t);
        let renamed = tag_picks.iter().map(|(_, renamed)| *renamed);
        let tags: Vec<Value> = kept.iter().zip(renamed).map(|(name, renamed)| {
            match spare.next().filter(|_| renamed) {
                Some(old) => json!({"name": name, "previously": [old]}),
                None => json!({"name": name}),
            }
        }).collect();
        let mut seen = BTreeSet::new();
        let conditional: Vec<Value> = rules.into_iter().filter_map(|(index, with_tag, platform, button)| {
            let tag = (with_tag && !kept.is_empty()).then(|| kept[index.index(kept.len())]);
            let usable = (tag.is_some() || platform.is_some()) && seen.insert((tag, platform));
            let mut matchrule = json!({});
            if let Some(tag) = tag { matchrule["tag"] = json!(tag); }
            if let Some(platform) = platform { matchrule["client_platform_type"] = json!(platform); }
            usable.then(|| json!({"matchrule": matchrule, "button": button}))
        }).enumerate().map(|(i, mut menu)| { menu["name"] = json!(format!("c{i}")); menu }).collect();

        let mut config = json!({"version": 1});
        match menu {
            Some(button) => config["menu"] = json!({"button": button}),
            None if !conditional.is_empty() => config["menu"] = json!({"button": [{"name": "默认", "type": "click", "key": "K"}]}),
            // `button: []` deletes the default menu (and with it every conditional menu).
            None if delete_menu => config["menu"] = json!({"button": []}),
            None => {}
        }
        if !conditional.is_empty() {
            config["conditional_menus"] = json!(conditional);
        }
        if tag_policy.is_some() || !conditional.is_empty() {
            config["tags"] = json!({"unmanaged": tag_policy.unwrap_or("keep"), "items": tags});
        }
        // Templates can be added only from the account's industries.
        let industry = industry.filter(|(p, s)| p != s);
        if let Some(policy) = template_policy {
            let mut section = json!({"unmanaged": policy, "items": []});
            if let Some((primary, secondary)) = industry {
                section["industry"] = json!({"primary": primary, "secondary": secondary});
                let items: Vec<Value> = TEMPLATES.iter().zip(templates).filter_map(|(entry, pick)| {
                    let code = u8::try_from(entry.industry).ok()?;
                    let pick = pick.filter(|_| code == primary || code == secondary)?;
                    let keywords: Vec<&str> = pick.iter().map(|&i| entry.keywords[i].name).collect();
                    Some(json!({"short_id": entry.short_id, "title": entry.title, "keywords": keywords}))
                }).enumerate().map(|(i, mut item)| { item["name"] = json!(format!("t{i}")); item }).collect();
                section["items"] = json!(items);
            }
            config["templates"] = section;
        }
        if let Some(policy) = subscribe_policy {
            let items: Vec<Value> = TITLES.iter().zip(subscribe).filter_map(|(title, pick)| {
                let (kids, scene) = pick?;
                let keywords: Vec<&str> = kids.iter().map(|&kid| title.keywords[kid - 1].name).collect();
                let mut item = json!({"tid": title.tid, "kid_list": kids, "title": title.title, "keywords": keywords});
                if let Some(scene) = scene { item["scene_desc"] = json!(scene); }
                Some(item)
            }).enumerate().map(|(i, mut item)| { item["name"] = json!(format!("s{i}")); item }).collect();
            config["subscribe_templates"] = json!({"unmanaged": policy, "items": items});
        }
        serde_json::to_string_pretty(&config).expect("JSON")
    }
}

/// The top-level sections a starting configuration may share with the configuration applied
/// after it. Conditional menus name tags of the same file: the two go together.
const SECTIONS: [&[&str]; 4] = [
    &["menu"],
    &["conditional_menus", "tags"],
    &["templates"],
    &["subscribe_templates"],
];

/// `other` with the sections `shared` marks taken from `desired`, so that the two differ in
/// some sections only and the plan keeps what is equal; `other` itself when the mix is not a
/// valid configuration.
fn mix(desired: &str, other: &str, shared: [bool; SECTIONS.len()]) -> String {
    let desired: Value = serde_json::from_str(desired).expect("JSON");
    let mut mixed: Value = serde_json::from_str(other).expect("JSON");
    let shared = SECTIONS.iter().zip(shared).filter(|(_, shared)| *shared);
    for section in shared.flat_map(|(sections, _)| sections.iter()) {
        match desired.get(section) {
            Some(value) => mixed[section] = value.clone(),
            None => {
                mixed.as_object_mut().expect("an object").remove(*section);
            }
        }
    }
    let mixed = serde_json::to_string_pretty(&mixed).expect("JSON");
    match load_str("wxform.yaml", &mixed) {
        Ok(_) => mixed,
        Err(_) => other.to_string(),
    }
}

/// The configuration `text` describes; every generated one is valid.
fn load(text: &str) -> Result<Desired, TestCaseError> {
    match load_str("wxform.yaml", text) {
        Ok(loaded) => Ok(loaded.desired),
        Err(err) => Err(TestCaseError::fail(format!(
            "the generated configuration is invalid: {err:?}\n{text}"
        ))),
    }
}

fn read(client: &Client, desired: &Desired) -> Result<wxform::model::Live, TestCaseError> {
    read_live(client, Sections::for_desired(desired))
        .map_err(|err| TestCaseError::fail(format!("reading the account: {err}")))
}

/// `wxform apply --auto-approve --allow-destroy` of `desired`, through the library; then the
/// account must match it.
fn converge(emulator: &Emulator, client: &Client, desired: &Desired) -> Result<(), TestCaseError> {
    let before = emulator.state();
    let live = read(client, desired)?;
    let planned = plan(desired, &live);
    prop_assert!(
        planned.errors.is_empty(),
        "plan errors: {:?}",
        planned.errors
    );
    let converged = apply(client, desired, &live, &planned, &mut |_| {});
    prop_assert!(
        converged.is_ok(),
        "apply did not converge: {converged:?}\nlive before: {live:#?}"
    );
    let after = read(client, desired)?;
    let again = plan(desired, &after);
    prop_assert!(
        again.is_empty() && again.errors.is_empty(),
        "after apply, still: {:#?}\nerrors: {:?}\nfirst plan: {:#?}\nlive before: {live:#?}",
        again.actions,
        again.errors,
        planned.actions
    );
    no_new_duplicates(&before, &emulator.state())
}

/// What the account holds, by identity: tag names, conditional menus' matchrules, templates'
/// and subscribe templates' titles with their content.
fn identities(state: &State) -> Vec<String> {
    let tags = state.tags.iter().map(|t| format!("tag {}", t.name));
    let menus = state.conditional_menus.iter();
    let menus = menus.map(|m| format!("conditional menu {:?}", m.matchrule));
    let templates = state.templates.iter();
    let templates = templates.map(|t| format!("template {} {}", t.title, t.content));
    let subscribe = state.subscribe_templates.iter();
    let subscribe = subscribe.map(|t| format!("subscribe template {} {}", t.title, t.content));
    tags.chain(menus)
        .chain(templates)
        .chain(subscribe)
        .collect()
}

fn copies(identities: &[String], identity: &str) -> usize {
    identities.iter().filter(|i| *i == identity).count()
}

/// Apply makes no second copy of anything: what the account held once or not at all, it holds
/// at most once (copies made before, under `unmanaged: keep`, may stay).
fn no_new_duplicates(before: &State, after: &State) -> Result<(), TestCaseError> {
    let (before, after) = (identities(before), identities(after));
    for identity in after.iter().collect::<BTreeSet<_>>() {
        let allowed = copies(&before, identity).max(1);
        prop_assert!(
            copies(&after, identity) <= allowed,
            "apply made a duplicate: {identity}"
        );
    }
    Ok(())
}

/// Someone added second copies of the first template, subscribe template and conditional
/// menu (WeChat allows all three).
fn add_copies(emulator: &Emulator) {
    emulator.update_state(|state| {
        if let Some(template) = state.templates.first().cloned() {
            let template_id = format!("{}copy", template.template_id);
            state.templates.push(Template {
                template_id,
                ..template
            });
        }
        if let Some(template) = state.subscribe_templates.first().cloned() {
            let pri_tmpl_id = format!("{}copy", template.pri_tmpl_id);
            state.subscribe_templates.push(SubscribeTemplate {
                pri_tmpl_id,
                ..template
            });
        }
        if let Some(menu) = state.conditional_menus.first().cloned() {
            state.counters.last_menuid += 1;
            let menuid = state.counters.last_menuid;
            state
                .conditional_menus
                .push(ConditionalMenu { menuid, ..menu });
        }
    });
}

/// The default menu was made (again) in the web console, which leaves no conditional menu.
fn to_console(emulator: &Emulator) {
    emulator.update_state(|state| {
        if let Some(menu) = state.menu.as_mut() {
            menu.source = MenuSource::Console;
            state.conditional_menus.clear();
        }
    });
}

fn cases() -> u32 {
    let cases = std::env::var("PROPTEST_CASES").ok();
    cases.and_then(|n| n.parse().ok()).unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn apply_then_plan_is_empty_from_any_account(
        desired in config(),
        start in prop::option::weighted(0.75, (config(), any::<[bool; SECTIONS.len()]>())),
        copied in any::<bool>(),
        console in prop::bool::weighted(0.25),
        classic_keywords_fixed in any::<bool>(),
        create_keeps_conditional in any::<bool>(),
    ) {
        let emulator = Emulator::start();
        emulator.configure(|options| {
            options.classic_keywords_fixed = classic_keywords_fixed;
            options.create_keeps_conditional = create_keeps_conditional;
        });
        let client = client(&emulator);
        if let Some((other, shared)) = start {
            let start = mix(&desired, &other, shared);
            prop_assume!(start != desired);
            converge(&emulator, &client, &load(&start)?)?;
            if copied {
                add_copies(&emulator);
            }
            if console {
                to_console(&emulator);
            }
        }
        converge(&emulator, &client, &load(&desired)?)?;
    }
}
