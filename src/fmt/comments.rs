//! Where each comment of the source belongs, so that it moves with what it describes when keys
//! are put in order.
//!
//! - A comment after code on the same line trails the last scalar or bracket before it, and is
//!   written after it again, on whatever line that ends up.
//! - A comment on a line of its own leads the key or item that follows it, unless it ends a
//!   block: after a block's last member and indented at least as deep as that block's members
//!   (the deepest such block takes it), it stays at the end of that block. So
//!
//!   ```yaml
//!   menu:
//!     button:
//!       - { name: a, type: click, key: A }
//!       # ends the list of buttons
//!     # ends the menu
//!   # leads `tags`
//!   tags: …
//!   ```
//! - The comments before the first key, up to the last blank line among them, are the file's
//!   opening comments (the schema line, a description): they stay first, whichever key comes
//!   first after formatting. Comments before an explicit `---` stay before it.
//!
//! Blank lines are remembered as "a blank line came before this" on keys, items and comments.

use super::tree::{Collection, Document, Member, Node, Note, Pos};

/// Attaches every comment of `doc` to its place, and marks blank lines.
pub(super) fn attach(doc: &mut Document) {
    doc.trailing = vec![Vec::new(); doc.tokens.len()];
    mark_blank_lines(&mut doc.root, &doc.blank);
    let comments = std::mem::take(&mut doc.comments);
    for comment in &comments {
        let note = Note {
            text: comment.text.clone(),
            blank_before: doc.is_blank(comment.at.line - 1),
        };
        if doc
            .start_marker
            .is_some_and(|(_, start)| comment.at.offset < start)
        {
            doc.preamble.push(note);
            continue;
        }
        if !comment.own_line
            && let Some(token) = token_before(doc, comment.at)
        {
            doc.trailing[token].push(note.text);
            continue;
        }
        place(&mut doc.root, note, comment.at);
    }
    doc.comments = comments;
    split_header(doc);
}

/// The token that ends last before `at`, on the same line.
fn token_before(doc: &Document, at: Pos) -> Option<usize> {
    let index = doc
        .tokens
        .partition_point(|token| token.end <= at.offset)
        .checked_sub(1)?;
    (doc.tokens[index].end_line == at.line).then_some(index)
}

/// Puts a comment on a line of its own into `collection`, which it is inside of.
fn place(collection: &mut Collection, note: Note, at: Pos) {
    let count = collection.members.len();
    let index = collection
        .members
        .partition_point(|member| member.at.offset < at.offset);
    if index > 0 {
        let sibling_column = index < count && at.col <= collection.col && !collection.flow;
        let previous = &mut collection.members[index - 1];
        if at.offset < previous.value.start() {
            // Between a key and its value on a later line.
            match &mut previous.value {
                Node::Collection(inner) if !inner.flow => place(inner, note, at),
                _ => previous.lead.push(note),
            }
            return;
        }
        if let Node::Collection(inner) = &mut previous.value {
            let inside = match inner.members.last() {
                _ if inner.flow => at.offset < inner.span.end,
                None => false,
                // Before one of its members: inside, however indented.
                Some(last) if at.offset < last.at.offset => true,
                // After them: inside if indented as deep as they are.
                Some(_) => at.col >= inner.col && !sibling_column,
            };
            if inside {
                place(inner, note, at);
                return;
            }
        }
    }
    match collection.members.get_mut(index) {
        Some(next) => next.lead.push(note),
        None => collection.end_notes.push(note),
    }
}

fn mark_blank_lines(collection: &mut Collection, blank: &[bool]) {
    for member in &mut collection.members {
        member.blank_before = blank.get(member.at.line - 1).copied().unwrap_or(false);
        if let Node::Collection(inner) = &mut member.value {
            mark_blank_lines(inner, blank);
        }
    }
}

/// The first key's leading comments up to the last blank line among them open the file.
fn split_header(doc: &mut Document) {
    let Some(first) = doc.root.members.first_mut() else {
        return;
    };
    let Member {
        lead, blank_before, ..
    } = first;
    if *blank_before {
        doc.header = std::mem::take(lead);
        *blank_before = false;
    } else if let Some(split) = lead.iter().rposition(|note| note.blank_before) {
        doc.header = lead.drain(..split).collect();
    }
}
