//! `rules --format text|json|markdown`: every rule of the registry.

use crate::rules::registry::RULES;
use serde::Serialize;

#[derive(Serialize)]
struct RuleJson {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    summary: &'static str,
    fix: &'static str,
    docs: String,
}

/// One line per rule: code, name, default severity, fix, summary.
pub fn text() -> String {
    let mut text = String::new();
    for r in RULES {
        let fix = match r.fix.as_str() {
            "none" => "-",
            f => f,
        };
        text.push_str(&format!(
            "{:<5} {:<42} {:<8} {:<7} {}\n",
            r.code,
            r.name,
            r.severity.as_str(),
            fix,
            r.summary
        ));
    }
    text
}

/// Every rule with its documentation, as a JSON array.
pub fn json() -> String {
    let all: Vec<RuleJson> = RULES
        .iter()
        .map(|r| RuleJson {
            code: r.code,
            name: r.name,
            severity: r.severity.as_str(),
            summary: r.summary,
            fix: r.fix.as_str(),
            docs: r.docs(),
        })
        .collect();
    serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"
}

/// The rules' documentation page (`docs/rules.md`).
pub fn markdown() -> String {
    crate::rules::registry::markdown()
}
