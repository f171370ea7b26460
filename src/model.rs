//! The canonical model that both sides of a plan normalise into.
//!
//! The YAML (`config`) produces a [`Desired`]; the live account (`live`, read through `wechat`)
//! produces a [`Live`]. Both use the same button, matchrule and template shapes defined here, so the
//! planner compares like with like: a leaf never carries `sub_button: []`, a folder never carries a
//! `type`, matchrule values are typed rather than "2"-or-2, and template identity is a title plus
//! an ordered list of keyword labels.
//!
//! `Live` is also the on-disk snapshot format read by `plan --live` and written by
//! `export --format json`, so its serde shape is part of the product's contract.

use crate::media::ImageKind;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One menu button: a leaf (it has a `type`) or a folder (it has `sub_button`, no `type`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Button {
    pub name: String,
    /// The leaf action type (`click`, `view`, …). `None` for a folder.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagepath: Option<String>,
    /// Console-only types (`text`, `img`, `voice`, `video`, `news`) carry their payload here.
    /// Such buttons cannot be written through the API; they only appear on the live side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Children of a folder; empty for a leaf.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_button: Vec<Button>,
    /// The image a `media_id` button sends, named by its path as configured ([`MediaFile`])
    /// instead of a material id: the plan gives the button the id of the image's upload. Never
    /// sent to WeChat, never on the live side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_file: Option<String>,
}

impl Button {
    pub fn is_folder(&self) -> bool {
        self.kind.is_none()
    }
}

/// The leaf types that can be written through `menu/create` and `menu/addconditional`.
pub const API_BUTTON_TYPES: [&str; 13] = [
    "click",
    "view",
    "scancode_push",
    "scancode_waitmsg",
    "pic_sysphoto",
    "pic_photo_or_album",
    "pic_weixin",
    "location_select",
    "media_id",
    "view_limited",
    "article_id",
    "article_view_limited",
    "miniprogram",
];

/// The action fields a leaf type uses, all of them required: `url` for `view`, `media_id` for
/// `media_id` and `view_limited`, and so on; `key` for the event types. WeChat accepts any
/// other field on the button and drops it (menu/get never returns it).
pub fn fields_used_by(kind: &str) -> &'static [&'static str] {
    match kind {
        "view" => &["url"],
        "media_id" | "view_limited" => &["media_id"],
        "article_id" | "article_view_limited" => &["article_id"],
        "miniprogram" => &["url", "appid", "pagepath"],
        _ => &["key"],
    }
}

/// Leaf types that only the web console can make; `get_current_selfmenu_info` reports them.
pub const CONSOLE_ONLY_BUTTON_TYPES: [&str; 6] = ["text", "img", "photo", "voice", "video", "news"];

/// Every leaf of `buttons` (sub buttons included, in menu order) whose type only the web
/// console can make, with that type.
pub fn console_only_leaves(buttons: &[Button]) -> Vec<(&Button, &str)> {
    let mut found = Vec::new();
    for button in buttons {
        match button.kind.as_deref() {
            Some(kind) if CONSOLE_ONLY_BUTTON_TYPES.contains(&kind) => found.push((button, kind)),
            _ => found.extend(console_only_leaves(&button.sub_button)),
        }
    }
    found
}

/// A whole menu: the default menu or the buttons of a conditional menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Menu {
    pub button: Vec<Button>,
}

/// WeChat's `client_platform_type`: `"1"` iOS, `"2"` Android, `"3"` others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Ios,
    Android,
    Others,
}

impl Platform {
    /// The value WeChat expects on the wire.
    pub fn wire_code(self) -> &'static str {
        match self {
            Platform::Ios => "1",
            Platform::Android => "2",
            Platform::Others => "3",
        }
    }

    /// Our name: `ios`, `android` or `others`.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Ios => "ios",
            Platform::Android => "android",
            Platform::Others => "others",
        }
    }

    /// Accepts both our names and WeChat's codes.
    pub fn parse(text: &str) -> Option<Platform> {
        match text.trim() {
            "ios" | "1" => Some(Platform::Ios),
            "android" | "2" => Some(Platform::Android),
            "others" | "3" => Some(Platform::Others),
            _ => None,
        }
    }
}

/// How a desired matchrule names its tag: by name (resolved against live tags at plan time,
/// because the tag may be created by the same apply) or by WeChat's numeric id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TagRef {
    Name(String),
    Id(u64),
}

/// A conditional menu's matchrule in desired form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct DesiredMatchRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<TagRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_platform_type: Option<Platform>,
}

