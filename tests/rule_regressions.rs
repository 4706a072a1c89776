//! Regressions of single rules, each on small manifests written inline: the
//! class of each defect, its variants included.

use procore_manifest::{lint_bytes, Settings};

fn findings(text: &str) -> Vec<(String, String)> {
    lint_bytes("m.json", text.as_bytes(), &Settings::default())
        .diagnostics
        .iter()
        .map(|d| (d.rule.code.to_string(), d.message.clone()))
        .collect()
}

fn of<'a>(found: &'a [(String, String)], code: &str) -> Vec<&'a str> {
    found
        .iter()
        .filter(|(c, _)| c == code)
        .map(|(_, m)| m.as_str())
        .collect()
}

const NOTES: &str = r#""post_installation_instruction": {"notes": "Connect your account.", "page": {"url": "https://help.acme-fieldsync.io/setup", "label": "Setup"}}"#;

fn v41(permissions: &str) -> String {
    format!(r#"{{"schema_version": "4.1", {NOTES}, "permissions": {permissions}}}"#)
}

fn v3_instances(instances: &[&str]) -> String {
    let uuids = [
        "b5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f70",
        "c6a2b3d5-4e7f-4a81-9b02-3c4d5e6f7a81",
        "d7b3c4e6-5f80-4b92-8c13-4d5e6f7a8b92",
    ];
    let list: Vec<String> = instances
        .iter()
        .zip(uuids)
        .map(|(p, u)| format!(r#"{{"uuid": "{u}", "grant_type": "client_credentials", "permissions": {p}}}"#))
        .collect();
    format!(
        r#"{{"schema_version": "3.2", {NOTES}, "components": {{"oauth": {{"instances": [{}]}}}}}}"#,
        list.join(", ")
    )
}

// R006 counts distinct (scope, tool) pairs: a legacy key is the tool it
// stands for, a tool granted in two blocks or spelled two ways is one tool.

#[test]
fn r006_a_legacy_key_counts_as_the_tool_it_stands_for() {
    let found = findings(&v41(
        r#"{"company": {"home": "admin", "portfolio": "admin", "schedule": "admin", "documents": "admin"}, "project": {"rfi": "readonly"}}"#,
    ));
    assert!(of(&found, "R006").is_empty(), "3 distinct tools: {found:?}");
    let found = findings(&v41(
        r#"{"company": {"home": "admin", "portfolio": "admin", "schedule": "admin", "documents": "admin"}, "project": {"rfi": "admin"}}"#,
    ));
    assert_eq!(
        of(&found, "R006"),
        ["Admin on 4 tools (company home, company schedule, company documents, project rfi), more than the maximum of 3"],
        "{found:?}"
    );
}

#[test]
fn r006_a_tool_in_two_oauth_instances_counts_once() {
    let both = r#"{"company": {"home": "admin", "schedule": "admin"}}"#;
    let found = findings(&v3_instances(&[both, both]));
    assert!(of(&found, "R006").is_empty(), "{found:?}");
    let found = findings(&v3_instances(&[
        both,
        r#"{"company": {"portfolio": "Admin", "schedule": "ADMIN"}}"#,
        r#"{"company": {"home": "admin"}}"#,
    ]));
    assert!(of(&found, "R006").is_empty(), "{found:?}");
}

#[test]
fn r006_the_same_tool_in_both_scopes_is_two_tools() {
    let found = findings(&v41(
        r#"{"company": {"directory": "admin", "documents": "admin"}, "project": {"directory": "admin", "documents": "admin"}}"#,
    ));
    assert_eq!(of(&found, "R006").len(), 1, "{found:?}");
    assert!(of(&found, "R006")[0].starts_with("Admin on 4 tools"), "{found:?}");
}
