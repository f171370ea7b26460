//! Every response decoder in `wxform::wechat::wire`, and the normalisation after it, on
//! arbitrary JSON built from WeChat's own field names — and on arbitrary bytes.

use proptest::prelude::*;
use serde_json::{Map, Value};
use wxform::wechat::normalise;
use wxform::wechat::wire::{menu, subscribe_template, tags, template, token};

/// Field names the decoders look for, so that generated objects reach deep into them.
const KEYS: &[&str] = &[
    "errcode",
    "errmsg",
    "menu",
    "button",
    "sub_button",
    "list",
    "name",
    "type",
    "key",
    "url",
    "media_id",
    "article_id",
    "appid",
    "pagepath",
    "value",
    "news_info",
    "menuid",
    "conditionalmenu",
    "matchrule",
    "group_id",
    "tag_id",
    "client_platform_type",
    "sex",
    "is_menu_open",
    "selfmenu_info",
    "tags",
    "tag",
    "id",
    "count",
    "template_list",
    "template_id",
    "title",
    "content",
    "example",
    "primary_industry",
    "deputy_industry",
    "primary_industry_first_class",
    "first_class",
    "second_class",
    "secondary_industry",
    "data",
    "priTmplId",
    "type",
    "access_token",
    "expires_in",
    "tid",
    "kid",
    "rule",
    "categoryId",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[0-9]{1,25}".prop_map(Value::String),
        any::<String>().prop_map(Value::String),
        prop::sample::select(KEYS).prop_map(|k| Value::String(k.to_string())),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect::<Map<String, Value>>(),
                )
            }),
        ]
    })
}

/// Decodes `bytes` as every response type and normalises what decodes.
fn decode_all(bytes: &[u8]) {
    fn de<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
        serde_json::from_slice(bytes).ok()
    }
    if let Some(r) = de::<menu::MenuGetResponse>(bytes) {
        if let Some(body) = r.menu {
            let _ = normalise::menu::buttons(body.button);
        }
        for conditional in r.conditionalmenu {
            let _ = normalise::menu::buttons(conditional.button);
            let _ = normalise::menu::matchrule(conditional.matchrule);
        }
    }
    if let Some(r) = de::<menu::SelfMenuInfoResponse>(bytes)
        && let Some(info) = r.selfmenu_info
    {
        let _ = normalise::menu::buttons(info.button);
    }
    let _ = de::<menu::TryMatchResponse>(bytes);
    let _ = de::<menu::AddConditionalResponse>(bytes);
    if let Some(r) = de::<tags::TagsGetResponse>(bytes) {
        let _: Vec<_> = r.tags.into_iter().map(normalise::template::tag).collect();
    }
    let _ = de::<tags::TagCreateResponse>(bytes);
    if let Some(r) = de::<template::GetIndustryResponse>(bytes) {
        let _ = normalise::industry::industry(r);
    }
    let _ = de::<template::AddTemplateResponse>(bytes);
    if let Some(r) = de::<template::TemplateListResponse>(bytes) {
        let _: Vec<_> = r
            .template_list
            .into_iter()
            .map(normalise::template::template)
            .collect();
    }
    let _ = de::<subscribe_template::AddSubscribeResponse>(bytes);
    if let Some(r) = de::<subscribe_template::SubscribeListResponse>(bytes) {
        let _: Vec<_> = r
            .data
            .into_iter()
            .map(normalise::template::subscribe_template)
            .collect();
    }
    let _ = de::<token::TokenResponse>(bytes);
}

proptest! {
    #[test]
    fn decoders_never_panic_on_wechat_shaped_json(value in json()) {
        decode_all(&serde_json::to_vec(&value).unwrap());
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        decode_all(&bytes);
    }

    #[test]
    fn decoders_never_panic_on_truncated_json(value in json(), cut in any::<usize>()) {
        let bytes = serde_json::to_vec(&value).unwrap();
        decode_all(&bytes[..cut % (bytes.len() + 1)]);
    }
}
