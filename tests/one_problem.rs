//! "One problem gets one diagnostic": a specific rule replaces
//! the S003 at its location, but never hides a different problem (another
//! missing member of the same object), and turning that rule off silences
//! the problem rather than bringing the generic finding back.

use procore_manifest::{lint_bytes, Settings};

fn codes_and_messages(text: &str, settings: &Settings) -> Vec<(String, String)> {
    lint_bytes("m.json", text.as_bytes(), settings)
        .diagnostics
        .iter()
        .map(|d| (d.rule.code.to_string(), d.message.clone()))
        .collect()
}

fn has(found: &[(String, String)], code: &str, needle: &str) -> bool {
    found.iter().any(|(c, m)| c == code && m.contains(needle))
}

const COMPONENTS: &str = r#"{
  "schema_version": "4.1",
  "post_installation_instruction": { "notes": "Connect.", "page": { "url": "https://help.acme.io/setup", "label": "Setup" } },
  "sidepanel": { "source_url": "https://app.acme.io/x" },
  "fullscreen": { "description": "d" },
  "permissions": { "project": { "rfi": "full" } }
}"#;

#[test]
fn a_rule_at_the_parent_does_not_hide_a_missing_member() {
    let found = codes_and_messages(COMPONENTS, &Settings::default());
    // C009 (no views) reports at /sidepanel, where the missing uuid is too.
    assert!(has(&found, "C009", "no views"), "{found:?}");
    assert!(
        has(&found, "S003", "`sidepanel` is missing the required member `uuid`"),
        "{found:?}"
    );
    // Two members missing from one object: two findings.
    assert!(
        has(&found, "S003", "`fullscreen` is missing the required member `uuid`"),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "S003",
            "`fullscreen` is missing the required member `source_url`"
        ),
        "{found:?}"
    );
}

#[test]
fn a_specific_rule_replaces_the_schema_finding_at_its_value() {
    let found = codes_and_messages(COMPONENTS, &Settings::default());
    assert!(has(&found, "P001", "\"full\""), "{found:?}");
    assert!(
        !found.iter().any(|(c, m)| c == "S003" && m.contains("rfi")),
        "P001 explains the value: {found:?}"
    );
}

/// Turning the specific rule off silences the problem: the generic S003 it
/// replaced does not come back (at error severity) in its place.
#[test]
fn a_rule_turned_off_silences_its_problem() {
    let mut settings = Settings::default();
    settings.cli.ignore = vec!["P001".into()];
    let found = codes_and_messages(COMPONENTS, &settings);
    assert!(!found.iter().any(|(c, _)| c == "P001"), "{found:?}");
    assert!(
        !found.iter().any(|(c, m)| c == "S003" && m.contains("rfi")),
        "{found:?}"
    );
    // The missing members are other problems: still reported.
    assert!(
        has(&found, "S003", "`fullscreen` is missing the required member `uuid`"),
        "{found:?}"
    );
}

#[test]
fn a_missing_schema_version_is_s004_only() {
    let found = codes_and_messages(
        r#"{"permissions": {"project": {"rfi": "readonly"}}}"#,
        &Settings::default(),
    );
    assert!(found.iter().any(|(c, _)| c == "S004"), "{found:?}");
    assert!(
        !found.iter().any(|(c, m)| c == "S003" && m.contains("schema_version")),
        "{found:?}"
    );
}

#[test]
fn a_3x_instance_without_grant_type_or_uuid() {
    let text = r#"{"schema_version": "3", "components": {"oauth": {"instances": [
        {"permissions": {"project": {"rfi": "readonly"}}}
    ]}}}"#;
    let found = codes_and_messages(text, &Settings::default());
    assert!(found.iter().any(|(c, _)| c == "A003"), "{found:?}");
    // Procore: "You do not need to specify a value for uuid".
    assert!(
        !found.iter().any(|(c, m)| c == "S003" && m.contains("uuid")),
        "{found:?}"
    );
    // Not client_credentials: the permissions have no service account.
    // One cause, one finding: A004 (no service account), not A007 too.
    assert!(found.iter().any(|(c, _)| c == "A004"), "{found:?}");
    assert!(!found.iter().any(|(c, _)| c == "A007"), "{found:?}");
}

/// Misplaced permissions get one finding: A004 when no client_credentials
/// instance exists (nothing to move them to), A007 when one does (move
/// them there), and A007 when A004 is turned off.
#[test]
fn misplaced_permissions_get_one_finding() {
    let without = r#"{"schema_version": "3", "permissions": {"project": {"rfi": "readonly"}}, "components": {"oauth": {"instances": [
        {"uuid": "u1", "grant_type": "authorization_code", "permissions": {"project": {"rfi": "readonly"}}}
    ]}}}"#;
    let codes = |text: &str, settings: &Settings| -> Vec<String> {
        codes_and_messages(text, settings)
            .into_iter()
            .map(|(c, _)| c)
            .filter(|c| c == "A004" || c == "A007")
            .collect()
    };
    assert_eq!(codes(without, &Settings::default()), ["A004"]);
    let mut no_a004 = Settings::default();
    no_a004.cli.ignore = vec!["A004".into()];
    assert_eq!(codes(without, &no_a004), ["A007", "A007"]);
    let with = r#"{"schema_version": "3", "permissions": {"project": {"rfi": "readonly"}}, "components": {"oauth": {"instances": [
        {"uuid": "u1", "grant_type": "client_credentials", "permissions": {"project": {"rfi": "readonly"}}},
        {"uuid": "u2", "grant_type": "authorization_code", "permissions": {"project": {"rfi": "readonly"}}}
    ]}}}"#;
    assert_eq!(codes(with, &Settings::default()), ["A007", "A007"]);
}

#[test]
fn an_unknown_grant_type_always_gets_a_suggestion() {
    for gt in ["implicit", "password", "client-credentials"] {
        let text = format!(
            r#"{{"schema_version": "3", "components": {{"oauth": {{"instances": [
                {{"uuid": "u1", "grant_type": "{gt}", "permissions": {{"project": {{"rfi": "readonly"}}}}}}
            ]}}}}}}"#
        );
        let report = lint_bytes("m.json", text.as_bytes(), &Settings::default());
        let a002 = report
            .diagnostics
            .iter()
            .find(|d| d.rule.code == "A002")
            .unwrap_or_else(|| panic!("A002 for {gt}"));
        let help = a002.help.as_deref().unwrap_or_default();
        assert!(help.contains("\"client_credentials\""), "{gt}: {help}");
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.code).collect();
        assert!(codes.contains(&"A004") && !codes.contains(&"A007"), "{gt}: {codes:?}");
    }
}
