//! The account's own server (服务器配置): what WeChat pushes to it for every tap of an event
//! button, a follow and a message, and whether it answers as WeChat needs (wechat-api §11).
//! A client of its own, beside `wechat/`, which never learns of it: `crypto` signs and
//! encrypts as WeChat does. `wxform test` runs it; `render` shows what it found.

pub mod config;
pub mod crypto;
pub mod events;
pub mod exchange;
pub mod judge;
pub mod push;
pub mod reply;
pub mod report;
pub mod run;
pub mod settings;
pub mod xml;
