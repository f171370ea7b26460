//! The canonical order of keys, in one place: for each mapping of a configuration (its shape),
//! the order its keys are written in, and which shape the mappings under each key have.
//!
//! It is the order `wxform export` writes, the examples and the manual show: `version`,
//! `extends`, `account`, `vars` (an account file's), then the sections from the menus to the templates; inside each mapping the
//! identifying `name` first, then what it is, then its children. A key the table does not know
//! (a typo that `validate` reports) keeps its place relative to other unknown keys, after the
//! known ones. A test holds the table to the JSON schema, so a new field cannot be forgotten.

/// What a mapping of the configuration is, named after its definition in the JSON schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Config,
    Account,
    Menu,
    Button,
    ConditionalMenu,
    MatchRule,
    MenuCheck,
    CheckUser,
    Server,
    ReplyCheck,
    Reply,
    Tags,
    Tag,
    Templates,
    Industry,
    Template,
    SubscribeTemplates,
    SubscribeTemplate,
    /// Under a key the table does not know: written in the order it came.
    Unknown,
}

use Shape::*;

/// Each shape's keys in their canonical order. `menuid` and `group_id` are accepted from
/// WeChat's JSON without being part of the schema.
pub(super) const ORDER: &[(Shape, &[&str])] = &[
    (
        Config,
        &[
            "version",
            "extends",
            "account",
            "vars",
            "menu",
            "conditional_menus",
            "menu_checks",
            "server",
            "reply_checks",
            "tags",
            "templates",
            "subscribe_templates",
        ],
    ),
    (
        Account,
        &[
            "appid",
            "appid_env",
            "secret_env",
            "token_env",
            "token_command",
        ],
    ),
    (Menu, &["button", "menuid"]),
    (
        Button,
        &[
            "name",
            "type",
            "key",
            "url",
            "media_id",
            "media_file",
            "article_id",
            "appid",
            "pagepath",
            "sub_button",
        ],
    ),
    (ConditionalMenu, &["name", "matchrule", "button", "menuid"]),
    (
        MatchRule,
        &[
            "tag",
            "tag_id",
            "group_id",
            "client_platform_type",
            "sex",
            "country",
            "province",
            "city",
            "language",
        ],
    ),
    (MenuCheck, &["name", "user", "openid", "sees"]),
    (CheckUser, &["tags", "platform"]),
    (
        Server,
        &[
            "url",
            "url_env",
            "original_id",
            "mode",
            "token_env",
            "encoding_aes_key_env",
            "openid",
        ],
    ),
    (
        ReplyCheck,
        &["name", "tap", "key", "follow", "message", "replies"],
    ),
    (Reply, &["type", "contains"]),
    (Tags, &["unmanaged", "items"]),
    (Tag, &["name", "previously"]),
    (Templates, &["industry", "unmanaged", "items"]),
    (Industry, &["primary", "secondary"]),
    (Template, &["name", "short_id", "title", "keywords"]),
    (SubscribeTemplates, &["unmanaged", "items"]),
    (
        SubscribeTemplate,
        &["name", "tid", "kid_list", "scene_desc", "title", "keywords"],
    ),
];

/// The shape of what a key holds: the mapping under it, or each mapping of the list under it.
const CHILDREN: &[(Shape, &str, Shape)] = &[
    (Config, "account", Account),
    (Config, "menu", Menu),
    (Config, "conditional_menus", ConditionalMenu),
    (Config, "menu_checks", MenuCheck),
    (Config, "server", Server),
    (Config, "reply_checks", ReplyCheck),
    (ReplyCheck, "replies", Reply),
    (Config, "tags", Tags),
    (Config, "templates", Templates),
    (Config, "subscribe_templates", SubscribeTemplates),
    (Menu, "button", Button),
    (Button, "sub_button", Button),
    (ConditionalMenu, "matchrule", MatchRule),
    (ConditionalMenu, "button", Button),
    (MenuCheck, "user", CheckUser),
    (Tags, "items", Tag),
    (Templates, "industry", Industry),
    (Templates, "items", Template),
    (SubscribeTemplates, "items", SubscribeTemplate),
];

