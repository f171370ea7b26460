//! WeChat's limits reach the user as explained errors, and non-idempotent adds really do
//! duplicate (which is why ambiguous writes are never retried).

use crate::client::support::{click, client, set_it_industry};
use crate::support::emulator::{Emulator, EmulatorOptions};
use wxform::model::Menu;

#[test]
fn adding_the_same_template_twice_makes_two() {
    let emulator = Emulator::start();
    let client = client(&emulator);
    set_it_industry(&client);
    let first = client.add_template("TM00015", &[]).unwrap();
    let second = client.add_template("TM00015", &[]).unwrap();
    assert_ne!(first, second);
    assert_eq!(client.templates().unwrap().len(), 2);
}

#[test]
fn template_caps_are_explained() {
    let options = EmulatorOptions {
        template_cap: 1,
        subscribe_cap: 1,
        ..EmulatorOptions::default()
    };
    let emulator = Emulator::start_with(options);
    let client = client(&emulator);
    set_it_industry(&client);
    client.add_template("TM00015", &[]).unwrap();
    let err = client.add_template("OPENTM405456204", &[]).unwrap_err();
    assert_eq!(err.errcode(), Some(45026));
    assert!(
        err.to_string().contains("delete unused ones first"),
        "{err}"
    );
    client.subscribe_add(99, &[1, 2], None).unwrap();
    let err = client.subscribe_add(401, &[1, 2], None).unwrap_err();
    assert_eq!(err.errcode(), Some(200012));
}

#[test]
fn menu_validation_errors_are_explained() {
    let emulator = Emulator::start();
    let client = client(&emulator);
    let four = Menu {
        button: vec![
            click("a", "A"),
            click("b", "B"),
            click("c", "C"),
            click("d", "D"),
        ],
    };
    let err = client.menu_create(&four).unwrap_err();
    assert_eq!(err.errcode(), Some(40016));
    assert!(
        err.to_string().contains("1 to 3 top-level buttons"),
        "{err}"
    );
    let long = Menu {
        button: vec![click("今日歌曲推荐", "A")],
    };
    let err = client.menu_create(&long).unwrap_err();
    assert_eq!(err.errcode(), Some(40018));
    assert!(err.to_string().contains("at most 16 bytes"), "{err}");
    assert!(emulator.state().menu.is_none());
}
