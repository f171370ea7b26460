//! Everything the user reads: plans (text, JSON, Markdown) and diagnostics. Renderers decide
//! nothing; they only format what they are given.

pub mod diagnostics;
