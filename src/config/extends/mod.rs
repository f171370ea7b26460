//! One configuration, several accounts: an account file names the shared configuration it
//! fills in for one account (`extends: ../wxform.yaml`), sets the values of its `${name}`
//! placeholders (`vars:`), and may set sections of its own, which replace the shared ones
//! (`merge`). A team's test account and production then share one menu with different URLs,
//! mini-program appids and material ids, and each plan says which files made it.
//!
//! Why placeholders and not only overlays: what differs between accounts sits deep inside
//! lists (the third button's URL), and a key-by-key overlay replaces a list whole, so it would
//! copy the whole menu into every account file. Why one level: one file to read to know what
//! is shared, and nothing to chase (a chain or a cycle of `extends` is refused, so reading is
//! bounded by construction).
//!
//! Every file is composed here, an account file or not: a placeholder in a file that extends
//! nothing is reported as not set, never sent to WeChat as written. Spans of the two files
//! live in one offset space (`files`), so the rules and their diagnostics work unchanged and
//! each problem is reported in the file where its text is.

mod fields;
mod files;
mod merge;
mod misplaced;
pub(super) mod path;
mod placeholders;
pub(super) mod raw_vars;
mod substitute;
mod vars;

#[cfg(test)]
mod tests;

use super::diagnostic::{Diagnostic, Source};
use super::raw::RawConfig;
use super::yaml_parser::{self, Spanned};
use super::{FileDiagnostics, LoadError};
use crate::config::RuleId;
use files::Files;
use placeholders::{Piece, pieces};
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;
use substitute::{Substituted, Vars, annotate, substitute};

/// A configuration made of its file and the shared file it extends (if any), placeholders
/// filled in, ready for the rules.
pub(super) struct Composed {
    pub(super) raw: RawConfig,
    files: Files,
    /// Problems found while composing.
    diagnostics: Vec<Diagnostic>,
    substituted: Substituted,
}

impl Composed {
    /// The files the configuration was made from: the file given, then the one it extends.
    pub(super) fn file_names(&self) -> Vec<String> {
        self.files.names()
    }

    /// The name of the file a span starting at `offset` is in: what a relative path written
    /// there is read from.
    pub(super) fn file_at(&self, offset: usize) -> &str {
        self.files.name_at(offset)
    }

    /// The rules' diagnostics (`checked`) with the composition's own, each in its file: the
    /// given file's, then the others' that have some.
    pub(super) fn finish(
        self,
        checked: Vec<Diagnostic>,
    ) -> (FileDiagnostics, Vec<FileDiagnostics>) {
        let failed = &self.substituted.failed;
        let mut all: Vec<Diagnostic> = checked
            .into_iter()
            .filter(|d| !d.span.as_ref().is_some_and(|span| within_any(span, failed)))
            .map(|d| annotate(d, &self.substituted.substitutions, &self.files))
            .collect();
        all.extend(self.diagnostics);
        all.sort_by_key(|d| d.span.as_ref().map_or(0, |span| span.start));
        self.files.split(all)
    }
}

fn within_any(span: &Range<usize>, ranges: &[Range<usize>]) -> bool {
    ranges
        .iter()
        .any(|range| range.start <= span.start && span.end <= range.end)
}

