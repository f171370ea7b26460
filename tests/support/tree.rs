//! Walking the repository's files, for the tests that check every file of a kind: the links in
//! the Markdown, the unit-test convention in `src/`, what a published crate holds.

use std::path::{Path, PathBuf};

/// Every file under `root` whose name ends with `suffix`, sorted. Hidden directories (`.git`,
/// `.github`, …) and the build output (a `target/` right in `root`) are skipped.
pub fn files_under(root: &Path, suffix: &str) -> Vec<PathBuf> {
    let build_output = root.join("target");
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy();
            if path.is_dir() {
                if !name.starts_with('.') && path != build_output {
                    pending.push(path);
                }
            } else if name.ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// `path` relative to `root`, with `/` between its parts on every platform.
pub fn relative(path: &Path, root: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap();
    relative.to_string_lossy().replace('\\', "/")
}
