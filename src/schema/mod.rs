//! JSON Schemas generated from the model (schemars), and the validators
//! compiled from them once per process.

mod instance;
#[cfg(test)]
mod instance_tests;
pub mod validate;

use crate::model::{Manifest3, Manifest41, SchemaFamily};
use schemars::generate::SchemaSettings;
use serde_json::{json, Value};

/// Which schema file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    V4_1,
    V3,
    Combined,
}

impl SchemaKind {
    pub const ALL: [SchemaKind; 3] = [SchemaKind::V4_1, SchemaKind::V3, SchemaKind::Combined];

    /// The committed file name under `schemas/`.
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaKind::V4_1 => "manifest-4.1.schema.json",
            SchemaKind::V3 => "manifest-3.schema.json",
            SchemaKind::Combined => "manifest.schema.json",
        }
    }

    fn id(self) -> String {
        format!(
            "https://raw.githubusercontent.com/procore-manifest/procore-manifest/main/schemas/{}",
            self.file_name()
        )
    }
}

impl From<SchemaFamily> for SchemaKind {
    fn from(f: SchemaFamily) -> Self {
        match f {
            SchemaFamily::V4_1 => SchemaKind::V4_1,
            SchemaFamily::V3 => SchemaKind::V3,
        }
    }
}

/// Remove the `null` that schemars adds to every `Option<T>`: an absent
/// member is fine, an explicit `null` is a type error.
pub(crate) fn strip_null(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.get("default") == Some(&Value::Null) {
                map.remove("default");
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            for key in ["anyOf", "oneOf"] {
                if let Some(Value::Array(alts)) = map.get_mut(key) {
                    alts.retain(|a| a.get("type").and_then(Value::as_str) != Some("null"));
                    if alts.len() == 1 {
                        let only = alts.remove(0);
                        map.remove(key);
                        if let Value::Object(o) = only {
                            for (k, val) in o {
                                map.entry(k).or_insert(val);
                            }
                        }
                    }
                }
            }
            simplify_alternatives(map);
            for val in map.values_mut() {
                strip_null(val);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

/// Enums of constants become `enum` (editors complete them, validators say
/// "must be one of"), with `enumDescriptions` for editors that show them;
/// alternatives of bare types become a `type` list.
fn simplify_alternatives(map: &mut serde_json::Map<String, Value>) {
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(alts)) = map.get(key) else {
            continue;
        };
        let consts: Option<Vec<(Value, Value)>> = alts
            .iter()
            .map(|a| {
                let c = a.get("const")?.clone();
                let d = a.get("description").cloned().unwrap_or(Value::String(String::new()));
                Some((c, d))
            })
            .collect();
        let types: Option<Vec<Value>> = alts
            .iter()
            .map(|a| match a.as_object() {
                Some(o) if o.len() == 1 => o.get("type").cloned(),
                _ => None,
            })
            .collect();
        if let Some(consts) = consts.filter(|c| !c.is_empty()) {
            map.remove(key);
            map.insert("type".into(), Value::String("string".into()));
            map.insert(
                "enum".into(),
                Value::Array(consts.iter().map(|(c, _)| c.clone()).collect()),
            );
            map.insert(
                "enumDescriptions".into(),
                Value::Array(consts.into_iter().map(|(_, d)| d).collect()),
            );
        } else if let Some(types) = types.filter(|t| !t.is_empty()) {
            map.remove(key);
            map.insert("type".into(), Value::Array(types));
        }
    }
}

fn generate<T: schemars::JsonSchema>(kind: SchemaKind) -> Value {
    generate_with_id::<T>(kind.id())
}

/// A schema generated from a type: draft 2020-12, `null` stripped from
/// optional members, `$id` set, `$schema`/`$id`/`title` first.
pub(crate) fn generate_with_id<T: schemars::JsonSchema>(id: String) -> Value {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut value = schema.to_value();
    strip_null(&mut value);
    if let Value::Object(map) = &mut value {
        map.insert("$id".into(), Value::String(id));
        map.sort_keys_stable();
    }
    value
}

trait SortKeysStable {
    fn sort_keys_stable(&mut self);
}

impl SortKeysStable for serde_json::Map<String, Value> {
    /// `$schema`, `$id`, `title` first, for readability; the rest as generated.
    fn sort_keys_stable(&mut self) {
        let mut head = serde_json::Map::new();
        for k in ["$schema", "$id", "title", "description"] {
            if let Some(v) = self.remove(k) {
                head.insert(k.into(), v);
            }
        }
        let rest = std::mem::take(self);
        *self = head;
        self.extend(rest);
    }
}

/// The schema for one kind, as a JSON value.
pub fn schema_value(kind: SchemaKind) -> Value {
    match kind {
        SchemaKind::V4_1 => generate::<Manifest41>(kind),
        SchemaKind::V3 => generate::<Manifest3>(kind),
        SchemaKind::Combined => json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": kind.id(),
            "title": "Procore App manifest (any schema version)",
            "description": "Picks the 4.1 or the legacy 3.x schema by schema_version.",
            "type": "object",
            "required": ["schema_version"],
            "properties": {
                "schema_version": {
                    "description": "Manifest format version: \"4.1\", or \"3\" / a 3.x form such as \"3.2\" (legacy).",
                    "type": "string",
                    "anyOf": [ { "const": "4.1" }, { "pattern": "^3(\\.[0-9]+)*$" } ]
                }
            },
            "if": { "properties": { "schema_version": { "const": "4.1" } } },
            "then": { "$ref": SchemaKind::V4_1.id() },
            "else": { "$ref": SchemaKind::V3.id() },
            "$defs": {
                "manifest-4.1": schema_value(SchemaKind::V4_1),
                "manifest-3": schema_value(SchemaKind::V3),
            }
        }),
    }
}

/// The schema as the committed file holds it: pretty JSON and a final newline.
pub fn schema_text(kind: SchemaKind) -> String {
    let mut s = serde_json::to_string_pretty(&schema_value(kind)).unwrap_or_default();
    s.push('\n');
    s
}
