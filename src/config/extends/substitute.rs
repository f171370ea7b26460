//! Filling in the placeholders of a composed configuration with its vars, and saying, on a
//! rule's diagnostic about a filled-in value, what the value became and where each var is set.
//!
//! Bounded: a value is at most 4 KiB once filled in, and the vars make the whole configuration
//! at most 1 MiB larger, however many placeholders a hostile file repeats.

use super::fields::placeholder_fields;
use super::files::Files;
use super::placeholders::{Piece, pieces, shown};
use super::vars::closest;
use crate::config::MAX_FILE_BYTES;
use crate::config::RuleId;
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::RawConfig;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The most a value may hold once filled in: no value a placeholder stands in takes more
/// than 1,024 bytes at WeChat, and a rule must still see (and name) one over its limit.
const MAX_VALUE_BYTES: usize = 4096;

/// The vars a configuration fills its placeholders with, and who sets them.
pub(super) struct Vars {
    /// Each var's value and the span of the value, by name.
    pub values: BTreeMap<String, (String, Range<usize>)>,
    /// The account file setting them; `None` for a file that extends nothing.
    pub account_file: Option<String>,
}

/// A value that placeholders were filled in.
#[derive(Debug)]
pub(super) struct Substitution {
    pub span: Range<usize>,
    pub value: String,
    /// Each var used, with the span of its value.
    pub vars: Vec<(String, Range<usize>)>,
}

/// What filling in did.
#[derive(Debug, Default)]
pub(super) struct Substituted {
    pub substitutions: Vec<Substitution>,
    /// Values left as written because a placeholder in them could not be filled in: a rule's
    /// complaint about them would only repeat the problem.
    pub failed: Vec<Range<usize>>,
    /// The vars a placeholder of the configuration names.
    pub used: BTreeSet<String>,
}

/// Fills in every placeholder of `raw` with `vars`, reporting each that cannot be.
pub(super) fn substitute(
    raw: &mut RawConfig,
    vars: &Vars,
    files: &Files,
    out: &mut Vec<Diagnostic>,
) -> Substituted {
    let mut done = Substituted::default();
    let mut growth = 0;
    let mut exhausted = false;
    // Placeholders of a file that extends nothing: one diagnostic says what the file is.
    let mut orphans: Vec<(String, Range<usize>)> = Vec::new();
    for field in placeholder_fields(raw) {
        if !field.value.contains('$') {
            continue;
        }
        let span = field.span.clone();
        if exhausted {
            done.failed.push(span);
            continue;
        }
        let Filling { used, result } = fill_in(&field.value, &span, vars, files, &mut orphans);
        done.used.extend(used.iter().map(|(name, _)| name.clone()));
        let value = match result {
            Ok(value) => value,
            Err(problems) => {
                out.extend(problems);
                done.failed.push(span);
                continue;
            }
        };
        growth += value.len().saturating_sub(field.value.len());
        if growth > MAX_FILE_BYTES {
            out.push(too_much(span.clone()));
            done.failed.push(span);
            exhausted = true;
            continue;
        }
        if !used.is_empty() {
            done.substitutions.push(Substitution {
                span,
                value: value.clone(),
                vars: used,
            });
        }
        field.value = value;
    }
    out.extend(shared_alone(&orphans, files));
    done
}

/// One value filled in: the vars it uses (with the spans of their values), and its new text
/// or the problems that leave it as written (none of its own for a placeholder of a file
/// that extends nothing, which goes to `orphans`).
struct Filling {
    used: Vec<(String, Range<usize>)>,
    result: Result<String, Vec<Diagnostic>>,
}

fn fill_in(
    value: &str,
    span: &Range<usize>,
    vars: &Vars,
    files: &Files,
    orphans: &mut Vec<(String, Range<usize>)>,
) -> Filling {
    let pieces = pieces(value);
    let mut problems = Vec::new();
    let mut used = Vec::new();
    let orphans_before = orphans.len();
    for (index, piece) in pieces.iter().enumerate() {
        let at = |needle: &str| locate(files, span, needle, &pieces[..index]);
        match *piece {
            Piece::Text(_) => {}
            Piece::Var { name, .. } => match vars.values.get(name) {
                Some((_, value_span)) => used.push((name.to_string(), value_span.clone())),
                None if vars.account_file.is_none() => {
                    orphans.push((name.to_string(), at(&format!("${{{name}}}"))));
                }
                None => problems.push(unset(name, at(&format!("${{{name}}}")), vars)),
            },
            Piece::Malformed { text, .. } => problems.push(malformed(text, at(text))),
        }
    }
    if !problems.is_empty() || orphans.len() > orphans_before {
        return Filling {
            used,
            result: Err(problems),
        };
    }
    // Measured before anything is built: a hostile file cannot make a large value.
    let length: usize = pieces
        .iter()
        .map(|piece| match *piece {
            Piece::Text(text) | Piece::Malformed { text, .. } => text.len(),
            Piece::Var { name, .. } => vars.values.get(name).map_or(0, |(v, _)| v.len()),
        })
        .sum();
    let result = if length > MAX_VALUE_BYTES {
        Err(vec![too_long(length, span.clone())])
    } else {
        Ok(fill(&pieces, vars))
    };
    Filling { used, result }
}

