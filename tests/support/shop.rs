//! The emulated shop account that `examples/shop.yaml` describes, shared by the plan tests and
//! the plan latency benchmark.

use super::emulator::State;
use tempfile::TempDir;

/// The example configuration the quick start, most plan tests and the apply tests use; its
/// library ids match the emulator's template library.
pub const SHOP_YAML: &str = include_str!("../../examples/shop.yaml");

/// A temporary working directory holding `examples/shop.yaml` as `wxform.yaml`.
pub fn shop_dir() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), SHOP_YAML).unwrap();
    dir
}

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
            { "template_id": "bYkpTZ3r6cT0jbLJv1JmfHn9bS_7a0V2oC2QWmWJxYU", "title": "发货提醒",
              "content": "订单编号:{{character_string1.DATA}}\n快递公司:{{thing2.DATA}}\n快递单号:{{character_string3.DATA}}",
              "example": "", "industry": 1 }
        ],
        "users": [
            { "openid": "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "tag_ids": [101, 100], "client_platform_type": "1" }
        ],
        "subscribe_templates": [
            { "priTmplId": "9Aw5ZV1j9xdWTFEkqCpZ7jWySL7aGN6rQom4gXINfJs", "title": "订单发货通知",
              "content": "商品名称:{{thing1.DATA}}\n快递公司:{{thing2.DATA}}\n快递单号:{{character_string3.DATA}}\n",
              "example": "", "type": 2 }
        ]
    });
    serde_json::from_value(state).expect("a valid State")
}