/// Where `key` goes among the keys of a `shape` mapping: its place in the table, or after
/// every known key.
pub(super) fn rank(shape: Shape, key: &str) -> usize {
    let keys = ORDER
        .iter()
        .find(|(known, _)| *known == shape)
        .map_or(&[][..], |(_, keys)| *keys);
    keys.iter()
        .position(|known| *known == key)
        .unwrap_or(keys.len())
}

/// The shape of the value under `key` in a `shape` mapping.
pub(super) fn child(shape: Shape, key: &str) -> Shape {
    CHILDREN
        .iter()
        .find(|(parent, name, _)| *parent == shape && *name == key)
        .map_or(Unknown, |(_, _, child)| *child)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The schema's name of each shape's definition (`Config` is the root).
    fn definition(shape: Shape) -> &'static str {
        match shape {
            Config => "Config",
            Account => "Account",
            Menu => "Menu",
            Button => "Button",
            ConditionalMenu => "ConditionalMenu",
            MatchRule => "MatchRule",
            MenuCheck => "MenuCheck",
            CheckUser => "CheckUser",
            Server => "Server",
            ReplyCheck => "ReplyCheck",
            Reply => "Reply",
            Tags => "Tags",
            Tag => "Tag",
            Templates => "Templates",
            Industry => "Industry",
            Template => "Template",
            SubscribeTemplates => "SubscribeTemplates",
            SubscribeTemplate => "SubscribeTemplate",
            Unknown => unreachable!("not in the table"),
        }
    }

    #[test]
    fn the_order_names_every_field_of_the_schema_and_nothing_else() {
        let schema: serde_json::Value =
            serde_json::from_str(&crate::config::schema_json()).unwrap();
        let accepted_beyond_the_schema = ["menuid", "group_id"];
        let mut definitions: BTreeSet<&str> = schema["definitions"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            // A policy and a server mode are words, `replies` a word or a `Reply`; an account
            // file's vars are names the user chooses, written in the order they came.
            .filter(|name| !matches!(*name, "Policy" | "Vars" | "ServerMode" | "Replies"))
            .collect();
        for (shape, keys) in ORDER {
            let name = definition(*shape);
            let properties = match name {
                "Config" => &schema["properties"],
                _ => &schema["definitions"][name]["properties"],
            };
            let in_schema: BTreeSet<&str> = properties
                .as_object()
                .unwrap_or_else(|| panic!("{name} has properties in the schema"))
                .keys()
                .map(String::as_str)
                .collect();
            let in_order: BTreeSet<&str> = keys
                .iter()
                .copied()
                .filter(|key| !accepted_beyond_the_schema.contains(key))
                .collect();
            assert_eq!(in_order, in_schema, "the keys of {name}");
            definitions.remove(name);
        }
        assert!(definitions.is_empty(), "shapes missing: {definitions:?}");
    }

    #[test]
    fn known_keys_rank_in_table_order_and_unknown_ones_last() {
        assert!(rank(Button, "name") < rank(Button, "type"));
        assert!(rank(Button, "pagepath") < rank(Button, "sub_button"));
        assert!(rank(Config, "conditional_menus") < rank(Config, "menu_checks"));
        assert!(rank(Config, "menu_checks") < rank(Config, "tags"));
        assert_eq!(rank(Button, "nmae"), rank(Button, "colour"));
        assert!(rank(Button, "sub_button") < rank(Button, "nmae"));
        assert_eq!(rank(Unknown, "a"), rank(Unknown, "b"));
    }

    #[test]
    fn shapes_follow_keys_and_lists() {
        assert_eq!(child(Config, "menu"), Menu);
        assert_eq!(child(Menu, "button"), Button);
        assert_eq!(child(Button, "sub_button"), Button);
        assert_eq!(child(Config, "conditional_menus"), ConditionalMenu);
        assert_eq!(child(Button, "name"), Unknown);
        assert_eq!(child(Unknown, "menu"), Unknown);
    }
}
