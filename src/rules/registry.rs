//! The registry: every rule's metadata in one table, and the checks to run.

use super::{audit, auth, components, install, permissions, risk, structure, usage, Checker, RuleMeta, WalkedRule};

/// Every rule, in code order. Codes and names are a public contract.
pub static RULES: &[&RuleMeta] = &[
    &structure::S001,
    &structure::S002,
    &structure::S003,
    &structure::S004,
    &structure::S005,
    &structure::S006,
    &auth::A001,
    &auth::A002,
    &auth::A003,
    &auth::A004,
    &auth::A005,
    &auth::A006,
    &auth::A007,
    &permissions::P001,
    &permissions::P002,
    &permissions::P003,
    &permissions::P004,
    &permissions::P005,
    &permissions::P006,
    &permissions::P007,
    &risk::R001,
    &risk::R002,
    &risk::R003,
    &risk::R004,
    &risk::R005,
    &risk::R006,
    &risk::R007,
    &components::C001,
    &components::C002,
    &components::C003,
    &components::C004,
    &components::C005,
    &components::C006,
    &components::C007,
    &components::C008,
    &components::C009,
    &components::C010,
    &components::C011,
    &components::C012,
    &components::C013,
    &components::C014,
    &components::C015,
    &components::C016,
    &components::C017,
    &install::I001,
    &install::I002,
    &usage::U001,
    &usage::U002,
    &usage::U003,
    &usage::U004,
    &audit::X001,
    &audit::X002,
];

/// The check passes, in order. S001 is produced by the parser and S004/S005
/// by the version check, outside this list.
pub static CHECKS: &[fn(&mut Checker)] = &[
    structure::s002_duplicate_key::check,
    structure::s003_schema_violation::check,
    auth::check,
    permissions::check,
    risk::check,
    components::check,
    install::check,
];

/// The checks of a run with an API Call Activity Report (`usage`), in
/// place of [`CHECKS`].
pub static USAGE_CHECKS: &[fn(&mut Checker)] = &[usage::check];

/// Does a run run `rule`? A `usage` run (one with an activity report)
/// runs the U rules and nothing else; a `check` run every rule but them
/// and X002 (the editor's report of a broken config); either only what
/// the selection enables.
pub fn runs(rule: &RuleMeta, settings: &crate::Settings) -> bool {
    let ran = if settings.activity.is_some() {
        rule.code.starts_with('U')
    } else {
        !rule.code.starts_with('U') && !std::ptr::eq(rule, &audit::X002)
    };
    ran && settings.is_enabled(rule)
}

/// Does a `check` run with these settings check the manifests at all? Some
/// rule runs besides X001 (which only audits the config's `[[allow]]`
/// entries against the findings of the others): without one, every file
/// would pass unchecked.
pub fn checks_manifests(settings: &crate::Settings) -> bool {
    RULES
        .iter()
        .any(|r| !std::ptr::eq(*r, &audit::X001) && runs(r, settings))
}

/// The rules that look at every value, each with its visitor for the one
/// walk the engine shares with the secret scan.
pub fn walked<'a, 't>(
    text: &'a str,
    lines: &'a std::cell::OnceCell<crate::source::LineIndex>,
) -> Vec<Box<dyn WalkedRule<'t> + 'a>> {
    vec![
        Box::new(structure::s002_duplicate_key::Duplicates::new(text, lines)),
        Box::new(components::c012_placeholder_value::SampleText::default()),
    ]
}

/// Every rule's documentation as one Markdown page (`docs/rules.md`, the
/// target of the language server's and SARIF's documentation links).
pub fn markdown() -> String {
    let mut out = String::from(
        "# procore-manifest rules\n\nGenerated from the rule registry (`procore-manifest rules --format markdown`); do not edit by hand.\n\nAn example shows the part of a manifest a rule looks at (a permissions object, an oauth instance, a component), or the whole manifest when the rule is about all of it: placed in a whole manifest it triggers its rule, and its Fixed form does not. The U rules' examples need `usage --activity` and a report.\n\n| Code | Name | Severity | Fix | Summary |\n|---|---|---|---|---|\n",
    );
    for r in RULES {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} | {} |\n",
            r.code,
            r.code.to_ascii_lowercase(),
            r.name,
            r.severity.as_str(),
            r.fix.as_str(),
            r.summary.replace('|', "\\|")
        ));
    }
    for r in RULES {
        out.push_str(&format!(
            "\n<a id=\"{}\"></a>\n## {} {}\n\n",
            r.code.to_ascii_lowercase(),
            r.code,
            r.name
        ));
        // Nested headings one level down.
        for line in r.docs().lines() {
            if line.starts_with("## ") {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `s` as the settings match it, when it matches at least one rule: a
/// code or a prefix in any case (`r001`, `p00`), `ALL` in any case, or a
/// rule's name (`admin-on-directory`) for its code.
/// An empty or blank selector is none: it would match every rule (every
/// code starts with ""), and a trailing comma or an empty CI variable must
/// not turn every rule off.
pub fn canonical_selector(s: &str) -> Option<String> {
    if s.trim().is_empty() {
        return None;
    }
    let upper = s.to_ascii_uppercase();
    if RULES.iter().any(|r| crate::settings::selector_matches(&upper, r.code)) {
        return Some(upper);
    }
    RULES
        .iter()
        .find(|r| r.name.eq_ignore_ascii_case(s))
        .map(|r| r.code.to_string())
}

/// Is `s` a selector that matches at least one rule
/// ([`canonical_selector`])?
pub fn is_valid_selector(s: &str) -> bool {
    canonical_selector(s).is_some()
}

/// A selector checked ([`canonical_selector`], which it returns), with
/// what is wrong and a did-you-mean when it is not one (the config's
/// `[rules]` entries, the editor's settings).
pub fn check_selector(v: &str) -> Result<String, (String, Option<String>)> {
    if let Some(s) = canonical_selector(v) {
        return Ok(s);
    }
    if v.trim().is_empty() {
        return Err((
            "an empty selector would match every rule".to_string(),
            Some("remove it, or write a code (R001), a prefix (R, P00), a rule's name or ALL".to_string()),
        ));
    }
    let help =
        crate::text::closest(v, RULES.iter().flat_map(|r| [r.code, r.name])).map(|c| format!("did you mean `{c}`?"));
    Err((
        format!(
            "`{}` matches no rule: use a code (R001), a prefix (R, P00), a rule's name or ALL",
            crate::text::echo(v)
        ),
        help,
    ))
}

/// Find a rule by code (any case) or name.
pub fn lookup(code_or_name: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_and_names_unique() {
        let mut codes = BTreeSet::new();
        let mut names = BTreeSet::new();
        for r in RULES {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for r in RULES {
            let docs = r.docs();
            for section in ["## What it checks", "## Why", "## Example", "## Fixed"] {
                assert!(docs.contains(section), "{} lacks {section}", r.code);
            }
        }
    }

    #[test]
    fn sorted_by_code() {
        let codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_by_key(|c| {
            (
                crate::rule::GROUPS
                    .iter()
                    .position(|g| c.starts_with(g.letter))
                    .unwrap_or(9),
                *c,
            )
        });
        assert_eq!(codes, sorted);
    }
}
