//! Template message rules: industry codes 1–41 (the same one twice is a warning), at most 25
//! templates, unique names, and no two templates that wxform could not tell apart (same
//! title and keywords).

use super::common::{at_most, non_empty, unique};
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{List, RawConfig, RawIndustry, RawTemplate};
use crate::config::rule_id::RuleId;
use crate::config::yaml_parser::Spanned;
use std::collections::HashMap;
use std::ops::Range;

pub(super) const MAX_TEMPLATES: usize = 25;
const INDUSTRY_CODES: std::ops::RangeInclusive<u64> = 1..=41;

pub(super) fn check(raw: &RawConfig, out: &mut Vec<Diagnostic>) {
    let Some(templates) = &raw.templates else {
        return;
    };
    if let Some(industry) = &templates.value.industry {
        check_industry(&industry.value, out);
    }
    if let Some(items) = &templates.value.items {
        check_items(items, out);
    }
}

/// Both codes exist, and they name two different industries.
fn check_industry(industry: &RawIndustry, out: &mut Vec<Diagnostic>) {
    for code in [&industry.primary, &industry.secondary] {
        if !INDUSTRY_CODES.contains(&code.value) {
            out.push(
                Diagnostic::error(
                    RuleId::IndustryCode,
                    format!("industry code {} does not exist", code.value),
                )
                .at(code.span.clone(), "not 1–41")
                .note("WeChat's industry codes run from 1 (IT科技 / 互联网|电子商务) to 41 (其它)"),
            );
        }
    }
    // Undocumented: WeChat may take one industry twice, or answer 40103 (invalid industry index).
    if industry.primary.value == industry.secondary.value {
        out.push(
            Diagnostic::warning(RuleId::SameIndustry, "the primary and secondary industries are the same")
                .at(industry.secondary.span.clone(), "same as primary")
                .context(industry.primary.span.clone(), "primary")
                .note("an account has two industries; whether WeChat takes the same one twice is undocumented (if not, api_set_industry answers 40103)"),
        );
    }
}

/// At most [`MAX_TEMPLATES`], no empty text, unique names and identities.
fn check_items(items: &List<RawTemplate>, out: &mut Vec<Diagnostic>) {
    at_most(
        &items.value,
        MAX_TEMPLATES,
        "template",
        " per account (45026)",
        out,
    );
    for item in &items.value {
        let item = &item.value;
        non_empty(&item.name, "template name", out);
        if let Some(short_id) = &item.short_id {
            non_empty(short_id, "short_id", out);
        }
        non_empty(&item.title, "template title", out);
        for keyword in item.keywords.iter().flat_map(|k| k.value.iter()) {
            non_empty(keyword, "keyword", out);
        }
    }
    unique(
        items.value.iter().map(|item| &item.value.name),
        "template name",
        out,
    );
    distinct_identities(
        items
            .value
            .iter()
            .map(|item| (&item.value.title, item.value.keywords.as_ref())),
        "template",
        out,
    );
}

/// Live templates carry no library id, so wxform recognises them by title + keywords: two
/// entries with the same pair would be indistinguishable.
pub(super) fn distinct_identities<'a>(
    items: impl Iterator<Item = (&'a Spanned<String>, Option<&'a List<String>>)>,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<(&str, Vec<&str>), Range<usize>> = HashMap::new();
    for (title, keywords) in items {
        let labels: Vec<&str> = keywords
            .iter()
            .flat_map(|k| k.value.iter())
            .map(|k| k.value.as_str())
            .collect();
        let key = (title.value.as_str(), labels);
        match seen.get(&key) {
            Some(first) => out.push(
                Diagnostic::error(RuleId::DuplicateTemplate, format!(
                    "two {what}s have the title `{}` and the same keywords",
                    title.value
                ))
                .at(title.span.clone(), "same title and keywords")
                .context(first.clone(), "first used here")
                .note(format!(
                    "WeChat lists {what}s without their library id; wxform tells them apart by title and keywords"
                )),
            ),
            None => {
                seen.insert(key, title.span.clone());
            }
        }
    }
}
