//! Property tests: the loader and the response decoders never panic on hostile input, a plan
//! against an account that already matches is empty, and applying a plan against the emulator
//! leaves an account the configuration plans no change against, and any single-field edit of a
//! saved plan is refused or changes nothing. 256 cases each by default (24 for `converge`, which
//! runs an emulator per case, and 32 per plan for `saved_plans`, which runs the binary per case);
//! set `PROPTEST_CASES=100000` for a long run (see docs/ci.md).

mod converge;
mod export;
mod fmt;
mod loader;
mod messy_yaml;
mod roundtrip;
mod saved_plans;
mod wire;

/// Button and menu names the generators pick from: CJK, ASCII, spaces, markup characters.
const NAMES: &[&str] = &[
    "今日歌曲",
    "官网",
    "Shop",
    "会员",
    "a",
    "服务 2",
    "订单",
    "帮助&<",
];
/// Tag names the generators pick from.
const TAGS: &[&str] = &["VIP", "内测用户", "老用户", "beta", "广东", "星星"];
