//! Where `extends:` leads. The path is relative to the file that holds it, ends in `.yaml` or
//! `.yml`, and is resolved by its text (`a/../b` is `b`, as a shell's `cd` reads it) to a file
//! inside the folder wxform runs in: a configuration from a pull request can name another
//! configuration of the repository, never another file of the machine. What is read there is
//! then checked as any configuration is (a regular file, at most 1 MiB, refused unquoted when
//! it is not a wxform configuration).

use crate::config::RuleId;
use crate::config::diagnostic::Diagnostic;
use crate::config::yaml_parser::Spanned;
use std::path::{Component, Path, PathBuf};

/// The shared file `extends` (in the file named `from`) leads to, or why it cannot be read.
/// `cwd` is the folder wxform runs in.
pub(super) fn resolve(
    from: &str,
    extends: &Spanned<String>,
    cwd: &Path,
) -> Result<PathBuf, Box<Diagnostic>> {
    let written = extends.value.as_str();
    let refuse = |message: String, label: &str| {
        Diagnostic::error(RuleId::Extends, message).at(extends.span.clone(), label)
    };
    if written.trim().is_empty() {
        return Err(Box::new(refuse("`extends` is empty".into(), "no path")
            .help("name the shared configuration by its path from this file, such as `../wxform.yaml`")));
    }
    if Path::new(written).has_root() || written.starts_with('~') || has_prefix(written) {
        return Err(Box::new(refuse(
            "`extends` is not a path relative to this file".into(),
            "an absolute path",
        )
        .help("name the shared configuration by its path from this file's folder, such as `../wxform.yaml`")));
    }
    let is_yaml = Path::new(written)
        .extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml");
    if !is_yaml {
        return Err(Box::new(
            refuse(
                "`extends` names a file that is not .yaml or .yml".into(),
                "not a configuration file",
            )
            .note("`extends` names the shared wxform configuration this account file fills in"),
        ));
    }
    let folder = Path::new(from).parent().unwrap_or(Path::new(""));
    let path = normalise(&folder.join(written));
    if !inside(&path, cwd) {
        return Err(Box::new(refuse(
            format!(
                "`extends` leads outside the folder wxform runs in, to {}",
                path.display()
            ),
            "outside the working folder",
        )
        .note("wxform reads a shared configuration only inside the folder it runs in (the repository's root in CI): a configuration cannot make it read other files")
        .help("run wxform from a folder that holds both files")));
    }
    Ok(path)
}

/// `path` with `.` left out and each `..` taking away the name before it, by the text alone.
pub(in crate::config) fn normalise(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            // `/..` is `/`.
            Component::ParentDir if matches!(out.last(), Some(Component::RootDir)) => {}
            other => out.push(other),
        }
    }
    out.iter().collect()
}

/// Whether a normalised `path` (relative paths are read from `cwd`) lies inside `cwd`.
pub(in crate::config) fn inside(path: &Path, cwd: &Path) -> bool {
    if path.is_absolute() {
        path.starts_with(normalise(cwd))
    } else {
        !matches!(path.components().next(), Some(Component::ParentDir) | None)
    }
}

/// A Windows drive or UNC prefix (`C:`, `\\server`), refused on every system alike.
pub(in crate::config) fn has_prefix(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('\\')
        || (bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extends(text: &str) -> Spanned<String> {
        Spanned::new(text.to_string(), 30..30 + text.len())
    }

    fn resolved(from: &str, text: &str) -> Result<String, String> {
        resolve(from, &extends(text), Path::new("/work/repo"))
            .map(|path| path.display().to_string())
            .map_err(|diagnostic| diagnostic.message)
    }

    #[test]
    fn a_relative_path_is_read_from_the_file_s_folder() {
        assert_eq!(
            resolved("accounts/test.yaml", "../wxform.yaml"),
            Ok("wxform.yaml".into())
        );
        assert_eq!(
            resolved("./accounts/test.yaml", "./shared/menus.yml"),
            Ok("accounts/shared/menus.yml".into())
        );
        assert_eq!(resolved("test.yaml", "base.yaml"), Ok("base.yaml".into()));
        assert_eq!(
            resolved("/work/repo/accounts/test.yaml", "../wxform.yaml"),
            Ok("/work/repo/wxform.yaml".into())
        );
    }

    #[test]
    fn paths_outside_the_working_folder_are_refused() {
        let outside = "`extends` leads outside the folder wxform runs in, to ";
        assert_eq!(
            resolved("accounts/test.yaml", "../../secrets.yaml"),
            Err(format!("{outside}../secrets.yaml"))
        );
        assert_eq!(
            resolved("/work/repo/test.yaml", "../other/x.yaml"),
            Err(format!("{outside}/work/other/x.yaml"))
        );
        assert_eq!(
            resolved("/work/repository/test.yaml", "x.yaml"),
            Err(format!("{outside}/work/repository/x.yaml")),
            "a folder whose name starts with the working folder's is another folder"
        );
        for absolute in ["/etc/x.yaml", "~/x.yaml", "C:/x.yaml", "\\\\server\\x.yaml"] {
            assert_eq!(
                resolved("test.yaml", absolute),
                Err("`extends` is not a path relative to this file".into()),
                "{absolute}"
            );
        }
    }

    #[test]
    fn only_yaml_files_can_be_extended() {
        for other in [".git-credentials", "wxform", "config.json", "x.yaml.bak"] {
            assert_eq!(
                resolved("test.yaml", other),
                Err("`extends` names a file that is not .yaml or .yml".into()),
                "{other}"
            );
        }
        assert_eq!(resolved("test.yaml", " "), Err("`extends` is empty".into()));
    }

    #[test]
    fn normalising_reads_the_text_alone() {
        assert_eq!(normalise(Path::new("a/./b/../../c")), PathBuf::from("c"));
        assert_eq!(normalise(Path::new("../a/..")), PathBuf::from(".."));
        assert_eq!(normalise(Path::new("/../a")), PathBuf::from("/a"));
    }
}
