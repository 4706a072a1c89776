//! A secret value never appears in any output of any format.

mod common;

use procore_manifest::output::permissions as p;

const SECRETS: &[&str] = &[
    "sk_live_51HxQzTopSecretValue",
    "abc123SECRETTOKEN",
    "AKIAsecretkeyvalue1234",
];

#[test]
fn no_format_echoes_a_secret() {
    for name in ["R007/secrets.manifest.json", "R007/secret-in-broken-file.manifest.json"] {
        let path = common::root().join("fixtures").join(name);
        let report = common::lint_fixture(&path);
        let mut outputs = vec![
            common::human(std::slice::from_ref(&report)),
            common::json(std::slice::from_ref(&report)),
        ];
        let arena = procore_manifest::syntax::Arena::default();
        if let Ok(root) = procore_manifest::syntax::parse(&report.text, &arena) {
            let m = p::matrix(&root, &report, &procore_manifest::Settings::default());
            outputs.extend([p::table(&m), p::markdown(&m), p::json(&m), p::csv(&m)]);
        }
        for out in outputs {
            for s in SECRETS {
                assert!(!out.contains(s), "{name}: output contains the secret {s}:\n{out}");
            }
        }
    }
}

#[test]
fn risk_is_critical_with_a_secret_even_when_r007_is_off() {
    let mut settings = procore_manifest::Settings::default();
    settings.rules.ignore.push("R007".into());
    let text = r#"{"schema_version": "4.1", "x": {"password": "hunter2"}}"#;
    let r = procore_manifest::lint_source("m.json", text, &settings);
    assert!(r.diagnostics.iter().all(|d| d.code() != "R007"));
    assert_eq!(r.risk.map(|k| k.as_str()), Some("critical"));
}
