//! The vocabulary of a plan: actions per address, the resources they show, and the concrete
//! WeChat calls (steps) that `apply` makes.
//!
//! Everything here is serialisable because the plan document holds actions and steps verbatim.

use crate::model::{Button, DesiredMatchRule, Platform};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What an action does to its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionKind {
    Create,
    Update,
    /// Delete and re-create (conditional menus and templates have no update API).
    Replace,
    Delete,
}

impl ActionKind {
    /// The terraform-like symbol shown in text plans.
    pub fn symbol(self) -> &'static str {
        match self {
            ActionKind::Create => "+",
            ActionKind::Update => "~",
            ActionKind::Replace => "-/+",
            ActionKind::Delete => "-",
        }
    }

    /// The verb used in plan prose: "will be created".
    pub fn verb(self) -> &'static str {
        match self {
            ActionKind::Create => "created",
            ActionKind::Update => "updated in place",
            ActionKind::Replace => "replaced",
            ActionKind::Delete => "destroyed",
        }
    }
}

/// One change to one address (`menu`, `tag.VIP`, `conditional_menu.vip-ios`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub address: String,
    /// Serialised as `action`, the word scripts read in the plan document.
    #[serde(rename = "action")]
    pub kind: ActionKind,
    /// The live resource, absent for a create.
    pub before: Option<Resource>,
    /// The resource after apply, absent for a delete.
    pub after: Option<Resource>,
    /// Irreversible or surprising effects, in the user's terms.
    pub warnings: Vec<String>,
    /// Needs `--allow-destroy`.
    pub destructive: bool,
    /// The WeChat calls this action needs, in order. Empty when another action's call does the
    /// work (conditional menus removed by `menu/delete`).
    pub steps: Vec<Step>,
}

/// A resource as a plan shows it. Field order is the order of the rendered YAML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "resource", rename_all = "snake_case")]
pub enum Resource {
    Menu(MenuView),
    ConditionalMenu(ConditionalMenuView),
    Tag(TagView),
    Industry(IndustryView),
    Template(TemplateView),
    SubscribeTemplate(SubscribeTemplateView),
    Material(MaterialView),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuView {
    /// `console` when the live menu was made in the web console.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub button: Vec<Button>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionalMenuView {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub menuid: Option<u64>,
    pub matchrule: MatchRuleView,
    pub button: Vec<Button>,
}

/// A matchrule with the tag shown both ways when known: its name and its live id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MatchRuleView {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_platform_type: Option<Platform>,
    /// Fields WeChat no longer honours (`sex`, `country`, …), on live menus only.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub retired: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagView {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndustryView {
    pub primary: IndustryCodeView,
    pub secondary: IndustryCodeView,
}

/// An industry code, with WeChat's names for it when read from the live account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndustryCodeView {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub title: String,
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscribeTemplateView {
    pub title: String,
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kid_list: Vec<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scene_desc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pri_tmpl_id: Option<String>,
}

/// An image a button names by file, as its upload: the file, its size and content hash, and the
/// name it is uploaded under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialView {
    pub file: String,
    pub size: u64,
    pub sha256: String,
    pub name: String,
}

/// One WeChat call, with everything needed to make it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Step {
    /// `tags/update`.
    RenameTag { id: u64, from: String, to: String },
    /// `tags/create`.
    CreateTag { name: String },
    /// `template/api_set_industry`.
    SetIndustry { primary: u8, secondary: u8 },
    /// `template/del_private_template`.
    DeleteTemplate { template_id: String, title: String },
    /// `template/api_add_template`; `keywords` empty = not sent (classic TM templates).
    AddTemplate {
        name: String,
        short_id: String,
        keywords: Vec<String>,
    },
    /// `newtmpl/deltemplate`.
    DeleteSubscribeTemplate { pri_tmpl_id: String, title: String },
    /// `newtmpl/addtemplate`.
    AddSubscribeTemplate {
        name: String,
        tid: u64,
        kid_list: Vec<u64>,
        scene_desc: Option<String>,
    },
    /// `menu/create`.
    CreateMenu { button: Vec<Button> },
    /// `menu/delete`: also removes every conditional menu.
    DeleteMenu,
    /// `menu/delconditional`.
    DeleteConditionalMenu { menuid: u64 },
    /// `menu/addconditional`.
    AddConditionalMenu {
        name: String,
        /// As configured, except that a tag the plan resolved is its live id; a tag still named
        /// is created by the same apply and gets its id only then.
        matchrule: DesiredMatchRule,
        button: Vec<Button>,
    },
    /// `tags/delete`.
    DeleteTag { id: u64, name: String },
    /// `material/add_material`: uploads the image `file` (a button's `media_file`) under `name`;
    /// `apply` reads the file again and uploads it only if its hash is still `sha256`.
    UploadMaterial {
        file: String,
        name: String,
        sha256: String,
        size: u64,
    },
}

/// A live object the plan leaves alone because the configuration does not manage it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmanaged {
    /// `tag`, `template`, `subscribe_template` or `conditional_menu`.
    pub resource: String,
    /// What the user recognises it by (a name or a title).
    pub name: String,
    /// Its live id.
    pub id: String,
    /// Why it is not managed.
    pub reason: String,
}
