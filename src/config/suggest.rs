//! "Did you mean `sub_button`?": the known word closest to a misspelt one, by edit distance
//! (insertions, deletions, substitutions and swaps of two neighbours, ignoring case and
//! treating `-` and `_` alike), when it is close enough to be the likely intent.

use crate::model::Platform;

/// The candidate closest to `word`, if one is within a typo or two of it.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = fold(word);
    let allowed = match word.len() {
        // Nothing to compare, or too long to be a slip of the fingers (and to compare cheaply).
        0 | 65.. => return None,
        1..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        .map(|candidate| (distance(&word, &fold(candidate)), candidate))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// `help: did you mean `x`?` for `word` among `candidates`, when one is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|candidate| format!("did you mean `{candidate}`?"))
}

/// `did you mean` among the platform names (`andriod` → `android`).
pub fn platform(value: &str) -> Option<String> {
    let names = [Platform::Ios, Platform::Android, Platform::Others].map(Platform::name);
    did_you_mean(value, names)
}

fn fold(word: &str) -> Vec<char> {
    word.trim()
        .chars()
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Optimal string alignment distance: Levenshtein plus the swap of two adjacent characters
/// (`tpye` → `type` is one edit).
fn distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (i, row) in rows.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUTTON: [&str; 9] = [
        "name",
        "type",
        "key",
        "url",
        "media_id",
        "article_id",
        "appid",
        "pagepath",
        "sub_button",
    ];

    #[test]
    fn typos_find_the_key_meant() {
        assert_eq!(closest("tpye", BUTTON), Some("type"));
        assert_eq!(closest("sub_buton", BUTTON), Some("sub_button"));
        assert_eq!(closest("subbutton", BUTTON), Some("sub_button"));
        assert_eq!(closest("sub-button", BUTTON), Some("sub_button"));
        assert_eq!(closest("sub_buttons", BUTTON), Some("sub_button"));
        assert_eq!(closest("Name", BUTTON), Some("name"));
        assert_eq!(closest("veiw", ["click", "view"]), Some("view"));
        assert_eq!(
            closest("andriod", ["ios", "android", "others"]),
            Some("android")
        );
        assert_eq!(closest("delte", ["keep", "delete"]), Some("delete"));
    }

    #[test]
    fn unrelated_words_get_no_suggestion() {
        assert_eq!(closest("colour", BUTTON), None);
        assert_eq!(closest("remove", ["keep", "delete"]), None);
        assert_eq!(closest("", BUTTON), None);
        assert_eq!(closest("今日", BUTTON), None);
    }

    #[test]
    fn distances() {
        let d = |a: &str, b: &str| distance(&fold(a), &fold(b));
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("ab", "ba"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("same", "same"), 0);
    }
}
