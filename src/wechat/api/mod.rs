//! The endpoints as typed methods on [`super::Client`], one file per API group.

pub mod menu;
mod subscribe;
mod tags;
mod template;
