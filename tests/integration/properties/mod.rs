//! Property tests: the loader and the response decoders never panic on hostile input, and a
//! plan against an account that already matches is empty. 256 cases each by default; set
//! `PROPTEST_CASES=100000` for a long run (see "wxform in CI" in README.md).

mod loader;
mod roundtrip;
mod wire;