/// A matchrule as read back from WeChat, normalised: `group_id`/`tag_id` both land in `tag_id`,
/// numbers and strings both parse. Retired fields (`sex`, `country`, `province`, `city`,
/// `language`) that older menus still carry are kept verbatim so the plan can show them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct LiveMatchRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_platform_type: Option<Platform>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub retired: BTreeMap<String, String>,
}

/// Whether a section of the account is reconciled completely or only for the listed items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnmanagedPolicy {
    /// Live items not in the file are left alone (listed as "not managed" in plans).
    #[default]
    Keep,
    /// Live items not in the file are deleted (requires `--allow-destroy` at apply time).
    Delete,
}

/// The two industry codes (1–41) of the template-message industry setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndustryCodes {
    pub primary: u8,
    pub secondary: u8,
}

// ---------------------------------------------------------------------------------------------
// Desired state (from the YAML, after validation)
// ---------------------------------------------------------------------------------------------

/// Everything the configuration file asks for. `None` sections are not managed at all.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Desired {
    /// Optional guard: refuse to run against another account.
    pub appid: Option<String>,
    /// `Some(menu)` with `button: []` means "delete the default menu (and every conditional menu)".
    pub menu: Option<Menu>,
    /// `Some` when the file has a `conditional_menus:` key; the list is then authoritative.
    pub conditional_menus: Option<Vec<DesiredConditionalMenu>>,
    pub tags: Option<DesiredTags>,
    pub templates: Option<DesiredTemplates>,
    pub subscribe_templates: Option<DesiredSubscribeTemplates>,
    /// Where this account's credentials are (`account.appid_env`, …); left out of fingerprints
    /// and saved plans while it is the standard `WECHAT_*` names.
    #[serde(default, skip_serializing_if = "CredentialEnv::is_default")]
    pub credentials_env: CredentialEnv,
    /// Who should see which menu (`menu_checks:`). They change nothing on the account, so
    /// fingerprints leave them out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub menu_checks: Vec<MenuCheck>,
    /// The files the configuration was read from: the file given, then the shared file it
    /// extends, if any. Where it came from, not what it asks for: never fingerprinted.
    #[serde(skip)]
    pub config_files: Vec<String>,
    /// The images buttons name by file (`media_file:`), each once, as read when the
    /// configuration was loaded: their hashes are part of what the configuration asks for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media_files: Vec<MediaFile>,
}

impl Desired {
    /// The sections this configuration manages (those whose key it has).
    pub fn managed(&self) -> BTreeSet<Section> {
        Section::ALL
            .into_iter()
            .filter(|section| match section {
                Section::Menu => self.menu.is_some(),
                Section::ConditionalMenus => self.conditional_menus.is_some(),
                Section::Tags => self.tags.is_some(),
                Section::Templates => self.templates.is_some(),
                Section::SubscribeTemplates => self.subscribe_templates.is_some(),
            })
            .collect()
    }

    /// The `account.appid` guard: the account the configuration names, when `actual` (the
    /// credentials', a snapshot's or the live account's appid) is another one. Either side
    /// unknown: no mismatch.
    pub fn other_account(&self, actual: Option<&str>) -> Option<&str> {
        self.appid
            .as_deref()
            .filter(|wanted| actual.is_some_and(|actual| actual != *wanted))
    }
}

/// An image a button names by file: what `validate` found there. The upload it becomes is
/// named after its content ([`crate::media::upload_name`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaFile {
    /// The path as configured, relative to the configuration file that names it.
    pub path: String,
    pub size: u64,
    /// SHA-256 of the content, 64 hex digits.
    pub sha256: String,
    pub kind: ImageKind,
    /// Where it was read from (relative to the folder wxform runs in, or absolute): where
    /// `apply` reads it again. Where, not what: never fingerprinted.
    #[serde(skip)]
    pub location: std::path::PathBuf,
}

impl MediaFile {
    /// The name of this image's upload, by which the account's listing finds it.
    pub fn upload_name(&self) -> String {
        crate::media::upload_name(&self.sha256, self.kind)
    }
}

impl Desired {
    /// The media file configured at `path` (a button's `media_file`).
    pub fn media_file(&self, path: &str) -> Option<&MediaFile> {
        self.media_files.iter().find(|file| file.path == path)
    }
}

/// One `menu_checks:` entry: a follower, described or real, and the menu they should see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuCheck {
    pub name: String,
    pub who: CheckedFollower,
    /// [`DEFAULT_MENU`] or the name of a configured conditional menu.
    pub sees: String,
}

