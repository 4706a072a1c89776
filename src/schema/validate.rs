//! The validators compiled from the generated schemas, once per process,
//! and the questions the rules ask them: which parts of a document break
//! its schema (S003 and S006 turn the answers into findings, in
//! `rules/structure/`), which members an object may have.

use super::instance::{Tree, TreeNode};
use super::{schema_value, SchemaKind};
use crate::model::SchemaFamily;
use crate::syntax::{Member, Node};
pub use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::Validator;
use serde_json::Value;
use std::sync::LazyLock;

pub struct Compiled {
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

/// The compiled schema of a layout.
pub fn compiled(family: SchemaFamily) -> &'static Compiled {
    match family {
        SchemaFamily::V4_1 => &V4_1,
        SchemaFamily::V3 => &V3,
    }
}

impl Compiled {
    /// The schema compiled (always, for the generated schemas).
    pub fn usable(&self) -> bool {
        self.validator.is_some()
    }

    /// The root's declared members when the root allows no others: the
    /// caller finds the root's unknown members on the tree and validates
    /// only the known ones (`root_members` of [`Compiled::violations`]).
    pub fn root_members(&self) -> Option<&[String]> {
        self.root_members.as_deref()
    }

    /// Every violation of `root` (with `root_members`, a root of just those
    /// members), as (instance pointer, schema path, kind), in the
    /// validator's order.
    pub fn violations(
        &self,
        root: &Node,
        text: &str,
        root_members: Option<&[&Member]>,
        mut each: impl FnMut(&str, &str, &ValidationErrorKind),
    ) {
        let Some(validator) = &self.validator else {
            return;
        };
        let instance = match root_members {
            Some(members) => TreeNode::with_members(root, text, members),
            None => TreeNode::new(root, text),
        };
        // Most files are valid: `is_valid` builds no error values and walks
        // less (iter_errors on a valid file cost several times more).
        if validator.is_valid(instance) {
            return;
        }
        for err in validator.iter_errors(instance) {
            let pointer = err.instance_path().as_str().to_string();
            let schema_path = err.schema_path().as_str().to_string();
            each(&pointer, &schema_path, err.kind());
        }
    }

    /// The properties a schema object at `schema_path` (without its last
    /// keyword) declares, following `$ref`s.
    pub fn allowed_properties(&self, schema_path: &str) -> Vec<String> {
        let schema = &self.schema;
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
}
