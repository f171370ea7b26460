//! `validate` checks a media file offline, at the `media_file` value: missing, not an image, too
//! large, outside the folder; and `media_file` only on a `media_id` button.

use super::{YAML, account_with};
use crate::support::account::code;
use crate::support::run::stderr;

/// `validate`'s stderr for [`YAML`] with `bytes` as the image; it must fail.
fn refused(bytes: Option<&[u8]>, yaml: &str) -> String {
    let account = account_with(b"");
    account.write_config(yaml);
    match bytes {
        Some(bytes) => std::fs::write(account.path("assets/prices.png"), bytes).unwrap(),
        None => std::fs::remove_file(account.path("assets/prices.png")).unwrap(),
    }
    let output = account.output(&["validate"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        account.emulator.requests().is_empty(),
        "validate is offline"
    );
    stderr(&output)
}

#[test]
fn a_missing_file_is_an_error_at_the_value() {
    let text = refused(None, YAML);
    assert!(
        text.contains("error: cannot read assets/prices.png: No such file or directory"),
        "{text}"
    );
    assert!(text.contains("--> wxform.yaml:5:48"), "{text}");
}

#[test]
fn a_file_that_is_not_an_image_is_an_error_whatever_its_name() {
    let text = refused(Some(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), YAML);
    assert!(
        text.contains("error: assets/prices.png is not an image WeChat takes: its content is not PNG, JPEG, GIF or BMP"),
        "{text}"
    );
    assert!(text.contains("--> wxform.yaml:5:48"), "{text}");
    assert!(
        text.contains("wxform judges an image by its content, not by its name"),
        "{text}"
    );
}

#[test]
fn a_file_over_ten_mib_is_an_error_naming_the_limit() {
    let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
    big.resize(10 * 1024 * 1024 + 1, 0);
    let text = refused(Some(&big), YAML);
    assert!(
        text.contains("error: the image assets/prices.png is 10.0 MiB (10485761 bytes); WeChat keeps images of at most 10.0 MiB (10485760 bytes) as permanent material"),
        "{text}"
    );
}

#[test]
fn a_path_outside_the_folder_and_a_file_on_another_type_are_errors() {
    let outside = YAML.replace("assets/prices.png", "../prices.png");
    let text = refused(Some(super::PNG), &outside);
    assert!(
        text.contains("`media_file` leads outside the folder wxform runs in, to ../prices.png"),
        "{text}"
    );
    let click = YAML.replace("type: media_id", "type: click, key: K");
    let text = refused(Some(super::PNG), &click);
    assert!(
        text.contains(
            "`media_file` names the image of a `media_id` button, not of a `click` button"
        ),
        "{text}"
    );
    let both = YAML.replace("media_file:", "media_id: ABC, media_file:");
    let text = refused(Some(super::PNG), &both);
    assert!(
        text.contains(
            "a `media_id` button names its material by `media_id` or by `media_file`, not both"
        ),
        "{text}"
    );
}
