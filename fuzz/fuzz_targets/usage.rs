//! Arbitrary bytes as an API Call Activity Report: the CSV reader, the
//! route map, the U rules (through the one engine) and the three usage
//! renderers never panic; a report that reads has its calls summed
//! exactly, and the human and Markdown reports carry no raw control
//! character.
#![no_main]

use procore_manifest::output::usage::{human, json, markdown, UsageReport};
use procore_manifest::usage::activity;
use std::sync::Arc;

const MANIFEST: &str = r#"{"schema_version": "4.1", "permissions": {"company": {"directory": "admin"}, "project": {"rfi": "readonly", "daily_log": "standard", "documents": "admin"}}}"#;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(a) = activity::read(data) else { return };
    let sum = a.totals.values().try_fold(0u64, |t, c| t.checked_add(*c));
    assert_eq!(sum, Some(a.calls), "the calls are the sum of the totals");
    let mut settings = procore_manifest::Settings::default();
    settings.activity = Some(Arc::new(procore_manifest::usage::calls::Input::new(a)));
    let report = procore_manifest::lint_source("manifest.json", MANIFEST, &settings);
    let facts = report.usage.as_deref().cloned().unwrap_or_default();
    let risk = report.risk.unwrap_or(procore_manifest::risk::Risk::None);
    let view = UsageReport::new(&report, &facts, risk);
    for text in [human(&view), markdown(&view)] {
        assert!(
            !text.chars().any(|c| c == '\u{1b}' || c == '\u{7}' || ('\u{80}'..='\u{9f}').contains(&c)),
            "a raw control character reached the report"
        );
    }
    let _ = json(&view);
});
