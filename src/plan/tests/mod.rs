//! Planner tests over hand-built states: one file per resource kind.

mod conditional;
mod converge;
mod menu;
mod tags;
mod templates;
