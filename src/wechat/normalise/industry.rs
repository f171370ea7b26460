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

    #[test]
    fn every_table_entry_maps_to_its_code() {
        for (expected, primary, secondary) in INDUSTRIES {
            assert_eq!(
                code(primary, secondary),
                Some(expected),
                "{primary}/{secondary}"
            );
        }
    }

    #[test]
    fn read_side_spellings_are_recognised() {
        assert_eq!(code("IT科技", "互联网|电子商务"), Some(1));
        assert_eq!(code("金融业", "基金理财信托"), Some(8));
        assert_eq!(code("金融业", "基金/理财/信托"), Some(8));
        assert_eq!(code("房地产", "房地产|建筑"), None);
        assert_eq!(code("房地产", "建筑"), Some(29));
        assert_eq!(code("医疗护理", "医药医疗"), Some(22));
        assert_eq!(code("其他", "其他"), Some(41));
        assert_eq!(code("政府与公共事业", "公共事业/非盈利机构"), Some(21));
        assert_eq!(code("教育", "教育"), Some(17));
        assert_eq!(code(" it科技 ", "IT 软件与服务"), Some(2));
        assert_eq!(code("火星", "殖民"), None);
    }

    #[test]
    fn get_industry_answers_normalise() {
        let wire: GetIndustryResponse = serde_json::from_str(
            r#"{"primary_industry":{"first_class":"运输与仓储","second_class":"快递"},
                "secondary_industry":{"first_class":"IT科技","second_class":"互联网|电子商务"}}"#,
        )
        .unwrap();
        let live = industry(wire).unwrap();
        assert_eq!(live.primary.code, Some(13));
        assert_eq!(live.secondary.code, Some(1));
        assert_eq!(live.secondary.second_class, "互联网|电子商务");
        assert_eq!(industry(GetIndustryResponse::default()), None);
        let blank: GetIndustryResponse =
            serde_json::from_str(r#"{"primary_industry":{"first_class":"","second_class":""}}"#)
                .unwrap();
        assert_eq!(industry(blank), None);
        assert_eq!(names(41), Some(("其它", "其它")));
    }
}
