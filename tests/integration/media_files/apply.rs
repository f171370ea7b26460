//! Plan and apply with an image from the repository: the upload before the menu, its id in the
//! menu, no change after, a changed image uploaded again, an unanswered upload recovered, a file
//! changed since a saved plan refused.

use super::{
    ADD, LIST, PNG, PNG_V2, YAML, account_with, calls, menu_media_id, upload_name, write_image,
};
use crate::support::account::code;
use crate::support::emulator::{DropMode, EmulatorOptions};
use crate::support::run::{stderr, stdout};

#[test]
fn plan_shows_the_upload_before_the_menu_that_uses_it() {
    let account = account_with(PNG);
    let output = account.output(&["plan", "--color", "never"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    account.assert_read_only();
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn apply_uploads_once_and_the_next_plan_shows_no_change() {
    let account = account_with(PNG);
    account.apply_ok(&["--auto-approve"]);
    let state = account.emulator.state();
    assert_eq!(state.materials.len(), 1, "one upload");
    assert_eq!(state.materials[0].name, upload_name(PNG));
    assert_eq!(
        menu_media_id(&account).as_ref(),
        Some(&state.materials[0].media_id)
    );
    account.emulator.clear_requests();
    assert_eq!(account.plan_code(), 0, "no change after apply");
    assert_eq!(calls(&account, ADD), 0);
    assert_eq!(calls(&account, LIST), 1, "one page holds every image");
}

#[test]
fn the_listing_may_name_an_upload_without_its_extension() {
    let options = EmulatorOptions {
        material_name_without_extension: true,
        material_checks_content: true,
        ..EmulatorOptions::default()
    };
    let account = crate::support::account::Account::with(options);
    account.write_config(YAML);
    write_image(&account, PNG);
    account.apply_ok(&["--auto-approve"]);
    let stem = upload_name(PNG).trim_end_matches(".png").to_string();
    assert_eq!(account.emulator.state().materials[0].name, stem);
    assert_eq!(account.plan_code(), 0, "found by its stem");
}

#[test]
fn a_changed_image_is_uploaded_again_and_changes_the_menu() {
    let account = account_with(PNG);
    account.apply_ok(&["--auto-approve"]);
    let first = menu_media_id(&account).unwrap();
    write_image(&account, PNG_V2);
    let plan = account.output(&["plan", "--color", "never"]);
    let text = stdout(&plan);
    assert!(text.contains("+ material[\"assets/prices.png\"]"), "{text}");
    assert!(text.contains(&upload_name(PNG_V2)), "{text}");
    account.apply_ok(&["--auto-approve"]);
    let state = account.emulator.state();
    assert_eq!(
        state.materials.len(),
        2,
        "the old material stays: {state:?}"
    );
    let second = menu_media_id(&account).unwrap();
    assert_ne!(first, second);
    assert_eq!(second, state.materials[1].media_id);
    assert_eq!(account.plan_code(), 0);
}

#[test]
fn an_unanswered_upload_is_found_by_re_reading_and_not_made_twice() {
    let account = account_with(PNG);
    account.emulator.drop_on(ADD, 1, DropMode::AfterWrite);
    let output = account.apply_ok(&["--auto-approve"]);
    let state = account.emulator.state();
    assert_eq!(state.materials.len(), 1, "{}", stderr(&output));
    assert_eq!(calls(&account, ADD), 1);
    assert_eq!(
        menu_media_id(&account).as_ref(),
        Some(&state.materials[0].media_id)
    );
}

#[test]
fn an_upload_that_was_not_made_is_tried_once_more() {
    let account = account_with(PNG);
    account.emulator.drop_on(ADD, 1, DropMode::BeforeWrite);
    account.apply_ok(&["--auto-approve"]);
    assert_eq!(account.emulator.state().materials.len(), 1);
    assert_eq!(calls(&account, ADD), 2);
}

#[test]
fn a_file_changed_since_the_saved_plan_is_never_uploaded() {
    let account = account_with(PNG);
    let saved = account.output(&["plan", "--out", "plan.json"]);
    assert_eq!(code(&saved), 0, "{}", stderr(&saved));
    let document = std::fs::read_to_string(account.path("plan.json")).unwrap();
    assert!(
        document.contains("\"op\": \"upload_material\""),
        "{document}"
    );
    write_image(&account, PNG_V2);
    let output = account.apply(&["--plan", "plan.json", "--auto-approve"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_eq!(calls(&account, ADD), 0);
    assert!(account.emulator.state().materials.is_empty());
}

#[test]
fn a_configuration_without_media_files_reads_no_material() {
    let account = account_with(PNG);
    account.write_config(&YAML.replace("media_file: assets/prices.png", "media_id: M1"));
    account.output(&["plan"]);
    assert_eq!(calls(&account, LIST), 0);
}

#[test]
fn an_upload_past_the_days_quota_is_refused_before_any_write() {
    let account = account_with(PNG);
    account.emulator.spend_quota(ADD, 10_000);
    let plan = account.run(&["plan"]);
    assert_eq!(plan.code, Some(1), "{}", plan.stderr);
    assert!(
        plan.stderr
            .contains("material/add_material would run out half-way"),
        "{}",
        plan.stderr
    );
    let apply = account.run(&["apply", "--auto-approve"]);
    assert_eq!(apply.code, Some(1), "{}", apply.stderr);
    assert_eq!(calls(&account, ADD), 0, "no upload was tried");
    assert!(account.emulator.state().menu.is_none(), "no menu was sent");
}

/// The preview of the account: the page, and its summary line.
fn preview(account: &crate::support::account::Account) -> String {
    let run = account.run(&["preview", "--out", "preview.html"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    std::fs::read_to_string(account.path("preview.html")).unwrap()
}

#[test]
fn the_preview_draws_an_uploaded_image_as_its_material_and_a_new_one_by_its_file() {
    let account = account_with(PNG);
    let before = preview(&account);
    assert!(before.contains("A new default menu."), "{before}");
    assert!(before.contains("image assets/prices.png"), "{before}");
    account.apply_ok(&["--auto-approve"]);
    let after = preview(&account);
    assert!(
        after.contains("the menu changes for none of them"),
        "{after}"
    );
    // Another button changes: the image's button, found uploaded, does not.
    account.write_config(&super::YAML.replace("今日", "今天"));
    let renamed = preview(&account);
    assert!(renamed.contains("Renamed “今日” to “今天”."), "{renamed}");
    assert!(!renamed.contains("Changed what “价目表” does"), "{renamed}");
    account.write_config(super::YAML);
    let media_id = menu_media_id(&account).unwrap();
    write_image(&account, PNG_V2);
    let changed = preview(&account);
    assert!(
        changed.contains(&format!(
            "Changed what “价目表” does: media {media_id} before, image assets/prices.png after."
        )),
        "{changed}"
    );
    assert_eq!(calls(&account, ADD), 1, "the preview uploads nothing");
}
