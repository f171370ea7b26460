//! Template messages: industry, adding from the library, listing, deleting.

use super::wire::Answer;
use super::world::{Request, World};

pub fn set_industry(_world: &mut World, _request: &Request) -> Answer {
    Err(48001.into())
}
pub fn get_industry(_world: &mut World, _request: &Request) -> Answer {
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
