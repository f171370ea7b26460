//! `wxform export`: the live account as a configuration, to bootstrap a repository.
//!
//! [`live_to_desired`] builds the configuration the account already satisfies (so planning it
//! against the same account shows no changes); [`live_to_config_yaml`] writes it as commented
//! YAML, with names generated for conditional menus and templates.

mod commented_yaml;
mod desired_from_live;

pub use commented_yaml::{SCHEMA_URL, config_yaml, live_to_config_yaml};
pub use desired_from_live::{
    conditional_menu_names, live_to_desired, repeated_templates, repeats, shadowed_by, slug,
    template_names,
};

#[cfg(test)]
mod tests;
