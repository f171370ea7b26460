//! An account file over the shared file it extends, as Compose lays one file over another: a
//! section the account file sets replaces the shared one; for the sections that are mappings of
//! independent keys (`account`, `tags`, `templates`, `subscribe_templates`) key by key, so an
//! account file can set `templates.industry` alone and keep the shared templates. Lists
//! (`conditional_menus`, `menu_checks`, `reply_checks`, `menu.button`, `items`), `server` and
//! the values under a key are replaced whole: items have no key to merge them by, a menu is one
//! thing, and a server is one account's own.
//!
//! Where the account's credentials come from is one choice, made whole by one file: the
//! variables (`*_env`) or a `token_command`, never one from each file.
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
        account: by_key(account.account, shared.account, account_keys),
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

/// `account` laid over `shared` key by key, except that where the credentials come from is one
/// choice: an account file that names variables (`*_env`) takes no `token_command` from the
/// shared file, and one that names a command takes none of its variables.
fn account_keys(account: RawAccount, shared: RawAccount) -> RawAccount {
    let own_command = account.token_command.is_some();
    let own_variables = [&account.appid_env, &account.secret_env, &account.token_env]
        .iter()
        .any(|name| name.is_some());
    let variable = |name: Option<Spanned<String>>| name.filter(|_| !own_command);
    RawAccount {
        appid: account.appid.or(shared.appid),
        appid_env: account.appid_env.or(variable(shared.appid_env)),
        secret_env: account.secret_env.or(variable(shared.secret_env)),
        token_env: account.token_env.or(variable(shared.token_env)),
        token_command: account
            .token_command
            .or(shared.token_command.filter(|_| !own_variables)),
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
