//! The one unit-test file convention (CONTRIBUTING.md): where a module's unit tests live follows
//! from its shape. A single-file module (`foo.rs`) keeps them inline at its end
//! (`#[cfg(test)] mod tests { … }`); a folder module (`foo/mod.rs`, or a crate root) keeps them
//! in `foo/tests.rs` or `foo/tests/`, declared by `#[cfg(test)] mod tests;`. A module is one or
//! the other: no `foo.rs` beside a `foo/` folder.

use crate::support::run::repo;
use crate::support::tree::{files_under, relative};
use std::path::Path;

/// How a line declares the `tests` module, if it does.
#[derive(PartialEq)]
enum TestsModule {
    /// `mod tests { … }`: in this file.
    Inline,
    /// `mod tests;`: in a file of its own.
    OwnFile,
}

fn declares_tests(line: &str) -> Option<TestsModule> {
    let line = line.trim();
    if line.starts_with("//") {
        return None;
    }
    if line.ends_with("mod tests {") {
        Some(TestsModule::Inline)
    } else if line.ends_with("mod tests;") {
        Some(TestsModule::OwnFile)
    } else {
        None
    }
}

/// Every file under `src` that breaks the convention, with what is wrong.
fn broken_conventions(src: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for path in files_under(src, ".rs") {
        let name = relative(&path, src);
        let file_name = path.file_name().unwrap().to_string_lossy();
        let folder_module = matches!(&*file_name, "mod.rs" | "lib.rs" | "main.rs");
        let text = std::fs::read_to_string(&path).unwrap();
        let declared: Vec<TestsModule> = text.lines().filter_map(declares_tests).collect();
        if folder_module && declared.contains(&TestsModule::Inline) {
            broken.push(format!(
                "{name}: a folder module keeps its unit tests in tests.rs beside it, not inline"
            ));
        }
        if !folder_module && declared.contains(&TestsModule::OwnFile) {
            broken.push(format!(
                "{name}: a single-file module keeps its unit tests inline at its end, not in a file of their own"
            ));
        }
        if !folder_module && path.with_extension("").is_dir() {
            broken.push(format!(
                "{name}: sits beside the folder of the same name; a module with a folder is its mod.rs"
            ));
        }
    }
    broken
}

#[test]
fn every_module_keeps_its_unit_tests_where_its_shape_says() {
    let broken = broken_conventions(&repo().join("src"));
    assert!(
        broken.is_empty(),
        "unit tests out of place (CONTRIBUTING.md):\n{}",
        broken.join("\n")
    );
}

#[test]
fn each_way_of_breaking_the_convention_is_named_with_its_file() {
    let src = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = src.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("lib.rs", "mod good;\nmod folder;\nmod split;\n");
    write("good.rs", "fn f() {}\n\n#[cfg(test)]\nmod tests {\n}\n");
    write("folder/mod.rs", "fn f() {}\n\n#[cfg(test)]\nmod tests;\n");
    write("folder/tests.rs", "#[test]\nfn t() {}\n");
    write("inline/mod.rs", "#[cfg(test)]\nmod tests {\n}\n");
    write("split.rs", "#[cfg(test)]\nmod tests;\n");
    write("split/tests.rs", "#[test]\nfn t() {}\n");
    // Only code counts: a comment that mentions `mod tests;` breaks nothing.
    write("commented.rs", "// not `mod tests;` here\n");

    let broken = broken_conventions(src.path());
    let files: Vec<&str> = broken
        .iter()
        .map(|problem| problem.split(':').next().unwrap())
        .collect();
    assert_eq!(
        files,
        ["inline/mod.rs", "split.rs", "split.rs"],
        "{broken:#?}"
    );
    assert!(broken[0].contains("not inline"), "{}", broken[0]);
    assert!(broken[1].contains("inline at its end"), "{}", broken[1]);
    assert!(broken[2].contains("beside the folder"), "{}", broken[2]);
}
