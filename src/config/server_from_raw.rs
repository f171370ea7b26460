//! A checked raw file → [`ServerChecks`]: the `server` section with its variables' default
//! names filled in, and the reply checks. Like [`crate::model::Desired`], spans stop here.

use super::raw::{RawConfig, RawReplies, RawReplyCheck, RawServer, RawServerMode};
use crate::server::config::{
    DEFAULT_OPENID, ENV_ENCODING_AES_KEY, ENV_SERVER_TOKEN, Expected, Mode, ReplyCheck, ReplyType,
    ServerChecks, ServerConfig, Trigger, UrlSource,
};
use crate::server::events::parse_path;

/// Converts a file that passed `rules::check` without errors.
pub fn server_checks(raw: &RawConfig) -> ServerChecks {
    ServerChecks {
        server: raw
            .server
            .as_ref()
            .map(|server| server_config(&server.value)),
        reply_checks: raw
            .reply_checks
            .iter()
            .flat_map(|checks| &checks.value)
            .map(|check| reply_check(&check.value))
            .collect(),
    }
}

fn server_config(raw: &RawServer) -> ServerConfig {
    let url = match (&raw.url, &raw.url_env) {
        (Some(url), _) => UrlSource::Given(url.value.trim().to_string()),
        (None, env) => UrlSource::Env(
            env.as_ref()
                .map(|env| env.value.clone())
                .unwrap_or_default(),
        ),
    };
    let name = |given: &Option<super::yaml_parser::Spanned<String>>, standard: &str| {
        given
            .as_ref()
            .map_or_else(|| standard.to_string(), |name| name.value.clone())
    };
    ServerConfig {
        url,
        original_id: raw.original_id.value.clone(),
        mode: match raw.mode.value {
            RawServerMode::Plaintext => Mode::Plaintext,
            RawServerMode::Compatible => Mode::Compatible,
            RawServerMode::Safe => Mode::Safe,
        },
        token_env: name(&raw.token_env, ENV_SERVER_TOKEN),
        encoding_aes_key_env: name(&raw.encoding_aes_key_env, ENV_ENCODING_AES_KEY),
        openid: raw.openid.as_ref().map_or_else(
            || DEFAULT_OPENID.to_string(),
            |openid| openid.value.trim().to_string(),
        ),
    }
}

/// A checked entry has exactly one trigger and a known reply type.
fn reply_check(raw: &RawReplyCheck) -> ReplyCheck {
    let trigger = if let Some(tap) = &raw.tap {
        Trigger::Tap(parse_path(&tap.value))
    } else if let Some(key) = &raw.key {
        Trigger::Key(key.value.clone())
    } else if let Some(message) = &raw.message {
        Trigger::Message(message.value.clone())
    } else {
        Trigger::Follow
    };
    let expects = match &raw.replies.value {
        RawReplies::Nothing => Expected::Nothing,
        RawReplies::Reply(reply) => Expected::Reply {
            kind: reply
                .kind
                .as_ref()
                .and_then(|kind| ReplyType::parse(&kind.value)),
            contains: reply.contains.as_ref().map(|words| words.value.clone()),
        },
    };
    ReplyCheck {
        name: raw.name.value.clone(),
        trigger,
        expects,
    }
}