/// `raw`, parsed from `source`, composed with the file it extends, its placeholders filled in.
/// A shared file that cannot be read or parsed ends here, as an invalid configuration.
pub(super) fn compose(source: Source, mut raw: RawConfig) -> Result<Composed, LoadError> {
    let mut files = Files::new(source);
    let mut out = Vec::new();
    let mut shared = match raw.extends.clone() {
        Some(extends) => Some(read_shared(&mut files, &extends)?),
        None => None,
    };
    let names = files.names();
    let (mut allowed, mut mentioned) = (Vec::new(), BTreeSet::new());
    for raw in [Some(&mut raw), shared.as_mut()].into_iter().flatten() {
        survey(raw, &mut allowed, &mut mentioned);
        // Vars' values are checked as vars.
        allowed.extend(raw.vars.as_ref().map(|vars| vars.span.clone()));
    }
    for (text, base) in files.texts() {
        misplaced::check(text, base, &allowed, &mut out);
    }
    if let Some(shared) = &shared {
        one_level(shared, &names, &mut out);
        inherited_command(&raw, shared, &names, &mut out);
    }
    if let (None, Some(vars)) = (&raw.extends, &raw.vars) {
        out.push(vars_without_extends(vars.span.clone()));
    }
    if let Some(vars) = &raw.vars {
        vars::check_entries(&vars.value, &mut out);
    }
    let vars = Vars {
        values: vars::values(raw.vars.as_ref().map(|vars| &vars.value)),
        account_file: raw.extends.is_some().then(|| names[0].clone()),
    };
    let mut raw = match shared.take() {
        Some(shared) => merge::merge(raw, shared),
        None => raw,
    };
    let substituted = substitute(&mut raw, &vars, &files, &mut out);
    if let (Some(_), Some(set)) = (&raw.extends, &raw.vars) {
        vars::check_use(&set.value, &substituted.used, &mentioned, &mut out);
    }
    Ok(Composed {
        raw,
        files,
        diagnostics: out,
        substituted,
    })
}

/// Where placeholders may stand in `raw`, and the vars they name.
fn survey(raw: &mut RawConfig, allowed: &mut Vec<Range<usize>>, mentioned: &mut BTreeSet<String>) {
    for field in fields::placeholder_fields(raw) {
        allowed.push(field.span.clone());
        for piece in pieces(&field.value) {
            if let Piece::Var { name, .. } = piece {
                mentioned.insert(name.to_string());
            }
        }
    }
}

/// The shared configuration `extends` names, parsed into the offset space of `files`, which
/// then holds it too.
fn read_shared(files: &mut Files, extends: &Spanned<String>) -> Result<RawConfig, LoadError> {
    let account = files.names().swap_remove(0);
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = path::resolve(&account, extends, &cwd).map_err(|d| invalid_here(files, *d))?;
    if path == path::normalise(Path::new(&account)) {
        let diagnostic = Diagnostic::error(RuleId::Extends, format!("{account} extends itself"))
            .at(extends.span.clone(), "this file")
            .help("name the shared configuration, such as `../wxform.yaml`");
        return Err(invalid_here(files, diagnostic));
    }
    let name = path.display().to_string();
    let text = match super::read_text(&path, &name) {
        Ok(text) => text,
        Err(LoadError::Read { error, .. }) => {
            let diagnostic = Diagnostic::error(RuleId::Extends, error.to_string())
                .at(extends.span.clone(), "the shared configuration")
                .note("`extends` is a path from this file's folder");
            return Err(invalid_here(files, diagnostic));
        }
        Err(LoadError::Invalid {
            file, diagnostics, ..
        }) => return Err(invalid_there(files, file, diagnostics)),
    };
    let source = Source::new(name, text);
    match super::parse_source(&source, files.next_base()) {
        Ok(raw) => {
            files.push(source);
            Ok(raw)
        }
        Err(LoadError::Invalid {
            file, diagnostics, ..
        }) => Err(invalid_there(files, file, diagnostics)),
        Err(other) => Err(other),
    }
}

/// The account file is invalid for `diagnostic`, found in it.
fn invalid_here(files: &Files, diagnostic: Diagnostic) -> LoadError {
    let (own, _) = files.split(vec![diagnostic]);
    LoadError::Invalid {
        file: own.file,
        diagnostics: own.diagnostics,
        also: Vec::new(),
    }
}

/// The account file is invalid because the shared file `file` is.
fn invalid_there(files: &Files, file: Source, diagnostics: Vec<Diagnostic>) -> LoadError {
    let (own, _) = files.split(Vec::new());
    LoadError::Invalid {
        file: own.file,
        diagnostics: own.diagnostics,
        also: vec![FileDiagnostics { file, diagnostics }],
    }
}

