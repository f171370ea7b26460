//! How an emulated account behaves where WeChat's documentation is unsure or where accounts
//! differ (verification, IP whitelist). Every default follows WeChat's documented behaviour.

use std::collections::BTreeMap;
use std::time::Duration;

/// The appid every emulator uses unless told otherwise.
pub const APPID: &str = "wx1234567890abcdef";
/// The AppSecret matching [`APPID`].
pub const APPSECRET: &str = "3c5f8e2b9a7d4e6f1b0c8a9d7e6f5a4b";

/// A group of endpoints that an account may lack permission for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiGroup {
    /// menu/create, menu/get, menu/delete, get_current_selfmenu_info.
    Menus,
    /// menu/addconditional, menu/delconditional, menu/trymatch.
    ConditionalMenus,
    /// tags/*.
    Tags,
    /// template/* (template messages).
    Templates,
    /// /wxaapi/newtmpl/* (subscribe notifications).
    Subscribe,
    /// material/* (permanent materials).
    Materials,
    /// openapi/quota/get (76022 for a token of another kind, 48001).
    Quota,
}

/// How menu names are measured against their byte limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NameEncoding {
    /// 3 bytes per CJK character (assumed: WeChat does not say which encoding it counts).
    #[default]
    Utf8,
    /// 2 bytes per BMP non-ASCII character, 4 beyond the BMP.
    Gbk,
}

/// The key under which menu/get reports a conditional menu's tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatchruleTagKey {
    /// `group_id` (doc, WxJava, silenceper, PowerWeChat).
    #[default]
    GroupId,
    /// `tag_id` (one 2026 SDK's test).
    TagId,
}

/// How menu/get reports matchrule values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatchruleValues {
    /// `"client_platform_type":"1"` (real 2020 capture).
    #[default]
    Strings,
    /// `"client_platform_type":1` where the value is numeric (doc example).
    Numbers,
}

/// Which of a follower's tags menu/trymatch matches a conditional menu's tag against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TryMatchTags {
    /// Only the most recently applied tag (WeChat's documentation).
    #[default]
    Newest,
    /// Any tag the follower carries (a looser reading).
    Any,
}

/// The shape of a menu/trymatch answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TryMatchShape {
    /// `{"button":[…]}` (WeChat's documentation).
    #[default]
    Documented,
    /// `{"menu":{"button":[…]}}`, as `menu/get` wraps it (what several SDKs parse).
    WrappedInMenu,
}

/// How get_industry and the template listing name industries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IndustryNames {
    /// The documentation's names: the code table's, with `|` for `/` (`互联网|电子商务`), and
    /// `基金理财信托`.
    #[default]
    Documented,
    /// The names real accounts read back where they differ (`房地产|建筑` for 29,
    /// `证券|基金|理财|信托` for 8, `医疗护理` for 22–24, `其他` for 41, …).
    Recorded,
}

/// How template and subscribe-template `content` is laid out in the listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContentLayout {
    /// A line per keyword, `\n`-separated: `订单号:{{keyword1.DATA}}\n…`.
    #[default]
    Lines,
    /// Everything on one line, full-width colons: `{{first.DATA}} 订单号：{{keyword1.DATA}} …`.
    OneLine,
    /// A line per keyword, `\r\n`-separated.
    Crlf,
}

/// What follows WeChat's text in an error's errmsg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrmsgSuffix {
    /// ` rid: 6351f0e3-4fa90897-25a38569` (2020 to now).
    #[default]
    Rid,
    /// ` hint: [IiheJA07521960]` (up to 2019).
    Hint,
    /// `, hints: [ req_id: hDexla0781ns89 ]` (up to 2019).
    Hints,
    /// Nothing.
    None,
}

/// What the 3-outside-host link limit (65316) counts across.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DomainLimitScope {
    /// Each menu on its own (real production menus: 3 outside hosts each, 6 across six
    /// conditional menus).
    #[default]
    PerMenu,
    /// All conditional menus together (an older reading, contradicted by those menus).
    AcrossConditionalMenus,
}

/// Whose IP whitelist refuses the caller, and so which errcode a refusal carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WhitelistKind {
    /// The account's own API IP whitelist: 40164,
    /// `invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist`.
    #[default]
    Account,
    /// The whitelist of a third-party platform whose token the caller uses: 61004,
    /// `access clientip is not registered requestIP: 203.0.113.7`.
    ThirdParty,
}

/// The shape of an `openapi/quota/get` answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuotaAnswer {
    /// `{"errcode":0,"errmsg":"ok","quota":{"daily_limit":…,"used":…,"remain":…}}` (recorded).
    #[default]
    Recorded,
    /// The same with `rate_limit` and `component_rate_limit` objects beside `quota` (the
    /// current documentation).
    WithRateLimits,
}

