//! The images `media_id` buttons name by file (`media_file:`), checked offline: the path is
//! relative to the file that holds it and, like `extends`, leads to a file inside the folder
//! wxform runs in (a configuration from a pull request cannot make wxform upload another file
//! of the machine); the file is read once, bounded by WeChat's size limit, and its type is judged
//! by its content. What is read there becomes a [`MediaFile`]: size, hash and kind, the
//! identity of its upload.

use super::diagnostic::Diagnostic;
use super::extends::path::{has_prefix, inside, normalise};
use super::raw::{List, RawButton, RawConfig};
use super::rule_id::RuleId;
use super::yaml_parser::Spanned;
use crate::files::{ReadError, human_size, read_bounded};
use crate::media::{ImageKind, MAX_IMAGE_BYTES, sha256_hex};
use crate::model::MediaFile;
use std::path::{Path, PathBuf};

/// Every image the menus of `raw` name by file, each path once, and the problems found with
/// them. `file_at` names the file a span is in; `cwd` is the folder wxform runs in.
pub(super) fn check<'a>(
    raw: &RawConfig,
    file_at: impl Fn(usize) -> &'a str,
    cwd: &Path,
) -> (Vec<MediaFile>, Vec<Diagnostic>) {
    let mut named = Vec::new();
    if let Some(menu) = &raw.menu {
        named_files(&menu.value.button, &mut named);
    }
    for menu in raw.conditional_menus.iter().flat_map(|menus| &menus.value) {
        named_files(&menu.value.button, &mut named);
    }
    let (mut files, mut diagnostics) = (Vec::<MediaFile>::new(), Vec::new());
    for written in named {
        if files.iter().any(|file| file.path == written.value) {
            continue;
        }
        match read_image(file_at(written.span.start), written, cwd) {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
    (files, diagnostics)
}

/// The `media_file` of every `media_id` button in `buttons` and their folders, in order.
fn named_files<'r>(buttons: &'r List<RawButton>, out: &mut Vec<&'r Spanned<String>>) {
    for button in &buttons.value {
        let button = &button.value;
        let is_media = button.kind.as_ref().is_some_and(|k| k.value == "media_id");
        if is_media && button.media_id.is_none() {
            out.extend(button.media_file.as_ref());
        }
        if let Some(subs) = &button.sub_button {
            named_files(subs, out);
        }
    }
}

/// The image `written` (in the file named `from`) names, or why it cannot be one.
fn read_image(
    from: &str,
    written: &Spanned<String>,
    cwd: &Path,
) -> Result<MediaFile, Box<Diagnostic>> {
    let location = resolve(from, written, cwd)?;
    let refuse = |message: String, label: &str| {
        Diagnostic::error(RuleId::MediaFile, message).at(written.span.clone(), label)
    };
    let shown = location.display();
    let bytes = match read_bounded(&location, MAX_IMAGE_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge { size, .. }) => {
            // In bytes too: 10 MiB and 8 bytes would read as 10.0 MiB, like the limit.
            let size = size.map_or_else(
                || "larger than that".to_string(),
                |size| format!("{} ({size} bytes)", human_size(size)),
            );
            return Err(Box::new(refuse(
                format!(
                    "the image {shown} is {size}; WeChat keeps images of at most {} ({MAX_IMAGE_BYTES} bytes) as permanent material",
                    human_size(MAX_IMAGE_BYTES)
                ),
                "too large",
            )
            .help("make the image smaller: a menu image is shown on a phone")));
        }
        Err(error) => return Err(Box::new(refuse(error.to_string(), "cannot be read"))),
    };
    let Some(kind) = ImageKind::detect(&bytes) else {
        return Err(Box::new(
            refuse(
                format!(
                    "{shown} is not an image WeChat takes: its content is not PNG, JPEG, GIF or BMP"
                ),
                "not an image",
            )
            .note("wxform judges an image by its content, not by its name"),
        ));
    };
    Ok(MediaFile {
        path: written.value.clone(),
        size: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
        kind,
        location,
    })
}

/// Where `written` (in the file named `from`) leads: relative to that file's folder, and
/// inside `cwd`.
fn resolve(from: &str, written: &Spanned<String>, cwd: &Path) -> Result<PathBuf, Box<Diagnostic>> {
    let text = written.value.as_str();
    let refuse = |message: String, label: &str| {
        Diagnostic::error(RuleId::MediaFile, message).at(written.span.clone(), label)
    };
    if text.trim().is_empty() {
        return Err(Box::new(
            refuse("`media_file` is empty".into(), "no path").help(
                "name the image by its path from this file's folder, such as `assets/prices.png`",
            ),
        ));
    }
    if Path::new(text).has_root() || text.starts_with('~') || has_prefix(text) {
        return Err(Box::new(
            refuse(
                "`media_file` is not a path relative to this file".into(),
                "an absolute path",
            )
            .help(
                "name the image by its path from this file's folder, such as `assets/prices.png`",
            ),
        ));
    }
    let folder = Path::new(from).parent().unwrap_or(Path::new(""));
    let path = normalise(&folder.join(text));
    if !inside(&path, cwd) {
        return Err(Box::new(refuse(
            format!(
                "`media_file` leads outside the folder wxform runs in, to {}",
                path.display()
            ),
            "outside the working folder",
        )
        .note("wxform uploads images only from inside the folder it runs in (the repository's root in CI): a configuration cannot make it upload other files")
        .help("keep the image in the repository, beside the configuration")));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> Spanned<String> {
        Spanned::new(text.to_string(), 10..10 + text.len())
    }

    fn message(result: Result<MediaFile, Box<Diagnostic>>) -> String {
        result.map(|file| file.path).unwrap_or_else(|d| d.message)
    }

    #[test]
    fn an_image_is_read_by_its_content_from_the_file_s_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("assets")).unwrap();
        std::fs::write(dir.path().join("assets/a.dat"), b"GIF89a-rest").unwrap();
        let from = dir.path().join("accounts/test.yaml");
        let file = read_image(
            from.to_str().unwrap(),
            &written("../assets/a.dat"),
            dir.path(),
        )
        .unwrap();
        assert_eq!(file.kind, ImageKind::Gif);
        assert_eq!(file.size, 11);
        assert_eq!(file.sha256, sha256_hex(b"GIF89a-rest"));
        assert_eq!(file.location, dir.path().join("assets/a.dat"));
    }

    #[test]
    fn paths_outside_the_folder_and_absolute_paths_are_refused() {
        let cwd = Path::new("/work/repo");
        let outside = message(read_image(
            "/work/repo/wxform.yaml",
            &written("../secret.png"),
            cwd,
        ));
        assert_eq!(
            outside,
            "`media_file` leads outside the folder wxform runs in, to /work/secret.png"
        );
        for absolute in ["/etc/passwd", "~/a.png", "C:/a.png"] {
            assert_eq!(
                message(read_image("wxform.yaml", &written(absolute), cwd)),
                "`media_file` is not a path relative to this file"
            );
        }
        assert_eq!(
            message(read_image("wxform.yaml", &written(" "), cwd)),
            "`media_file` is empty"
        );
    }
}
