//! Lower the span tree to `serde_json::Value`: an error's instance when it
//! is read, and numbers as JSON Schema compares them. A duplicate key keeps
//! its later value.

use super::{Node, NodeKind};
use serde_json::{Map, Number, Value};

pub fn to_json(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Number(raw) => number(raw),
        NodeKind::String(s) => Value::String(s.to_string()),
        // Folded containers are read from the text (`syntax::Items`).
        NodeKind::Array(items) => Value::Array(items.each().map(|i| to_json(&i)).collect()),
        NodeKind::Object(members) => {
            let mut map = Map::new();
            for m in members.each() {
                // `insert` on an existing key replaces the value: later wins.
                map.insert(m.key.to_string(), to_json(&m.value));
            }
            Value::Object(map)
        }
    }
}

fn number(raw: &str) -> Value {
    if let Ok(i) = raw.parse::<i64>() {
        return Value::Number(i.into());
    }
    if let Ok(u) = raw.parse::<u64>() {
        return Value::Number(u.into());
    }
    // Numbers beyond f64 (1e999) become the largest finite value of their
    // sign: the schema only needs to know it is a number.
    let f = raw.parse::<f64>().unwrap_or(0.0);
    let f = if f.is_finite() { f } else { f64::MAX.copysign(f) };
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}
