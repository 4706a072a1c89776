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

/// A header row, one line per rule (code, name, default severity, fix,
/// summary), and what the fix column means.
pub fn text() -> String {
    let row = |code: &str, name: &str, severity: &str, fix: &str, summary: &str| {
        format!("{code:<5} {name:<42} {severity:<8} {fix:<9} {summary}\n")
    };
    let mut text = row("CODE", "NAME", "SEVERITY", "FIX", "SUMMARY");
    for r in RULES {
        let fix = match r.fix.as_str() {
            "none" => "-",
            f => f,
        };
        text.push_str(&row(r.code, r.name, r.severity.as_str(), fix, r.summary));
    }
    text.push_str(
        "\nFIX: safe = `check --fix` applies it; unsafe = only with `--unsafe-fixes` (it changes what the \
         app can do); sometimes = offered for some findings only, or safe for some and unsafe for others (see `explain`); - = no automatic fix.\n",
    );
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
            fix: r.fix.applicability(),
            docs: r.docs(),
        })
        .collect();
    super::pretty::document(&all)
}

/// The rules' documentation page (`docs/rules.md`).
pub fn markdown() -> String {
    crate::rules::registry::markdown()
}
