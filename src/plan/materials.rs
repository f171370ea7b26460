//! Images a button names by file (`media_file:`): each becomes the id of its upload.
//!
//! An upload is found in the account's listing by its name, which carries the content's hash
//! ([`crate::media::upload_name`]): found, the button gets that material's `media_id`, and a
//! menu that already sends it is no change; not found, the plan uploads the image first
//! (`material["assets/prices.png"]`, its own action before the menus) and the menu's step keeps
//! the file, to be given the new id when `apply` has it. Materials are never deleted: an image
//! another menu or article uses stays, and a changed image is a new upload.

use super::Plan;
use super::action::{Action, ActionKind, MaterialView, Resource, Step};
use crate::model::{Button, Desired, Live, MediaFile};
use std::borrow::Cow;

/// Plans the uploads `desired`'s media files need; returns `desired` with every button whose
/// upload was found given its `media_id`.
pub(crate) fn plan_materials<'d>(
    desired: &'d Desired,
    live: &Live,
    plan: &mut Plan,
) -> Cow<'d, Desired> {
    let (resolved, missing) = resolve(desired, live);
    if !missing.is_empty() {
        note_unknown(live, plan);
    }
    for file in missing {
        plan.actions.push(upload(file));
    }
    resolved
}

/// `desired` with every button whose upload `live`'s listing holds given that `media_id`, and
/// the media files whose upload it does not hold (all of them without a listing).
pub fn resolve<'d>(desired: &'d Desired, live: &Live) -> (Cow<'d, Desired>, Vec<&'d MediaFile>) {
    if desired.media_files.is_empty() {
        return (Cow::Borrowed(desired), Vec::new());
    }
    let listing = live.materials.as_ref();
    let found =
        |file: &MediaFile| listing.and_then(|l| l.find(&file.upload_name()).map(str::to_string));
    let mut missing = Vec::new();
    let mut resolved = desired.clone();
    for file in &desired.media_files {
        match found(file) {
            Some(media_id) => give_id(&mut resolved, &file.path, &media_id),
            None => missing.push(file),
        }
    }
    (Cow::Owned(resolved), missing)
}

/// What the plan cannot know about uploads it did not find, said once.
fn note_unknown(live: &Live, plan: &mut Plan) {
    match &live.materials {
        None => plan.notes.push(
            "the live state holds no image listing, so whether the media files were uploaded before is unknown: apply reads the account's listing again and uploads only what it does not find"
                .to_string(),
        ),
        Some(listing) if !listing.complete() => plan.notes.push(format!(
            "the account holds {} images and wxform reads the first {} of them: an image not found among those is uploaded again (a second copy of the material, never a wrong menu)",
            listing.total, listing.listed
        )),
        Some(_) => {}
    }
}

/// The action that uploads `file`.
fn upload(file: &MediaFile) -> Action {
    let name = file.upload_name();
    Action {
        address: format!("material[{:?}]", file.path),
        kind: ActionKind::Create,
        before: None,
        after: Some(Resource::Material(MaterialView {
            file: file.path.clone(),
            size: file.size,
            sha256: format!("sha256:{}", file.sha256),
            name: name.clone(),
        })),
        warnings: Vec::new(),
        destructive: false,
        steps: vec![Step::UploadMaterial {
            file: file.path.clone(),
            name,
            sha256: file.sha256.clone(),
            size: file.size,
        }],
    }
}

/// Every button of `desired`'s menus that names `path` sends `media_id` instead.
fn give_id(desired: &mut Desired, path: &str, media_id: &str) {
    let menus = desired.menu.iter_mut().map(|menu| &mut menu.button);
    let conditional = desired.conditional_menus.iter_mut().flatten();
    for buttons in menus.chain(conditional.map(|menu| &mut menu.button)) {
        resolve_buttons(buttons, path, media_id);
    }
}

/// `buttons` (and their sub buttons) with each one naming `path` given `media_id`.
pub fn resolve_buttons(buttons: &mut [Button], path: &str, media_id: &str) {
    for button in buttons {
        if button.media_file.as_deref() == Some(path) {
            button.media_file = None;
            button.media_id = Some(media_id.to_string());
        }
        resolve_buttons(&mut button.sub_button, path, media_id);
    }
}
