//! S003: validate against the generated schema and turn every error into a
//! diagnostic at the span of the instance it is about, in plain words.

use super::instance::{Tree, TreeNode};
use super::unknown::{unknown_members, unknown_root_members};
use super::{schema_value, SchemaKind};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Subject;
use crate::model::SchemaFamily;
use crate::rules::structure::S003;
use crate::rules::Checker;
use crate::syntax::{Member, Node};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::Validator;
use serde_json::Value;
use std::sync::LazyLock;

struct Compiled {
    schema: Value,
    validator: Option<Validator<Tree>>,
    /// The root's declared members when the root allows no others: the
    /// content of any other member is never validated.
    root_members: Option<Vec<String>>,
}

fn compile(kind: SchemaKind) -> Compiled {
    let schema = schema_value(kind);
    let validator = jsonschema::options_for::<Tree>()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .ok();
    // The root's unknown members are found on the tree (`unknown_root_members`)
    // and left out of the instance: sound only when nothing at the root but
    // `additionalProperties` looks at which members there are.
    const ROOT_KEYWORDS: &[&str] = &[
        "$defs",
        "$id",
        "$schema",
        "additionalProperties",
        "description",
        "properties",
        "required",
        "title",
        "type",
    ];
    let closed = schema.get("additionalProperties") == Some(&Value::Bool(false))
        && schema
            .as_object()
            .is_some_and(|o| o.keys().all(|k| ROOT_KEYWORDS.contains(&k.as_str())));
    let root_members = closed
        .then(|| schema.get("properties").and_then(Value::as_object))
        .flatten()
        .map(|p| p.keys().cloned().collect());
    Compiled {
        schema,
        validator,
        root_members,
    }
}

static V4_1: LazyLock<Compiled> = LazyLock::new(|| compile(SchemaKind::V4_1));
static V3: LazyLock<Compiled> = LazyLock::new(|| compile(SchemaKind::V3));

/// Validate the document against its family's schema and report S003s.
pub fn check(cx: &mut Checker) {
    let compiled: &Compiled = match cx.family {
        SchemaFamily::V4_1 => &V4_1,
        SchemaFamily::V3 => &V3,
    };
    let Some(validator) = &compiled.validator else {
        return;
    };
    let mut out = Vec::new();
    let known_members: Vec<&Member>;
    let instance = match &compiled.root_members {
        Some(known) => {
            unknown_root_members(cx, known, &mut out);
            // Each known key's last member, from the end: linear in the
            // members however often a key repeats.
            let members = cx.root.as_object().unwrap_or_default();
            let mut picked: Vec<&Member> = Vec::new();
            for m in members.iter().rev() {
                if known.iter().any(|k| k == m.key) && !picked.iter().any(|p| p.key == m.key) {
                    picked.push(m);
                }
            }
            picked.reverse();
            known_members = picked;
            TreeNode::with_members(cx.root, cx.text, &known_members)
        }
        None => TreeNode::new(cx.root, cx.text),
    };
    // Most files are valid: `is_valid` builds no error values and walks less
    // (iter_errors on a valid file cost several times more, perf).
    if !validator.is_valid(instance) {
        for err in validator.iter_errors(instance) {
            let pointer = err.instance_path().as_str().to_string();
            let schema_path = err.schema_path().as_str().to_string();
            describe(cx, &compiled.schema, &pointer, &schema_path, err.kind(), &mut out);
        }
    }
    for d in out {
        cx.report(d);
    }
}

/// How an S003 message about a missing member goes on, before the member's
/// name in backticks.
const MISSING_MEMBER: &str = " is missing the required member ";

/// A pointer in readable form: `sidepanel.views[1]`, or "the manifest".
pub fn readable(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the manifest".into();
    }
    let mut out = String::new();
    for raw in pointer.trim_start_matches('/').split('/') {
        let seg = raw.replace("~1", "/").replace("~0", "~");
        if !out.is_empty() && !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&crate::text::sanitize_inline(&seg));
        }
    }
    format!("`{out}`")
}

