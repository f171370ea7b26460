//! Subscribe-notification templates.

use super::wire::Answer;
use super::world::{Request, World};

pub fn categories(_world: &mut World, _request: &Request) -> Answer {
    Err(48001.into())
}
pub fn titles(_world: &mut World, _request: &Request) -> Answer {
    Err(48001.into())
}
pub fn keywords(_world: &mut World, _request: &Request) -> Answer {
    Err(48001.into())
}
pub fn add(_world: &mut World, _request: &Request) -> Answer {
    Err(48001.into())
}
pub fn list(_world: &mut World, _request: &Request) -> Answer {
    Err(48001.into())
}
pub fn delete(_world: &mut World, _request: &Request) -> Answer {
    Err(48001.into())
}
