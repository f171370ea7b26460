//! Writing the tree back in canonical form.
//!
//! - Keys in the order of `order`; list items in their order.
//! - Two spaces per level; a list's dashes two spaces deeper than its key, the first key of a
//!   mapping in a list on the dash's line (`- name: 服务`).
//! - A flow collection (`{ name: 官网, type: view, url: "https://…" }`, `[订单号, 支付金额]`)
//!   stays one, written `{ a: b, c: d }` and `[a, b]`, when it has no comment inside and its
//!   line fits in [`MAX_WIDTH`] columns (a CJK character takes two); otherwise it is written
//!   as a block. A block is never made a flow collection: the author's choice of block stays.
//!   The top level is always a block.
//! - One blank line before each section (`menu`, `conditional_menus`, …) but none between
//!   `version` and `account`; elsewhere a blank line the author left between two keys, items or
//!   comments stays (several count as one), and none opens or closes a block.
//! - Comments where `comments` put them: a leading one on its own line at the indentation of
//!   what it leads, a trailing one after its line. The trailing comments of consecutive lines
//!   line up one space after the longest of those lines, as gofmt aligns them. Two trailing
//!   comments that land on one line (a key's and its value's, written on two lines) cannot
//!   both trail it: the earlier goes on its own line just above.

use super::order::{self, Shape};
use super::scalar;
use super::tree::{Collection, Document, Member, Node, Note};
use unicode_width::UnicodeWidthStr;

/// The widest line a flow collection may make, in terminal columns.
pub const MAX_WIDTH: usize = 100;

const INDENT: usize = 2;

enum Line {
    Blank,
    Comment {
        indent: usize,
        text: String,
    },
    Code {
        indent: usize,
        text: String,
        comments: Vec<String>,
    },
}

/// The canonical text of `doc`, with `\n` line breaks and a final one.
pub(super) fn write(doc: &Document) -> String {
    let mut writer = Writer {
        doc,
        lines: Vec::new(),
    };
    writer.notes(&doc.preamble, 0);
    if let Some((token, _)) = doc.start_marker {
        writer.code(0, "---".to_string(), &[token]);
    }
    if !doc.header.is_empty() {
        writer.notes(&doc.header, 0);
        writer.lines.push(Line::Blank);
    }
    writer.top_level(&doc.root);
    if let Some(token) = doc.end_marker {
        writer.code(0, "...".to_string(), &[token]);
    }
    render(&writer.lines)
}

struct Writer<'d> {
    doc: &'d Document,
    lines: Vec<Line>,
}