/// Everything configurable about an emulated account.
#[derive(Debug, Clone)]
pub struct EmulatorOptions {
    pub appid: String,
    pub secret: String,
    /// Seed of the generator behind tokens, ids and rids, so runs are reproducible.
    pub seed: u64,
    /// Byte limit of a sub-menu name: 60 (current docs) or 40 (older copies).
    pub sub_button_name_limit: usize,
    pub name_encoding: NameEncoding,
    /// Whether menu/create keeps existing conditional menus (undocumented; default keeps).
    pub create_keeps_conditional: bool,
    pub matchrule_tag_key: MatchruleTagKey,
    pub matchrule_values: MatchruleValues,
    /// Whether menu/get lists conditional menus newest first (the one real sample does).
    pub conditional_newest_first: bool,
    /// Maximum number of conditional menus (65305 beyond it); `None`: no limit (the real
    /// number is undocumented).
    pub conditional_menu_limit: Option<usize>,
    /// Whether the default menu is held to the 3-outside-host link limit too (menu/create
    /// answers 65316; across all conditional menus, its hosts join theirs). Undocumented.
    pub domain_limit_counts_default_menu: bool,
    /// Reject a top-level button carrying both `type` and a non-empty `sub_button` with 40017
    /// instead of storing it as a folder.
    pub strict_folder_type: bool,
    /// When set, token endpoints answer 40164 (the caller's IP is not whitelisted).
    pub ip_whitelist_blocks: bool,
    /// With `ip_whitelist_blocks`, business calls are refused too, whatever their token
    /// (WeChat's current whitelist documentation); `false`: only token endpoints refuse.
    pub ip_whitelist_business_calls: bool,
    /// The caller IP that a refusal names (IPv4 or IPv6).
    pub client_ip: String,
    /// Enforce "industry may change once per month" with 43100.
    pub enforce_industry_monthly: bool,
    /// Whether api_add_template stores a classic (`TM…`/`OPENTM…`) template with every keyword
    /// of its library entry, whatever `keyword_name_list` asks for (undocumented).
    pub classic_keywords_fixed: bool,
    /// Whether changing the industry deletes the templates of the industries it leaves
    /// (documented on one page only).
    pub industry_change_deletes_templates: bool,
    /// Whether changing the industry also deletes templates listed without an industry
    /// (test-account and custom templates; undocumented).
    pub industry_change_deletes_unclassified: bool,
    /// Endpoint groups the account may not call, with the errcode they answer
    /// (48001 for template messages on unverified accounts, 65306 for conditional menus).
    pub denied: BTreeMap<ApiGroup, i64>,
    pub tag_cap: usize,
    pub template_cap: usize,
    pub subscribe_cap: usize,
    /// Lifetime of a fresh access token, in seconds.
    pub token_ttl_secs: u64,
    /// Error answers come with `Content-Type: text/plain` (seen historically).
    pub plain_text_errors: bool,
    /// Success bodies carry control characters inside strings raw (newlines in template
    /// content, say), as some real responses do; clients must parse leniently.
    pub raw_control_characters: bool,
    /// Delay applied to every response (benchmarks).
    pub latency: Duration,
    /// Whether requests are recorded for [`crate::Emulator::requests`]; the `wxform-emulator`
    /// binary, which runs until stopped and never reads the record, keeps none.
    pub record_requests: bool,
    /// Which of a follower's tags trymatch matches on.
    pub trymatch_tags: TryMatchTags,
    pub trymatch_shape: TryMatchShape,
    pub industry_names: IndustryNames,
    pub content_layout: ContentLayout,
    /// addconditional answers `{"menuid":208379533}` instead of `{"menuid":"208379533"}`.
    pub menuid_as_number: bool,
    /// Every success answer carries `"errcode":0,"errmsg":""` (action endpoints' `"ok"` too).
    pub empty_errmsg_on_success: bool,
    pub errmsg_suffix: ErrmsgSuffix,
    /// What the link limit counts across: each menu (default) or all conditional menus.
    pub domain_limit_scope: DomainLimitScope,
    /// Whose whitelist refuses the caller (with `ip_whitelist_blocks`): 40164 or 61004.
    pub whitelist_kind: WhitelistKind,
    /// A refusal's errmsg (before the rid), in place of the one built from `client_ip`: for
    /// the recorded variants (an old `hint: […]` suffix, no IP at all).
    pub whitelist_errmsg: Option<String>,
    /// The material listing names an upload by its file name without the extension
    /// (`wxform-0123456789abcdef`), where the default keeps the whole file name (unrecorded
    /// either way).
    pub material_name_without_extension: bool,
    /// add_material refuses content that is not an image (40113) as well as a file name
    /// without an image extension (the recorded check).
    pub material_checks_content: bool,
    /// Calls a day per path (`/cgi-bin/menu/create`); 0: no daily limit (quota/get answers
    /// zeros). A path not listed has [`crate::quota::DEFAULT_DAILY_LIMIT`]. The documented
    /// limits by default.
    pub daily_limits: BTreeMap<String, u64>,
    /// Whether a call refused with 45009 counts as used, so that `used` passes `daily_limit`
    /// (a recorded answer says `"used":1001` of 1000).
    pub refused_calls_count: bool,
    pub quota_answer: QuotaAnswer,
    /// Whether quota/get knows `/wxaapi/…` paths (undocumented); `false`: 76021 for them.
    pub quota_knows_wxaapi: bool,
}