fn type_word(t: &str) -> &'static str {
    match t {
        "string" => "a string",
        "object" => "an object",
        "array" => "an array",
        "boolean" => "a boolean (true or false)",
        "integer" => "an integer",
        "number" => "a number",
        "null" => "null",
        _ => "a value of another type",
    }
}

/// The properties a schema object at `schema_path` (without its last
/// keyword) declares, following `$ref`s.
fn allowed_properties(schema: &Value, schema_path: &str) -> Vec<String> {
    let parent = schema_path.rsplit_once('/').map_or("", |(p, _)| p);
    let mut node = schema.pointer(parent);
    for _ in 0..4 {
        match node.and_then(|n| n.get("$ref")).and_then(Value::as_str) {
            Some(r) => node = r.strip_prefix('#').and_then(|p| schema.pointer(p)),
            None => break,
        }
    }
    node.and_then(|n| n.get("properties"))
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn describe(
    cx: &Checker,
    schema: &Value,
    pointer: &str,
    schema_path: &str,
    kind: &ValidationErrorKind,
    out: &mut Vec<Diagnostic>,
) {
    let root = cx.root;
    let Some(resolved) = root.pointer(pointer) else {
        return;
    };
    let node = resolved.node;
    let value_span = node.span;
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed = allowed_properties(schema, schema_path);
            // One index of the object for all its unknown members: looking
            // each up in turn was quadratic in the members of one object.
            let members: rustc_hash::FxHashMap<&str, &crate::syntax::Member> = node
                .as_object()
                .map(|ms| ms.iter().map(|m| (m.key, m)).collect())
                .unwrap_or_default();
            let unknown = unexpected.iter().filter_map(|key| members.get(key.as_str()).copied());
            unknown_members(cx, node, pointer, unknown, &allowed, out);
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let owner = readable(pointer);
            out.push(
                Diagnostic::new(
                    &S003,
                    cx.missing_span(node),
                    pointer,
                    format!("{owner}{MISSING_MEMBER}`{name}`"),
                )
                .with_subject(Subject::MissingMember(name.to_string())),
            );
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => type_word(&t.to_string()).to_string(),
                TypeKind::Multiple(ts) => {
                    let words: Vec<&str> = ts.iter().map(|t| type_word(&t.to_string())).collect();
                    words.join(" or ")
                }
            };
            let msg = if pointer.is_empty() {
                format!("a manifest must be a JSON object, found {}", node.type_name())
            } else {
                format!("{} must be {expected}, found {}", readable(pointer), node.type_name())
            };
            out.push(Diagnostic::new(&S003, value_span, pointer, msg));
        }
        ValidationErrorKind::Enum { options } => {
            let opts: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(|v| v.to_string()).collect())
                .unwrap_or_default();
            out.push(Diagnostic::new(
                &S003,
                value_span,
                pointer,
                format!(
                    "{} must be one of {}, found {}",
                    readable(pointer),
                    opts.join(", "),
                    found_word(node)
                ),
            ));
        }
        ValidationErrorKind::Constant { expected_value } => {
            out.push(Diagnostic::new(
                &S003,
                value_span,
                pointer,
                format!(
                    "{} must be {}, found {}",
                    readable(pointer),
                    expected_value,
                    found_word(node)
                ),
            ));
        }
        ValidationErrorKind::Pattern { pattern } => {
            out.push(Diagnostic::new(
                &S003,
                value_span,
                pointer,
                format!(
                    "{} must match the pattern {pattern}, found a string that does not",
                    readable(pointer)
                ),
            ));
        }
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            out.push(Diagnostic::new(
                &S003,
                value_span,
                pointer,
                format!(
                    "{} must be a string or an integer, found {}",
                    readable(pointer),
                    node.type_name()
                ),
            ));
        }
        other => {
            out.push(Diagnostic::new(
                &S003,
                value_span,
                pointer,
                format!(
                    "{} does not match the schema (`{}`)",
                    readable(pointer),
                    other.keyword()
                ),
            ));
        }
    }
}

/// "a different string" rather than the value: S003 never quotes values.
fn found_word(node: &Node) -> String {
    match node.as_str() {
        Some(_) => "a string that is not one of them".to_string(),
        None => node.type_name().to_string(),
    }
}