impl Writer<'_> {
    fn top_level(&mut self, root: &Collection) {
        let mut previous = None;
        for (index, member) in ordered(root, Shape::Config).into_iter().enumerate() {
            let key = member.key.as_ref().map(|key| key.value.as_str());
            // `version` and `account` open the file together; a blank line before each section.
            let account_after_version = key == Some("account") && previous == Some("version");
            self.lead(member, Some(index > 0 && !account_after_version), 0);
            self.entry(member, Shape::Config, 0);
            previous = key;
        }
        self.notes(&root.end_notes, 0);
    }

    /// The members of a block collection at `indent`, then its closing comments.
    fn members(&mut self, collection: &Collection, shape: Shape, indent: usize) {
        for (index, member) in ordered(collection, shape).into_iter().enumerate() {
            // No blank line opens a block.
            self.lead(member, (index == 0).then_some(false), indent);
            if collection.mapping {
                self.entry(member, shape, indent);
            } else {
                self.item(member, shape, indent);
            }
        }
        self.notes(&collection.end_notes, indent);
    }

    /// The comments and blank lines before `member`; `blank` forces whether a blank line comes
    /// first.
    fn lead(&mut self, member: &Member, blank: Option<bool>, indent: usize) {
        let first = member
            .lead
            .first()
            .map_or(member.blank_before, |note| note.blank_before);
        if blank.unwrap_or(first) {
            self.lines.push(Line::Blank);
        }
        for (index, note) in member.lead.iter().enumerate() {
            if index > 0 && note.blank_before {
                self.lines.push(Line::Blank);
            }
            self.comment(indent, &note.text);
        }
        if !member.lead.is_empty() && member.blank_before {
            self.lines.push(Line::Blank);
        }
    }

    fn notes(&mut self, notes: &[Note], indent: usize) {
        for note in notes {
            if note.blank_before {
                self.lines.push(Line::Blank);
            }
            self.comment(indent, &note.text);
        }
    }

    /// `key: value`, or `key:` and the block under it.
    fn entry(&mut self, member: &Member, shape: Shape, indent: usize) {
        let Some(key) = &member.key else {
            return self.item(member, shape, indent);
        };
        let key_text = scalar::write(key, false);
        match &member.value {
            Node::Scalar(value) if value.empty => {
                self.code(indent, format!("{key_text}:"), &[key.token, value.token]);
            }
            Node::Scalar(value) => {
                let text = format!("{key_text}: {}", scalar::write(value, false));
                self.code(indent, text, &[key.token, value.token]);
            }
            Node::Collection(inner) => {
                let child = order::child(shape, &key.value);
                self.collection(&key_text, inner, child, indent, key.token);
            }
        }
    }

    /// `- item`, or the block of a mapping or list in a list.
    fn item(&mut self, member: &Member, shape: Shape, indent: usize) {
        match &member.value {
            Node::Scalar(value) if value.empty => {
                self.code(indent, "-".to_string(), &[value.token])
            }
            Node::Scalar(value) => {
                let text = format!("- {}", scalar::write(value, false));
                self.code(indent, text, &[value.token]);
            }
            Node::Collection(inner) => {
                let start = self.lines.len();
                if let Some(text) = self.flow_line(inner, shape, indent + INDENT) {
                    let open: Vec<usize> =
                        inner.brackets.map(|(open, _)| open).into_iter().collect();
                    self.code(indent, format!("- {text}"), &open);
                    self.flow_comments(inner);
                    return;
                }
                self.members(inner, shape, indent + INDENT);
                self.dash(start, indent, inner);
                self.close_comments(inner);
            }
        }
    }

    /// Puts the dash of a list item on the first line of its block, written from `start` at
    /// `indent` + 2: the first member's leading comments go above the dash, at `indent`.
    fn dash(&mut self, start: usize, indent: usize, inner: &Collection) {
        let mut moved = Vec::new();
        while let Some(Line::Comment { .. } | Line::Blank) = self.lines.get(start) {
            if let Line::Comment { text, .. } = self.lines.remove(start) {
                moved.push(Line::Comment { indent, text });
            }
        }
        let first = start + moved.len();
        self.lines.splice(start..start, moved);
        if let Some(Line::Code {
            indent: line_indent,
            text,
            comments,
        }) = self.lines.get_mut(first)
        {
            *line_indent = indent;
            text.insert_str(0, "- ");
            if let Some((open, _)) = inner.brackets {
                let mut all = self.doc.trailing[open].clone();
                all.append(comments);
                *comments = all;
            }
        }
    }

    /// A collection under a key: on the key's line when it stays a flow collection, else as
    /// a block below.
    fn collection(
        &mut self,
        key: &str,
        inner: &Collection,
        shape: Shape,
        indent: usize,
        key_token: usize,
    ) {
        let mut tokens = vec![key_token];
        tokens.extend(inner.brackets.map(|(open, _)| open));
        let column = indent + key.width() + 2;
        if let Some(text) = self.flow_line(inner, shape, column) {
            self.code(indent, format!("{key}: {text}"), &tokens);
            self.flow_comments(inner);
            return;
        }
        self.code(indent, format!("{key}:"), &tokens);
        self.members(inner, shape, indent + INDENT);
        self.close_comments(inner);
    }

    /// The one-line text of a flow collection that stays one, starting at `column`.
    fn flow_line(&self, collection: &Collection, shape: Shape, column: usize) -> Option<String> {
        if !collection.flow {
            return None;
        }
        if collection.members.is_empty() {
            return Some(if collection.mapping { "{}" } else { "[]" }.to_string());
        }
        if self.has_comment_within(collection) {
            return None;
        }
        let text = flow_text(collection, shape);
        (column + text.width() <= MAX_WIDTH).then_some(text)
    }

    /// The comments of a flow collection written on one line: after its closing bracket, and
    /// inside an empty one.
    fn flow_comments(&mut self, collection: &Collection) {
        let notes: Vec<String> = collection
            .end_notes
            .iter()
            .map(|note| note.text.clone())
            .collect();
        self.append_to_last_code(notes);
        self.close_comments(collection);
    }

    fn close_comments(&mut self, collection: &Collection) {
        if let Some((_, close)) = collection.brackets {
            self.append_to_last_code(self.doc.trailing[close].clone());
        }
    }

    fn append_to_last_code(&mut self, more: Vec<String>) {
        if more.is_empty() {
            return;
        }
        let last = self.lines.iter_mut().rev().find_map(|line| match line {
            Line::Code { comments, .. } => Some(comments),
            _ => None,
        });
        if let Some(comments) = last {
            comments.extend(more);
        }
    }

    fn has_comment_within(&self, collection: &Collection) -> bool {
        let span = &collection.span;
        let comments = &self.doc.comments;
        let first_after = comments.partition_point(|comment| comment.at.offset < span.start);
        comments
            .get(first_after)
            .is_some_and(|comment| comment.at.offset < span.end)
    }

    fn code(&mut self, indent: usize, text: String, tokens: &[usize]) {
        let comments = tokens
            .iter()
            .flat_map(|&token| self.doc.trailing[token].iter().cloned())
            .collect();
        self.lines.push(Line::Code {
            indent,
            text,
            comments,
        });
    }

    fn comment(&mut self, indent: usize, text: &str) {
        self.lines.push(Line::Comment {
            indent,
            text: text.to_string(),
        });
    }
}

