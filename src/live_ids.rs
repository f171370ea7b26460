//! `wxform outputs`: live ids keyed by the names the configuration uses, for other tools
//! (message senders need template ids; scripts need tag ids and menuids).

use crate::model::{Desired, Live, Platform, TagRef};
use crate::plan::{TagIds, TagTarget, pair_subscribe_templates, pair_tags, pair_templates};
use serde_json::{Map, Value, json};

/// `{"tags":{name:id}, "templates":{name:template_id}, "subscribe_templates":{name:priTmplId},
/// "conditional_menus":{name:menuid}}`, with only the sections the configuration manages (an
/// empty object for a managed section with nothing live yet). Names that have no live
/// counterpart yet are left out.
pub fn outputs(desired: &Desired, live: &Live) -> Value {
    let mut sections = Map::new();
    let mut add = |managed: bool, key: &str, ids: fn(&Desired, &Live) -> Map<String, Value>| {
        if managed {
            sections.insert(key.to_string(), Value::Object(ids(desired, live)));
        }
    };
    add(desired.tags.is_some(), "tags", tag_ids);
    add(desired.templates.is_some(), "templates", template_ids);
    let subscribe = desired.subscribe_templates.is_some();
    add(subscribe, "subscribe_templates", subscribe_ids);
    let menus = desired.conditional_menus.is_some();
    add(menus, "conditional_menus", menu_ids);
    Value::Object(sections)
}

// Every id is the live object the planner pairs with the configured one: what `plan` keeps is
// exactly what `outputs` names.

/// Tag ids, paired as the planner pairs them: a name a tag had before is followed only when
/// no configured tag carries that name itself.
fn tag_ids(desired: &Desired, live: &Live) -> Map<String, Value> {
    let items = desired.tags.as_ref().map_or(&[][..], |t| &t.items[..]);
    let found = items.iter().zip(pair_tags(items, live).found);
    found
        .filter_map(|(item, tag)| Some((item.name.clone(), json!(tag?.id))))
        .collect()
}

fn template_ids(desired: &Desired, live: &Live) -> Map<String, Value> {
    let items = desired.templates.as_ref().map_or(&[][..], |t| &t.items[..]);
    let found = items.iter().zip(pair_templates(items, &live.templates));
    found
        .filter_map(|(item, live)| Some((item.name.clone(), json!(live?.template_id))))
        .collect()
}

fn subscribe_ids(desired: &Desired, live: &Live) -> Map<String, Value> {
    let items = desired.subscribe_templates.as_ref();
    let items = items.map_or(&[][..], |t| &t.items[..]);
    let found = items
        .iter()
        .zip(pair_subscribe_templates(items, &live.subscribe_templates));
    found
        .filter_map(|(item, live)| Some((item.name.clone(), json!(live?.pri_tmpl_id))))
        .collect()
}

/// Menuids: the newest live menu with the configured matchrule and buttons.
fn menu_ids(desired: &Desired, live: &Live) -> Map<String, Value> {
    let tag_ids = TagIds::from_live(live);
    let mut menus = Map::new();
    for item in desired.conditional_menus.iter().flatten() {
        let tag = match &item.matchrule.tag {
            None => None,
            Some(TagRef::Id(id)) => Some(*id),
            Some(TagRef::Name(name)) => match tag_ids.resolve(name) {
                Some(TagTarget::Live(id)) => Some(id),
                _ => continue,
            },
        };
        let key: (Option<u64>, Option<Platform>) = (tag, item.matchrule.client_platform_type);
        // The newest menu with this matchrule is the one WeChat shows.
        let found = live
            .conditional_menus
            .iter()
            .filter(|m| m.matchrule.retired.is_empty())
            .filter(|m| (m.matchrule.tag_id, m.matchrule.client_platform_type) == key)
            .filter(|m| m.button == item.button)
            .max_by_key(|m| m.menuid);
        if let Some(menu) = found {
            menus.insert(item.name.clone(), json!(menu.menuid));
        }
    }
    menus
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Desired, DesiredTag};
    use crate::plan::testkit::*;

    #[test]
    fn keys_live_ids_by_configured_names() {
        let value = outputs(&base_desired(), &base_live());
        assert_eq!(
            value,
            json!({
                "tags": {"VIP": 100, "内测用户": 101},
                "templates": {"order_paid": ORDER_PAID_ID},
                "subscribe_templates": {"meeting": MEETING_ID},
                "conditional_menus": {"vip": 208000001, "ios": 208000002, "vip-android": 208000003},
            })
        );
    }

    #[test]
    fn lists_only_the_managed_sections() {
        let mut desired = base_desired();
        desired.templates = None;
        desired.subscribe_templates = None;
        let value = outputs(&desired, &base_live());
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["conditional_menus", "tags"]);
        assert_eq!(outputs(&Desired::default(), &base_live()), json!({}));
    }

    #[test]
    fn leaves_out_what_is_not_live_yet_and_follows_renames() {
        let (mut desired, live) = scenario_tag_renamed();
        desired.templates.as_mut().unwrap().items[0].title = "新标题".into();
        desired.conditional_menus.as_mut().unwrap()[0].button[0].name = "变了".into();
        let value = outputs(&desired, &live);
        assert_eq!(value["tags"], json!({"VIP": 100, "测试用户": 101}));
        assert_eq!(value["templates"], json!({}));
        assert!(value["conditional_menus"].get("vip").is_none());
    }

    #[test]
    fn a_classic_template_stored_with_more_keywords_is_the_one_the_plan_keeps() {
        let desired = base_desired();
        let mut live = base_live();
        live.templates[0].keywords.push("商品信息".into());
        let planned = crate::plan::plan(&desired, &live);
        assert!(
            !planned
                .actions
                .iter()
                .any(|a| a.address == "template.order_paid"),
            "the plan keeps it: {:?}",
            planned.actions
        );
        let value = outputs(&desired, &live);
        assert_eq!(value["templates"], json!({"order_paid": ORDER_PAID_ID}));
    }

    #[test]
    fn a_former_name_that_another_configured_tag_carries_is_not_followed() {
        // `VIP` is configured and live; `新VIP` was once called `VIP` but is not created yet.
        let mut desired = base_desired();
        desired.tags.as_mut().unwrap().items.push(DesiredTag {
            name: "新VIP".into(),
            previously: vec!["VIP".into()],
        });
        let value = outputs(&desired, &base_live());
        assert_eq!(value["tags"], json!({"VIP": 100, "内测用户": 101}));
        let planned = crate::plan::plan(&desired, &base_live());
        assert!(
            planned
                .actions
                .iter()
                .any(|a| a.address == "tag.新VIP" && a.kind == crate::plan::ActionKind::Create),
            "the planner creates it: {:?}",
            planned.actions
        );
    }
}
