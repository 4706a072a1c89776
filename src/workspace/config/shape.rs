//! What serde lets through or says in its own words, and the config's
//! shape rules out, checked before serde on the spanned TOML tree against
//! the config's JSON Schema (generated from the same types, `file.rs`), so
//! the error names the key and its line:
//! - an array where a table is expected: serde reads a struct from a
//!   sequence, its fields in order, so `rules = [["I001"]]` was
//!   `select = ["I001"]` (R001 gone, exit 0) and
//!   `allow = [["R001", "**", "/permissions", "ok"]]` an acceptance;
//! - a value of another type than the schema's, in words
//!   ("`rules.max-admin-grants` must be an integer, not a string" where
//!   serde said "invalid type: string, expected usize").

use serde_json::Value;
use std::sync::LazyLock;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The config's JSON Schema, generated once.
static SCHEMA: LazyLock<Value> =
    LazyLock::new(|| crate::schema::generate_with_id::<super::file::ConfigFile>(String::new()));

/// The first value of `text` of a type the config's schema rules out
/// there: its byte range and what to say. A text that does not parse is
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

/// Does `schema` want an object (and no array)?
fn wants_object(schema: &Value) -> bool {
    let allowed = kinds(schema);
    allowed.contains(&"object") && !allowed.contains(&"array")
}

fn walk(
    schema: &Value,
    value: &DeValue,
    span: std::ops::Range<usize>,
    path: &str,
) -> Result<(), (std::ops::Range<usize>, String)> {
    let schema = resolved(schema);
    match value {
        DeValue::Array(_) if wants_object(schema) => Err((span, must_be_a_table(path))),
        _ if !is_kind(schema, value) => Err((span, wrong_kind(schema, value, path))),
        _ if let Some(why) = out_of_range(schema, value, path) => Err((span, why)),
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

/// The JSON Schema type names `schema` allows (none: anything).
fn kinds(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Is `value` of a type `schema` allows? A TOML date stands for a string
/// of the `date` format (`expires = 2027-06-30`); an integer is a number.
fn is_kind(schema: &Value, value: &DeValue) -> bool {
    let allowed = kinds(schema);
    let date = schema.get("format").and_then(Value::as_str) == Some("date");
    let ok = |t: &str| allowed.is_empty() || allowed.contains(&t);
    match value {
        DeValue::String(_) => ok("string"),
        DeValue::Integer(_) => ok("integer") || ok("number"),
        DeValue::Float(_) => ok("number"),
        DeValue::Boolean(_) => ok("boolean"),
        DeValue::Datetime(_) => date || allowed.is_empty(),
        DeValue::Array(_) => ok("array"),
        DeValue::Table(_) => ok("object"),
    }
}

/// "`rules.max-admin-grants` must be an integer, not a string": a value of
/// a type the config's schema does not allow there, in words (serde said
/// "invalid type: string \"3\", expected usize").
fn wrong_kind(schema: &Value, value: &DeValue, path: &str) -> String {
    let word = |t: &str| match t {
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "an array",
        "object" => "a table",
        _ => "a value of another type",
    };
    let expected: Vec<&str> = kinds(schema).into_iter().map(word).collect();
    let actual = match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number with a fraction",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date or time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    };
    format!("{} must be {}, not {actual}", place(path), expected.join(" or "))
}

/// A value of the right type the schema still rules out, in words: a
/// string not among its `enum` ("`rules.expected-auth` must be one of
/// \"service-account\", \"user\" or \"both\", not \"Both\""; serde said
/// "unknown variant `Both`"), an integer below its `minimum` or too large
/// ("must be a whole number from 0 to …, not -1"; serde said "invalid
/// value: integer `-1`, expected usize").
fn out_of_range(schema: &Value, value: &DeValue, path: &str) -> Option<String> {
    match value {
        DeValue::String(s) => {
            let allowed: Vec<&str> = schema
                .get("enum")?
                .as_array()?
                .iter()
                .filter_map(Value::as_str)
                .collect();
            if allowed.contains(&s.as_ref()) {
                return None;
            }
            let listed: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
            let (last, rest) = listed.split_last()?;
            let list = if rest.is_empty() {
                last.clone()
            } else {
                format!("{} or {last}", rest.join(", "))
            };
            Some(format!(
                "{} must be {}{list}, not {}",
                place(path),
                if rest.is_empty() { "" } else { "one of " },
                crate::text::json_string(&crate::text::echo(s))
            ))
        }
        DeValue::Integer(i) => {
            let min = schema.get("minimum").and_then(Value::as_i64)?;
            let written = crate::text::echo(i.as_str());
            match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                Ok(n) if n >= min => None,
                Ok(_) => Some(format!(
                    "{} must be a whole number of {min} or more, not {written}",
                    place(path)
                )),
                Err(_) => Some(format!("{} is too large: {written}", place(path))),
            }
        }
        _ => None,
    }
}

/// How a message names `path`: `[[allow]]` entries by their number
/// (`allow` entry 1, `pointer` of `allow` entry 1), other keys dotted.
fn place(path: &str) -> String {
    match path.strip_prefix("allow[").and_then(|r| r.split_once(']')) {
        Some((i, rest)) => {
            let n = i.parse::<usize>().map_or(0, |n| n + 1);
            match rest.trim_start_matches('.') {
                "" => format!("`allow` entry {n}"),
                key => format!("`{key}` of `allow` entry {n}"),
            }
        }
        None => format!("`{path}`"),
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

/// "must be a table", with how TOML writes one for a top-level table or
/// an `[[allow]]` entry.
fn must_be_a_table(path: &str) -> String {
    let entry = path
        .strip_prefix("allow[")
        .is_some_and(|r| r.ends_with(']') && !r.contains('.'));
    let how = if entry {
        " (`[[allow]]`)".to_string()
    } else if path.contains(['.', '[']) {
        String::new()
    } else {
        format!(" (`[{path}]`)")
    };
    format!("{} must be a table{how}, not an array", place(path))
}
