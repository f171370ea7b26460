//! The configuration file: YAML → checked raw structs → validated [`crate::model::Desired`].