fn fill(pieces: &[Piece], vars: &Vars) -> String {
    pieces
        .iter()
        .map(|piece| match *piece {
            Piece::Text(text) | Piece::Malformed { text, .. } => text,
            Piece::Var { name, .. } => vars.values.get(name).map_or("", |(v, _)| v.as_str()),
        })
        .collect()
}

/// Where `needle` is written inside the value at `span`: the occurrence after those among
/// `before`; the whole value when the text as written differs (an escaped quoted scalar).
fn locate(files: &Files, span: &Range<usize>, needle: &str, before: &[Piece]) -> Range<usize> {
    let earlier = before
        .iter()
        .filter(|piece| match **piece {
            Piece::Var { name, .. } => needle == format!("${{{name}}}"),
            Piece::Malformed { text, .. } => needle == text,
            Piece::Text(_) => false,
        })
        .count();
    files
        .slice(span)
        .and_then(|written| written.match_indices(needle).nth(earlier))
        .map_or_else(
            || span.clone(),
            |(offset, _)| span.start + offset..span.start + offset + needle.len(),
        )
}

/// A placeholder an account file does not set.
fn unset(name: &str, span: Range<usize>, vars: &Vars) -> Diagnostic {
    let account = vars.account_file.as_deref().unwrap_or_default();
    let diagnostic = Diagnostic::error(RuleId::UnsetVar, format!("`${{{name}}}` is not set"))
        .at(span, "not set")
        .note(format!("{account} sets no var `{name}`"));
    match closest(name, vars.values.keys()) {
        Some(near) => diagnostic.help(format!(
            "did you mean `${{{near}}}`? Or add `{name}: …` under `vars:` in {account}"
        )),
        None => diagnostic.help(format!("add `{name}: …` under `vars:` in {account}")),
    }
}

/// The placeholders of a file that extends nothing (a shared configuration given on its own),
/// in one diagnostic at the first: nothing sets them.
fn shared_alone(orphans: &[(String, Range<usize>)], files: &Files) -> Option<Diagnostic> {
    const LISTED: usize = 8;
    let (_, first) = orphans.first()?;
    let file = files.names().swap_remove(0);
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in orphans {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    let mut listed: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|n| format!("`${{{n}}}`"))
        .collect();
    if names.len() > LISTED {
        listed.push(format!("and {} more", names.len() - LISTED));
    }
    Some(
        Diagnostic::error(RuleId::UnsetVar, format!(
            "{file} has placeholders, and nothing sets them: it extends no file"
        ))
        .at(first.clone(), "not set")
        .note("a file with placeholders is a shared configuration: each account file that extends it sets their values under `vars:`, and is the file to plan and apply")
        .note(format!("its placeholders: {}", listed.join(", ")))
        .help("plan the account files, such as `wxform plan accounts/`; see the manual's Several accounts section"),
    )
}

fn malformed(text: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(
        RuleId::Placeholder,
        format!("`{}` is not a placeholder", shown(text)),
    )
    .at(span, "not a placeholder")
    .note("a placeholder is `${name}`: letters, digits and `_`, not starting with a digit")
    .help("write `$${` for a literal `${`")
}

fn too_long(length: usize, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(RuleId::TooLong, format!(
        "with its vars filled in this value is {length} bytes; wxform stops at {MAX_VALUE_BYTES}"
    ))
    .at(span, "too long once filled in")
    .note("no WeChat value a placeholder can stand in takes more than 1,024 bytes")
}

fn too_much(span: Range<usize>) -> Diagnostic {
    Diagnostic::error(RuleId::TooComplex, "the vars make the configuration more than 1 MiB larger; wxform stops here")
        .at(span, "here")
        .note("configuration files are untrusted input: what their placeholders add is bounded like the files themselves")
}

/// `diagnostic` with a note saying what the value it points into became, and where each var
/// in it is set, when it points into a filled-in value.
pub(super) fn annotate(
    mut diagnostic: Diagnostic,
    substitutions: &[Substitution],
    files: &Files,
) -> Diagnostic {
    let Some(span) = &diagnostic.span else {
        return diagnostic;
    };
    let Some(filled) = substitutions
        .iter()
        .find(|s| s.span.start <= span.start && span.end <= s.span.end)
    else {
        return diagnostic;
    };
    let set: Vec<String> = filled
        .vars
        .iter()
        .map(|(name, span)| format!("`${{{name}}}` is set at {}", files.place(span.start)))
        .collect();
    diagnostic.notes.push(format!(
        "filled in, the value is {}; {}",
        abridged(&filled.value),
        set.join(", ")
    ));
    diagnostic
}

/// A value quoted short enough for a note: a long one is cut, with its size.
fn abridged(value: &str) -> String {
    const MAX_CHARS: usize = 80;
    if value.chars().count() <= MAX_CHARS {
        return format!("`{value}`");
    }
    let cut: String = value.chars().take(MAX_CHARS).collect();
    format!("`{cut}…` ({} bytes)", value.len())
}
