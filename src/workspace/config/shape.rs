//! What serde lets through and the config's shape rules out: an array
//! where a table is expected. serde reads a struct from a sequence, its
//! fields in order, so `rules = [["I001"]]` was `select = ["I001"]` (R001
//! gone, exit 0) and `allow = [["R001", "**", "/permissions", "ok"]]` an
//! acceptance. Every place the config's JSON Schema (generated from the
//! same types, `file.rs`) wants an object is checked here, before serde,
//! on the spanned TOML tree: the error names the key and its line.

use serde_json::Value;
use std::sync::LazyLock;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The config's JSON Schema, generated once.
static SCHEMA: LazyLock<Value> =
    LazyLock::new(|| crate::schema::generate_with_id::<super::file::ConfigFile>(String::new()));

/// The first value of `text` that is an array where the config wants a
/// table: its byte range and what to say. A text that does not parse is
/// left to serde, which names the problem.
pub fn check(text: &str) -> Result<(), (std::ops::Range<usize>, String)> {
    let Ok(doc) = DeTable::parse(text) else {
        return Ok(());
    };
    let (span, table) = (doc.span(), doc.into_inner());
    walk(&SCHEMA, &DeValue::Table(table), span, "")
}

/// `schema` with its `$ref` followed (the schema's own `$defs`).
fn resolved(schema: &Value) -> &Value {
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| SCHEMA.get("$defs")?.get(name))
        .unwrap_or(schema)
}

/// Does `schema` want an object?
fn wants_object(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "object",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "object") && !ts.iter().any(|t| t == "array"),
        _ => false,
    }
}

fn walk(
    schema: &Value,
    value: &DeValue,
    span: std::ops::Range<usize>,
    path: &str,
) -> Result<(), (std::ops::Range<usize>, String)> {
    let schema = resolved(schema);
    match value {
        DeValue::Table(table) => {
            for (key, v) in table.iter() {
                let name = key.get_ref().as_ref();
                let child = schema
                    .get("properties")
                    .and_then(|p| p.get(name))
                    .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object()));
                if let Some(child) = child {
                    walk(child, v.get_ref(), v.span(), &joined(path, name))?;
                }
            }
            Ok(())
        }
        DeValue::Array(_) if wants_object(schema) => Err((span, must_be_a_table(path))),
        DeValue::Array(items) => {
            let Some(item) = schema.get("items") else {
                return Ok(());
            };
            items
                .iter()
                .enumerate()
                .try_for_each(|(i, v): (usize, &Spanned<DeValue>)| {
                    walk(item, v.get_ref(), v.span(), &format!("{path}[{i}]"))
                })
        }
        _ => Ok(()),
    }
}

/// `path` and `key`, dotted as TOML writes keys (quoted when not bare).
fn joined(path: &str, key: &str) -> String {
    let bare = !key.is_empty() && key.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
    let key = if bare { key.to_string() } else { format!("{key:?}") };
    if path.is_empty() {
        key
    } else {
        format!("{path}.{key}")
    }
}

/// What a message says of the place: the key and, for a top-level table
/// or an `[[allow]]` entry, how TOML writes one.
fn must_be_a_table(path: &str) -> String {
    if let Some(i) = path.strip_prefix("allow[").and_then(|r| r.strip_suffix(']')) {
        let n = i.parse::<usize>().map_or(0, |n| n + 1);
        return format!("`allow` entry {n} must be a table (`[[allow]]`), not an array");
    }
    if path.contains(['.', '[']) {
        format!("`{path}` must be a table, not an array")
    } else {
        format!("`{path}` must be a table (`[{path}]`), not an array")
    }
}
