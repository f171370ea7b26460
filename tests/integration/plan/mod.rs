//! `wxform plan`, `export` and `outputs` through the binary against the emulator: export → plan
//! round trips, full-output snapshots of every format, the request log of a plan (read-only,
//! one request per endpoint, unmanaged sections never read), flags and the quick start.

mod commands;
mod quickstart;
mod roundtrip;
mod snapshots;

use crate::support::emulator::{Emulator, State};
use crate::validate::{Run, run_in};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The example configuration the quick start and most tests plan.
pub const SHOP_YAML: &str = include_str!("../../../examples/shop.yaml");

/// A live account that matches `examples/shop.yaml` exactly.
pub fn shop_state() -> State {
    let state = serde_json::json!({
        "menu": {
            "source": "api",
            "menuid": 408000001,
            "button": [
                { "type": "click", "name": "新品上架", "key": "NEW_ARRIVALS" },
                { "name": "商城", "sub_button": [
                    { "type": "view", "name": "官方商城", "url": "https://shop.example.com/" },
                    { "type": "miniprogram", "name": "小程序商城", "url": "https://shop.example.com/fallback",
                      "appid": "wx286b93c14bbf93aa", "pagepath": "pages/index/index" },
                    { "type": "view", "name": "我的订单", "url": "https://shop.example.com/orders" }
                ]},
                { "name": "服务", "sub_button": [
                    { "type": "click", "name": "联系客服", "key": "CONTACT_SERVICE" },
                    { "type": "scancode_push", "name": "扫码查价", "key": "SCAN_PRICE" },
                    { "type": "location_select", "name": "门店位置", "key": "STORE_LOCATION" }
                ]}
            ]
        },
        "conditional_menus": [
            { "menuid": 408000002,
              "matchrule": { "tag_id": "100", "client_platform_type": "1" },
              "button": [
                { "type": "view", "name": "会员专区", "url": "https://vip.example.com/" },
                { "type": "click", "name": "积分兑换", "key": "VIP_POINTS" }
              ]},
            { "menuid": 408000003,
              "matchrule": { "client_platform_type": "2" },
              "button": [
                { "type": "click", "name": "新品上架", "key": "NEW_ARRIVALS" },
                { "type": "view", "name": "下载App", "url": "https://shop.example.com/app/android" }
              ]}
        ],
        "tags": [
            { "id": 100, "name": "VIP", "count": 1520 },
            { "id": 101, "name": "内测用户", "count": 37 },
            { "id": 102, "name": "老客户", "count": 8841 }
        ],
        "industry": { "primary": 1, "secondary": 31 },
        "templates": [
            { "template_id": "Doclyl5uP7Aciu-qZ7mJNPtWkbkYnWBWVja26EGbNyk", "title": "订单支付成功",
              "content": "{{first.DATA}}\n订单号:{{keyword1.DATA}}\n支付金额:{{keyword2.DATA}}\n{{remark.DATA}}",
              "example": "", "industry": 1 },
            { "template_id": "bYkpTZ3r6cT0jbLJv1JmfHn9bS_7a0V2oC2QWmWJxYU", "title": "订单发货通知",
              "content": "订单编号:{{character_string1.DATA}}\n快递公司:{{thing2.DATA}}\n快递单号:{{character_string3.DATA}}",
              "example": "", "industry": 1 }
        ],
        "subscribe_templates": [
            { "priTmplId": "9Aw5ZV1j9xdWTFEkqCpZ7jWySL7aGN6rQom4gXINfJs", "title": "订单配送通知",
              "content": "订单号:{{character_string1.DATA}}\n配送状态:{{phrase2.DATA}}\n预计送达:{{time3.DATA}}\n",
              "example": "", "type": 2 }
        ]
    });
    serde_json::from_value(state).expect("a valid State")
}

/// An emulated account and a working directory holding `wxform.yaml` and the token cache.
pub struct Account {
    pub emulator: Emulator,
    pub dir: TempDir,
}

impl Account {
    /// The account of [`shop_state`], configured with `examples/shop.yaml`.
    pub fn shop() -> Account {
        Account::new(shop_state(), SHOP_YAML)
    }

    pub fn new(state: State, yaml: &str) -> Account {
        let emulator = Emulator::start();
        emulator.seed(state);
        let account = Account {
            emulator,
            dir: tempfile::tempdir().unwrap(),
        };
        account.write_config(yaml);
        account
    }

    pub fn write_config(&self, yaml: &str) {
        std::fs::write(self.path("wxform.yaml"), yaml).unwrap();
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `wxform args` in the working directory with the account's credentials.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    pub fn run_with(&self, args: &[&str], extra: &[(&str, &str)]) -> Run {
        let base = self.emulator.base_url();
        let cache = self.path("cache");
        let mut env = vec![
            ("WXFORM_API_BASE", base.as_str()),
            ("WECHAT_APPID", self.emulator.appid()),
            ("WECHAT_APPSECRET", self.emulator.secret()),
            ("WXFORM_CACHE_DIR", cache.to_str().unwrap()),
        ];
        env.extend_from_slice(extra);
        run_in(self.dir.path(), args, &env)
    }

    /// Planning (or exporting) wrote nothing to the account.
    pub fn assert_read_only(&self) {
        let writes = self.emulator.mutating_requests();
        assert!(writes.is_empty(), "unexpected writes: {writes:#?}");
    }

    /// Requests per path since the last [`Emulator::clear_requests`].
    pub fn counts(&self) -> BTreeMap<String, usize> {
        self.emulator.counts_by_path()
    }
}

/// Every read endpoint of a full plan, each called once.
pub const ALL_READS: [&str; 6] = [
    "/cgi-bin/get_current_selfmenu_info",
    "/cgi-bin/menu/get",
    "/cgi-bin/tags/get",
    "/cgi-bin/template/get_all_private_template",
    "/cgi-bin/template/get_industry",
    "/wxaapi/newtmpl/gettemplate",
];

/// `reads`, each once, after one `stable_token` (a cold cache).
pub fn once_each(reads: &[&str]) -> BTreeMap<String, usize> {
    reads
        .iter()
        .chain(["/cgi-bin/stable_token"].iter())
        .map(|path| (path.to_string(), 1))
        .collect()
}

/// `text` with `from` replaced by `to`, which must occur.
pub fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in the text");
    text.replacen(from, to, 1)
}

/// The machine-dependent parts of an output: ports, temporary paths, fingerprints.
pub fn filters(dir: &Path) -> Vec<(String, String)> {
    vec![
        (regex_escape(&dir.display().to_string()), "[DIR]".into()),
        (r"127\.0\.0\.1:\d+".into(), "127.0.0.1:[PORT]".into()),
        (r"sha256:[0-9a-f]{64}".into(), "sha256:[FINGERPRINT]".into()),
    ]
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// A run as one text for a snapshot: exit code, stdout, stderr.
pub fn transcript(run: &Run) -> String {
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    )
}
