//! Property tests: the loader and the response decoders never panic on hostile input, a plan
//! against an account that already matches is empty, and applying a plan against the emulator
//! leaves an account the configuration plans no change against, and any single-field edit of a
//! saved plan is refused or changes nothing. 256 cases each by default (24 for `converge`, which
//! runs an emulator per case, and 32 per plan for `saved_plans`, which runs the binary per case);
//! set `PROPTEST_CASES=100000` for a long run (see docs/ci.md).

mod converge;
mod loader;
mod roundtrip;
mod saved_plans;
mod wire;
