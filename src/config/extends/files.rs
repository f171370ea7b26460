//! The texts one configuration is made of, in one offset space: the file given from byte 0,
//! the shared file it extends after it, past one separating byte. A span then says by itself
//! which file it is in, so the raw structs, the rules and their diagnostics, all written for
//! one file, work unchanged on a configuration made of two; [`Files::split`] gives each file
//! its own diagnostics back, with spans into its own text.

use crate::config::FileDiagnostics;
use crate::config::diagnostic::{Diagnostic, Source};
use std::ops::Range;

#[derive(Debug)]
pub(super) struct Files {
    /// Each file with the offset its text starts at, in order.
    parts: Vec<(Source, usize)>,
}

impl Files {
    pub(super) fn new(first: Source) -> Files {
        Files {
            parts: vec![(first, 0)],
        }
    }

    /// Adds a file after the others; returns the offset its spans start at.
    pub(super) fn push(&mut self, source: Source) -> usize {
        let base = self.next_base();
        self.parts.push((source, base));
        base
    }

    /// Where a file added now would start: one byte past the end of the last.
    pub(super) fn next_base(&self) -> usize {
        self.parts
            .last()
            .map_or(0, |(source, base)| base + source.text.len() + 1)
    }

    /// Each file's name, in order.
    pub(super) fn names(&self) -> Vec<String> {
        self.parts
            .iter()
            .map(|(source, _)| source.name.clone())
            .collect()
    }

    /// Each file's text with the offset it starts at.
    pub(super) fn texts(&self) -> impl Iterator<Item = (&str, usize)> {
        self.parts
            .iter()
            .map(|(source, base)| (source.text.as_str(), *base))
    }

    /// The name of the file an offset is in.
    pub(super) fn name_at(&self, offset: usize) -> &str {
        &self.parts[self.index_of(offset)].0.name
    }

    /// The index of the file an offset is in.
    fn index_of(&self, offset: usize) -> usize {
        self.parts
            .iter()
            .rposition(|(_, base)| *base <= offset)
            .unwrap_or(0)
    }

    /// The text a span covers, when it lies within one file.
    pub(super) fn slice(&self, span: &Range<usize>) -> Option<&str> {
        let (source, base) = &self.parts[self.index_of(span.start)];
        source
            .text
            .get(span.start.checked_sub(*base)?..span.end.checked_sub(*base)?)
    }

    /// `file:line:column` of an offset, as diagnostics show places.
    pub(super) fn place(&self, offset: usize) -> String {
        let (source, base) = &self.parts[self.index_of(offset)];
        let (line, column) = source.line_col(offset - base);
        format!("{}:{line}:{column}", source.name)
    }

    /// Each file's diagnostics (the first file's always, the others' when they have some),
    /// spans made relative to the file's own text. A secondary span in another file than its
    /// diagnostic's becomes a note naming its place: one snippet shows one file.
    pub(super) fn split(
        &self,
        diagnostics: Vec<Diagnostic>,
    ) -> (FileDiagnostics, Vec<FileDiagnostics>) {
        let mut by_file: Vec<Vec<Diagnostic>> = vec![Vec::new(); self.parts.len()];
        for diagnostic in diagnostics {
            let index = diagnostic
                .span
                .as_ref()
                .map_or(0, |span| self.index_of(span.start));
            by_file[index].push(self.rebase(diagnostic, index));
        }
        let mut files = self
            .parts
            .iter()
            .zip(by_file)
            .map(|((file, _), diagnostics)| FileDiagnostics {
                file: file.clone(),
                diagnostics,
            });
        let first = files.next().expect("a configuration has its own file");
        (first, files.filter(|f| !f.diagnostics.is_empty()).collect())
    }

    fn rebase(&self, mut diagnostic: Diagnostic, index: usize) -> Diagnostic {
        let base = self.parts[index].1;
        let shift = |span: &Range<usize>| span.start - base..span.end - base;
        diagnostic.span = diagnostic.span.as_ref().map(shift);
        let context = std::mem::take(&mut diagnostic.context);
        for (span, label) in context {
            if self.index_of(span.start) == index {
                diagnostic.context.push((shift(&span), label));
            } else {
                diagnostic
                    .notes
                    .push(format!("{}: {label}", self.place(span.start)));
            }
        }
        diagnostic
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RuleId;

    fn two() -> Files {
        let mut files = Files::new(Source::new("a.yaml", "version: 1\n"));
        let base = files.push(Source::new("b.yaml", "x: 1\ny: 今日\n"));
        assert_eq!(base, "version: 1\n".len() + 1);
        files
    }

    #[test]
    fn places_and_slices_are_in_the_file_the_offset_is_in() {
        let files = two();
        let base = files.next_base() - "x: 1\ny: 今日\n".len() - 1;
        assert_eq!(files.place(base + 8), "b.yaml:2:4");
        assert_eq!(files.place(3), "a.yaml:1:4");
        assert_eq!(files.slice(&(base + 8..base + 14)), Some("今日"));
    }

    #[test]
    fn split_rebases_spans_and_turns_context_in_another_file_into_a_note() {
        let files = two();
        let base = files.next_base() - "x: 1\ny: 今日\n".len() - 1;
        let diagnostics = vec![
            Diagnostic::error(RuleId::Extends, "in a").at(0..7, "here"),
            Diagnostic::error(RuleId::Extends, "in b")
                .at(base + 5..base + 6, "here")
                .context(base..base + 1, "same file")
                .context(0..7, "first used here"),
        ];
        let (first, also) = files.split(diagnostics);
        assert_eq!(first.file.name, "a.yaml");
        assert_eq!(first.diagnostics[0].span, Some(0..7));
        assert_eq!(also.len(), 1);
        let in_b = &also[0].diagnostics[0];
        assert_eq!(in_b.span, Some(5..6));
        assert_eq!(in_b.context, vec![(0..1, "same file".to_string())]);
        assert_eq!(in_b.notes, ["a.yaml:1:1: first used here"]);
    }

    #[test]
    fn files_without_diagnostics_are_left_out_except_the_first() {
        let (first, also) = two().split(Vec::new());
        assert!(first.diagnostics.is_empty() && also.is_empty());
    }
}
