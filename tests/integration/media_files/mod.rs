//! Images from the repository (`media_file:`) against the emulator: `validate` refuses what is
//! not an image WeChat takes; `plan` shows the upload before the menu; `apply` uploads it once
//! and sends its id; the next plan finds it by name and shows no change; a changed image is
//! uploaded again; an unanswered upload is found by re-reading, never made twice; the listing
//! is read within its bound; a file changed since a saved plan is refused.

use crate::support::account::Account;

mod apply;
mod listing;
mod validate;

/// A tiny image of each kind WeChat takes: the signature is what counts.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-prices-v1";
const PNG_V2: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-prices-v2";

/// A menu whose second button sends the image in `assets/prices.png`.
const YAML: &str = "version: 1
menu:
  button:
    - { type: click, name: 今日, key: TODAY }
    - { type: media_id, name: 价目表, media_file: assets/prices.png }
";

/// The name wxform uploads `bytes` (a PNG) under.
fn upload_name(bytes: &[u8]) -> String {
    wxform::media::upload_name(
        &wxform::media::sha256_hex(bytes),
        wxform::media::ImageKind::Png,
    )
}

/// An empty account whose configuration is [`YAML`], with `bytes` as the image.
fn account_with(bytes: &[u8]) -> Account {
    let account = Account::empty();
    account.write_config(YAML);
    write_image(&account, bytes);
    account
}

fn write_image(account: &Account, bytes: &[u8]) {
    std::fs::create_dir_all(account.path("assets")).unwrap();
    std::fs::write(account.path("assets/prices.png"), bytes).unwrap();
}

/// The media_id the live default menu's second button sends.
fn menu_media_id(account: &Account) -> Option<String> {
    let state = account.emulator.state();
    state.menu?.button.get(1)?.media_id.clone()
}

/// How many requests went to `path`.
fn calls(account: &Account, path: &str) -> usize {
    account.emulator.request_count(path)
}

const ADD: &str = "/cgi-bin/material/add_material";
const LIST: &str = "/cgi-bin/material/batchget_material";