/// What `sees:` says for the default menu.
pub const DEFAULT_MENU: &str = "menu";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckedFollower {
    /// A described follower, matched against the configuration offline.
    User {
        /// Tag names in the order they were applied; the last one is the one WeChat matches.
        tags: Vec<String>,
        /// `None`: the check must hold on every platform.
        platform: Option<Platform>,
    },
    /// A real follower, matched by WeChat (`menu/trymatch`).
    Openid(String),
}

/// Where one account's credentials come from, so that one run can plan several accounts: the
/// names of the environment variables holding them, or a program printing its access token.
/// `None` means the standard name (`WECHAT_APPID`, `WECHAT_APPSECRET`, `WECHAT_ACCESS_TOKEN`).
/// Names and a command only: never the values.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CredentialEnv {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// `account.token_command`: then no variable is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_command: Option<TokenCommand>,
}

impl CredentialEnv {
    /// Every name is the standard one, and no command is named.
    pub fn is_default(&self) -> bool {
        self.appid.is_none()
            && self.secret.is_none()
            && self.token.is_none()
            && self.token_command.is_none()
    }
}

/// `account.token_command`: a program that prints the account's access token on stdout, and
/// its arguments, run without a shell.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TokenCommand {
    /// The program, then its arguments, as the file gives them.
    pub argv: Vec<String>,
    /// The configuration file that names it: a relative program is found from its folder,
    /// which is also where the program runs. Where it came from, not what it asks for: a plan
    /// saved in one checkout applies from another.
    #[serde(skip)]
    pub config: std::path::PathBuf,
}