/// A shared file extends nothing and sets no vars: wxform reads one level.
fn one_level(shared: &RawConfig, names: &[String], out: &mut Vec<Diagnostic>) {
    let (account, shared_name) = (&names[0], &names[1]);
    if let Some(extends) = &shared.extends {
        let cwd = std::env::current_dir().unwrap_or_default();
        let back = path::resolve(shared_name, extends, &cwd)
            .is_ok_and(|path| path == path::normalise(Path::new(account)));
        let (message, label) = if back {
            (
                format!("{account} and {shared_name} extend each other"),
                "back to the account file",
            )
        } else {
            (
                format!("{shared_name} is extended by {account}, so it cannot extend another file"),
                "a second level",
            )
        };
        out.push(
            Diagnostic::error(RuleId::Extends, message)
                .at(extends.span.clone(), label)
                .note("wxform reads one level: an account file and the shared configuration it names")
                .help("keep what the accounts share in one file, and what differs in the account files"),
        );
    }
    if let Some(vars) = &shared.vars {
        out.push(
            Diagnostic::error(RuleId::Extends, format!(
                "{shared_name} is a shared configuration (extended by {account}): it sets no vars"
            ))
            .at(vars.span.clone(), "vars of a shared file")
            .note("each account file sets its own values under `vars:`; a value the same for every account is written in place"),
        );
    }
}

/// A shared file's `token_command`, which an account file naming no credentials of its own
/// would run: a command prints one account's token, and wxform cannot tell whose, so the
/// `account.appid` guard could not stop the account file from planning the shared file's
/// account.
fn inherited_command(
    account: &RawConfig,
    shared: &RawConfig,
    names: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let Some(command) = shared
        .account
        .as_ref()
        .and_then(|section| section.value.token_command.as_ref())
    else {
        return;
    };
    let own = account.account.as_ref().is_some_and(|section| {
        let own = &section.value;
        own.token_command.is_some()
            || own.appid_env.is_some()
            || own.secret_env.is_some()
            || own.token_env.is_some()
    });
    if own {
        return;
    }
    let (account, shared) = (&names[0], &names[1]);
    out.push(
        Diagnostic::error(
            RuleId::CredentialSources,
            format!("{account} names no credentials of its own, so it would run the token command of {shared}"),
        )
        .at(command.span.clone(), "the shared file's account")
        .note("a token command prints one account's token, and wxform cannot tell whose: an account file never takes one from the file it extends")
        .help(format!("give {account} its own `account.token_command`, or `secret_env` and `appid_env`, or `token_env`")),
    );
}

fn vars_without_extends(span: Range<usize>) -> Diagnostic {
    Diagnostic::error(RuleId::UnusedVar, "`vars` without `extends`: there is nothing for them to fill in")
        .at(span, "vars of a file that extends none")
        .note("vars fill in the placeholders of the shared configuration an account file extends (`extends: ../wxform.yaml`)")
        .help("add `extends:`, or write the values in place")
}

/// Parses one YAML document into `T` with spans `base` bytes further than in `text`, so that
/// the second file of a configuration has its own place in the offset space of `files`. A
/// diagnostic has spans in `text`'s own.
pub(super) fn parse_at<T: DeserializeOwned>(text: &str, base: usize) -> Result<T, Box<Diagnostic>> {
    if base == 0 {
        return yaml_parser::parse(text);
    }
    // A comment line of exactly `base` bytes before the text moves every offset by `base` and
    // changes nothing else.
    let padding = match base {
        1 => "\n".to_string(),
        _ => format!("#{}\n", " ".repeat(base - 2)),
    };
    yaml_parser::parse(&(padding + text)).map_err(|mut diagnostic| {
        diagnostic.span = diagnostic
            .span
            .map(|span| span.start.saturating_sub(base)..span.end.saturating_sub(base));
        diagnostic
    })
}
