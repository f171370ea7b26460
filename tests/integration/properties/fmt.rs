//! `wxform fmt` keeps its promise on any configuration: generated ones (the planner's and the
//! export's generators, hard texts included) written messily, the examples mutated, and every
//! configuration of the repository. The formatted text loads to the same configuration (or
//! fails to load as the original does), formatting it again changes nothing, and every comment
//! stays: in the same order when no key had to move, as the same comments when some did.

use super::loader::{EXAMPLES, apply, mutation};
use super::messy_yaml;
use crate::support::run::repo;
use granit_parser::{Event, Parser};
use proptest::prelude::*;
use wxform::config::load_str;
use wxform::export::config_yaml;
use wxform::model::{Desired, Live};
use wxform::wechat::Sections;

/// The comments of `text`, as the YAML parser sees them.
fn comments(text: &str) -> Vec<String> {
    Parser::new_from_str(text)
        .filter_map(|event| match event {
            Ok((Event::Comment(text, _), _)) => Some(text.trim_end().to_string()),
            _ => None,
        })
        .collect()
}

fn desired(text: &str) -> Option<Desired> {
    load_str("p.yaml", text).ok().map(|loaded| loaded.desired)
}

/// `fmt` of `text` keeps its promise; `in_order`: the comments keep their order too.
fn keeps_its_promise(text: &str, in_order: bool) -> Result<String, TestCaseError> {
    let formatted = wxform::fmt::format("p.yaml", text)
        .map_err(|refused| TestCaseError::fail(format!("{refused:?}\n{text}")))?;
    let again = wxform::fmt::format("p.yaml", &formatted)
        .map_err(|refused| TestCaseError::fail(format!("{refused:?}\n{formatted}")))?;
    prop_assert_eq!(&again, &formatted, "not idempotent; from:\n{}", text);
    prop_assert_eq!(
        desired(&formatted),
        desired(text),
        "\n{}\n{}",
        text,
        formatted
    );
    let (mut before, mut after) = (comments(text), comments(&formatted));
    if !in_order {
        before.sort();
        after.sort();
    }
    prop_assert_eq!(before, after, "\n{}\n{}", text, formatted);
    Ok(formatted)
}

/// The export of `live` written messily, formatted: the configuration the export describes,
/// and every comment.
fn messy_export(live: &Live, seed: u64, shuffle: bool) -> Result<(), TestCaseError> {
    let yaml = config_yaml(live, Sections::all())
        .map_err(|err| TestCaseError::fail(format!("export refused: {err}")))?;
    let canonical = wxform::fmt::format("export.yaml", &yaml)
        .map_err(|refused| TestCaseError::fail(format!("{refused:?}\n{yaml}")))?;
    prop_assert_eq!(&canonical, &yaml, "export writes the canonical form");
    let messy = messy_yaml::write(&messy_yaml::read(&yaml), seed, shuffle);
    prop_assert!(
        desired(&messy).is_some(),
        "the messy writer broke it:\n{}",
        messy
    );
    prop_assert_eq!(desired(&messy), desired(&yaml));
    keeps_its_promise(&messy, !shuffle)?;
    Ok(())
}

/// Each case formats a whole configuration twice and loads it four times: 64 cases by default;
/// `PROPTEST_CASES` overrides.
fn cases() -> u32 {
    let cases = std::env::var("PROPTEST_CASES").ok();
    cases.and_then(|n| n.parse().ok()).unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn generated_configurations_format_to_the_same_configuration(
        desired in super::roundtrip::desired(),
        seed in any::<u64>(),
        shuffle in any::<bool>(),
    ) {
        messy_export(&super::roundtrip::live_of(&desired), seed, shuffle)?;
    }

    #[test]
    fn exported_accounts_with_hard_texts_format_to_the_same_configuration(
        live in super::export::live(),
        seed in any::<u64>(),
        shuffle in any::<bool>(),
    ) {
        messy_export(&live, seed, shuffle)?;
    }
}

proptest! {
    #[test]
    fn mutated_examples_are_formatted_faithfully_or_refused(
        example in 0..EXAMPLES.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut text = EXAMPLES[example].to_string();
        for mutation in &mutations {
            apply(&mut text, mutation);
        }
        if wxform::fmt::format("p.yaml", &text).is_ok() {
            keeps_its_promise(&text, false)?;
        }
    }
}

/// Every configuration of the repository: the examples and each whole configuration the
/// manual shows.
#[test]
fn the_repository_s_configurations_format_faithfully() {
    let mut configs: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(repo().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "yaml") {
            configs.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    let mut docs = vec![repo().join("README.md")];
    for entry in std::fs::read_dir(repo().join("docs")).unwrap() {
        docs.push(entry.unwrap().path());
    }
    for doc in docs
        .iter()
        .filter(|doc| doc.extension().is_some_and(|ext| ext == "md"))
    {
        let text = std::fs::read_to_string(doc).unwrap();
        let blocks = text
            .split("```yaml\n")
            .skip(1)
            .filter_map(|rest| rest.split("```").next());
        for block in blocks.filter(|block| block.lines().any(|line| line == "version: 1")) {
            configs.push((doc.display().to_string(), block.to_string()));
        }
    }
    assert!(configs.len() > 4, "{configs:?}");
    for (name, text) in configs {
        let formatted =
            keeps_its_promise(&text, true).unwrap_or_else(|err| panic!("{name}: {err}"));
        // An account file loads only with the shared file it extends beside it.
        let account_file = text.contains("\nextends:") || text.contains("${");
        assert!(account_file || desired(&formatted).is_some(), "{name}");
    }
}
