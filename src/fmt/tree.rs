//! The configuration as its author wrote it: the YAML parser's events (granit-parser, the parser
//! under serde-saphyr) built into a tree of mappings, lists and scalars that knows where each
//! piece was, which style it had (flow or block, plain or quoted), and every comment with its
//! place. Comments are attached to the tree afterwards (`comments`).
//!
//! What the formatter cannot write back exactly is refused here, pointing at it: anchors and
//! aliases, tags (`!!str`), directives, keys that are not text; but only once the file is
//! known to be a configuration (a mapping with `version`), so that another file is never
//! quoted. An alias is never expanded.

use super::Failure;
use crate::config::Diagnostic;
use crate::config::RuleId;
use granit_parser::{Event, Parser, ScalarStyle, ScanError, Span, StrInput, StructureStyle};

/// Deeper than any configuration (a button in a folder in a menu is 6 levels).
const MAX_DEPTH: usize = 64;

/// A place in the source: byte offset, 1-based line, 0-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pos {
    pub offset: usize,
    pub line: usize,
    pub col: usize,
}

/// One comment of the source: its text after `#`, and whether it has a line of its own.
#[derive(Debug, Clone)]
pub(super) struct SourceComment {
    pub text: String,
    pub at: Pos,
    pub own_line: bool,
}

/// Something a trailing comment can follow on its line: a scalar, or a bracket of a flow
/// collection, or a document marker.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub end: usize,
    pub end_line: usize,
}

/// A comment on a line of its own, attached to what follows it or to the end of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Note {
    pub text: String,
    /// A blank line came just before it.
    pub blank_before: bool,
}

#[derive(Debug)]
pub(super) enum Node {
    Scalar(Scalar),
    Collection(Collection),
}

#[derive(Debug)]
pub(super) struct Scalar {
    /// The value after YAML's escapes and line folding.
    pub value: String,
    /// Written without quotes.
    pub plain: bool,
    /// Written over several lines.
    pub multiline: bool,
    /// Written as nothing at all (`key:`): null.
    pub empty: bool,
    pub token: usize,
    pub start: usize,
}

#[derive(Debug)]
pub(super) struct Collection {
    pub mapping: bool,
    pub flow: bool,
    pub members: Vec<Member>,
    /// The column of a block collection's keys or dashes.
    pub col: usize,
    /// The tokens of a flow collection's brackets.
    pub brackets: Option<(usize, usize)>,
    /// From the first character to past the last.
    pub span: std::ops::Range<usize>,
    /// Comments after the last member, before the block (or the closing bracket) ends.
    pub end_notes: Vec<Note>,
}

/// A key and its value, or a list item (no key).
#[derive(Debug)]
pub(super) struct Member {
    pub key: Option<Scalar>,
    pub value: Node,
    /// Where the key, or the item, starts.
    pub at: Pos,
    /// Comments on lines of their own just before it.
    pub lead: Vec<Note>,
    pub blank_before: bool,
}

#[derive(Debug)]
pub(super) struct Document {
    pub root: Collection,
    /// The token of an explicit `---`, and where it starts.
    pub start_marker: Option<(usize, usize)>,
    /// The token of an explicit `...`.
    pub end_marker: Option<usize>,
    pub comments: Vec<SourceComment>,
    pub tokens: Vec<Token>,
    /// For each 1-based line, whether it is a blank line of the layout (not one inside a
    /// quoted text).
    pub blank: Vec<bool>,
    /// Filled by `comments`: the comments before `---`, the file's opening comments, and the
    /// trailing comments of each token.
    pub preamble: Vec<Note>,
    pub header: Vec<Note>,
    pub trailing: Vec<Vec<String>>,
}

impl Node {
    pub fn start(&self) -> usize {
        match self {
            Node::Scalar(scalar) => scalar.start,
            Node::Collection(collection) => collection.span.start,
        }
    }
}

impl Document {
    pub fn is_blank(&self, line: usize) -> bool {
        self.blank.get(line).copied().unwrap_or(false)
    }
}

