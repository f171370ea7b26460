//! A problem found in a configuration file: its rule id, severity, message, the byte range it
//! points at, and the notes that explain the WeChat rule behind it. Rendering lives in
//! `render::diagnostics`; this module only describes.

use super::rule_id::RuleId;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file can be used, but something looks wrong.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem this is, by its stable id.
    pub rule: RuleId,
    pub severity: Severity,
    /// One line: what is wrong, with the actual size where there is one.
    pub message: String,
    /// Byte range in the source text; `None` when the problem concerns the whole file.
    pub span: Option<Range<usize>>,
    /// Text under the underline.
    pub label: String,
    /// `= note:` lines: the rule and why it exists.
    pub notes: Vec<String>,
    /// `= help:` line: how to fix it.
    pub help: Option<String>,
    /// Secondary spans with their labels, e.g. where a duplicated name was first used.
    pub context: Vec<(Range<usize>, String)>,
}

impl Diagnostic {
    pub fn error(rule: RuleId, message: impl Into<String>) -> Self {
        Diagnostic::new(rule, Severity::Error, message.into())
    }

    pub fn warning(rule: RuleId, message: impl Into<String>) -> Self {
        Diagnostic::new(rule, Severity::Warning, message.into())
    }

    fn new(rule: RuleId, severity: Severity, message: String) -> Self {
        Diagnostic {
            rule,
            severity,
            message,
            span: None,
            label: String::new(),
            notes: Vec::new(),
            help: None,
            context: Vec::new(),
        }
    }

    pub fn at(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.span = Some(span);
        self.label = label.into();
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A help line when there is one, such as a "did you mean".
    pub fn help_if(self, help: Option<String>) -> Self {
        match help {
            Some(help) => self.help(help),
            None => self,
        }
    }

    pub fn context(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.context.push((span, label.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The line of `text` this diagnostic points at, without its line break.
    pub fn line_text<'a>(&self, text: &'a str) -> Option<&'a str> {
        let start = floor_char_boundary(text, self.span.as_ref()?.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |newline| newline + 1);
        text[line_start..].lines().next()
    }
}

/// The text a diagnostic points into, with the name to show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The path as the user gave it.
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters, as editors and GitHub count) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let source = Source::new("f.yaml", "a: 1\nname: 今日歌曲\n");
        let offset = source.text.find("歌").unwrap();
        assert_eq!(source.line_col(offset), (2, 9));
        assert_eq!(source.line_col(0), (1, 1));
    }
}
