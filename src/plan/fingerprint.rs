//! Fingerprints: a SHA-256 of the canonical JSON of the live sections a configuration manages,
//! and of the desired state. A saved plan carries both; `apply --plan` recomputes them and
//! refuses the plan when either changed.

use crate::model::{Desired, Live, LiveMaterial, LiveMaterials, LiveTag};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// `sha256:<hex>` of the value's JSON. serde_json writes struct fields in declaration order and
/// maps in key order, so equal values always give equal bytes.
pub fn of<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_vec(value).expect("model types always serialise to JSON");
    let digest = Sha256::digest(&json);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256:{hex}")
}

/// The fingerprint of the desired state. Menu checks change nothing on the account, so
/// editing one does not make a saved plan stale.
pub fn desired(desired: &Desired) -> String {
    if desired.menu_checks.is_empty() {
        return of(desired);
    }
    of(&Desired {
        menu_checks: Vec::new(),
        ..desired.clone()
    })
}

/// The fingerprint of the live sections `desired` manages: a change to a section the
/// configuration ignores does not make a saved plan stale.
pub fn live(desired: &Desired, live: &Live) -> String {
    let menus = desired.menu.is_some() || desired.conditional_menus.is_some();
    // Conditional menus refer to tags, so tags matter to them too.
    let tags = desired.tags.is_some() || desired.conditional_menus.is_some();
    let templates = desired.templates.is_some();
    let subscribe = desired.subscribe_templates.is_some();
    let managed = Live {
        format_version: live.format_version,
        // When a snapshot was taken is not part of the account: a plan made from a snapshot
        // is the plan of the account it shows.
        exported_at: None,
        appid: live.appid.clone(),
        menu: if menus { live.menu.clone() } else { None },
        conditional_menus: if menus {
            sorted(&live.conditional_menus, |m| m.menuid)
        } else {
            Vec::new()
        },
        // Follower counts move all day and change no action, only a warning's number.
        tags: if tags {
            sorted(&live.tags, |t| t.id)
                .into_iter()
                .map(|tag| LiveTag { count: 0, ..tag })
                .collect()
        } else {
            Vec::new()
        },
        industry: if templates {
            live.industry.clone()
        } else {
            None
        },
        templates: if templates {
            live.templates.clone()
        } else {
            Vec::new()
        },
        subscribe_templates: if subscribe {
            live.subscribe_templates.clone()
        } else {
            Vec::new()
        },
        materials: materials(desired, live),
    };
    of(&managed)
}

/// What the listing showed of the configured images' uploads: other images come and go, and
/// the number of images grows, without changing the plan; whether the listing was read whole
/// does change it (an upload not found is, or may still be, missing).
fn materials(desired: &Desired, live: &Live) -> Option<LiveMaterials> {
    let listing = live
        .materials
        .as_ref()
        .filter(|_| !desired.media_files.is_empty())?;
    let names: Vec<String> = desired
        .media_files
        .iter()
        .map(|f| f.upload_name())
        .collect();
    let mut uploads: Vec<LiveMaterial> = listing
        .uploads
        .iter()
        .filter(|upload| names.contains(&upload.name))
        .cloned()
        .collect();
    uploads.sort_by(|a, b| (&a.name, &a.media_id).cmp(&(&b.name, &b.media_id)));
    let complete = u64::from(listing.complete());
    Some(LiveMaterials {
        total: 1,
        listed: complete,
        uploads,
    })
}

// Menus and tags are identified by id, so their listing order carries no meaning; template
// order does (the first of duplicate copies is the one kept).
fn sorted<T: Clone>(items: &[T], key: impl Fn(&T) -> u64) -> Vec<T> {
    let mut items = items.to_vec();
    items.sort_by_key(|item| key(item));
    items
}
