//! A third-party platform's authorizer token used from a machine that is not on the platform's
//! IP whitelist: WeChat accepts the token and refuses each call (61004). That is no rejected
//! token: the command is not run again, and the error is the whitelist's, naming the IP.

use super::{Service, assert_no_token_endpoint, run, shop_yaml};
use crate::support::account::Account;
use crate::support::emulator::{Emulator, EmulatorOptions, WhitelistKind};
use crate::support::shop::shop_state;

const PLATFORM: &str =
    "which is not on the IP whitelist of the third-party platform that issued the access token";

/// The shop, on an emulator refusing 203.0.113.99 by the platform's whitelist, its token from
/// the platform's token service.
fn off_the_whitelist() -> (Account, Service, String) {
    let options = EmulatorOptions::whitelist_refusing("203.0.113.99", WhitelistKind::ThirdParty);
    let account = Account::on(Emulator::start_with(options), shop_state(), &shop_yaml());
    let service = Service::printing(account.dir());
    let token = account.emulator.issue_token();
    service.hand_out(&[&token]);
    (account, service, token)
}

#[test]
fn plan_with_an_authorizer_token_off_the_platform_s_whitelist_names_the_ip_and_runs_the_command_once()
 {
    let (account, service, token) = off_the_whitelist();
    let planned = run(&account, &["plan"], &[]);
    assert_eq!(planned.code, Some(1));
    assert_eq!(planned.stdout, "");
    assert!(
        planned.stderr.contains("WeChat error 61004"),
        "{}",
        planned.stderr
    );
    assert!(
        planned.stderr.contains(&format!(
            "WeChat saw this machine's IP as 203.0.113.99, {PLATFORM}"
        )),
        "{}",
        planned.stderr
    );
    assert!(
        !planned.stderr.contains("account.token_command"),
        "{}",
        planned.stderr
    );
    assert_eq!(service.runs().len(), 1, "a refused IP is no refused token");
    assert_no_token_endpoint(&account.emulator);
    assert!(!planned.stderr.contains(&token));
}

#[test]
fn doctor_accepts_the_authorizer_token_and_fails_the_ip_whitelist() {
    let (account, service, token) = off_the_whitelist();
    let doctor = run(&account, &["doctor"], &[]);
    assert_eq!(doctor.code, Some(1));
    crate::doctor::snapshot!("doctor_token_command_61004", &doctor.stdout);
    assert!(
        doctor.stdout.contains(
            "ok   access token        printed by account.token_command, lifetime unknown"
        ),
        "{}",
        doctor.stdout
    );
    assert!(
        doctor.stdout.contains(&format!(
            "FAIL IP whitelist        WeChat saw this machine's IP as 203.0.113.99, {PLATFORM}\n"
        )),
        "{}",
        doctor.stdout
    );
    assert!(
        doctor.stdout.contains("add it to the platform's 白名单IP"),
        "{}",
        doctor.stdout
    );
    assert_eq!(service.runs().len(), 1);
    assert!(!doctor.stdout.contains(&token) && !doctor.stderr.contains(&token));
}
