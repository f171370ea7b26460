//! Settings read from the environment are taken within bounds: an absurd number is never a
//! crash.

use super::{against, output};
use crate::support::emulator::Emulator;
use crate::support::run::all_text;
use crate::support::shop::shop_dir;

#[test]
fn an_absurd_request_time_limit_is_capped() {
    let emulator = Emulator::start();
    let dir = shop_dir();
    for secs in ["18446744073709551615", "99999999999999999"] {
        let out = output(
            against(&emulator, dir.path())
                .env("WXFORM_TIMEOUT_SECS", secs)
                .arg("plan"),
        );
        let text = all_text(&out);
        assert!(!text.contains("panicked"), "{secs}: {text}");
        assert_eq!(out.status.code(), Some(0), "{secs}: {text}");
    }
}
