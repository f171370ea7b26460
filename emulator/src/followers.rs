//! Followers named on the command line (`--follower OPENID[=TAG,TAG…][@PLATFORM]`), so that
//! `menu/trymatch` — and so `wxform test`'s `openid` checks — knows who they are.

use super::snapshot::platform_code;
use super::state::{Tag, User};

/// The longest openid accepted: real ones are 28 characters.
const OPENID_MAX: usize = 64;

/// Reads one follower. `OPENID` alone is a follower with no tags on no known platform;
/// `=TAG,TAG…` gives their tags, by name or id, in the order they were applied (the last one is
/// the one WeChat matches on); `@PLATFORM` (`ios`, `android`, `others`, or WeChat's `1`–`3`)
/// their phone. The last `@` starts the platform, so a tag name may hold one only when a
/// platform follows.
pub fn parse(spec: &str, tags: &[Tag]) -> Result<User, String> {
    let (rest, platform) = match spec.rsplit_once('@') {
        Some((rest, name)) => (rest, Some(platform(name)?)),
        None => (spec, None),
    };
    let (openid, tag_list) = match rest.split_once('=') {
        Some((openid, list)) => (openid, Some(list)),
        None => (rest, None),
    };
    check_openid(openid)?;
    let tag_ids = match tag_list {
        Some(list) => tag_ids(list, tags)?,
        None => Vec::new(),
    };
    Ok(User {
        openid: openid.to_string(),
        tag_ids,
        client_platform_type: platform.unwrap_or_default().to_string(),
    })
}

fn platform(name: &str) -> Result<&'static str, String> {
    platform_code(name).ok_or_else(|| {
        format!("platform {name:?} is not ios, android or others (or WeChat's 1, 2, 3)")
    })
}

fn check_openid(openid: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if openid.is_empty() || openid.len() > OPENID_MAX || !openid.chars().all(allowed) {
        return Err(format!(
            "openid {openid:?} is not 1–{OPENID_MAX} letters, digits, `_` or `-`"
        ));
    }
    Ok(())
}

fn tag_ids(list: &str, tags: &[Tag]) -> Result<Vec<u64>, String> {
    let mut ids = Vec::new();
    for name in list.split(',').map(str::trim) {
        let id = tag_id(name, tags)?;
        if ids.contains(&id) {
            return Err(format!("tag {name:?} is named twice"));
        }
        ids.push(id);
    }
    Ok(ids)
}

/// A tag by its name, else by its id: the account's own tags only.
fn tag_id(name: &str, tags: &[Tag]) -> Result<u64, String> {
    let by_name = tags.iter().find(|tag| tag.name == name);
    let by_id = || {
        let id: u64 = name.parse().ok()?;
        tags.iter().find(|tag| tag.id == id)
    };
    match by_name.or_else(by_id) {
        Some(tag) => Ok(tag.id),
        None if name.is_empty() => Err("an empty tag name".to_string()),
        None => {
            let known: Vec<&str> = tags.iter().map(|tag| tag.name.as_str()).collect();
            let known = match known.is_empty() {
                true => "it has no tags".to_string(),
                false => format!("its tags: {}", known.join(", ")),
            };
            Err(format!("the account has no tag {name:?} ({known})"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shop_tags() -> Vec<Tag> {
        vec![
            Tag::new(100, "VIP"),
            Tag::new(101, "内测用户"),
            Tag::new(102, "2024"),
        ]
    }

    fn follower(spec: &str) -> Result<(String, Vec<u64>, String), String> {
        parse(spec, &shop_tags()).map(|u| (u.openid, u.tag_ids, u.client_platform_type))
    }

    #[test]
    fn an_openid_alone_has_no_tags_and_no_platform() {
        let expected = (
            "o6_bmjrPTlm6_2sgVt7hMZOPfL2M".to_string(),
            vec![],
            String::new(),
        );
        assert_eq!(follower("o6_bmjrPTlm6_2sgVt7hMZOPfL2M"), Ok(expected));
    }

    #[test]
    fn tags_come_in_the_order_given_and_the_platform_as_wechat_codes_it() {
        let (_, tags, platform) = follower("oA=内测用户,VIP@ios").unwrap();
        assert_eq!((tags, platform.as_str()), (vec![101, 100], "1"));
        assert_eq!(follower("oA@2").unwrap().2, "2");
        assert_eq!(follower("oA=VIP@others").unwrap().2, "3");
        assert_eq!(follower("oA= VIP , 101").unwrap().1, [100, 101]);
    }

    #[test]
    fn a_name_wins_over_an_id_and_an_id_must_be_the_accounts() {
        assert_eq!(follower("oA=2024").unwrap().1, [102]);
        assert_eq!(follower("oA=100").unwrap().1, [100]);
        assert_eq!(
            follower("oA=2"),
            Err("the account has no tag \"2\" (its tags: VIP, 内测用户, 2024)".into())
        );
        assert_eq!(
            parse("oA=VIP", &[]).map(|_| ()),
            Err("the account has no tag \"VIP\" (it has no tags)".into())
        );
    }

    #[test]
    fn a_wrong_follower_is_named() {
        assert_eq!(
            follower("oA@windows"),
            Err("platform \"windows\" is not ios, android or others (or WeChat's 1, 2, 3)".into())
        );
        assert_eq!(
            follower("o A=VIP"),
            Err("openid \"o A\" is not 1–64 letters, digits, `_` or `-`".into())
        );
        assert!(follower("=VIP").is_err());
        assert!(follower(&"o".repeat(65)).is_err());
        assert_eq!(follower("oA="), Err("an empty tag name".into()));
        assert_eq!(follower("oA=VIP,,101"), Err("an empty tag name".into()));
        assert_eq!(
            follower("oA=VIP,100"),
            Err("tag \"100\" is named twice".into())
        );
    }
}
