//! The planner: a pure function of (desired, live) → [`Plan`], and the saved-plan file.

/// The actions that would make the live account match the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {}