/// The tree of `text`, a configuration: one YAML document whose top level is a mapping with a
/// `version` key.
pub(super) fn parse(text: &str) -> Result<Document, Failure> {
    let builder = Builder {
        text,
        // Anchor events say where `&name` is, to point at it.
        events: Parser::new_from_str_with_options(
            text,
            granit_parser::options! { emit_anchor_events: true },
        )
        .peekable(),
        comments: Vec::new(),
        tokens: Vec::new(),
        multiline: Vec::new(),
        unsupported: None,
    };
    builder.document()
}

struct Builder<'a> {
    text: &'a str,
    events: std::iter::Peekable<Parser<'a, StrInput<'a>>>,
    comments: Vec<SourceComment>,
    tokens: Vec<Token>,
    /// The lines of each scalar written over several lines.
    multiline: Vec<(usize, usize)>,
    /// The first construct the formatter cannot keep.
    unsupported: Option<Failure>,
}

fn offset(span: &Span) -> usize {
    span.start.byte_offset().unwrap_or(0)
}

fn end_offset(span: &Span) -> usize {
    span.end.byte_offset().unwrap_or(0)
}

fn byte_range(span: &Span) -> std::ops::Range<usize> {
    offset(span)..end_offset(span).max(offset(span))
}

impl<'a> Builder<'a> {
    /// The next event that is not a comment; comments are kept aside.
    fn next(&mut self) -> Result<(Event<'a>, Span), Failure> {
        loop {
            match self.events.next() {
                None => {
                    let end = self.text.len();
                    return Err(unreadable(
                        Diagnostic::error(
                            RuleId::YamlSyntax,
                            "the file ends in the middle of the YAML",
                        )
                        .at(end..end, ""),
                    ));
                }
                Some(Err(err)) => return Err(unreadable(scan_error(&err))),
                Some(Ok((Event::Comment(text, _), span))) => self.comment(&text, &span),
                // Its node, just before it, said where it is.
                Some(Ok((Event::Anchor(..), _))) => {}
                Some(Ok(pair)) => return Ok(pair),
            }
        }
    }

    fn comment(&mut self, text: &str, span: &Span) {
        let start = offset(span);
        let line_start = self.text[..start].rfind('\n').map_or(0, |at| at + 1);
        self.comments.push(SourceComment {
            text: text.trim_end().to_string(),
            at: Pos {
                offset: start,
                line: span.start.line(),
                col: span.start.col(),
            },
            own_line: self.text[line_start..start].trim().is_empty(),
        });
    }

    /// Remembers the first construct the formatter cannot keep; the file is refused for it
    /// once it is known to be a configuration (never quoting another file).
    fn cannot_keep(&mut self, failure: Failure) {
        self.unsupported.get_or_insert(failure);
    }

    /// Anchors and tags cannot be kept; an anchor is pointed at where its `&name` is (the
    /// event after the node).
    fn properties(&mut self, anchor: usize, tagged: bool, span: &Span) {
        if anchor != 0 {
            let at = match self.events.peek() {
                Some(Ok((Event::Anchor(..), anchor))) => byte_range(anchor),
                _ => byte_range(span),
            };
            self.cannot_keep(unsupported("anchors (`&name`)", at, WRITE_OUT));
        }
        if tagged {
            let at = span
                .tag_span()
                .map_or_else(|| byte_range(span), |tag| byte_range(&tag));
            self.cannot_keep(unsupported(
                "tags such as `!!str`",
                at,
                "remove the tag; quote the value if it must be read as text",
            ));
        }
    }

    fn token(&mut self, span: &Span) -> usize {
        self.tokens.push(Token {
            end: end_offset(span),
            end_line: span.end.line(),
        });
        self.tokens.len() - 1
    }

