//! `rules` and `explain`.

use super::{error, EXIT_FAILURE};
use crate::rules::registry::{lookup, RULES};

/// `rules --format NAME`.
pub fn list(format: &str) -> u8 {
    let text = crate::output::formats::pick(crate::output::formats::RULE_LISTS, format)();
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