impl TokenCommand {
    /// The program, as the file names it.
    pub fn program(&self) -> &str {
        self.argv.first().map_or("", String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredConditionalMenu {
    /// Our identifier; never sent to WeChat.
    pub name: String,
    pub matchrule: DesiredMatchRule,
    pub button: Vec<Button>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DesiredTags {
    pub unmanaged: UnmanagedPolicy,
    pub items: Vec<DesiredTag>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredTag {
    pub name: String,
    /// Earlier names of this tag: a live tag with one of these names is renamed, keeping its id.
    pub previously: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DesiredTemplates {
    /// `None` = the industry is not managed.
    pub industry: Option<IndustryCodes>,
    pub unmanaged: UnmanagedPolicy,
    pub items: Vec<DesiredTemplate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredTemplate {
    /// Our alias, used by `wxform outputs`.
    pub name: String,
    /// `template_id_short` in WeChat's library. Needed only to add the template: WeChat's
    /// listing does not return it, so an exported configuration leaves it out.
    pub short_id: Option<String>,
    /// Identity, together with `keywords`.
    pub title: String,
    /// `keyword_name_list`; empty for classic TM templates (then it is not sent).
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DesiredSubscribeTemplates {
    pub unmanaged: UnmanagedPolicy,
    pub items: Vec<DesiredSubscribeTemplate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredSubscribeTemplate {
    pub name: String,
    /// The library template id (`tid`). Needed only to add the template (WeChat's listing does
    /// not return it).
    pub tid: Option<u64>,
    /// `kidList`: the chosen keyword ids, in order; empty when `tid` is unknown.
    pub kid_list: Vec<u64>,
    /// `sceneDesc`, at most 15 characters.
    pub scene_desc: Option<String>,
    /// Identity, together with `keywords` (the labels of the chosen keywords, in order).
    pub title: String,
    pub keywords: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Live state (read from WeChat, or from a JSON snapshot)
// ---------------------------------------------------------------------------------------------

/// Where the live default menu came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MenuSource {
    /// Made through the API: `menu/get` returns it.
    #[default]
    Api,
    /// Made in the web console: only `get_current_selfmenu_info` sees it.
    Console,
}

/// The live account, normalised. Sections the config does not manage may be left empty
/// (they were not read); `read` records which sections were.
// A snapshot may be edited by hand: a misspelt section must not read as an empty one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Live {
    /// Version of this snapshot format.
    #[serde(default = "snapshot_format_version")]
    pub format_version: u32,
    /// When `export` took the snapshot (RFC 3339, UTC: `2026-11-28T09:00:00Z`); `None` when it
    /// was read from the account, or in a snapshot written before wxform recorded it. Added
    /// within format version 1: older snapshots still read, but an older wxform refuses a
    /// snapshot holding it (no unknown field is accepted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<String>,
    /// The account the snapshot was read from, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub menu: Option<LiveMenu>,
    #[serde(default)]
    pub conditional_menus: Vec<LiveConditionalMenu>,
    #[serde(default)]
    pub tags: Vec<LiveTag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<LiveIndustry>,
    #[serde(default)]
    pub templates: Vec<LiveTemplate>,
    #[serde(default)]
    pub subscribe_templates: Vec<LiveSubscribeTemplate>,
    /// The images wxform uploaded, found in the account's material listing; read only for a
    /// configuration that names media files (`None`: not read, as in an exported snapshot).
    /// Added within format version 1, as `exported_at` was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub materials: Option<LiveMaterials>,
}

pub const SNAPSHOT_FORMAT_VERSION: u32 = 1;

fn snapshot_format_version() -> u32 {
    SNAPSHOT_FORMAT_VERSION
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveMenu {
    pub button: Vec<Button>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub menuid: Option<u64>,
    #[serde(default)]
    pub source: MenuSource,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveConditionalMenu {
    /// Increasing with creation time; the highest is matched first.
    pub menuid: u64,
    pub matchrule: LiveMatchRule,
    pub button: Vec<Button>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveTag {
    pub id: u64,
    pub name: String,
    /// Followers carrying the tag.
    #[serde(default)]
    pub count: u64,
}

/// What the account's image listing showed: how many images it holds, how many were read (the
/// read is bounded), and wxform's uploads among them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveMaterials {
    /// Image materials on the account (`total_count`).
    pub total: u64,
    /// How many of them were read; fewer than `total` past wxform's bound.
    pub listed: u64,
    /// The images read whose name is an upload's (`wxform-…`).
    #[serde(default)]
    pub uploads: Vec<LiveMaterial>,
}

impl LiveMaterials {
    /// Whether every image on the account was read, so an upload not found is not there.
    pub fn complete(&self) -> bool {
        self.listed >= self.total
    }

    /// The media_id of the upload named `name`, if it was read. The listing may name it with
    /// or without its extension: either is this upload (the hash is in the stem).
    pub fn find(&self, name: &str) -> Option<&str> {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        self.uploads
            .iter()
            .find(|upload| upload.name == name || upload.name == stem)
            .map(|upload| upload.media_id.as_str())
    }
}

/// One permanent image material, as the listing shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveMaterial {
    pub name: String,
    pub media_id: String,
    #[serde(default)]
    pub update_time: u64,
}

/// Tag ids 0, 1 and 2 belong to WeChat (2 is 星标组); they are never managed.
pub fn is_system_tag(id: u64) -> bool {
    id <= 2
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveIndustry {
    pub primary: IndustryClass,
    pub secondary: IndustryClass,
}

/// One industry as `get_industry` names it, with the code it maps to when recognised. One that
/// maps to no code keeps its names: it is shown as itself, never dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndustryClass {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u8>,
    pub first_class: String,
    pub second_class: String,
}

impl IndustryClass {
    /// `13 (运输与仓储/快递)`, or WeChat's names and that wxform knows no code for them.
    pub fn describe(&self) -> String {
        crate::industry_table::describe(self.code, &self.first_class, &self.second_class)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveTemplate {
    pub template_id: String,
    pub title: String,
    /// Keyword labels parsed from `content` (`订单号:{{keyword1.DATA}}` → `订单号`), in order.
    pub keywords: Vec<String>,
    pub content: String,
    #[serde(default)]
    pub primary_industry: String,
    #[serde(default)]
    pub deputy_industry: String,
    #[serde(default)]
    pub example: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSubscribeTemplate {
    pub pri_tmpl_id: String,
    pub title: String,
    /// Keyword labels parsed from `content`, in order.
    pub keywords: Vec<String>,
    pub content: String,
    #[serde(default)]
    pub example: String,
    /// 2 = one-time, 3 = long-term.
    #[serde(default)]
    pub kind: u32,
}

pub use crate::template_labels::keyword_labels;

// ---------------------------------------------------------------------------------------------
// Sections: what a configuration manages, and what must be read for it
// ---------------------------------------------------------------------------------------------

/// A part of the account a configuration manages, one per top-level key of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Menu,
    ConditionalMenus,
    Tags,
    Templates,
    SubscribeTemplates,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Menu,
        Section::ConditionalMenus,
        Section::Tags,
        Section::Templates,
        Section::SubscribeTemplates,
    ];

    /// The configuration file's top-level key for this section.
    pub fn key(self) -> &'static str {
        match self {
            Section::Menu => "menu",
            Section::ConditionalMenus => "conditional_menus",
            Section::Tags => "tags",
            Section::Templates => "templates",
            Section::SubscribeTemplates => "subscribe_templates",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Section::Menu => "menu",
            Section::ConditionalMenus => "conditional menus",
            Section::Tags => "tags",
            Section::Templates => "templates",
            Section::SubscribeTemplates => "subscribe templates",
        }
    }
}

/// Which parts of the account to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sections {
    /// The default menu (`menu/get` + `get_current_selfmenu_info`).
    pub menu: bool,
    /// Conditional menus (`menu/get`).
    pub conditional_menus: bool,
    pub tags: bool,
    pub industry: bool,
    pub templates: bool,
    pub subscribe_templates: bool,
    /// The image materials (`material/batchget_material`): only for media files, never a
    /// section of its own.
    pub materials: bool,
}

impl Sections {
    pub fn all() -> Sections {
        Sections {
            menu: true,
            conditional_menus: true,
            tags: true,
            industry: true,
            templates: true,
            subscribe_templates: true,
            // Read for the media files of a configuration only: an export leaves ids as ids.
            materials: false,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Sections::default()
    }

    /// Every section either `self` or `other` has.
    pub fn union(self, other: Sections) -> Sections {
        Sections {
            menu: self.menu || other.menu,
            conditional_menus: self.conditional_menus || other.conditional_menus,
            tags: self.tags || other.tags,
            industry: self.industry || other.industry,
            templates: self.templates || other.templates,
            subscribe_templates: self.subscribe_templates || other.subscribe_templates,
            materials: self.materials || other.materials,
        }
    }

    /// What a plan for `desired` must read: the sections it manages and those they depend on,
    /// and the image materials when a button names a media file (never otherwise).
    pub fn for_desired(desired: &Desired) -> Sections {
        Sections {
            materials: !desired.media_files.is_empty(),
            ..Sections::for_managed(&desired.managed())
        }
    }

    /// What a plan managing `managed` must read. Menus and conditional menus go together
    /// (deleting the default menu deletes every conditional menu; conditional menus need a
    /// default menu), conditional menus need tags to resolve tag names, and templates are
    /// read with the industry they are filed under.
    pub fn for_managed(managed: &BTreeSet<Section>) -> Sections {
        let has = |section| managed.contains(&section);
        let menus = has(Section::Menu) || has(Section::ConditionalMenus);
        Sections {
            menu: menus,
            conditional_menus: menus,
            tags: has(Section::Tags) || has(Section::ConditionalMenus),
            industry: has(Section::Templates),
            templates: has(Section::Templates),
            subscribe_templates: has(Section::SubscribeTemplates),
            materials: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_follow_what_the_config_manages() {
        assert!(Sections::for_desired(&Desired::default()).is_empty());
        let menu_only = Desired {
            menu: Some(Menu::default()),
            ..Desired::default()
        };
        let sections = Sections::for_desired(&menu_only);
        assert!(sections.menu && sections.conditional_menus && !sections.tags);
        let conditional = Desired {
            conditional_menus: Some(Vec::new()),
            ..Desired::default()
        };
        assert!(Sections::for_desired(&conditional).tags);
        let rest = Desired {
            tags: Some(DesiredTags::default()),
            templates: Some(DesiredTemplates::default()),
            ..Desired::default()
        };
        let sections = Sections::for_desired(&rest);
        assert!(sections.tags && sections.industry && sections.templates);
        assert!(!sections.menu && !sections.subscribe_templates);
    }

    #[test]
    fn a_configuration_manages_the_sections_it_has_keys_for() {
        let desired = Desired {
            menu: Some(Menu::default()),
            templates: Some(DesiredTemplates::default()),
            ..Desired::default()
        };
        assert_eq!(
            desired.managed().into_iter().collect::<Vec<_>>(),
            [Section::Menu, Section::Templates]
        );
        assert!(Desired::default().managed().is_empty());
    }

    #[test]
    fn the_account_guard_names_the_configured_account_only_on_a_mismatch() {
        let guarded = Desired {
            appid: Some("wx00000000000000aa".into()),
            ..Desired::default()
        };
        assert_eq!(
            guarded.other_account(Some("wx00000000000000bb")),
            Some("wx00000000000000aa")
        );
        assert_eq!(guarded.other_account(Some("wx00000000000000aa")), None);
        assert_eq!(guarded.other_account(None), None);
        assert_eq!(
            Desired::default().other_account(Some("wx00000000000000bb")),
            None
        );
    }

    #[test]
    fn platform_accepts_names_and_codes() {
        assert_eq!(Platform::parse("2"), Some(Platform::Android));
        assert_eq!(Platform::parse("ios"), Some(Platform::Ios));
        assert_eq!(Platform::parse("4"), None);
        assert_eq!(Platform::Others.wire_code(), "3");
    }
}
