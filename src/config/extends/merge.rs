//! An account file over the shared file it extends, as Compose lays one file over another: a
//! section the account file sets replaces the shared one; for the sections that are mappings of
//! independent keys (`account`, `tags`, `templates`, `subscribe_templates`) key by key, so an
//! account file can set `templates.industry` alone and keep the shared templates. Lists
//! (`conditional_menus`, `menu_checks`, `reply_checks`, `menu.button`, `items`), `server` and
//! the values under a key are replaced whole: items have no key to merge them by, a menu is one
//! thing, and a server is one account's own.
//!
//! Each value keeps its span, in the file it was written in (see `files`).

use crate::config::raw::{RawAccount, RawConfig, RawSubscribeTemplates, RawTags, RawTemplates};
use crate::config::rules::VERSION;
use crate::config::yaml_parser::Spanned;

/// `account` laid over `shared`.
pub(super) fn merge(account: RawConfig, shared: RawConfig) -> RawConfig {
    RawConfig {
        // A shared file of another version is reported where its version is written.
        version: if account.version.value == VERSION {
            shared.version
        } else {
            account.version
        },
        account: by_key(account.account, shared.account, |a, s| RawAccount {
            appid: a.appid.or(s.appid),
            appid_env: a.appid_env.or(s.appid_env),
            secret_env: a.secret_env.or(s.secret_env),
            token_env: a.token_env.or(s.token_env),
        }),
        extends: account.extends,
        vars: account.vars,
        menu: account.menu.or(shared.menu),
        conditional_menus: account.conditional_menus.or(shared.conditional_menus),
        tags: by_key(account.tags, shared.tags, |a, s| RawTags {
            unmanaged: a.unmanaged.or(s.unmanaged),
            items: a.items.or(s.items),
        }),
        templates: by_key(account.templates, shared.templates, |a, s| RawTemplates {
            industry: a.industry.or(s.industry),
            unmanaged: a.unmanaged.or(s.unmanaged),
            items: a.items.or(s.items),
        }),
        subscribe_templates: by_key(
            account.subscribe_templates,
            shared.subscribe_templates,
            |a, s| RawSubscribeTemplates {
                unmanaged: a.unmanaged.or(s.unmanaged),
                items: a.items.or(s.items),
            },
        ),
        menu_checks: account.menu_checks.or(shared.menu_checks),
        // Each account has its own server: the section is taken whole.
        server: account.server.or(shared.server),
        reply_checks: account.reply_checks.or(shared.reply_checks),
    }
}

/// A mapping section set in both files, merged key by key (`keys` takes the account file's
/// first); set in one, that one. The merged section points at the account file's.
fn by_key<T>(
    account: Option<Spanned<T>>,
    shared: Option<Spanned<T>>,
    keys: impl FnOnce(T, T) -> T,
) -> Option<Spanned<T>> {
    match (account, shared) {
        (Some(account), Some(shared)) => Some(Spanned::new(
            keys(account.value, shared.value),
            account.span,
        )),
        (account, shared) => account.or(shared),
    }
}
