//! The listing is read within its bound: 100 pages of 20, 10 at a time; past it the plan says
//! it cannot tell, and uploads again.

use super::{ADD, LIST, PNG, account_with, calls, upload_name};
use crate::support::emulator::Material;
use crate::support::run::stdout;

/// Seeds `count` other images, with wxform's upload of [`PNG`] at position `at` (oldest
/// first), or none.
fn seed(account: &crate::support::account::Account, count: usize, at: Option<usize>) {
    account.emulator.update_state(|state| {
        for i in 0..count {
            if Some(i) == at {
                state
                    .materials
                    .push(Material::new("UPLOADED", &upload_name(PNG)));
            }
            state
                .materials
                .push(Material::new(&format!("M{i}"), &format!("photo-{i}.jpg")));
        }
    });
}

#[test]
fn an_upload_within_the_bound_is_found_on_a_large_account() {
    let account = account_with(PNG);
    // 1 500 images, the upload among the oldest: 76 pages, all read.
    seed(&account, 1_500, Some(3));
    let output = account.output(&["plan", "--color", "never"]);
    let text = stdout(&output);
    assert!(!text.contains("material["), "{text}");
    assert!(text.contains("media_id: UPLOADED"), "{text}");
    assert_eq!(calls(&account, LIST), 76);
}

#[test]
fn past_the_bound_the_plan_says_it_cannot_tell_and_uploads_again() {
    let account = account_with(PNG);
    // 2 500 images, the upload the oldest: past the 2 000 read (newest first).
    seed(&account, 2_500, Some(0));
    let output = account.output(&["plan", "--color", "never"]);
    let text = stdout(&output);
    assert_eq!(calls(&account, LIST), 100, "100 pages at most");
    assert!(text.contains("+ material[\"assets/prices.png\"]"), "{text}");
    assert!(
        text.contains("the account holds 2501 images and wxform reads the first 2000 of them"),
        "{text}"
    );
    account.apply_ok(&["--auto-approve"]);
    assert_eq!(calls(&account, ADD), 1, "a second copy, never a wrong menu");
}
