//! Any YAML data written the many ways a person might write it: keys in any order, flow or
//! block collections (a flow one now and then broken over lines), lists flush with their key or
//! indented, 2 or 4 spaces, plain, single- or double-quoted text, blank lines, and comments
//! (leading, trailing, closing a block, inside a flow collection), each a unique marker `mN` so
//! that a test can follow them. The input of `fmt`'s properties.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt::Write;

/// YAML data with its mappings in order.
#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Text(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

/// The data of a YAML text (keys are text, as in a configuration).
pub fn read(yaml: &str) -> Value {
    serde_saphyr::from_str(yaml).expect("the YAML reads")
}

/// `value` written messily: `seed` picks every choice; `shuffle` puts keys in random order.
pub fn write(value: &Value, seed: u64, shuffle: bool) -> String {
    let mut writer = Messy {
        rng: fastrand::Rng::with_seed(seed),
        shuffle,
        step: if seed.is_multiple_of(2) { 2 } else { 4 },
        markers: 0,
        out: String::new(),
    };
    match value {
        Value::Map(entries) => writer.map(entries, 0, false),
        _ => panic!("a configuration is a mapping"),
    }
    writer.out
}

struct Messy {
    rng: fastrand::Rng,
    shuffle: bool,
    step: usize,
    markers: usize,
    out: String,
}

impl Messy {
    fn marker(&mut self) -> String {
        self.markers += 1;
        format!("# m{}", self.markers)
    }

    fn order<T>(&mut self, items: &[T]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        if self.shuffle {
            self.rng.shuffle(&mut order);
        }
        order
    }

    /// A comment or a blank line, now and then, before a key or an item at `indent`.
    fn lead(&mut self, indent: usize) {
        if self.rng.u8(..6) == 0 {
            self.out.push('\n');
        }
        if self.rng.u8(..4) == 0 {
            let marker = self.marker();
            let _ = writeln!(self.out, "{}{marker}", " ".repeat(indent));
        }
    }

    /// A comment after the code on a line, now and then.
    fn trail(&mut self) -> String {
        match self.rng.u8(..4) {
            0 => format!("{}{}", " ".repeat(self.rng.usize(1..6)), self.marker()),
            _ => String::new(),
        }
    }

    /// A comment closing a block at `indent`, now and then.
    fn end(&mut self, indent: usize) {
        if self.rng.u8(..6) == 0 {
            let marker = self.marker();
            let _ = writeln!(self.out, "{}{marker}", " ".repeat(indent));
        }
    }

    /// A block mapping at `indent`; `inline` when its first key follows a list's dash.
    fn map(&mut self, entries: &[(String, Value)], indent: usize, inline: bool) {
        for (n, index) in self.order(entries).into_iter().enumerate() {
            let (key, value) = &entries[index];
            let pad = if inline && n == 0 {
                String::new()
            } else {
                self.lead(indent);
                " ".repeat(indent)
            };
            let key = self.text(key);
            match value {
                Value::List(items) if !items.is_empty() && self.rng.bool() => {
                    let trail = self.trail();
                    let _ = writeln!(self.out, "{pad}{key}:{trail}");
                    let dash = if self.rng.bool() {
                        indent
                    } else {
                        indent + self.step
                    };
                    self.list(items, dash);
                }
                Value::Map(inner) if !inner.is_empty() && self.rng.bool() => {
                    let trail = self.trail();
                    let _ = writeln!(self.out, "{pad}{key}:{trail}");
                    self.map(inner, indent + self.step, false);
                }
                _ => {
                    let value = self.flow_over_lines(value, indent + self.step);
                    let trail = self.trail();
                    let _ = writeln!(self.out, "{pad}{key}: {value}{trail}");
                }
            }
        }
        self.end(indent);
    }

    /// A block list with its dashes at `indent`.
    fn list(&mut self, items: &[Value], indent: usize) {
        let pad = " ".repeat(indent);
        for item in items {
            self.lead(indent);
            match item {
                Value::Map(entries) if !entries.is_empty() && self.rng.bool() => {
                    self.out.push_str(&pad);
                    self.out.push_str("- ");
                    self.map(entries, indent + 2, true);
                }
                _ => {
                    let value = self.flow_over_lines(item, indent + 2);
                    let trail = self.trail();
                    let _ = writeln!(self.out, "{pad}- {value}{trail}");
                }
            }
        }
        self.end(indent);
    }

    /// A value as [`Self::flow`] writes it; now and then a flow collection of several members
    /// broken over lines (continued at `indent`), with a comment after its first member.
    fn flow_over_lines(&mut self, value: &Value, indent: usize) -> String {
        let parts: Vec<String> = match value {
            Value::List(items) if items.len() > 1 && self.rng.u8(..4) == 0 => {
                items.iter().map(|item| self.flow(item)).collect()
            }
            Value::Map(entries) if entries.len() > 1 && self.rng.u8(..4) == 0 => self
                .order(entries)
                .into_iter()
                .map(|index| {
                    let (key, value) = &entries[index];
                    format!("{}: {}", self.text(key), self.flow(value))
                })
                .collect(),
            _ => return self.flow(value),
        };
        let (open, close) = match value {
            Value::List(_) => ("[", "]"),
            _ => ("{", "}"),
        };
        let marker = self.marker();
        let pad = " ".repeat(indent);
        let rest = parts[1..].join(&format!(",\n{pad}"));
        format!("{open}{}, {marker}\n{pad}{rest}\n{pad}{close}", parts[0])
    }

    /// A value on one line: a scalar, or a flow collection.
    fn flow(&mut self, value: &Value) -> String {
        let space = if self.rng.bool() { " " } else { "" };
        match value {
            Value::Null => ["null", "~"][self.rng.usize(..2)].to_string(),
            Value::Bool(value) => value.to_string(),
            Value::Int(value) => value.to_string(),
            Value::Text(text) => self.text(text),
            Value::List(items) => {
                let items: Vec<String> = items.iter().map(|item| self.flow(item)).collect();
                format!("[{space}{}{space}]", items.join(", "))
            }
            Value::Map(entries) => {
                let parts: Vec<String> = self
                    .order(entries)
                    .into_iter()
                    .map(|index| {
                        let (key, value) = &entries[index];
                        format!("{}: {}", self.text(key), self.flow(value))
                    })
                    .collect();
                format!("{{{space}{}{space}}}", parts.join(","))
            }
        }
    }

    /// Text plain, single- or double-quoted, as the text allows.
    fn text(&mut self, text: &str) -> String {
        match self.rng.u8(..3) {
            0 if plain(text) => text.to_string(),
            1 if text
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c.is_ascii_punctuation()) =>
            {
                format!("'{}'", text.replace('\'', "''"))
            }
            _ => double_quoted(text),
        }
    }
}

/// Text that every YAML reader takes for that text when written bare.
fn plain(text: &str) -> bool {
    const WORDS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    text.chars().all(|c| c.is_alphanumeric() || c == '_')
        && text.starts_with(|c: char| c.is_alphabetic())
        && !WORDS.contains(&text.to_lowercase().as_str())
}

/// Double-quoted, every character but letters, digits, spaces and ASCII punctuation escaped.
fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_alphanumeric() || c == ' ' || c.is_ascii_punctuation() => out.push(c),
            c if u32::from(c) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\U{:08x}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("YAML data")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Int(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Int(value.into()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::Text(value.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Value::Map(entries))
    }
}
