//! The tree read in place must validate exactly as its `serde_json::Value`
//! conversion does: the same errors, at the same instance and schema paths.

use super::instance::{Tree, TreeNode};
use super::{schema_value, SchemaKind};
use crate::syntax::{parse, to_json};
use jsonschema::Validator;
use serde_json::{json, Value};

/// Every error as (instance path, schema path, keyword).
type Errors = Vec<(String, String, String)>;

fn errors_of<'i>(errors: impl Iterator<Item = jsonschema::ValidationError<'i>>) -> Errors {
    let mut out: Errors = errors
        .map(|e| {
            (
                e.instance_path().as_str().to_string(),
                e.schema_path().as_str().to_string(),
                e.kind().keyword().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Both ways of validating `text` against `schema`: (tree, value).
fn both(schema: &Value, text: &str) -> ((bool, Errors), (bool, Errors)) {
    let tree_validator: Validator<Tree> = jsonschema::options_for::<Tree>()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(schema)
        .expect("schema compiles");
    let value_validator = jsonschema::draft202012::options()
        .build(schema)
        .expect("schema compiles");
    let arena = crate::syntax::Arena::default();
    let root = parse(text, &arena).expect("valid JSON");
    let node = TreeNode::new(&root, text);
    let value = to_json(&root);
    (
        (
            tree_validator.is_valid(node),
            errors_of(tree_validator.iter_errors(node)),
        ),
        (
            value_validator.is_valid(&value),
            errors_of(value_validator.iter_errors(&value)),
        ),
    )
}

fn assert_same(schema: &Value, text: &str) -> (bool, Errors) {
    let (tree, value) = both(schema, text);
    assert_eq!(tree, value, "{text}");
    assert_eq!(tree.0, tree.1.is_empty(), "is_valid agrees with iter_errors: {text}");
    tree
}

#[test]
fn every_fixture_validates_as_its_value_does() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let schemas = [schema_value(SchemaKind::V4_1), schema_value(SchemaKind::V3)];
    let mut checked = 0;
    let mut invalid = 0;
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if path.extension().is_none_or(|e| e != "json") || parse(&text, &crate::syntax::Arena::default()).is_err() {
                continue;
            }
            for schema in &schemas {
                let (valid, _) = assert_same(schema, &text);
                invalid += usize::from(!valid);
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} fixture validations");
    assert!(invalid > 50, "only {invalid} invalid: the comparison saw few errors");
}

#[test]
fn a_repeated_key_is_seen_once_with_its_last_value() {
    let schema = json!({
        "type": "object",
        "properties": {"a": {"type": "string"}},
        "additionalProperties": false,
        "minProperties": 2,
        "maxProperties": 2
    });
    for text in [
        r#"{"a": 1, "a": "x"}"#,
        r#"{"a": "x", "a": 1}"#,
        r#"{"b": 1, "a": "x", "b": 2}"#,
        r#"{"a": "x", "a": "y", "c": 3}"#,
    ] {
        assert_same(&schema, text);
    }
    // The same past the size where repeated keys are found by hashing.
    let many: Vec<String> = (0..40).map(|i| format!(r#""k{}": {i}"#, i % 25)).collect();
    let text = format!(r#"{{"a": 1, {}, "a": "x"}}"#, many.join(", "));
    let open = json!({"type": "object", "properties": {"a": {"type": "string"}}, "maxProperties": 26});
    assert!(assert_same(&open, &text).0, "26 distinct keys, `a` a string");
    assert!(!assert_same(&schema, &text).0);
}

#[test]
fn keywords_read_the_tree_as_json_does() {
    let schema = json!({
        "type": "object",
        "propertyNames": {"pattern": "^[a-z_]+$"},
        "required": ["n", "s"],
        "properties": {
            "n": {"type": "integer", "minimum": 0, "maximum": 10, "multipleOf": 2},
            "f": {"type": "number", "exclusiveMaximum": 1e300},
            "s": {"type": "string", "minLength": 2, "maxLength": 4, "enum": ["ab", "abc", "é€x"]},
            "c": {"const": {"x": [1, 2.0, null, true]}},
            "u": {"type": "array", "uniqueItems": true, "items": {"type": ["string", "null"]}},
            "o": {"anyOf": [{"type": "boolean"}, {"type": "null"}]}
        }
    });
    for text in [
        r#"{"n": 4, "s": "ab"}"#,
        r#"{"n": 4.0, "s": "é€x", "f": 1e400}"#,
        r#"{"n": -1, "s": "a", "f": -1e400}"#,
        r#"{"n": 3, "s": "abcde", "X": 1}"#,
        r#"{"n": 12345678901234567890124, "s": "abc"}"#,
        r#"{"n": 2, "s": "ab", "c": {"x": [1.0, 2, null, true]}}"#,
        r#"{"n": 2, "s": "ab", "c": {"x": [1, 2, null, false]}}"#,
        r#"{"n": 2, "s": "ab", "u": ["a", null, "a"]}"#,
        r#"{"n": 2, "s": "ab", "u": ["a", null, 1], "o": 0}"#,
        r#"{"n": 2, "s": "a\u0062", "o": true}"#,
        r#"[1, 2]"#,
        r#""manifest""#,
    ] {
        assert_same(&schema, text);
    }
    // Past u64 the tree keeps the digits: an odd number is not a multiple
    // of 2 (the f64 of a converted Value cannot tell).
    let ((_, tree), _) = both(&schema, r#"{"n": 12345678901234567890123, "s": "abc"}"#);
    assert!(tree.iter().any(|e| e.2 == "multipleOf"), "{tree:?}");
}

#[test]
fn an_error_instance_is_the_value_it_is_about() {
    let schema = json!({"type": "object", "properties": {"a": {"type": "string"}}});
    let validator: Validator<Tree> = jsonschema::options_for::<Tree>()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .expect("schema compiles");
    let text = r#"{"a": {"b": [1, "x\n"]}}"#;
    let arena = crate::syntax::Arena::default();
    let root = parse(text, &arena).expect("valid JSON");
    let err = validator
        .iter_errors(TreeNode::new(&root, text))
        .next()
        .expect("an error");
    assert_eq!(**err.instance(), json!({"b": [1, "x\n"]}));
}
