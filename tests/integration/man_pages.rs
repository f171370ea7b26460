//! The committed man pages (`docs/man/*.1`) are generated from the command-line definition
//! and kept current: this test regenerates them and fails on any difference.
//!
//! They are committed rather than printed by a subcommand so that packagers install plain
//! files, the binary carries no generator, and a change to `--help` shows up in review as a
//! change to the pages. `WXFORM_UPDATE_MAN=1 cargo test --test integration man_pages` rewrites
//! them after a change to the command line.

use crate::support::run::repo;
use clap::CommandFactory;
use std::collections::BTreeMap;
use std::path::Path;
use wxform::cli::Cli;

/// Every `*.1` file in `dir`, by name.
fn pages_in(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "1"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

fn generated() -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    clap_mangen::generate_to(Cli::command(), dir.path()).unwrap();
    pages_in(dir.path())
}

#[test]
fn the_committed_man_pages_are_current() {
    let fresh = generated();
    let committed_dir = repo().join("docs/man");
    if std::env::var_os("WXFORM_UPDATE_MAN").is_some() {
        std::fs::create_dir_all(&committed_dir).unwrap();
        for stale in pages_in(&committed_dir).keys() {
            std::fs::remove_file(committed_dir.join(stale)).unwrap();
        }
        for (name, text) in &fresh {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
    }
    let committed = pages_in(&committed_dir);
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "docs/man/ is stale; regenerate it with `WXFORM_UPDATE_MAN=1 cargo test --test integration man_pages`"
    );
    for (name, text) in &fresh {
        assert!(
            committed[name] == *text,
            "docs/man/{name} is stale; regenerate it with `WXFORM_UPDATE_MAN=1 cargo test --test integration man_pages`"
        );
    }
}

#[test]
fn there_is_a_page_per_command_and_each_says_what_help_says() {
    let pages = generated();
    let cli = Cli::command();
    assert!(pages.contains_key("wxform.1"), "{:?}", pages.keys());
    for command in cli.get_subcommands() {
        let name = format!("wxform-{}.1", command.get_name());
        let page = pages.get(&name).unwrap_or_else(|| panic!("no {name}"));
        let about = command.get_about().unwrap().to_string();
        // roff escapes `-` as `\-`; the first words of the summary are plain text.
        let first_words: String = about
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        // roff writes an apostrophe as `\*(Aq`.
        let plain = page.replace("\\*(Aq", "'");
        assert!(plain.contains(&first_words), "{name} lacks {first_words:?}");
    }
    let plan = &pages["wxform-plan.1"];
    for flag in [
        "out",
        "format",
        "detailed\\-exitcode",
        "live",
        "parallelism",
    ] {
        assert!(
            plan.contains(&format!("\\-\\-{flag}")),
            "wxform-plan.1 lacks --{flag}"
        );
    }
    assert!(
        pages["wxform.1"].contains("WXFORM_API_BASE"),
        "the global options name their environment variables"
    );
}
