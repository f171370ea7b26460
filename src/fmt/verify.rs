//! The formatter's promise, checked on every file before anything is written: the formatted
//! text holds the same YAML data as the original (read by serde-saphyr, the reader the
//! configuration loader uses, with keys in any order), every comment of the original, and,
//! when the original loads as a configuration, loads to the same configuration. A file for
//! which this fails is refused and left as it is.

use super::tree;
use crate::config::{self, Loaded};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// YAML data with no presentation: what a YAML reader makes of a file.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Data {
    Null,
    Bool(bool),
    Int(i128),
    /// The bits of the number, so that NaN equals itself.
    Float(u64),
    Text(String),
    List(Vec<Data>),
    /// Entries sorted by key, so that key order does not count.
    Map(Vec<(Data, Data)>),
}

/// The data of `text`, or `None` when serde-saphyr cannot read it.
pub(super) fn data(text: &str) -> Option<Data> {
    serde_saphyr::from_str::<Data>(text).ok()
}

/// Checks that `formatted` keeps `original`'s data, comments and configuration, or says
/// what it would not keep.
pub(super) fn same(
    original: &Data,
    comments: &[tree::SourceComment],
    formatted: &str,
    loaded: Option<&Loaded>,
) -> Result<(), &'static str> {
    if data(formatted).as_ref() != Some(original) {
        return Err("the formatted file would hold other data");
    }
    let mut before: Vec<&str> = comments.iter().map(|c| c.text.as_str()).collect();
    let reread = tree::parse(formatted).map_err(|_| "the formatted file would not parse")?;
    let mut after: Vec<&str> = reread.comments.iter().map(|c| c.text.as_str()).collect();
    before.sort_unstable();
    after.sort_unstable();
    if before != after {
        return Err("the formatted file would not keep every comment");
    }
    if let Some(loaded) = loaded {
        let again = config::load_str(&loaded.file.name, formatted);
        if again.map(|again| again.desired).ok().as_ref() != Some(&loaded.desired) {
            return Err("the formatted file would load to another configuration");
        }
    }
    Ok(())
}

impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DataVisitor)
    }
}

struct DataVisitor;

impl<'de> Visitor<'de> for DataVisitor {
    type Value = Data;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("YAML data")
    }

    fn visit_unit<E>(self) -> Result<Data, E> {
        Ok(Data::Null)
    }

    fn visit_none<E>(self) -> Result<Data, E> {
        Ok(Data::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Data, D::Error> {
        Data::deserialize(deserializer)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Data, E> {
        Ok(Data::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Data, E> {
        Ok(Data::Int(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Data, E> {
        Ok(Data::Int(value.into()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Data, E> {
        Ok(Data::Int(value))
    }

    fn visit_u128<E: serde::de::Error>(self, value: u128) -> Result<Data, E> {
        i128::try_from(value)
            .map(Data::Int)
            .map_err(|_| E::custom("a number too large"))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Data, E> {
        Ok(Data::Float(value.to_bits()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Data, E> {
        Ok(Data::Text(value.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Data, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Data::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Data, A::Error> {
        let mut entries: Vec<(Data, Data)> = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        // Stable: keys that appear twice keep their order.
        entries.sort_by_cached_key(|(key, _)| format!("{key:?}"));
        Ok(Data::Map(entries))
    }
}
