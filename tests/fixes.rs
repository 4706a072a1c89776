//! Every fix applies cleanly: the result is valid JSON, the finding is gone,
//! and nothing outside the edits changed.

mod common;

use procore_manifest::diagnostics::apply_edits;
use procore_manifest::{lint_source, Settings};

fn fixtures_with_fixes() -> Vec<std::path::PathBuf> {
    common::json_files(&common::root().join("fixtures"))
}

#[test]
fn each_fix_applies_and_removes_its_finding() {
    let mut applied = 0;
    for path in fixtures_with_fixes() {
        let report = common::lint_fixture(&path);
        for d in report.diagnostics.iter().filter(|d| d.fix.is_some()) {
            let fix = d.fix.as_ref().expect("fix");
            let fixed = apply_edits(&report.text, &fix.edits).expect("edits apply");
            let again = lint_source("fixed.json", &fixed, &Settings::default());
            assert!(
                !again.diagnostics.iter().any(|x| x.code() == "S001"),
                "{}: fix for {} makes invalid JSON:\n{fixed}",
                path.display(),
                d.code()
            );
            assert!(
                !again
                    .diagnostics
                    .iter()
                    .any(|x| x.code() == d.code() && x.pointer == d.pointer),
                "{}: {} still fires at {} after its fix",
                path.display(),
                d.code(),
                d.pointer
            );
            // Outside the edits, the text is unchanged byte for byte.
            let first = fix.edits.iter().map(|e| e.span.start as usize).min().unwrap_or(0);
            assert_eq!(&fixed.as_bytes()[..first], &report.text.as_bytes()[..first]);
            applied += 1;
        }
    }
    assert!(applied >= 10, "only {applied} fixes were exercised");
}

#[test]
fn p001_fix_writes_the_canonical_token() {
    let text = "{\r\n  \"schema_version\": \"4.1\",\r\n  \"permissions\": { \"project\": { \"rfi\": \"Read Only\" } }\r\n}\r\n";
    let r = lint_source("m.json", text, &Settings::default());
    let d = r.diagnostics.iter().find(|d| d.code() == "P001").expect("P001");
    let fixed = apply_edits(text, &d.fix.as_ref().expect("fix").edits).expect("apply");
    assert_eq!(fixed, text.replace("\"Read Only\"", "\"readonly\""));
    assert!(fixed.contains("\r\n"));
    let full = lint_source("m.json", &text.replace("Read Only", "full"), &Settings::default());
    assert!(full.diagnostics.iter().any(|d| d.code() == "P001" && d.fix.is_none()));
}

#[test]
fn p006_removal_keeps_commas_right_everywhere() {
    for (text, expect) in [
        (
            r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "none", "photos": "readonly"}}}"#,
            r#"{"schema_version": "4.1", "permissions": {"project": {"photos": "readonly"}}}"#,
        ),
        (
            r#"{"schema_version": "4.1", "permissions": {"project": {"photos": "readonly", "rfi": "none"}}}"#,
            r#"{"schema_version": "4.1", "permissions": {"project": {"photos": "readonly"}}}"#,
        ),
        (
            r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "none"}}}"#,
            r#"{"schema_version": "4.1", "permissions": {"project": {}}}"#,
        ),
    ] {
        let r = lint_source("m.json", text, &Settings::default());
        let d = r.diagnostics.iter().find(|d| d.code() == "P006").expect("P006");
        assert_eq!(
            apply_edits(text, &d.fix.as_ref().expect("fix").edits).expect("apply"),
            expect
        );
    }
}

#[test]
fn lowering_access_is_never_a_fix() {
    for path in fixtures_with_fixes() {
        for d in common::lint_fixture(&path).diagnostics {
            if d.code().starts_with('R') {
                assert!(d.fix.is_none(), "{} offers a fix", d.code());
            }
        }
    }
}