    fn document(mut self) -> Result<Document, Failure> {
        let mut start_marker = None;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart => {}
                Event::DocumentStart(explicit, version) => {
                    let before = &self.text[..offset(&span)];
                    if version.is_some() || (explicit && directive(before).is_some()) {
                        self.cannot_keep(unsupported(
                            "YAML directives (`%YAML`, `%TAG`)",
                            directive(before).unwrap_or(0..0),
                            "remove the directive lines: a configuration needs none",
                        ));
                    }
                    if explicit {
                        start_marker = Some((self.token(&span), offset(&span)));
                    }
                    break;
                }
                _ => return Err(Failure::NotConfiguration),
            }
        }
        let (event, span) = self.next()?;
        let root = match event {
            Event::MappingStart(..) => match self.node(event, span, 0)? {
                Node::Collection(root) => root,
                Node::Scalar(_) => return Err(Failure::NotConfiguration),
            },
            _ => return Err(Failure::NotConfiguration),
        };
        let has_version = root.members.iter().any(|member| {
            member
                .key
                .as_ref()
                .is_some_and(|key| key.value == "version")
        });
        if !has_version {
            return Err(Failure::NotConfiguration);
        }
        let end_marker = self.end_of_stream()?;
        if let Some(failure) = self.unsupported.take() {
            return Err(failure);
        }
        let blank = self.blank_lines();
        Ok(Document {
            root,
            start_marker,
            end_marker,
            tokens: self.tokens,
            comments: self.comments,
            blank,
            preamble: Vec::new(),
            header: Vec::new(),
            trailing: Vec::new(),
        })
    }

    /// After the root: the document's end (an explicit `...` is a token), then the stream's;
    /// a second document is not a configuration.
    fn end_of_stream(&mut self) -> Result<Option<usize>, Failure> {
        let (event, span) = self.next()?;
        let Event::DocumentEnd = event else {
            return Err(unreadable(Diagnostic::error(
                RuleId::YamlSyntax,
                "the YAML document does not end after its top-level mapping",
            )));
        };
        let end_marker = (end_offset(&span) > offset(&span)).then(|| self.token(&span));
        match self.next()? {
            (Event::StreamEnd, _) => Ok(end_marker),
            (_, span) => Err(unreadable(
                Diagnostic::error(
                    RuleId::SeveralDocuments,
                    "the file holds more than one YAML document; a configuration is one document",
                )
                .at(byte_range(&span), ""),
            )),
        }
    }

    fn node(&mut self, event: Event<'a>, span: Span, depth: usize) -> Result<Node, Failure> {
        if depth > MAX_DEPTH {
            return Err(unreadable(
                Diagnostic::error(RuleId::TooComplex, "the YAML nests deeper than 64 levels")
                    .at(byte_range(&span), ""),
            ));
        }
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                self.properties(anchor, tag.is_some(), &span);
                Ok(Node::Scalar(self.scalar(&value, style, &span)))
            }
            Event::MappingStart(style, anchor, tag) => {
                self.properties(anchor, tag.is_some(), &span);
                self.collection(true, style, span, depth)
            }
            Event::SequenceStart(style, anchor, tag) => {
                self.properties(anchor, tag.is_some(), &span);
                self.collection(false, style, span, depth)
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) => {
                self.cannot_keep(unsupported(
                    "aliases (`*name`)",
                    byte_range(&span),
                    WRITE_OUT,
                ));
                Ok(Node::Scalar(self.scalar("", ScalarStyle::Plain, &span)))
            }
            _ => Err(unreadable(
                Diagnostic::error(RuleId::YamlSyntax, "unexpected YAML here")
                    .at(byte_range(&span), ""),
            )),
        }
    }

    /// A scalar; a block scalar (`|`, `>`) counts as quoted: written again double-quoted.
    fn scalar(&mut self, value: &str, style: ScalarStyle, span: &Span) -> Scalar {
        let plain = style == ScalarStyle::Plain;
        let empty = plain && end_offset(span) <= offset(span);
        let multiline = span.end.line() > span.start.line()
            || matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
        if multiline {
            self.multiline.push((span.start.line(), span.end.line()));
        }
        Scalar {
            value: if empty {
                String::new()
            } else {
                value.to_string()
            },
            plain,
            multiline,
            empty,
            token: self.token(span),
            start: offset(span),
        }
    }

    fn collection(
        &mut self,
        mapping: bool,
        style: StructureStyle,
        span: Span,
        depth: usize,
    ) -> Result<Node, Failure> {
        let flow = style == StructureStyle::Flow;
        let open = flow.then(|| self.token(&span));
        let mut members = Vec::new();
        let (close, end) = loop {
            let (event, span) = self.next()?;
            if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
                break (flow.then(|| self.token(&span)), end_offset(&span));
            }
            members.push(self.member(mapping, event, span, depth)?);
        };
        let start = offset(&span);
        let col = match (mapping || flow, members.first()) {
            (false, Some(first)) => dash_column(self.text, first.at.offset).unwrap_or(first.at.col),
            _ => span.start.col(),
        };
        Ok(Node::Collection(Collection {
            mapping,
            flow,
            col,
            brackets: open.zip(close),
            span: start..end.max(start),
            members,
            end_notes: Vec::new(),
        }))
    }

    /// A key (in a mapping) and its value, or a list item, starting with `event`.
    fn member(
        &mut self,
        mapping: bool,
        event: Event<'a>,
        span: Span,
        depth: usize,
    ) -> Result<Member, Failure> {
        let at = Pos {
            offset: offset(&span),
            line: span.start.line(),
            col: span.start.col(),
        };
        let (key, value) = if mapping {
            let key = match event {
                Event::Scalar(value, style, anchor, tag) => {
                    self.properties(anchor, tag.is_some(), &span);
                    self.scalar(&value, style, &span)
                }
                other => {
                    self.cannot_keep(unsupported(
                        "keys that are not text (a list or a mapping as a key)",
                        byte_range(&span),
                        "a configuration's keys are field names",
                    ));
                    self.node(other, span, depth + 1)?;
                    self.scalar("", ScalarStyle::Plain, &span)
                }
            };
            let (event, span) = self.next()?;
            (Some(key), self.node(event, span, depth + 1)?)
        } else {
            (None, self.node(event, span, depth + 1)?)
        };
        Ok(Member {
            key,
            value,
            at,
            lead: Vec::new(),
            blank_before: false,
        })
    }

    /// Blank lines of the layout: empty or spaces only, and not inside a scalar written over
    /// several lines (there an empty line is part of the text).
    fn blank_lines(&self) -> Vec<bool> {
        let mut blank = vec![false];
        blank.extend(self.text.split('\n').map(|line| line.trim().is_empty()));
        for &(first, last) in &self.multiline {
            for line in first + 1..=last.min(blank.len() - 1) {
                blank[line] = false;
            }
        }
        blank
    }
}

