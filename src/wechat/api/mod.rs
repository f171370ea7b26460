//! The endpoints as typed methods on [`super::Client`], one file per API group.

pub mod material;
pub mod menu;
mod quota;
mod subscribe_template;
mod tags;
mod template;
