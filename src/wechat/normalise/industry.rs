//! `get_industry` → [`LiveIndustry`]: its names mapped to codes (see [`code`] for the drifting
//! spellings it recognises).

use crate::model::{IndustryClass, LiveIndustry};
use crate::wechat::wire::template::{GetIndustryResponse, IndustryClassIn};

use crate::industry_table::INDUSTRIES;
pub use crate::industry_table::code;

/// The names of `code`, for messages.
pub fn names(code: u8) -> Option<(&'static str, &'static str)> {
    INDUSTRIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, p, s)| (*p, *s))
}

fn class(wire: IndustryClassIn) -> IndustryClass {
    IndustryClass {
        code: code(&wire.first_class, &wire.second_class),
        first_class: wire.first_class,
        second_class: wire.second_class,
    }
}

fn is_blank(wire: &IndustryClassIn) -> bool {
    wire.first_class.trim().is_empty() && wire.second_class.trim().is_empty()
}

/// `get_industry` → [`LiveIndustry`]; `None` when no industry is set.
pub fn industry(wire: GetIndustryResponse) -> Option<LiveIndustry> {
    let primary = wire.primary_industry.filter(|c| !is_blank(c));
    let secondary = wire.secondary_industry.filter(|c| !is_blank(c));
    if primary.is_none() && secondary.is_none() {
        return None;
    }
    Some(LiveIndustry {
        primary: class(primary.unwrap_or_default()),
        secondary: class(secondary.unwrap_or_default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &[u8]) -> Option<LiveIndustry> {
        industry(serde_json::from_slice(body).unwrap())
    }

    #[test]
    fn get_industry_answers_normalise() {
        let live = read(
            r#"{"primary_industry":{"first_class":"运输与仓储","second_class":"快递"},
                "secondary_industry":{"first_class":"IT科技","second_class":"互联网|电子商务"}}"#
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(live.primary.code, Some(13));
        assert_eq!(live.secondary.code, Some(1));
        assert_eq!(live.secondary.second_class, "互联网|电子商务");
        assert_eq!(industry(GetIndustryResponse::default()), None);
        let blank = br#"{"primary_industry":{"first_class":"","second_class":""}}"#;
        assert_eq!(read(blank), None);
        assert_eq!(names(41), Some(("其它", "其它")));
    }

    /// Recorded in binarywang/WxJava
    /// weixin-java-mp/src/test/java/me/chanjar/weixin/mp/bean/template/WxMpTemplateIndustryTest.java
    /// (both fixtures), the bodies as recorded.
    #[test]
    fn recorded_answers_with_wechats_own_second_classes_map_to_their_codes() {
        let live = read(
            r#"{"primary_industry":{"first_class":"IT科技","second_class":"互联网|电子商务"},"secondary_industry":{"first_class":"房地产","second_class":"房地产|建筑"}}"#
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            (live.primary.code, live.secondary.code),
            (Some(1), Some(29))
        );
        assert_eq!(live.secondary.second_class, "房地产|建筑");
        let live = read(
            r#"{"primary_industry":{"first_class":"金融业","second_class":"基金理财信托"},"secondary_industry":{"first_class":"房地产","second_class":"建筑"}}"#
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            (live.primary.code, live.secondary.code),
            (Some(8), Some(29))
        );
    }

    /// Recorded in Forgus/wechat-java-sdk/src/test/java/com/forgus/wechat/sdk/TemplateApiTest.java:
    /// a real account set to 1 and 8 reads back the second classes `互联网|电子商务` and
    /// `证券|基金|理财|信托` (the test pins those; the first classes here are the table's).
    #[test]
    fn the_funds_industry_as_a_real_account_reads_it_maps_to_8() {
        let live = read(
            r#"{"primary_industry":{"first_class":"IT科技","second_class":"互联网|电子商务"},"secondary_industry":{"first_class":"金融业","second_class":"证券|基金|理财|信托"}}"#
                .as_bytes(),
        )
        .unwrap();
        assert_eq!((live.primary.code, live.secondary.code), (Some(1), Some(8)));
    }

    /// One industry wxform cannot map never takes the other down with it, and keeps both its
    /// names.
    #[test]
    fn an_unmapped_industry_keeps_its_names_beside_a_mapped_one() {
        let live = read(
            r#"{"primary_industry":{"first_class":"运输与仓储","second_class":"快递"},"secondary_industry":{"first_class":"火星","second_class":"殖民"}}"#
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(live.primary.code, Some(13));
        assert_eq!(
            (
                live.secondary.code,
                live.secondary.first_class.as_str(),
                live.secondary.second_class.as_str()
            ),
            (None, "火星", "殖民")
        );
    }
}
