//! The account's observable state: what `seed` takes and `state` returns, serialisable as JSON
//! so a test can say "a live account that already has X".

use serde::{Deserialize, Serialize};

/// One emulated account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// Filled from the emulator's options when empty.
    pub appid: String,
    /// Filled from the emulator's options when empty.
    pub secret: String,
    /// The default menu, made through the API or in the web console.
    pub menu: Option<DefaultMenu>,
    /// Conditional menus in creation order (ascending menuid).
    pub conditional_menus: Vec<ConditionalMenu>,
    /// User tags (ids ≥ 100). The system tag 2 星标组 is implicit.
    pub tags: Vec<Tag>,
    pub industry: Option<Industry>,
    pub templates: Vec<Template>,
    pub subscribe_templates: Vec<SubscribeTemplate>,
    /// Followers known to menu/trymatch.
    pub users: Vec<User>,
    pub counters: Counters,
    /// Permanent image materials, oldest first (the listing shows them newest first).
    pub materials: Vec<Material>,
}

/// Who made the default menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MenuSource {
    /// Through menu/create: menu/get and get_current_selfmenu_info both see it.
    #[default]
    Api,
    /// In the web console: only get_current_selfmenu_info sees it.
    Console,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DefaultMenu {
    pub source: MenuSource,
    pub menuid: u64,
    pub button: Vec<Button>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ConditionalMenu {
    pub menuid: u64,
    pub button: Vec<Button>,
    pub matchrule: Matchrule,
}

/// A matchrule as stored: only the fields supplied, as strings. Retired fields can be seeded
/// (old menus keep them) but not created.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Matchrule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_platform_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// A stored button: a leaf (`kind` set) or a folder (`sub_button`, no `kind`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Button {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagepath: Option<String>,
    /// Console-only payload (`text`, `img`, `voice`, `video`, `news`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Console-only `news` articles: `{"list":[{"title",…}]}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub news_info: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_button: Vec<Button>,
}

impl Button {
    fn leaf(kind: &str, name: &str) -> Button {
        Button {
            kind: Some(kind.to_string()),
            name: name.to_string(),
            ..Button::default()
        }
    }

    pub fn click(name: &str, key: &str) -> Button {
        Button {
            key: Some(key.to_string()),
            ..Button::leaf("click", name)
        }
    }

    pub fn view(name: &str, url: &str) -> Button {
        Button {
            url: Some(url.to_string()),
            ..Button::leaf("view", name)
        }
    }

    pub fn miniprogram(name: &str, url: &str, appid: &str, pagepath: &str) -> Button {
        Button {
            url: Some(url.to_string()),
            appid: Some(appid.to_string()),
            pagepath: Some(pagepath.to_string()),
            ..Button::leaf("miniprogram", name)
        }
    }

    pub fn folder(name: &str, sub_button: Vec<Button>) -> Button {
        Button {
            name: name.to_string(),
            sub_button,
            ..Button::default()
        }
    }

    /// A console-only leaf (`text`, `img`, `voice`, `video`) with its payload.
    pub fn console(kind: &str, name: &str, value: &str) -> Button {
        Button {
            value: Some(value.to_string()),
            ..Button::leaf(kind, name)
        }
    }

    pub fn is_folder(&self) -> bool {
        self.kind.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Tag {
    pub id: u64,
    pub name: String,
    /// Followers carrying the tag.
    pub count: u64,
}

impl Tag {
    pub fn new(id: u64, name: &str) -> Tag {
        Tag {
            id,
            name: name.to_string(),
            count: 0,
        }
    }
}

/// The template-message industry, as codes 1–41.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Industry {
    pub primary: u32,
    pub secondary: u32,
    /// Virtual unix time (seconds) of the last change, for the once-a-month rule.
    pub changed_at: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Template {
    pub template_id: String,
    pub title: String,
    pub content: String,
    pub example: String,
    /// The industry code the template belongs to; `None` for custom/test-account templates,
    /// which list with empty industry names.
    pub industry: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscribeTemplate {
    #[serde(rename = "priTmplId")]
    pub pri_tmpl_id: String,
    pub title: String,
    pub content: String,
    pub example: String,
    /// 2 = one-time, 3 = long-term.
    #[serde(rename = "type")]
    pub kind: u32,
}

/// A follower, for menu/trymatch.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct User {
    pub openid: String,
    /// Tag ids, in the order they were applied (the last one wins matching).
    pub tag_ids: Vec<u64>,
    /// `"1"` iOS, `"2"` Android, `"3"` others.
    pub client_platform_type: String,
}

/// A permanent image material.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Material {
    pub media_id: String,
    /// The upload's file name.
    pub name: String,
    /// Virtual unix time (seconds) of the upload.
    pub update_time: u64,
    pub url: String,
}

impl Material {
    /// A material named `name`, with id `media_id`.
    pub fn new(media_id: &str, name: &str) -> Material {
        Material {
            media_id: media_id.to_string(),
            name: name.to_string(),
            update_time: 0,
            url: format!("http://mmbiz.qpic.cn/mmbiz_png/{media_id}/0?wx_fmt=png"),
        }
    }
}

/// Id generators and call counters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Counters {
    pub next_tag_id: u64,
    /// The last menuid handed out; the next is larger.
    pub last_menuid: u64,
    pub menu_creates: u64,
    pub conditional_adds: u64,
    pub template_adds: u64,
    pub subscribe_adds: u64,
    pub tokens_issued: u64,
}

impl Default for Counters {
    fn default() -> Self {
        Counters {
            next_tag_id: 100,
            last_menuid: 408_396_900,
            menu_creates: 0,
            conditional_adds: 0,
            template_adds: 0,
            subscribe_adds: 0,
            tokens_issued: 0,
        }
    }
}

impl State {
    /// Keeps id generators ahead of every seeded id, so new ids never collide.
    pub(crate) fn repair_counters(&mut self) {
        let max_tag = self.tags.iter().map(|t| t.id + 1).max().unwrap_or(100);
        self.counters.next_tag_id = self.counters.next_tag_id.max(max_tag).max(100);
        let menuids = self.conditional_menus.iter().map(|m| m.menuid);
        let max_menuid = menuids.chain(self.menu.iter().map(|m| m.menuid)).max();
        self.counters.last_menuid = self.counters.last_menuid.max(max_menuid.unwrap_or(0));
    }
}
