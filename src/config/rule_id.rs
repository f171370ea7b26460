//! The stable id of every kind of configuration problem (`wxform/unknown-key`,
//! `wxform/too-long`, …), in one table: `validate --format json` and SARIF name them, CI
//! scripts and code scanning filter on them, and docs/configuration.md lists them. Ids are a
//! contract: add new ones, never rename one.

/// Defines [`RuleId`] from one table: variant, id, one-line summary.
macro_rules! rule_ids {
    ($($variant:ident => $id:literal, $summary:literal;)*) => {
        /// What kind of problem a diagnostic reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every rule, in the order of the table.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The stable id, such as `wxform/unknown-key`.
            pub fn id(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }

            /// What the rule checks, in one line.
            pub fn summary(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $summary,)*
                }
            }
        }
    };
}

rule_ids! {
    // The file itself.
    Unreadable => "wxform/unreadable", "the file cannot be read";
    FileTooLarge => "wxform/file-too-large", "the file is larger than 1 MiB";
    NotUtf8 => "wxform/not-utf8", "the file is not UTF-8 text";
    NotText => "wxform/not-text", "the file holds control characters: it is not text";
    NotAConfiguration => "wxform/not-a-configuration", "the file is not a wxform configuration";
    EmptyFile => "wxform/empty-file", "the file has no configuration";
    // YAML.
    YamlSyntax => "wxform/yaml-syntax", "the file is not valid YAML";
    SeveralDocuments => "wxform/several-documents", "the file holds more than one YAML document";
    TooComplex => "wxform/too-complex", "the file exceeds the limits on aliases, nodes or nesting";
    DuplicateKey => "wxform/duplicate-key", "a key is given twice in one mapping";
    // The shape of the configuration.
    UnknownKey => "wxform/unknown-key", "a key this place of the configuration does not have";
    MissingKey => "wxform/missing-key", "a required key is missing";
    WrongType => "wxform/wrong-type", "a value of the wrong kind (text, number, list, mapping)";
    UnknownValue => "wxform/unknown-value", "a value that is not one of the allowed words";
    EmptySection => "wxform/empty-section", "a section is written with no value";
    UnsupportedVersion => "wxform/unsupported-version", "a format version this wxform does not read";
    // Values.
    AppidFormat => "wxform/appid-format", "account.appid does not look like an AppID";
    EnvName => "wxform/env-name", "a *_env setting is not a usable variable name, or names another setting's variable";
    EmptyValue => "wxform/empty-value", "a value that must have content is empty";
    TooLong => "wxform/too-long", "a name, key, URL or description is longer than WeChat allows";
    TooMany => "wxform/too-many", "more items than WeChat allows";
    DuplicateName => "wxform/duplicate-name", "a name used twice where names must be unique";
    IgnoredMenuid => "wxform/ignored-menuid", "a pasted menuid, which WeChat assigns itself";
    // Menus.
    ButtonCount => "wxform/button-count", "a menu or folder with too few or too many buttons";
    ButtonName => "wxform/button-name", "a button without a name";
    MenuDepth => "wxform/menu-depth", "a button nested deeper than WeChat's two levels";
    ButtonAction => "wxform/button-action", "a button with neither a type nor sub buttons";
    ButtonType => "wxform/button-type", "a button type WeChat's API does not take";
    ButtonField => "wxform/button-field", "a field the button's type needs is missing";
    IgnoredField => "wxform/ignored-field", "a field WeChat ignores on this button";
    UrlScheme => "wxform/url-scheme", "a button link that is not an http(s) URL";
    MiniProgramAppid => "wxform/mini-program-appid", "an original id (gh_…) where a mini program's AppID belongs";
    // Conditional menus.
    ConditionalWithoutMenu => "wxform/conditional-without-menu", "conditional menus without a default menu";
    EmptyMatchrule => "wxform/empty-matchrule", "a matchrule without any field";
    RetiredMatchrule => "wxform/retired-matchrule", "a matchrule field WeChat retired in 2021";
    TagTwice => "wxform/tag-twice", "a matchrule with both `tag` and `tag_id`";
    TagId => "wxform/tag-id", "a tag_id that is not a number";
    UnknownPlatform => "wxform/unknown-platform", "a platform other than ios, android or others";
    UndefinedTag => "wxform/undefined-tag", "a tag that the file does not define";
    UnreachableMenu => "wxform/unreachable-menu", "a conditional menu nobody can see";
    OutsideHosts => "wxform/outside-hosts", "a menu linking to more outside hosts than WeChat allows";
    // Tags.
    SystemTag => "wxform/system-tag", "WeChat's own tag 星标组";
    // Templates.
    IndustryCode => "wxform/industry-code", "an industry code that does not exist";
    SameIndustry => "wxform/same-industry", "the same industry twice";
    DuplicateTemplate => "wxform/duplicate-template", "two templates with the same title and keywords";
    TidKidList => "wxform/tid-kid-list", "a subscribe template's tid without kid_list, or the reverse";
    KidListCount => "wxform/kid-list-count", "a kid_list with other than 2–5 keyword ids";
    DuplicateKeywordId => "wxform/duplicate-keyword-id", "a keyword id listed twice";
    KeywordsMismatch => "wxform/keywords-mismatch", "keywords and kid_list of different lengths";
    // Several accounts: an account file and the shared file it extends.
    Extends => "wxform/extends", "an `extends` that cannot be followed: a missing file, a path outside the folder, a chain";
    Placeholder => "wxform/placeholder", "a `${name}` placeholder that is malformed or where none can be filled in";
    UnsetVar => "wxform/unset-var", "a placeholder whose var nothing sets";
    UnusedVar => "wxform/unused-var", "a var no placeholder uses";
    VarName => "wxform/var-name", "a var whose name or value looks like a credential";
    // Formatting.
    Unformatted => "wxform/unformatted", "a file not in the canonical form `wxform fmt` writes";
    FmtUnsupported => "wxform/fmt-unsupported", "YAML `wxform fmt` cannot write back exactly (anchors, aliases, tags)";
    // Menu checks.
    CheckFollower => "wxform/check-follower", "a menu check naming no follower, or two";
    CheckTarget => "wxform/check-target", "a menu check expecting a menu the file does not have";
    // Images from the repository.
    MediaFile => "wxform/media-file", "a `media_file` that is not a readable image WeChat takes (bmp, png, jpeg, gif; at most 10 MiB)";
    // Where an account's token comes from.
    TokenCommand => "wxform/token-command", "an account.token_command that names no program to run";
    CredentialSources => "wxform/credential-sources", "account.token_command beside account.*_env, or taken from the file an account file extends";
    // The account's server and reply checks.
    ServerUrl => "wxform/server-url", "a server without `url` or `url_env`, with both, or with a URL that is not http(s)";
    OriginalId => "wxform/original-id", "a server `original_id` that is not gh_ and 12 hex digits";
    ReplyChecksWithoutServer => "wxform/reply-checks-without-server", "reply checks without a `server` section";
    ReplyCheckTrigger => "wxform/reply-check-trigger", "a reply check naming no tap, key, follow or message, or several";
    ReplyCheckTarget => "wxform/reply-check-target", "a reply check's button that does not exist or sends no event";
    ReplyExpected => "wxform/reply-expected", "a reply check expecting a reply type WeChat does not have, or words an image or voice cannot hold";
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_lowercase_and_stable() {
        let ids: BTreeSet<&str> = RuleId::ALL.iter().map(|rule| rule.id()).collect();
        assert_eq!(ids.len(), RuleId::ALL.len());
        for id in ids {
            let name = id.strip_prefix("wxform/").unwrap();
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{id}"
            );
        }
    }
}
