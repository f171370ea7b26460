//! Wire → canonical model ([`crate::model`]), so that both read shapes of a menu and every
//! number-or-string quirk compare equal to what the YAML says.

pub mod industry;
pub mod menu;
pub mod template;
