//! `wxform export`: the live account as a configuration, to bootstrap a repository.
//!
//! The promise: what export writes validates and plans no change against the account it came
//! from. [`live_to_desired`] builds the configuration the account already satisfies, with
//! generated names; `left_out` takes out of it what a configuration cannot express (a menu made
//! in the web console, console-only buttons, retired matchrules, whatever WeChat holds that
//! `validate` refuses), saying why; `commented_yaml` writes the commented YAML; and `verify`
//! loads what was written and plans it against the account, so that a case nobody foresaw is an
//! error naming what would change, never a file that breaks the promise.

mod commented_yaml;
mod desired_from_live;
mod left_out;
mod verify;

pub use commented_yaml::SCHEMA_URL;
pub use desired_from_live::{
    conditional_menu_names, live_to_desired, repeated_templates, repeats, slug, template_names,
};
pub use verify::Unexportable;

use crate::model::{Desired, DesiredConditionalMenu, Live, Menu};
use crate::wechat::Sections;

/// What the export leaves out: for each menu section the reasons (empty when it is written)
/// and what it would have written, and the tags and templates left out of their items. Texts
/// are as the account has them: the renderer makes them inert.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub menu: Vec<String>,
    pub removed_menu: Option<Menu>,
    pub conditional_menus: Vec<String>,
    pub removed_conditional_menus: Option<Vec<DesiredConditionalMenu>>,
    pub items: Vec<LeftOutItem>,
}

/// A tag, template or subscribe template the export does not list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOutItem {
    /// `tags`, `templates` or `subscribe_templates`.
    pub section: &'static str,
    pub name: String,
    pub why: String,
}

/// The configuration file `export` writes for `live`, of which only the `read` sections could
/// be read (a section that could not be read is left out, and so is not managed); an error
/// naming what would change when no file can keep the promise.
pub fn config_yaml(live: &Live, read: Sections) -> Result<String, Unexportable> {
    let mut desired = readable_desired(live, read);
    let left_out = left_out::leave_out(&mut desired, live);
    let yaml = commented_yaml::render(&desired, live, &left_out);
    // In the canonical form `wxform fmt` keeps, so that a file starts formatted.
    let yaml = crate::fmt::format("the exported configuration", &yaml).unwrap_or(yaml);
    verify::verify(&yaml, live)?;
    Ok(yaml)
}

/// [`config_yaml`] of every section.
pub fn live_to_config_yaml(live: &Live) -> Result<String, Unexportable> {
    config_yaml(live, Sections::all())
}

/// The desired state the live account describes, without the sections that were not `read`.
fn readable_desired(live: &Live, read: Sections) -> Desired {
    let mut desired = live_to_desired(live);
    if !read.templates {
        desired.templates = None;
    } else if let (false, Some(templates)) = (read.industry, desired.templates.as_mut()) {
        templates.industry = None;
    }
    if !read.subscribe_templates {
        desired.subscribe_templates = None;
    }
    desired
}

#[cfg(test)]
mod tests;