impl Default for EmulatorOptions {
    fn default() -> Self {
        EmulatorOptions {
            appid: APPID.to_string(),
            secret: APPSECRET.to_string(),
            seed: 20_240_501,
            sub_button_name_limit: 60,
            name_encoding: NameEncoding::Utf8,
            create_keeps_conditional: true,
            matchrule_tag_key: MatchruleTagKey::GroupId,
            matchrule_values: MatchruleValues::Strings,
            conditional_newest_first: true,
            conditional_menu_limit: None,
            domain_limit_counts_default_menu: false,
            strict_folder_type: false,
            ip_whitelist_blocks: false,
            ip_whitelist_business_calls: true,
            client_ip: "203.0.113.7".to_string(),
            enforce_industry_monthly: false,
            classic_keywords_fixed: false,
            industry_change_deletes_templates: true,
            industry_change_deletes_unclassified: false,
            denied: BTreeMap::new(),
            tag_cap: 100,
            template_cap: 25,
            subscribe_cap: 25,
            token_ttl_secs: 7200,
            plain_text_errors: false,
            raw_control_characters: false,
            latency: Duration::ZERO,
            record_requests: true,
            trymatch_tags: TryMatchTags::Newest,
            trymatch_shape: TryMatchShape::Documented,
            industry_names: IndustryNames::Documented,
            content_layout: ContentLayout::Lines,
            menuid_as_number: false,
            empty_errmsg_on_success: false,
            errmsg_suffix: ErrmsgSuffix::Rid,
            domain_limit_scope: DomainLimitScope::PerMenu,
            whitelist_kind: WhitelistKind::Account,
            whitelist_errmsg: None,
            material_name_without_extension: false,
            material_checks_content: false,
            daily_limits: crate::quota::documented_limits(),
            refused_calls_count: true,
            quota_answer: QuotaAnswer::Recorded,
            quota_knows_wxaapi: true,
        }
    }
}

impl EmulatorOptions {
    /// An unverified subscription account: no template messages (48001), no conditional
    /// menus (65306).
    pub fn unverified() -> Self {
        let mut options = EmulatorOptions::default();
        options.denied.insert(ApiGroup::Templates, 48001);
        options.denied.insert(ApiGroup::ConditionalMenus, 65306);
        options
    }

    /// Every answer shape that public recorded answers show where WeChat's documentation shows
    /// another: trymatch wrapped in `menu`, industries named as real accounts read them,
    /// template content on one line, a numeric addconditional menuid, `"errmsg":""` on success,
    /// `hint:` errmsg suffixes.
    pub fn field_shapes() -> Self {
        EmulatorOptions {
            trymatch_shape: TryMatchShape::WrappedInMenu,
            industry_names: IndustryNames::Recorded,
            content_layout: ContentLayout::OneLine,
            menuid_as_number: true,
            empty_errmsg_on_success: true,
            errmsg_suffix: ErrmsgSuffix::Hint,
            ..EmulatorOptions::default()
        }
    }

    /// A personal subscription account: no menu API at all (48001 on the menu and
    /// conditional-menu endpoints; get_current_selfmenu_info still answers), no template
    /// messages (48001).
    pub fn personal_subscription() -> Self {
        EmulatorOptions::default()
            .deny(ApiGroup::Menus, 48001)
            .deny(ApiGroup::ConditionalMenus, 48001)
            .deny(ApiGroup::Templates, 48001)
    }

    /// Refuses every call for the caller's IP `ip` (IPv4 or IPv6), with `kind`'s errcode.
    pub fn whitelist_refusing(ip: &str, kind: WhitelistKind) -> Self {
        EmulatorOptions {
            ip_whitelist_blocks: true,
            client_ip: ip.to_string(),
            whitelist_kind: kind,
            ..EmulatorOptions::default()
        }
    }

    /// A test account (测试号): the lower daily limits of menu/create, menu/get and menu/delete.
    pub fn test_account() -> Self {
        EmulatorOptions {
            daily_limits: crate::quota::test_account_limits(),
            ..EmulatorOptions::default()
        }
    }

    /// The daily limit of `path`; 0: none.
    pub fn daily_limit(&self, path: &str) -> u64 {
        self.daily_limits
            .get(path)
            .copied()
            .unwrap_or(crate::quota::DEFAULT_DAILY_LIMIT)
    }

    /// Denies `group` with `errcode`.
    pub fn deny(mut self, group: ApiGroup, errcode: i64) -> Self {
        self.denied.insert(group, errcode);
        self
    }
}