/// The column of the dash before a block list's item at `item`: the parser places a list
/// flush with its key (`key:\n- a`) at its first item, not at its dash.
fn dash_column(text: &str, item: usize) -> Option<usize> {
    let before = text[..item].trim_end_matches([' ', '\t', '\r', '\n']);
    let dash = before.strip_suffix('-')?.len();
    let line_start = text[..dash].rfind('\n').map_or(0, |newline| newline + 1);
    Some(text[line_start..dash].chars().count())
}

/// The first line before `---` that is not a comment: a directive.
fn directive(before: &str) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for line in before.split_inclusive('\n') {
        let text = line.trim();
        if !text.is_empty() && !text.starts_with('#') {
            let indent = line.len() - line.trim_start().len();
            return Some(start + indent..start + indent + text.len());
        }
        start += line.len();
    }
    None
}

const WRITE_OUT: &str = "write the value out in full wherever it is used";

fn unsupported(what: &str, span: std::ops::Range<usize>, help: &str) -> Failure {
    Failure::Unsupported(Box::new(
        Diagnostic::error(RuleId::FmtUnsupported, format!("wxform fmt does not format {what}"))
            .at(span, "here")
            .note("the file is left as it is: wxform fmt writes a configuration back only in the forms it can keep exactly")
            .help(help),
    ))
}

fn unreadable(diagnostic: Diagnostic) -> Failure {
    Failure::Unreadable(Box::new(diagnostic))
}

fn scan_error(err: &ScanError) -> Diagnostic {
    let at = err.marker().byte_offset().unwrap_or(0);
    Diagnostic::error(RuleId::YamlSyntax, err.info()).at(at..at, "")
}
