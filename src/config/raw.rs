//! The configuration file as written: serde structs that mirror the YAML one to one, keep the
//! span of every value for diagnostics, reject unknown fields, and carry the doc comments that
//! become the JSON Schema's descriptions (`wxform schema`).
//!
//! Nothing here is checked beyond YAML types; `rules` checks WeChat's rules and `desired`
//! turns a checked file into [`crate::model::Desired`]. Menu field names are WeChat's own, so
//! a menu JSON copied from the API is valid under `menu:`.

use super::extends::raw_vars::RawVars;
use super::yaml_parser::{NO_VALUE, Spanned};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

/// A list whose items keep their own spans.
pub type List<T> = Spanned<Vec<Spanned<T>>>;

/// wxform configuration: the desired menus, conditional menus, user tags and message templates
/// of one WeChat Official Account. Sections that are omitted are not managed.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "wxform configuration")]
#[schemars(rename = "Config")]
pub struct RawConfig {
    /// Version of this file format. Must be 1.
    #[schemars(range(min = 1, max = 1))]
    pub version: Spanned<u64>,
    /// The account this file describes.
    pub account: Option<Spanned<RawAccount>>,
    /// Makes this an account file: the path (relative to this file, ending in .yaml or .yml)
    /// of the shared configuration it fills in for one account. A section this file sets too
    /// replaces the shared one: key by key for `account`, `tags`, `templates` and
    /// `subscribe_templates`, whole for the others.
    #[schemars(regex(pattern = r"\.ya?ml$"))]
    pub extends: Option<Spanned<String>>,
    /// The values of the `${name}` placeholders for this account (with `extends`). A
    /// placeholder may stand in a button's values (not its `type`), a matchrule's `tag_id` and
    /// a menu check's `openid`. Values are shown in plans: never a secret.
    #[serde(default, deserialize_with = "not_null")]
    #[schemars(with = "RawVars")]
    pub vars: Option<Spanned<RawVars>>,
    /// The default custom menu. Omitted: the default menu is not managed. `button: []`: the
    /// menu is deleted (which also deletes every conditional menu).
    #[serde(default, deserialize_with = "not_null")]
    #[schemars(with = "RawMenu")]
    pub menu: Option<Spanned<RawMenu>>,
    /// Conditional (personalised) menus, shown to users matching their `matchrule`. Later
    /// entries take precedence: WeChat tries the newest conditional menu first. Needs a default
    /// menu in the same file.
    #[serde(default, deserialize_with = "not_null")]
    #[schemars(with = "Vec<RawConditionalMenu>")]
    pub conditional_menus: Option<List<RawConditionalMenu>>,
    /// User tags (用户标签).
    #[serde(default, deserialize_with = "not_null")]
    #[schemars(with = "RawTags")]
    pub tags: Option<Spanned<RawTags>>,
    /// Template messages (模板消息) and the account's industry.
    #[serde(default, deserialize_with = "not_null")]
    #[schemars(with = "RawTemplates")]
    pub templates: Option<Spanned<RawTemplates>>,
    /// Subscribe-notification templates (订阅通知, /wxaapi/newtmpl).
    #[serde(default, deserialize_with = "not_null")]
    #[schemars(with = "RawSubscribeTemplates")]
    pub subscribe_templates: Option<Spanned<RawSubscribeTemplates>>,
    /// Who should see which menu. `wxform test` runs them: `user` entries against this file
    /// offline, `openid` entries on the live account through menu/trymatch.
    #[serde(default, deserialize_with = "not_null")]
    #[schemars(with = "Vec<RawMenuCheck>")]
    pub menu_checks: Option<List<RawMenuCheck>>,
    /// The account's own server (服务器配置), which WeChat sends every tap of an event button,
    /// every follow and every message to. `wxform test` checks that it answers each as WeChat
    /// needs. Needs no AppSecret; its token and key are read from variables.
    #[serde(default, deserialize_with = "not_null")]
    #[schemars(with = "RawServer")]
    pub server: Option<Spanned<RawServer>>,
    /// What a tap, a follow or a message must be answered with; `wxform test` sends each to
    /// `server`.
    #[serde(default, deserialize_with = "not_null")]
    #[schemars(with = "Vec<RawReplyCheck>")]
    pub reply_checks: Option<List<RawReplyCheck>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Account")]
pub struct RawAccount {
    /// Guard: wxform refuses to run against an account with another AppID.
    pub appid: Option<Spanned<String>>,
    /// Name of the environment variable holding this account's AppID (default WECHAT_APPID),
    /// so that `wxform plan a.yaml b.yaml` can plan several accounts in one run.
    #[schemars(regex(pattern = r"^[A-Za-z_][A-Za-z0-9_]*$"))]
    pub appid_env: Option<Spanned<String>>,
    /// Name of the environment variable holding this account's AppSecret (default
    /// WECHAT_APPSECRET).
    #[schemars(regex(pattern = r"^[A-Za-z_][A-Za-z0-9_]*$"))]
    pub secret_env: Option<Spanned<String>>,
    /// Name of the environment variable holding a ready-made access token for this account
    /// (default WECHAT_ACCESS_TOKEN).
    #[schemars(regex(pattern = r"^[A-Za-z_][A-Za-z0-9_]*$"))]
    pub token_env: Option<Spanned<String>>,
    /// A program that prints this account's access token on stdout, and its arguments:
    /// `[PROGRAM, ARG…]`, run without a shell, in this file's folder (a PROGRAM with a `/` is
    /// found from there, a bare name on PATH). For a central token service or a third-party
    /// platform; wxform then reads no credential variable and calls no token endpoint.
    /// Instead of `appid_env`, `secret_env` and `token_env`.
    #[schemars(with = "Option<Vec<String>>", length(min = 1))]
    pub token_command: Option<List<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Menu")]
pub struct RawMenu {
    /// 1–3 top-level buttons; `[]` deletes the menu.
    pub button: List<RawButton>,
    /// WeChat's id of a live menu, as `menu/get` prints it; accepted so that its output can be
    /// pasted, and ignored.
    #[schemars(skip)]
    pub menuid: Option<Spanned<serde::de::IgnoredAny>>,
}

/// A menu button: a leaf with a `type`, or a folder with `name` and `sub_button`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Button")]
pub struct RawButton {
    /// Shown on the button. At most 16 bytes top-level, 60 in a folder: 5 CJK characters
    /// top-level for sure (3 bytes each in UTF-8); up to 8 is a warning (2 bytes each).
    pub name: Option<Spanned<String>>,
    /// The action of a leaf button. On a folder WeChat ignores it (a warning; not sent).
    #[serde(rename = "type", default)]
    #[schemars(schema_with = "button_type_schema")]
    pub kind: Option<Spanned<String>>,
    /// Event key for click, scancode_*, pic_* and location_select buttons. At most 128 bytes.
    /// On other buttons WeChat ignores it (a warning; not sent), as it does every field below
    /// on a button whose type does not use it.
    pub key: Option<Spanned<String>>,
    /// http(s) URL for view buttons, and the fallback page of miniprogram buttons. At most
    /// 1024 bytes.
    pub url: Option<Spanned<String>>,
    /// Permanent material id for media_id and view_limited buttons.
    pub media_id: Option<Spanned<String>>,
    /// Published article id for article_id and article_view_limited buttons.
    pub article_id: Option<Spanned<String>>,
    /// Mini program AppID (wx…, not the original id gh_…) for miniprogram buttons; the mini
    /// program must be linked to the account.
    pub appid: Option<Spanned<String>>,
    /// Mini program page for miniprogram buttons.
    pub pagepath: Option<Spanned<String>>,
    /// The 1–5 buttons of a folder. Leaves may carry `sub_button: []`, as WeChat's own JSON
    /// does.
    pub sub_button: Option<List<RawButton>>,
    /// For media_id buttons, instead of `media_id`: an image in the repository (bmp, png, jpeg,
    /// gif; at most 10 MiB), by its path from this file's folder. `apply` uploads it as
    /// permanent material once and gives the button its id.
    pub media_file: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ConditionalMenu")]
pub struct RawConditionalMenu {
    /// Our identifier for this menu (plans, `wxform outputs`); never sent to WeChat. Unique.
    pub name: Spanned<String>,
    /// Which users see this menu. At least one field.
    pub matchrule: Spanned<RawMatchRule>,
    /// 1–3 top-level buttons, with the same rules as the default menu.
    pub button: List<RawButton>,
    /// WeChat's id of a live conditional menu, as `menu/get` prints it; accepted so that its
    /// output can be pasted, and ignored.
    #[schemars(skip)]
    pub menuid: Option<Spanned<serde::de::IgnoredAny>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "MatchRule")]
pub struct RawMatchRule {
    /// Users carrying this tag, by name (resolved to its id at plan time).
    pub tag: Option<Spanned<String>>,
    /// Users carrying this tag, by WeChat's numeric id. Use `tag` or `tag_id`, not both.
    /// `group_id`, the name `menu/get` prints, is accepted too.
    #[serde(default, alias = "group_id")]
    #[schemars(schema_with = "tag_id_schema")]
    pub tag_id: Option<Spanned<String>>,
    /// ios | android | others (WeChat's "1" | "2" | "3").
    #[serde(default)]
    #[schemars(schema_with = "platform_schema")]
    pub client_platform_type: Option<Spanned<String>>,
    /// Retired by WeChat in 2021; rejected.
    #[serde(default)]
    #[schemars(schema_with = "retired_schema")]
    pub sex: Option<Spanned<String>>,
    /// Retired by WeChat in 2021; rejected.
    #[serde(default)]
    #[schemars(schema_with = "retired_schema")]
    pub country: Option<Spanned<String>>,
    /// Retired by WeChat in 2021; rejected.
    #[serde(default)]
    #[schemars(schema_with = "retired_schema")]
    pub province: Option<Spanned<String>>,
    /// Retired by WeChat in 2021; rejected.
    #[serde(default)]
    #[schemars(schema_with = "retired_schema")]
    pub city: Option<Spanned<String>>,
    /// Retired by WeChat in 2021; rejected.
    #[serde(default)]
    #[schemars(schema_with = "retired_schema")]
    pub language: Option<Spanned<String>>,
}

/// One menu check: a follower (`user` or `openid`, exactly one) and the menu they should see.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "MenuCheck")]
#[schemars(extend("oneOf" = [{ "required": ["user"] }, { "required": ["openid"] }]))]
pub struct RawMenuCheck {
    /// What the check proves, in words; reported when it fails. Unique.
    pub name: Spanned<String>,
    /// A described follower, matched against this file's menus with WeChat's rules.
    pub user: Option<Spanned<RawCheckUser>>,
    /// A real follower's OpenID (or WeChat ID), matched by WeChat itself (menu/trymatch).
    pub openid: Option<Spanned<String>>,
    /// The menu the follower should see: `menu` (the default menu) or a conditional menu's
    /// name.
    pub sees: Spanned<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CheckUser")]
pub struct RawCheckUser {
    /// The follower's tags in the order they were applied; WeChat matches on the last one.
    /// Each is a tag under `tags.items` or one a conditional menu names.
    pub tags: Option<List<String>>,
    /// ios | android | others. Omitted: the check must hold on every platform.
    #[serde(default)]
    #[schemars(schema_with = "platform_schema")]
    pub platform: Option<Spanned<String>>,
}

/// The account's server, as its console page (服务器配置) shows it. The token and the
/// EncodingAESKey are secrets: the file names the variables holding them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Server")]
pub struct RawServer {
    /// 服务器地址(URL): http or https. `wxform test --server-url URL` overrides it. Give `url`
    /// or `url_env`.
    pub url: Option<Spanned<String>>,
    /// Name of the environment variable holding the URL (a staging server's in CI, say). When
    /// it is unset the server checks are skipped.
    #[schemars(regex(pattern = r"^[A-Za-z_][A-Za-z0-9_]*$"))]
    pub url_env: Option<Spanned<String>>,
    /// 原始ID: gh_ and 12 hex digits, the ToUserName of every push.
    #[schemars(regex(pattern = r"^gh_[0-9a-f]{12}$"))]
    pub original_id: Spanned<String>,
    /// 消息加解密方式: plaintext (明文), compatible (兼容) or safe (安全).
    pub mode: Spanned<RawServerMode>,
    /// Name of the environment variable holding the token (令牌); default
    /// WECHAT_SERVER_TOKEN.
    #[schemars(regex(pattern = r"^[A-Za-z_][A-Za-z0-9_]*$"))]
    pub token_env: Option<Spanned<String>>,
    /// Name of the environment variable holding the EncodingAESKey (消息加解密密钥, 43
    /// characters), needed in compatible and safe mode; default WECHAT_ENCODING_AES_KEY.
    #[schemars(regex(pattern = r"^[A-Za-z_][A-Za-z0-9_]*$"))]
    pub encoding_aes_key_env: Option<Spanned<String>>,
    /// The OpenID of the follower the pushes come from; default o6_bmjrPTlm6_2sgVt7hMZOPfL2M,
    /// the one of WeChat's documentation.
    pub openid: Option<Spanned<String>>,
}

/// 消息加解密方式.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "ServerMode")]
pub enum RawServerMode {
    /// 明文模式: plain XML both ways.
    Plaintext,
    /// 兼容模式: pushes carry the plain fields and an encrypted copy; replies may be either.
    Compatible,
    /// 安全模式: pushes and replies are encrypted.
    Safe,
}

/// One reply check: what the follower does (exactly one of `tap`, `key`, `follow`, `message`)
/// and what the server must answer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ReplyCheck")]
#[schemars(extend("oneOf" = [{ "required": ["tap"] }, { "required": ["key"] }, { "required": ["follow"] }, { "required": ["message"] }]))]
pub struct RawReplyCheck {
    /// What the check proves, in words; reported when it fails. Unique.
    pub name: Spanned<String>,
    /// A button by its path of names, `/` between them: `服务/订单查询`.
    pub tap: Option<Spanned<String>>,
    /// A button by its `key`.
    pub key: Option<Spanned<String>>,
    /// `true`: a new follower follows the account (the `subscribe` event).
    pub follow: Option<Spanned<bool>>,
    /// A text message the follower sends the account.
    pub message: Option<Spanned<String>>,
    /// `nothing` (an empty answer or `success`), or the reply expected: `{ type, contains }`.
    pub replies: Spanned<RawReplies>,
}

/// `nothing`, or what the reply must be.
#[derive(Debug)]
pub enum RawReplies {
    Nothing,
    Reply(RawReply),
}

impl JsonSchema for RawReplies {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Replies".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let reply = generator.subschema_for::<RawReply>();
        json_schema!({
            "description": "`nothing`, or the reply expected: `{ type, contains }`.",
            "anyOf": [{ "const": "nothing" }, reply]
        })
    }
}

impl<'de> Deserialize<'de> for RawReplies {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawReplies;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`nothing` or a mapping with `type` and `contains`")
            }
            fn visit_str<E: serde::de::Error>(self, word: &str) -> Result<RawReplies, E> {
                match word {
                    "nothing" => Ok(RawReplies::Nothing),
                    other => Err(E::invalid_value(serde::de::Unexpected::Str(other), &self)),
                }
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawReplies, A::Error> {
                RawReply::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawReplies::Reply)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The reply a check expects.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Reply")]
pub struct RawReply {
    /// text | image | voice | video | music | news. Omitted: any reply.
    #[serde(rename = "type", default)]
    #[schemars(schema_with = "reply_type_schema")]
    pub kind: Option<Spanned<String>>,
    /// Words the reply holds: in a text's content, a news article's title or description, a
    /// video's or music's title or description.
    pub contains: Option<Spanned<String>>,
}

/// What to do with live items that the file does not list.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "Policy")]
pub enum RawPolicy {
    /// Leave them alone (the default).
    Keep,
    /// Delete them (`apply` then needs --allow-destroy).
    Delete,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Tags")]
pub struct RawTags {
    /// keep (default) | delete: what happens to live tags not listed here.
    pub unmanaged: Option<Spanned<RawPolicy>>,
    /// The tags, at most 100.
    pub items: Option<List<RawTag>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Tag")]
pub struct RawTag {
    /// At most 30 characters; over 30 UTF-8 bytes (10 CJK characters) is a warning. Unique;
    /// not 星标组.
    pub name: Spanned<String>,
    /// Earlier names: a live tag with one of them is renamed to `name`, keeping its id and
    /// followers.
    pub previously: Option<List<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Templates")]
pub struct RawTemplates {
    /// The account's two industries. Omitted: not managed. Changing it is allowed once a month
    /// and may delete templates of the old industry.
    pub industry: Option<Spanned<RawIndustry>>,
    /// keep (default) | delete: what happens to live templates not listed here.
    pub unmanaged: Option<Spanned<RawPolicy>>,
    /// The templates, at most 25.
    pub items: Option<List<RawTemplate>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Industry")]
pub struct RawIndustry {
    /// Industry code 1–41 (api_set_industry `industry_id1`).
    #[schemars(schema_with = "industry_schema")]
    pub primary: Spanned<u64>,
    /// Industry code 1–41 (`industry_id2`); differs from `primary`.
    #[schemars(schema_with = "industry_schema")]
    pub secondary: Spanned<u64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Template")]
pub struct RawTemplate {
    /// Our alias (plans, `wxform outputs`). Unique.
    pub name: Spanned<String>,
    /// template_id_short in WeChat's library: TM00015, OPENTM…, or a number. Needed only when
    /// the template must be added (WeChat's listing does not return it).
    pub short_id: Option<Spanned<String>>,
    /// The template's title; with `keywords`, how wxform recognises it among live templates.
    pub title: Spanned<String>,
    /// keyword_name_list: the keywords to include, in order. Omit for classic TM templates.
    pub keywords: Option<List<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SubscribeTemplates")]
pub struct RawSubscribeTemplates {
    /// keep (default) | delete: what happens to live subscribe templates not listed here.
    pub unmanaged: Option<Spanned<RawPolicy>>,
    /// The templates, at most 25.
    pub items: Option<List<RawSubscribeTemplate>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SubscribeTemplate")]
pub struct RawSubscribeTemplate {
    /// Our alias (plans, `wxform outputs`). Unique.
    pub name: Spanned<String>,
    /// The library template id (`tid`). Needed, with `kid_list`, only when the template must be
    /// added (WeChat's listing does not return it).
    #[schemars(schema_with = "id_schema")]
    #[serde(default)]
    pub tid: Option<Spanned<u64>>,
    /// kidList: 2–5 keyword ids of the library template, in order. Given together with `tid`.
    pub kid_list: Option<List<u64>>,
    /// sceneDesc: the scene description, at most 15 characters.
    pub scene_desc: Option<Spanned<String>>,
    /// The template's title; with `keywords`, how wxform recognises it among live templates.
    pub title: Spanned<String>,
    /// The labels of the keywords in `kid_list`, in the same order.
    pub keywords: List<String>,
}

/// A section written as `menu:` with nothing after it is YAML null. Treating it as "omitted"
/// would silently stop managing the section, so it is an error.
fn not_null<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    match Option::<T>::deserialize(deserializer)? {
        Some(value) => Ok(Some(value)),
        None => Err(serde::de::Error::custom(NO_VALUE)),
    }
}

fn button_type_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "enum": crate::model::API_BUTTON_TYPES })
}

fn id_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "integer", "minimum": 0 },
            { "type": "string", "pattern": "^[0-9]+$" }
        ]
    })
}

/// A tag id differs from one account to the next: a `${name}` placeholder may stand for it.
fn tag_id_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "integer", "minimum": 0 },
            { "type": "string", "pattern": "^[0-9]+$" },
            { "type": "string", "pattern": super::extends::raw_vars::PLACEHOLDER_PATTERN }
        ]
    })
}

fn reply_type_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "enum": ["text", "image", "voice", "video", "music", "news"] })
}

fn platform_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "enum": ["ios", "android", "others", "1", "2", "3", 1, 2, 3] })
}

fn industry_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "integer", "minimum": 1, "maximum": 41 },
            { "type": "string", "pattern": "^[0-9]+$" }
        ]
    })
}

fn retired_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "deprecated": true, "not": {} })
}
