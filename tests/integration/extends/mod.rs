//! One configuration, several accounts: account files that extend a shared configuration
//! (`extends:`, `vars:`), planned and applied against an emulated account each, their
//! diagnostics in the file where the text is, and the warning for two files that are one
//! account.

mod commands;
mod diagnostics;
mod plan_apply;
mod same_account;

use crate::multi_account::account;
use crate::support::account::{connect_to, retry_fast};
use crate::support::emulator::Emulator;
use crate::support::router::Router;
use crate::support::run::wxform;
use std::path::Path;
use std::process::{Command, Output};

pub const TEST_APPID: &str = "wx1111111111111111";
pub const PROD_APPID: &str = "wx2222222222222222";

/// The configuration the accounts share: the same menus, their links and the mini program
/// filled in per account.
pub const SHARED: &str = r#"version: 1
menu:
  button:
    - { name: 商城, type: view, url: "${shop_url}" }
    - name: 服务
      sub_button:
        - { name: 小程序, type: miniprogram, url: "${shop_url}m", appid: "${mini_appid}", pagepath: pages/index/index }
        - { name: 客服, type: click, key: SERVICE }
tags:
  items: [{ name: VIP }]
"#;

/// An account file for `prefix` (TEST, PROD) of account `appid`, with its shop host.
pub fn account_file(prefix: &str, appid: &str, host: &str) -> String {
    format!(
        "version: 1\nextends: ../wxform.yaml\naccount:\n  appid: {appid}\n  appid_env: {prefix}_APPID\n  secret_env: {prefix}_APPSECRET\nvars:\n  shop_url: https://{host}/\n  mini_appid: wx286b93c14bbf93aa\n"
    )
}

/// `files` written under a fresh folder.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), files);
    dir
}

pub fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The test account and production, each an emulator, behind one base URL; the shared file
/// and both account files in a folder.
pub struct Accounts {
    pub dir: tempfile::TempDir,
    pub test: Emulator,
    pub prod: Emulator,
    pub router: Router,
}

impl Accounts {
    pub fn new() -> Accounts {
        let dir = folder(&[
            ("wxform.yaml", SHARED),
            (
                "accounts/test.yaml",
                &account_file("TEST", TEST_APPID, "test.shop.example.com"),
            ),
            (
                "accounts/prod.yaml",
                &account_file("PROD", PROD_APPID, "shop.example.com"),
            ),
        ]);
        let test = account(TEST_APPID, "7e575ecret7e575ecret7e575ecret12", "旧测试");
        let prod = account(PROD_APPID, "9r0d5ecret9r0d5ecret9r0d5ecret12", "旧商城");
        let router = Router::start(&[(TEST_APPID, test.base_url()), (PROD_APPID, prod.base_url())]);
        Accounts {
            dir,
            test,
            prod,
            router,
        }
    }

    /// `wxform` in the folder, with both accounts' credentials under the variables their files
    /// name.
    pub fn command(&self) -> Command {
        let mut command = wxform();
        retry_fast(connect_to(
            &mut command,
            &self.router.base_url(),
            self.dir.path(),
        ))
        .env("TEST_APPID", self.test.appid())
        .env("TEST_APPSECRET", self.test.secret())
        .env("PROD_APPID", self.prod.appid())
        .env("PROD_APPSECRET", self.prod.secret());
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }
}
