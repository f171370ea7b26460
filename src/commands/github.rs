//! What wxform does differently under GitHub Actions: workflow annotations for diagnostics
//! (`GITHUB_ACTIONS=true`) and the plan on the run's page (`GITHUB_STEP_SUMMARY`).

use anyhow::{Context, Result};
use std::io::Write;

/// Whether the run is a GitHub Actions job, whose log turns `::error file=…` lines into
/// annotations.
pub(crate) fn annotations_wanted() -> bool {
    std::env::var_os("GITHUB_ACTIONS").is_some_and(|value| value == "true")
}

/// GitHub Actions shows `$GITHUB_STEP_SUMMARY` on the run's page.
pub(crate) fn append_step_summary(markdown: &str) -> Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| {
            format!(
                "cannot open GITHUB_STEP_SUMMARY ({})",
                path.to_string_lossy()
            )
        })?;
    file.write_all(crate::redact::scrub(markdown).as_bytes())?;
    Ok(())
}