/// The members of `collection` in canonical order: a mapping's keys by rank (stable, so
/// unknown keys keep their order), a list's items as they are.
fn ordered(collection: &Collection, shape: Shape) -> Vec<&Member> {
    let mut members: Vec<&Member> = collection.members.iter().collect();
    if collection.mapping {
        members.sort_by_key(|member| {
            member
                .key
                .as_ref()
                .map_or(usize::MAX, |key| order::rank(shape, &key.value))
        });
    }
    members
}

/// A flow collection on one line: `{ a: b, c: [d, e] }`.
fn flow_text(collection: &Collection, shape: Shape) -> String {
    let parts: Vec<String> = ordered(collection, shape)
        .into_iter()
        .map(|member| {
            let child = member
                .key
                .as_ref()
                .map_or(shape, |key| order::child(shape, &key.value));
            let value = match &member.value {
                // `{ a }` holds a null; written out, as `{ a: }` is not read alike everywhere.
                Node::Scalar(value) if value.empty => "null".to_string(),
                Node::Scalar(value) => scalar::write(value, true).into_owned(),
                Node::Collection(inner) => flow_text(inner, child),
            };
            match &member.key {
                Some(key) => format!("{}: {value}", scalar::write(key, true)),
                None => value,
            }
        })
        .collect();
    match (collection.mapping, parts.is_empty()) {
        (true, true) => "{}".to_string(),
        (true, false) => format!("{{ {} }}", parts.join(", ")),
        (false, _) => format!("[{}]", parts.join(", ")),
    }
}

/// The lines as text: no blank line first, last or twice in a row; the trailing comments of
/// consecutive lines aligned one space after the longest of them, as gofmt aligns them.
fn render(lines: &[Line]) -> String {
    // Each output line: its code (or a whole comment line) and its trailing comment.
    let mut rows: Vec<(String, Option<&str>)> = Vec::new();
    let mut blank = false;
    for line in lines {
        let (indent, text, comments): (usize, String, &[String]) = match line {
            Line::Blank => {
                blank = !rows.is_empty();
                continue;
            }
            Line::Comment { indent, text } => (*indent, format!("#{text}"), &[]),
            Line::Code {
                indent,
                text,
                comments,
            } => (*indent, text.clone(), comments),
        };
        if std::mem::take(&mut blank) {
            rows.push((String::new(), None));
        }
        let pad = " ".repeat(indent);
        let (last, earlier) = match comments.split_last() {
            Some((last, earlier)) => (Some(last.as_str()), earlier),
            None => (None, &[][..]),
        };
        for comment in earlier {
            rows.push((format!("{pad}#{comment}"), None));
        }
        rows.push((format!("{pad}{text}"), last));
    }
    let mut out = String::new();
    for run in rows.chunk_by(|a, b| a.1.is_some() && b.1.is_some()) {
        let column = run.iter().map(|(code, _)| code.width()).max().unwrap_or(0);
        for (code, comment) in run {
            out.push_str(code);
            if let Some(comment) = comment {
                let pad = " ".repeat(column - code.width() + 1);
                out.push_str(&format!("{pad}#{comment}"));
            }
            out.push('\n');
        }
    }
    out
}
