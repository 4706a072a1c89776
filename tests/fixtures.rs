//! Snapshot tests over every fixture: the human report (what a user sees,
//! snippets included) and the JSON report.

mod common;

use common::{human, json, lint_fixture};

#[test]
fn human_reports() {
    insta::glob!("../fixtures", "{[!n]*,not-manifests}/**/*.json", |path| {
        let report = lint_fixture(path);
        insta::assert_snapshot!(human(std::slice::from_ref(&report)));
    });
}

#[test]
fn json_reports() {
    insta::glob!("../fixtures", "{[!n]*,not-manifests}/**/*.json", |path| {
        let report = lint_fixture(path);
        insta::assert_snapshot!(json(std::slice::from_ref(&report)));
    });
}

/// Every rule that is implemented has a fixture that fires it, and a clean
/// fixture exists that it does not fire on.
#[test]
fn every_rule_has_a_firing_fixture() {
    let mut fired = std::collections::BTreeSet::new();
    for entry in common::json_files(&common::root().join("fixtures")) {
        for d in lint_fixture(&entry).diagnostics {
            fired.insert(d.rule.code);
        }
    }
    let missing: Vec<_> = procore_manifest::rules::registry::RULES
        .iter()
        .map(|r| r.code)
        // U rules judge a manifest against an activity report, so they fire
        // in `usage` only: tests/usage.rs asserts each one on fixtures/usage.
        .filter(|c| !fired.contains(c) && !["X001", "X002"].contains(c) && !c.starts_with('U'))
        .collect();
    assert!(missing.is_empty(), "rules with no firing fixture: {missing:?}");
}

#[test]
fn valid_fixtures_have_no_errors() {
    for entry in common::json_files(&common::root().join("fixtures/valid")) {
        let r = lint_fixture(&entry);
        let bad: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code() != "S005")
            .map(|d| format!("{} {}", d.code(), d.message))
            .collect();
        assert!(bad.is_empty(), "{}: {bad:?}", entry.display());
    }
}

/// `permissions` in every format, over the fixtures that request grants.
#[test]
fn permission_matrices() {
    use procore_manifest::output::permissions as p;
    insta::glob!("../fixtures", "{R*,P*,A00[1-7]}/*.json", |path| {
        let report = lint_fixture(path);
        let arena = procore_manifest::syntax::Arena::default();
        let Ok(root) = procore_manifest::syntax::parse(&report.text, &arena) else {
            return;
        };
        let m = p::matrix(&root, &report, &procore_manifest::Settings::default());
        insta::assert_snapshot!(format!(
            "{}\n---- markdown\n{}\n---- csv\n{}\n---- json\n{}",
            p::table(&m),
            p::markdown(&m),
            p::csv(&m),
            p::json(&m)
        ));
    });
}
