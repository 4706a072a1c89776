//! `rules` and `explain`.

use super::{error, EXIT_FAILURE};
use crate::rules::registry::{lookup, RULES};
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

pub fn list(json: bool) -> u8 {
    if json {
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
        return match serde_json::to_string_pretty(&all) {
            Ok(s) => super::out::print("the rules", &(s + "\n")),
            Err(e) => {
                error(e);
                EXIT_FAILURE
            }
        };
    }
    let mut text = String::new();
    {
        for r in RULES {
            let fix = match r.fix.as_str() {
                "none" => "",
                f => f,
            };
            text.push_str(&format!(
                "{:<5} {:<42} {:<8} {:<7} {}\n",
                r.code,
                r.name,
                r.severity.as_str(),
                if fix.is_empty() { "-" } else { fix },
                r.summary
            ));
        }
    }
    super::out::print("the rules", &text)
}

pub fn explain(code: &str) -> u8 {
    match lookup(code) {
        Some(r) => {
            let text = format!(
                "# {} ({})\n\nDefault severity: {}. Fix: {}.\n\n{}\n\n{}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.fix.as_str(),
                r.summary,
                r.docs()
            );
            super::out::print("the documentation", &text)
        }
        None => {
            let names: Vec<&str> = RULES.iter().flat_map(|r| [r.code, r.name]).collect();
            match crate::text::closest(code, names) {
                Some(s) => error(format!("unknown rule `{code}`; did you mean `{s}`?")),
                None => error(format!("unknown rule `{code}`; `procore-manifest rules` lists them")),
            }
            EXIT_FAILURE
        }
    }
}
