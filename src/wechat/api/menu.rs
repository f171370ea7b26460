//! Custom-menu endpoints as typed methods.

use crate::model::{Button, Menu};
use crate::wechat::endpoint::{
    MENU_ADD_CONDITIONAL, MENU_CREATE, MENU_DEL_CONDITIONAL, MENU_DELETE, MENU_GET, MENU_TRYMATCH,
    SELFMENU_INFO,
};
use crate::wechat::normalise::menu::{buttons, buttons_out};
use crate::wechat::wire::menu::{
    AddConditionalRequest, AddConditionalResponse, DelConditionalRequest, MatchRuleOut,
    MenuCreateRequest, MenuGetResponse, SelfMenuInfoResponse, TryMatchRequest, TryMatchResponse,
};
use crate::wechat::{Client, WechatError};
use serde::de::IgnoredAny;

/// errcode of `menu/get` when the account has no API-made menu.
pub const MENU_NO_EXIST: i64 = 46003;

impl Client {
    /// `menu/create`: replaces the default menu.
    pub fn menu_create(&self, menu: &Menu) -> Result<(), WechatError> {
        let body = MenuCreateRequest {
            button: buttons_out(&menu.button),
        };
        self.post::<IgnoredAny, _>(&MENU_CREATE, &body).map(drop)
    }

    /// `menu/delete`: deletes the default menu and every conditional menu.
    pub fn menu_delete(&self) -> Result<(), WechatError> {
        self.get::<IgnoredAny>(&MENU_DELETE, &[]).map(drop)
    }

    /// `menu/get`; `None` when the account has no API-made menu (46003).
    pub fn menu_get(&self) -> Result<Option<MenuGetResponse>, WechatError> {
        match self.get(&MENU_GET, &[]) {
            Ok(menu) => Ok(Some(menu)),
            Err(err) if err.errcode() == Some(MENU_NO_EXIST) => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// `get_current_selfmenu_info`: the menu in force, API- or console-made.
    pub fn selfmenu_info(&self) -> Result<SelfMenuInfoResponse, WechatError> {
        self.get(&SELFMENU_INFO, &[])
    }

    /// `menu/addconditional`; the new menuid. Not idempotent: after
    /// [`WechatError::OutcomeUnknown`] re-read before adding again.
    pub fn add_conditional(
        &self,
        button: &[Button],
        matchrule: &MatchRuleOut,
    ) -> Result<u64, WechatError> {
        let body = AddConditionalRequest {
            button: buttons_out(button),
            matchrule: matchrule.clone(),
        };
        let answer: AddConditionalResponse = self.post(&MENU_ADD_CONDITIONAL, &body)?;
        Ok(answer.menuid)
    }

    /// `menu/delconditional` (menuid sent as a string, as documented).
    pub fn del_conditional(&self, menuid: u64) -> Result<(), WechatError> {
        let body = DelConditionalRequest {
            menuid: menuid.to_string(),
        };
        self.post::<IgnoredAny, _>(&MENU_DEL_CONDITIONAL, &body)
            .map(drop)
    }

    /// `menu/trymatch`: the menu `user_id` (OpenID or WeChat ID) would see, normalised.
    pub fn trymatch(&self, user_id: &str) -> Result<Vec<Button>, WechatError> {
        let body = TryMatchRequest {
            user_id: user_id.to_string(),
        };
        let answer: TryMatchResponse = self.post(&MENU_TRYMATCH, &body)?;
        Ok(buttons(answer.button))
    }
}
