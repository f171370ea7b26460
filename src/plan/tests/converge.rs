//! Convergence: executing a plan's steps against a simulated account, then planning again,
//! gives an empty plan, and conditional menus end up in configuration order.

use crate::model::*;
use crate::plan::testkit::*;
use crate::plan::{Step, industry_name, plan};

/// What WeChat would do with each call, in the given order.
fn simulate(desired: &Desired, steps: &[Step], mut live: Live) -> Live {
    for step in steps {
        match step {
            Step::RenameTag { id, to, .. } => {
                live.tags.iter_mut().find(|t| t.id == *id).unwrap().name = to.clone();
            }
            Step::CreateTag { name } => {
                let id = next_id(live.tags.iter().map(|t| t.id).collect(), 99);
                live.tags.push(live_tag(id, name, 0));
            }
            Step::SetIndustry { primary, secondary } => {
                live.industry = Some(industry(*primary, *secondary));
            }
            Step::DeleteTemplate { template_id, .. } => {
                live.templates.retain(|t| &t.template_id != template_id);
            }
            Step::AddTemplate { name, .. } => add_template(&mut live, desired, name),
            Step::DeleteSubscribeTemplate { pri_tmpl_id, .. } => {
                live.subscribe_templates
                    .retain(|t| &t.pri_tmpl_id != pri_tmpl_id);
            }
            Step::AddSubscribeTemplate { name, .. } => {
                add_subscribe_template(&mut live, desired, name)
            }
            Step::CreateMenu { button } => {
                live.menu = Some(LiveMenu {
                    button: with_uploads(desired, &live, button),
                    menuid: None,
                    source: MenuSource::Api,
                });
            }
            Step::DeleteMenu => {
                live.menu = None;
                live.conditional_menus.clear();
            }
            Step::DeleteConditionalMenu { menuid } => {
                let before = live.conditional_menus.len();
                live.conditional_menus.retain(|m| m.menuid != *menuid);
                assert_eq!(
                    live.conditional_menus.len(),
                    before - 1,
                    "65301: no menu {menuid}"
                );
            }
            Step::AddConditionalMenu {
                matchrule, button, ..
            } => {
                let button = with_uploads(desired, &live, button);
                add_conditional_menu(&mut live, matchrule, &button)
            }
            Step::DeleteTag { id, .. } => live.tags.retain(|t| t.id != *id),
            Step::UploadMaterial { name, .. } => {
                let listing = live.materials.get_or_insert_with(LiveMaterials::default);
                listing.total += 1;
                listing.listed += 1;
                listing.uploads.push(LiveMaterial {
                    name: name.clone(),
                    media_id: format!("M-{name}"),
                    update_time: 0,
                });
            }
        }
    }
    live
}

/// `button` as `apply` sends it: each media file given the id of its upload.
fn with_uploads(desired: &Desired, live: &Live, button: &[Button]) -> Vec<Button> {
    let mut button = button.to_vec();
    for file in &desired.media_files {
        let listing = live.materials.as_ref();
        if let Some(id) = listing.and_then(|l| l.find(&file.upload_name())) {
            crate::plan::resolve_buttons(&mut button, &file.path, id);
        }
    }
    button
}

/// An id above `floor` and every one of `ids`, as WeChat's increasing ids are.
fn next_id(ids: Vec<u64>, floor: u64) -> u64 {
    ids.into_iter().max().unwrap_or(floor).max(floor) + 1
}

/// The live industry setting WeChat reports after `api_set_industry`.
fn industry(primary: u8, secondary: u8) -> LiveIndustry {
    let class = |code: u8| {
        let name = industry_name(code).unwrap();
        let (first, second) = name.split_once('/').unwrap();
        IndustryClass {
            code: Some(code),
            first_class: first.into(),
            second_class: second.into(),
        }
    };
    LiveIndustry {
        primary: class(primary),
        secondary: class(secondary),
    }
}

