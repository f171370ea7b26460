//! The account's server as a valid configuration describes it (`server:`), and what each reply
//! check (`reply_checks:`) expects: names of variables, never their values, which
//! [`super::settings`] reads when the checks run.

use serde::Serialize;

/// Where the settings read the server's token and key when the file names no variable.
pub const ENV_SERVER_TOKEN: &str = "WECHAT_SERVER_TOKEN";
pub const ENV_ENCODING_AES_KEY: &str = "WECHAT_ENCODING_AES_KEY";

/// The follower the pushes come from when `server.openid` is not given: the OpenID of WeChat's
/// own documentation.
pub const DEFAULT_OPENID: &str = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";

/// The `server:` section, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    pub url: UrlSource,
    /// 原始ID, `gh_` and 12 hex digits: the ToUserName of every push.
    pub original_id: String,
    pub mode: Mode,
    /// The variable holding the token (令牌): the file's, or [`ENV_SERVER_TOKEN`].
    pub token_env: String,
    /// The variable holding the EncodingAESKey: the file's, or [`ENV_ENCODING_AES_KEY`].
    pub encoding_aes_key_env: String,
    /// The follower the pushes come from.
    pub openid: String,
}

/// Where the server's URL is: in the file, or in a variable (unset: the checks are skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlSource {
    Given(String),
    Env(String),
}

/// 消息加解密方式: how pushes and replies travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// 明文模式: plain XML both ways.
    Plaintext,
    /// 兼容模式: pushes carry the plain fields and `Encrypt`; replies may be either.
    Compatible,
    /// 安全模式: pushes and replies are encrypted.
    Safe,
}

impl Mode {
    pub fn parse(word: &str) -> Option<Mode> {
        match word {
            "plaintext" => Some(Mode::Plaintext),
            "compatible" => Some(Mode::Compatible),
            "safe" => Some(Mode::Safe),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Plaintext => "plaintext",
            Mode::Compatible => "compatible",
            Mode::Safe => "safe",
        }
    }

    /// Whether pushes carry `Encrypt` (and the key is needed).
    pub fn encrypts(self) -> bool {
        self != Mode::Plaintext
    }
}

/// One `reply_checks:` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyCheck {
    pub name: String,
    pub trigger: Trigger,
    pub expects: Expected,
}

/// What the follower does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// Taps the button at this path of names (`服务/订单查询`).
    Tap(Vec<String>),
    /// Taps the button with this `key`.
    Key(String),
    /// Follows the account.
    Follow,
    /// Sends this text.
    Message(String),
}

/// What the check expects back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// No reply: an empty body or `success`.
    Nothing,
    /// A reply, of this type when given, whose words contain this text when given.
    Reply {
        kind: Option<ReplyType>,
        contains: Option<String>,
    },
}

/// The passive replies WeChat shows a follower (wechat-api §11.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReplyType {
    Text,
    Image,
    Voice,
    Video,
    Music,
    News,
}

impl ReplyType {
    pub const ALL: [ReplyType; 6] = [
        ReplyType::Text,
        ReplyType::Image,
        ReplyType::Voice,
        ReplyType::Video,
        ReplyType::Music,
        ReplyType::News,
    ];

    /// The `MsgType` of such a reply.
    pub fn name(self) -> &'static str {
        match self {
            ReplyType::Text => "text",
            ReplyType::Image => "image",
            ReplyType::Voice => "voice",
            ReplyType::Video => "video",
            ReplyType::Music => "music",
            ReplyType::News => "news",
        }
    }

    pub fn parse(word: &str) -> Option<ReplyType> {
        ReplyType::ALL.into_iter().find(|kind| kind.name() == word)
    }

    /// Whether the reply has words a `contains` can look for (image and voice have none).
    pub fn has_words(self) -> bool {
        !matches!(self, ReplyType::Image | ReplyType::Voice)
    }
}

/// The server and the reply checks of a configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServerChecks {
    pub server: Option<ServerConfig>,
    pub reply_checks: Vec<ReplyCheck>,
}
