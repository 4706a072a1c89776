//! The committed schemas are exactly what the code generates, and they are
//! valid draft 2020-12 schemas.

use procore_manifest::schema::{schema_text, schema_value, SchemaKind};
use std::path::Path;

const REGENERATE: &str = "regenerate with:\n  cargo run -- schema --version 4.1 > schemas/manifest-4.1.schema.json\n  cargo run -- schema --version 3 > schemas/manifest-3.schema.json\n  cargo run -- schema > schemas/manifest.schema.json";

#[test]
fn committed_schemas_match_the_code() {
    for kind in SchemaKind::ALL {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("schemas")
            .join(kind.file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == schema_text(kind),
            "{} differs from the schema the code generates; {REGENERATE}",
            path.display()
        );
    }
}

#[test]
fn committed_config_schema_matches_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/procore-manifest-config.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == procore_manifest::workspace::config::schema_text(),
        "{} differs from the code; regenerate with:\n  cargo run -- schema --config > schemas/procore-manifest-config.schema.json",
        path.display()
    );
    let v: serde_json::Value = serde_json::from_str(&committed).expect("json");
    jsonschema::draft202012::meta::validate(&v).expect("valid draft 2020-12");
}

#[test]
fn schemas_are_valid_draft_2020_12() {
    for kind in SchemaKind::ALL {
        let schema = schema_value(kind);
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{} is not a valid draft 2020-12 schema: {e}", kind.file_name());
        }
        jsonschema::draft202012::options()
            .build(&schema)
            .unwrap_or_else(|e| panic!("{} does not compile: {e}", kind.file_name()));
    }
}

#[test]
fn combined_schema_picks_by_version() {
    let v = jsonschema::draft202012::options()
        .build(&schema_value(SchemaKind::Combined))
        .expect("compiles");
    let ok41 = serde_json::json!({"schema_version": "4.1", "permissions": {"company": {"documents": "readonly"}}});
    let ok3 = serde_json::json!({"schema_version": "3.2", "components": {"oauth": {"instances": [{"uuid": "u", "grant_type": "client_credentials"}]}}});
    let bad41 = serde_json::json!({"schema_version": "4.1", "components": {}});
    let bad3 = serde_json::json!({"schema_version": "3", "fullscreen": {}});
    let badv = serde_json::json!({"schema_version": "5"});
    assert!(v.is_valid(&ok41));
    assert!(v.is_valid(&ok3));
    assert!(!v.is_valid(&bad41));
    assert!(!v.is_valid(&bad3));
    assert!(!v.is_valid(&badv));
}

#[test]
fn every_member_has_a_description() {
    /// Walk schemas (not arbitrary JSON): a property map's values are schemas.
    fn walk(v: &serde_json::Value, path: &str, missing: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(|p| p.as_object()) {
            for (k, p) in props {
                if p.get("description").is_none() {
                    missing.push(format!("{path}/{k}"));
                }
                walk(p, &format!("{path}/{k}"), missing);
            }
        }
        for key in ["$defs"] {
            if let Some(defs) = v.get(key).and_then(|d| d.as_object()) {
                defs.iter()
                    .for_each(|(k, d)| walk(d, &format!("{path}/{key}/{k}"), missing));
            }
        }
        for key in ["items", "additionalProperties"] {
            if let Some(sub) = v.get(key).filter(|s| s.is_object()) {
                walk(sub, &format!("{path}/{key}"), missing);
            }
        }
    }
    for kind in SchemaKind::ALL {
        let mut missing = Vec::new();
        walk(&schema_value(kind), "", &mut missing);
        assert!(
            missing.is_empty(),
            "{}: members without description: {missing:?}",
            kind.file_name()
        );
    }
}

#[test]
fn committed_rule_docs_match_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == procore_manifest::rules::registry::markdown(),
        "docs/rules.md differs from the registry; regenerate with:\n  cargo run -- rules --format markdown > docs/rules.md"
    );
}
