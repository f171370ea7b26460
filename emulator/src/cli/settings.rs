//! The settings that point wxform at a running emulator: printed as `NAME='value'` lines for
//! a shell's `eval`, or put into a command's environment.

/// What wxform needs to reach the emulated account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `http://127.0.0.1:PORT`.
    pub api_base: String,
    pub appid: String,
    pub secret: String,
    /// A token cache of the emulator's own, so that its tokens never mix with real ones.
    pub cache_dir: String,
}

impl Settings {
    /// The variables, in the order they are printed. `WECHAT_ACCESS_TOKEN` is set empty, which
    /// wxform reads as unset: a token from the caller's environment would win over the
    /// AppSecret, and WeChat's token is not the emulator's.
    pub fn variables(&self) -> [(&'static str, &str); 5] {
        [
            ("WXFORM_API_BASE", &self.api_base),
            ("WECHAT_APPID", &self.appid),
            ("WECHAT_APPSECRET", &self.secret),
            ("WECHAT_ACCESS_TOKEN", ""),
            ("WXFORM_CACHE_DIR", &self.cache_dir),
        ]
    }

    /// One `NAME='value'` line per variable.
    pub fn lines(&self) -> String {
        self.variables()
            .iter()
            .map(|(name, value)| format!("{name}={}\n", shell_quote(value)))
            .collect()
    }
}

/// `value` in single quotes for a POSIX shell; a single quote inside becomes `'\''`.
pub fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_single_quoted_for_a_posix_shell() {
        assert_eq!(shell_quote("wx1234567890abcdef"), "'wx1234567890abcdef'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("it's $HOME `x`"), r"'it'\''s $HOME `x`'");
    }

    #[test]
    fn the_lines_name_every_setting_once_in_order() {
        let settings = Settings {
            api_base: "http://127.0.0.1:4321".into(),
            appid: "wx1234567890abcdef".into(),
            secret: "s'cret".into(),
            cache_dir: "/tmp/wxform-emulator-x".into(),
        };
        assert_eq!(
            settings.lines(),
            "WXFORM_API_BASE='http://127.0.0.1:4321'\n\
             WECHAT_APPID='wx1234567890abcdef'\n\
             WECHAT_APPSECRET='s'\\''cret'\n\
             WECHAT_ACCESS_TOKEN=''\n\
             WXFORM_CACHE_DIR='/tmp/wxform-emulator-x'\n"
        );
    }

    /// What `eval` makes of the lines is the values themselves, whatever they hold.
    #[test]
    #[cfg(unix)]
    fn a_shell_reads_back_the_values() {
        let settings = Settings {
            api_base: "http://127.0.0.1:1".into(),
            appid: "a b".into(),
            secret: "'$(touch x)'\\\n\"".into(),
            cache_dir: "/tmp/é".into(),
        };
        let script = format!(
            "{}printf '%s|' \"$WXFORM_API_BASE\" \"$WECHAT_APPID\" \"$WECHAT_APPSECRET\" \"$WECHAT_ACCESS_TOKEN\" \"$WXFORM_CACHE_DIR\"",
            settings.lines()
        );
        let output = std::process::Command::new("sh")
            .args(["-c", &script])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            "http://127.0.0.1:1|a b|'$(touch x)'\\\n\"||/tmp/é|"
        );
    }
}
