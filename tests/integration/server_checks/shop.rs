//! `examples/shop.yaml`'s `server:` section and reply checks, run as shipped against the
//! harness's server in safe mode: a server answering as the shop's should passes every push
//! and check, one that forgets a key fails its check; without the URL the example's
//! `wxform test` skips the server in one line.

use super::timeless;
use crate::support::account_server::{
    AccountServer, Behaviour, ENCODING_AES_KEY, Mode, Setup, TOKEN,
};
use crate::support::run::{Run, run_in};
use crate::support::shop::shop_dir;

fn shop_test(server: &AccountServer) -> Run {
    let dir = shop_dir();
    let url = server.url();
    let env = [
        ("WECHAT_SERVER_URL", url.as_str()),
        ("WECHAT_SERVER_TOKEN", TOKEN),
        ("WECHAT_ENCODING_AES_KEY", ENCODING_AES_KEY),
    ];
    run_in(dir.path(), &["test"], &env)
}

/// The shop's server as it should answer.
fn shop_server() -> Setup {
    Setup::new(Mode::Safe)
        .answer(
            "CONTACT_SERVICE",
            Behaviour::Text("客服在线: 9:00-18:00".into()),
        )
        .answer("subscribe", Behaviour::News(1))
        .answer("帮助", Behaviour::Text("请拨打客服电话".into()))
}

#[test]
fn the_shop_example_passes_against_a_server_that_answers_as_it_should() {
    let server = AccountServer::start(shop_server());
    let run = shop_test(&server);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let server_part = timeless(&run.stdout);
    let server_part = &server_part[server_part.find("server http").unwrap()..];
    assert_eq!(
        server_part,
        format!(
            "server {} (safe mode, as follower o6_bmjrPTlm6_2sgVt7hMZOPfL2M)\n\
             pass  URL handshake: the echostr came back\n\
             pass  click NEW_ARRIVALS (menu: 新品上架; android: 新品上架): no reply\n\
             pass  view https://shop.example.com/ (menu: 商城/官方商城): no reply\n\
             pass  view_miniprogram pages/index/index (menu: 商城/小程序商城): no reply\n\
             pass  view https://shop.example.com/orders (menu: 商城/我的订单): no reply\n\
             pass  click CONTACT_SERVICE (menu: 服务/联系客服): text \"客服在线: 9:00-18:00\"\n\
             pass  scancode_push SCAN_PRICE (menu: 服务/扫码查价): no reply\n\
             pass  location_select STORE_LOCATION (menu: 服务/门店位置): no reply\n\
             pass  view https://vip.example.com/ (vip-ios: 会员专区): no reply\n\
             pass  click VIP_POINTS (vip-ios: 积分兑换): no reply\n\
             pass  view https://shop.example.com/app/android (android: 下载App): no reply\n\
             pass  follow (subscribe): news (1) \"文章1\"\n\
             pass  message \"帮助\": text \"请拨打客服电话\"\n\
             pass  reply check: 联系客服 answers in words\n\
             pass  reply check: the price scanner stays quiet\n\
             pass  reply check: new followers are welcomed\n\
             pass  reply check: 帮助 is answered\n\
             \n\
             server: 17 passed, 0 failed, 0 warned",
            server.url()
        )
    );
    assert!(
        server
            .pushes()
            .iter()
            .all(|push| push.msg_signature_ok == Some(true))
    );
}

#[test]
fn the_shop_example_fails_when_the_server_forgets_a_key() {
    let server =
        AccountServer::start(shop_server().answer("SCAN_PRICE", Behaviour::Text("12 元".into())));
    let run = shop_test(&server);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("FAIL  reply check: the price scanner stays quiet: expected no reply, got text \"12 元\"\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn without_its_url_the_shop_example_skips_the_server_in_one_line() {
    let dir = shop_dir();
    let run = run_in(dir.path(), &["test"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let skipped: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.contains("server"))
        .collect();
    assert_eq!(
        skipped,
        [
            "skip  server checks: WECHAT_SERVER_URL is not set: give --server-url URL, or set WECHAT_SERVER_URL to the server's URL"
        ]
    );
}
