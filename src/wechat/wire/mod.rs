//! Typed request and response bodies of every endpoint wxform calls, as WeChat sends and takes
//! them. Reading is lenient (see [`de`]); normalising into [`crate::model`] happens in
//! [`super::normalise`].

pub mod de;
pub mod material;
pub mod menu;
pub mod quota;
pub mod subscribe_template;
pub mod tags;
pub mod template;
pub mod token;
