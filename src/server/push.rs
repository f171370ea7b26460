//! What WeChat pushes to the account's server (wechat-api §11.2): one push per distinct event
//! of the configured menus (a key two menus share is pushed once), the follow, and each text
//! message a reply check sends; each written as WeChat writes it, with plausible payloads
//! (a scanned code, a photo, a place).

use super::config::{ReplyCheck, Trigger};
use super::events::{self, Event};
use super::xml::{Field, document};
use crate::model::Desired;
use serde::Serialize;

/// What the follower did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "push", rename_all = "snake_case")]
pub enum Push {
    /// Tapped a button: its event and `EventKey`, and every place the button is (`menu:
    /// 服务/联系客服`).
    Tap {
        event: Event,
        event_key: String,
        buttons: Vec<String>,
    },
    /// Followed the account.
    Follow,
    /// Sent a text message.
    Message { text: String },
}

impl Push {
    /// Whether the follower sees the reply to this push.
    pub fn reply_shown(&self) -> bool {
        match self {
            Push::Tap { event, .. } => event.reply_shown(),
            Push::Follow | Push::Message { .. } => true,
        }
    }
}

/// The pushes of a run, in order: the menus' taps (default menu first, depth first), the
/// follow, then the messages of the reply checks, each once.
pub fn pushes(desired: &Desired, checks: &[ReplyCheck]) -> Vec<Push> {
    let mut out: Vec<Push> = Vec::new();
    for tap in events::taps(&events::menus(desired)) {
        let place = format!("{}: {}", tap.menu, tap.path_text());
        let same = out.iter_mut().find_map(|push| match push {
            Push::Tap {
                event,
                event_key,
                buttons,
            } if *event == tap.event && *event_key == tap.event_key => Some(buttons),
            _ => None,
        });
        match same {
            Some(buttons) => buttons.push(place),
            None => out.push(Push::Tap {
                event: tap.event,
                event_key: tap.event_key,
                buttons: vec![place],
            }),
        }
    }
    out.push(Push::Follow);
    for check in checks {
        if let Trigger::Message(text) = &check.trigger {
            let push = Push::Message { text: text.clone() };
            if !out.contains(&push) {
                out.push(push);
            }
        }
    }
    out
}

/// Who and when: the common fields of every push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub original_id: String,
    pub openid: String,
    /// Unix seconds.
    pub create_time: u64,
    /// A text message's `MsgId`.
    pub msg_id: u64,
}

/// A scanned QR code's content.
const SCAN_RESULT: &str = "https://example.com/qr/8471";
/// The MD5 of a photo.
const PIC_MD5: &str = "1b5f7c23b5bf75682a53e7b6d163e185";
/// The `MenuId` of a view push: WeChat gives the menu's id, unknown offline.
const MENU_ID: u64 = 208_396_938;

/// The push's XML as WeChat writes it, before any encryption.
pub fn message(push: &Push, envelope: &Envelope) -> String {
    let mut fields = vec![
        Field::Text("ToUserName", envelope.original_id.clone()),
        Field::Text("FromUserName", envelope.openid.clone()),
        Field::Number("CreateTime", envelope.create_time),
    ];
    match push {
        Push::Message { text } => {
            fields.push(Field::Text("MsgType", "text".into()));
            fields.push(Field::Text("Content", text.clone()));
            fields.push(Field::Number("MsgId", envelope.msg_id));
        }
        Push::Follow => {
            fields.push(Field::Text("MsgType", "event".into()));
            fields.push(Field::Text("Event", Event::Subscribe.wire_name().into()));
            fields.push(Field::Text("EventKey", String::new()));
        }
        Push::Tap {
            event, event_key, ..
        } => {
            fields.push(Field::Text("MsgType", "event".into()));
            fields.push(Field::Text("Event", event.wire_name().into()));
            fields.push(Field::Text("EventKey", event_key.clone()));
            fields.extend(payload(*event));
        }
    }
    document(&fields)
}