/// `api_add_template`: the configured template `name`, with a new id.
fn add_template(live: &mut Live, desired: &Desired, name: &str) {
    let items = &desired.templates.as_ref().unwrap().items;
    let item = items.iter().find(|t| t.name == name).unwrap();
    let keywords: Vec<&str> = item.keywords.iter().map(String::as_str).collect();
    let id = format!("new-{}", live.templates.len());
    live.templates
        .push(live_template(&id, &item.title, &keywords));
}

/// `wxaapi/newtmpl/addtemplate`: the configured subscribe template `name`, with a new id.
fn add_subscribe_template(live: &mut Live, desired: &Desired, name: &str) {
    let items = &desired.subscribe_templates.as_ref().unwrap().items;
    let item = items.iter().find(|t| t.name == name).unwrap();
    let keywords: Vec<&str> = item.keywords.iter().map(String::as_str).collect();
    let id = format!("new-{}", live.subscribe_templates.len());
    live.subscribe_templates
        .push(live_subscribe(&id, &item.title, &keywords));
}

/// `menu/addconditional`: refused without a default menu; the tag resolved by name.
fn add_conditional_menu(live: &mut Live, matchrule: &DesiredMatchRule, button: &[Button]) {
    assert!(live.menu.is_some(), "65303: no default menu");
    let tag_id = matchrule.tag.as_ref().map(|tag| match tag {
        TagRef::Id(id) => *id,
        TagRef::Name(name) => live.tags.iter().find(|t| &t.name == name).unwrap().id,
    });
    let menuid = next_id(
        live.conditional_menus.iter().map(|m| m.menuid).collect(),
        208000000,
    );
    live.conditional_menus.push(LiveConditionalMenu {
        menuid,
        matchrule: LiveMatchRule {
            tag_id,
            client_platform_type: matchrule.client_platform_type,
            retired: Default::default(),
        },
        button: button.to_vec(),
    });
}

fn assert_converges(name: &str, desired: &Desired, live: Live) {
    let first = plan(desired, &live);
    assert!(first.errors.is_empty(), "{name}: {:?}", first.errors);
    let after = simulate(desired, &first.apply_steps(), live);
    let second = plan(desired, &after);
    assert!(second.is_empty(), "{name}: {:#?}", second.actions);
    if let Some(wanted) = &desired.conditional_menus {
        let mut menus = after.conditional_menus.clone();
        menus.sort_by_key(|m| m.menuid);
        let buttons: Vec<_> = menus.iter().map(|m| &m.button).collect();
        let expected: Vec<_> = wanted.iter().map(|m| &m.button).collect();
        assert_eq!(buttons, expected, "{name}: precedence");
    }
}

#[test]
fn every_scenario_converges_in_one_apply() {
    for (name, (desired, live)) in scenarios() {
        assert_converges(name, &desired, live);
    }
}

#[test]
fn every_permutation_of_conditional_menus_converges() {
    let base = base_desired().conditional_menus.unwrap();
    let extra = cond("android", None, Some(Platform::Android));
    let orders: [&[usize]; 8] = [
        &[0, 1, 2, 3],
        &[3, 0, 1, 2],
        &[0, 3, 1, 2],
        &[2, 1, 0],
        &[1, 0, 2],
        &[1, 2],
        &[0, 2],
        &[],
    ];
    let pool = [base[0].clone(), base[1].clone(), base[2].clone(), extra];
    for order in orders {
        let mut desired = base_desired();
        desired.conditional_menus = Some(order.iter().map(|&i| pool[i].clone()).collect());
        assert_converges(&format!("{order:?}"), &desired, base_live());
    }
}

#[test]
fn a_new_tag_and_its_menu_converge() {
    let mut desired = base_desired();
    desired.tags.as_mut().unwrap().items.push(tag("新客"));
    desired
        .conditional_menus
        .as_mut()
        .unwrap()
        .insert(0, cond("new", Some("新客"), None));
    assert_converges("new tag", &desired, base_live());
}

#[test]
fn an_empty_account_converges() {
    let mut live = Live::default();
    live.tags.push(live_tag(2, "星标组", 0));
    assert_converges("empty", &base_desired(), live);
}
