//! The export's promise, checked on what it wrote: the file loads as a configuration without an
//! error, and its plan against the account it came from has nothing to do. The export is built
//! to keep the promise; this check turns a case nobody foresaw into an error that names what
//! would change, instead of a file that would change the account on its first `apply`.

use crate::config::{LoadError, load_str};
use crate::model::Live;
use crate::plan::plan;

/// Why `export` wrote nothing: the configuration it would write fails validation or plans
/// changes against the account. Texts are as found: callers print them inert.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the live account holds what a configuration cannot express without changing it: {}",
    problems.join("; ")
)]
pub struct Unexportable {
    pub problems: Vec<String>,
}

/// Whether `yaml` loads and plans no change against `live`.
pub fn verify(yaml: &str, live: &Live) -> Result<(), Unexportable> {
    let loaded = match load_str("exported.yaml", yaml) {
        Ok(loaded) => loaded,
        Err(LoadError::Invalid { diagnostics, .. }) => {
            let problems = diagnostics
                .into_iter()
                .filter(|diagnostic| diagnostic.is_error())
                .map(|diagnostic| match diagnostic.line_text(yaml) {
                    Some(line) => format!("{} (at `{}`)", diagnostic.message, line.trim()),
                    None => diagnostic.message,
                })
                .collect();
            return Err(Unexportable { problems });
        }
        Err(err) => {
            return Err(Unexportable {
                problems: vec![err.to_string()],
            });
        }
    };
    let planned = plan(&loaded.desired, live);
    let mut problems: Vec<String> = planned
        .actions
        .iter()
        .map(|action| format!("{} would be {}", action.address, action.kind.verb()))
        .collect();
    problems.extend(planned.errors.iter().cloned());
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Unexportable { problems })
    }
}