/// The fields after `EventKey` that a button type's push carries.
fn payload(event: Event) -> Vec<Field> {
    let text = |name, value: &str| Field::Text(name, value.to_string());
    match event {
        Event::View | Event::ViewMiniprogram => vec![Field::Number("MenuId", MENU_ID)],
        Event::ScancodePush | Event::ScancodeWaitmsg => vec![Field::Nested(
            "ScanCodeInfo",
            vec![text("ScanType", "qrcode"), text("ScanResult", SCAN_RESULT)],
        )],
        Event::PicSysphoto | Event::PicPhotoOrAlbum | Event::PicWeixin => vec![Field::Nested(
            "SendPicsInfo",
            vec![
                Field::Number("Count", 1),
                Field::Nested(
                    "PicList",
                    vec![Field::Nested("item", vec![text("PicMd5Sum", PIC_MD5)])],
                ),
            ],
        )],
        Event::LocationSelect => vec![Field::Nested(
            "SendLocationInfo",
            vec![
                text("Location_X", "39.908823"),
                text("Location_Y", "116.397470"),
                text("Scale", "15"),
                text("Label", "北京市东城区东长安街"),
                text("Poiname", "天安门广场"),
            ],
        )],
        Event::Click | Event::Subscribe => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Button, DesiredConditionalMenu, Menu};
    use crate::server::config::Expected;

    fn leaf(name: &str, kind: &str, key: &str) -> Button {
        let mut button = Button {
            name: name.into(),
            kind: Some(kind.into()),
            ..Button::default()
        };
        match kind {
            "view" => button.url = Some(key.into()),
            "miniprogram" => button.pagepath = Some(key.into()),
            _ => button.key = Some(key.into()),
        }
        button
    }

    fn desired() -> Desired {
        let service = Button {
            name: "服务".into(),
            sub_button: vec![
                leaf("联系客服", "click", "CONTACT"),
                leaf("扫码", "scancode_waitmsg", "SCAN"),
                leaf("图文", "media_id", "ignored"),
            ],
            ..Button::default()
        };
        Desired {
            menu: Some(Menu {
                button: vec![leaf("新品", "click", "NEW"), service],
            }),
            conditional_menus: Some(vec![DesiredConditionalMenu {
                name: "android".into(),
                matchrule: Default::default(),
                button: vec![
                    leaf("新品上架", "click", "NEW"),
                    leaf("官网", "view", "https://example.com/"),
                ],
            }]),
            ..Desired::default()
        }
    }

    fn message_check(text: &str) -> ReplyCheck {
        ReplyCheck {
            name: text.into(),
            trigger: Trigger::Message(text.into()),
            expects: Expected::Nothing,
        }
    }

    #[test]
    fn each_distinct_event_is_pushed_once_then_the_follow_and_each_message() {
        let checks = [
            message_check("帮助"),
            message_check("帮助"),
            message_check("hi"),
        ];
        let pushes = pushes(&desired(), &checks);
        let tap = |event, key: &str, buttons: &[&str]| Push::Tap {
            event,
            event_key: key.into(),
            buttons: buttons.iter().map(|b| b.to_string()).collect(),
        };
        assert_eq!(
            pushes,
            vec![
                tap(Event::Click, "NEW", &["menu: 新品", "android: 新品上架"]),
                tap(Event::Click, "CONTACT", &["menu: 服务/联系客服"]),
                tap(Event::ScancodeWaitmsg, "SCAN", &["menu: 服务/扫码"]),
                tap(Event::View, "https://example.com/", &["android: 官网"]),
                Push::Follow,
                Push::Message {
                    text: "帮助".into()
                },
                Push::Message { text: "hi".into() },
            ]
        );
        assert!(!pushes[3].reply_shown());
        assert!(pushes[2].reply_shown());
    }

    fn envelope() -> Envelope {
        Envelope {
            original_id: "gh_0123456789ab".into(),
            openid: "oOPENID".into(),
            create_time: 1714037059,
            msg_id: 6054768590064713728,
        }
    }

    const HEAD: &str = "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oOPENID]]></FromUserName><CreateTime>1714037059</CreateTime>";

    fn tap(event: Event, key: &str) -> String {
        let push = Push::Tap {
            event,
            event_key: key.into(),
            buttons: Vec::new(),
        };
        message(&push, &envelope())
            .strip_prefix(HEAD)
            .unwrap()
            .to_string()
    }

    #[test]
    fn every_push_is_written_as_wechat_writes_it() {
        assert_eq!(
            tap(Event::Click, "K"),
            "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[K]]></EventKey></xml>"
        );
        assert_eq!(
            tap(Event::View, "https://e.com/"),
            "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[VIEW]]></Event><EventKey><![CDATA[https://e.com/]]></EventKey><MenuId>208396938</MenuId></xml>"
        );
        assert!(
            tap(Event::ViewMiniprogram, "pages/index")
                .contains("<Event><![CDATA[view_miniprogram]]></Event>")
        );
        assert!(tap(Event::ScancodePush, "S").ends_with(
            "<Event><![CDATA[scancode_push]]></Event><EventKey><![CDATA[S]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[https://example.com/qr/8471]]></ScanResult></ScanCodeInfo></xml>"
        ));
        assert!(tap(Event::PicWeixin, "P").ends_with(
            "<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item></PicList></SendPicsInfo></xml>"
        ));
        assert!(tap(Event::LocationSelect, "L").contains(
            "<SendLocationInfo><Location_X><![CDATA[39.908823]]></Location_X><Location_Y><![CDATA[116.397470]]></Location_Y><Scale><![CDATA[15]]></Scale><Label>"
        ));
        assert_eq!(
            message(&Push::Follow, &envelope())
                .strip_prefix(HEAD)
                .unwrap(),
            "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[]]></EventKey></xml>"
        );
        assert_eq!(
            message(
                &Push::Message {
                    text: "帮助".into()
                },
                &envelope()
            )
            .strip_prefix(HEAD)
            .unwrap(),
            "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><MsgId>6054768590064713728</MsgId></xml>"
        );
    }
}
