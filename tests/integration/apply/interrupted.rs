//! A process killed midway: for every k, `apply` is killed (SIGKILL) while its (k+1)-th
//! mutating call hangs — made or not made — and every write it had under way besides hangs
//! unmade; a second `apply` converges without duplicates, making only the missing calls.

use super::{Account, SHOP_MUTATIONS, SHOP_YAML, both, code};
use crate::support::account::wait_for;
use crate::support::emulator::DropMode;

/// Kills `apply` once its (k+1)-th mutating request is held (its lanes make other writes at the
/// same time: those after it are held unmade), then re-runs it.
fn kill_after(k: usize, mode: DropMode) {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    account.emulator.hold_mutations(k, mode);
    let mut child = account.spawn_apply();
    wait_for(&mut child, &format!("k={k}: its call was held"), || {
        account.emulator.held() > 0
    });
    child.kill().unwrap();
    child.wait().unwrap();

    let made = k + usize::from(mode == DropMode::AfterWrite);
    assert_eq!(
        account.emulator.mutating_requests().len(),
        made,
        "k={k} {mode:?}: the killed run made exactly its calls"
    );
    account.emulator.clear_faults();
    account.emulator.clear_requests();
    let output = account.apply(&["--auto-approve"]);
    assert_eq!(code(&output), 0, "k={k} {mode:?}: {}", both(&output));
    assert_eq!(
        account.emulator.mutating_requests().len(),
        SHOP_MUTATIONS - made,
        "k={k} {mode:?}: the re-run makes only the missing calls"
    );
    account.assert_shop_without_duplicates();
}

#[test]
fn killed_before_its_next_call_is_made_a_rerun_converges() {
    for k in 0..SHOP_MUTATIONS {
        kill_after(k, DropMode::BeforeWrite);
    }
}

#[test]
fn killed_after_its_next_call_is_made_a_rerun_converges() {
    for k in 0..SHOP_MUTATIONS {
        kill_after(k, DropMode::AfterWrite);
    }
}
