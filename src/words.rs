//! Counts in messages, for every layer that words one: "1 tag", "3 tags".

use std::fmt::Display;

/// `count` and `noun`, with an `s` unless the count is one: "1 tag", "3 tags".
pub fn plural<N: Display + PartialEq + From<u8>>(count: N, noun: &str) -> String {
    if count == N::from(1) {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::plural(1, "tag"), "1 tag");
        assert_eq!(super::plural(0, "tag"), "0 tags");
        assert_eq!(super::plural(3, "conditional menu"), "3 conditional menus");
        assert_eq!(super::plural(1u64, "follower"), "1 follower");
    }
}
