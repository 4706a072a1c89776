//! The one engine: every enabled rule over one parsed document. The rules
//! that look at every value share one walk with the secret scan (each gives
//! the walk a visitor, [`registry::walked`]); then the check groups run in
//! the registry's order; then S003's claims are resolved (a specific rule's
//! finding replaces the schema's at its pointer).

use super::{registry, structure, Checker};
use crate::diagnostics::Diagnostic;
use crate::model::SchemaFamily;
use crate::settings::Settings;
use crate::syntax::{Node, SyntaxError};
use std::sync::atomic::{AtomicBool, Ordering};

/// What the rules found in one document.
pub struct Ran {
    /// Every finding, S003's claims resolved; not yet selected.
    pub diagnostics: Vec<Diagnostic>,
    /// Every secret of the document, for R007, the risk and the redactor.
    pub secrets: Vec<crate::secrets::Found>,
    pub family: SchemaFamily,
    /// The rating of what the document asks for (`risk::rate`).
    pub risk: crate::risk::Risk,
    /// The document's `schema_version` declared its layout.
    pub declared: bool,
    /// With an activity report: what `usage` found besides its findings.
    pub usage: Option<Box<crate::usage::Facts>>,
}

/// The findings on a document that does not parse: S001, and R007 for
/// every secret the lexical scan found in it.
pub fn unparsable(e: SyntaxError, text: &str, secrets: &[crate::secrets::Lexical]) -> Vec<Diagnostic> {
    let mut out = vec![structure::s001_invalid_json::diagnostic(e, text)];
    out.extend(super::risk::r007_secret_in_manifest::check_unparsable(secrets));
    out
}

/// Every check over `root`. `cancel`: when it turns true, the remaining
/// groups are skipped (the caller drops the result).
pub fn run(root: &Node, text: &str, settings: &Settings, cancel: Option<&AtomicBool>) -> Ran {
    let (family, declared) = structure::detect_family(root);
    // One walk over every value finds the secrets and what the walked
    // rules report: a big file's folded containers are read from its text
    // once, not once per rule. Walked rules are walked for even when not
    // selected: a finding of theirs can stand in for an S003
    // (`Checker::claims_needed`), known only later.
    let lines = std::cell::OnceCell::new();
    let mut finder = crate::secrets::Finder::default();
    let mut walkers = registry::walked(text, &lines);
    {
        let mut visitors: Vec<&mut dyn crate::syntax::Visit> = vec![&mut finder];
        visitors.extend(walkers.iter_mut().map(|w| w.visitor()));
        crate::syntax::walk(root, &mut visitors);
    }
    let walked = super::Walked(walkers.into_iter().map(|w| w.found()).collect());
    let found = finder.found;
    let usage_run = settings.activity.is_some();
    let mut cx = Checker {
        root,
        secrets: &found,
        walked,
        text,
        lines,
        settings,
        family,
        diagnostics: Vec::new(),
        claims_needed: false,
        usage: None,
        granted: std::cell::OnceCell::new(),
    };
    let checks = if usage_run {
        registry::USAGE_CHECKS
    } else {
        registry::CHECKS
    };
    for check in checks {
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            break;
        }
        check(&mut cx);
        cx.claims_needed = cx.claims_needed || cx.diagnostics.iter().any(|d| d.rule == &structure::S003);
    }
    if !usage_run {
        structure::schema_version(&mut cx, declared);
    }
    let usage = cx.usage.take();
    let catalog = crate::catalog::Catalog::new(&settings.catalog);
    let risk = crate::risk::rate_granted(cx.granted(), &catalog, !found.is_empty());
    let diagnostics = structure::s003_schema_violation::resolve(cx.diagnostics);
    Ran {
        diagnostics,
        risk,
        secrets: found,
        family,
        declared,
        usage,
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::{parse, Arena};
    use crate::Settings;

    /// The root's unknown members are found on the tree, not by the schema
    /// validator: the same findings as the validator's `additionalProperties`
    /// (a repeated key once, at its last member; a near-typo an S003 with
    /// did-you-mean), sharing one help text.
    #[test]
    fn root_unknown_members_as_the_schema_reports_them() {
        let text =
            r#"{"schema_version": "4.1", "x": 1, "app_manifest": {"name": "a"}, "x": 2, "permisions": {}, "y": 3}"#;
        let arena = Arena::default();
        let root = parse(text, &arena).unwrap();
        let r = super::run(&root, text, &Settings::default(), None);
        let mut found: Vec<(&str, u32, &str)> = r
            .diagnostics
            .iter()
            .filter(|d| matches!(d.rule.code, "S003" | "S006"))
            .map(|d| (d.rule.code, d.span.start, d.pointer.as_str()))
            .collect();
        found.sort_by_key(|f| f.1);
        assert_eq!(
            found,
            [("S006", 65, "/x"), ("S003", 73, "/permisions"), ("S006", 91, "/y")]
        );
        let helps: Vec<&std::sync::Arc<str>> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule.code == "S006")
            .filter_map(|d| d.help.as_ref())
            .collect();
        assert_eq!(helps.len(), 2);
        assert!(std::sync::Arc::ptr_eq(helps[0], helps[1]), "one help text per object");
        assert!(helps[0].starts_with("members known here: `schema_version`"));
    }
}
