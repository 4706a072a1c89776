//! S003 `schema-violation`.

use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Subject};
use crate::span::Span;
use rustc_hash::{FxHashMap, FxHashSet};

declare_rule! {
    /// ## What it checks
    /// The manifest against the JSON Schema of its schema version
    /// (`procore-manifest schema --version 4.1|3` prints it): wrong types,
    /// missing required members, unknown members (with a did-you-mean),
    /// values outside an enumeration.
    ///
    /// Procore publishes no schema, so ours is strict about shapes and
    /// lenient about presence: required are `schema_version`; `uuid` and
    /// `source_url` of `fullscreen`/`sidepanel` (4.1); `uuid` of each oauth
    /// instance and `uuid`, `type`, `iframe_src` of each iframe instance
    /// (3.x); `type: "object"` of a configuration schema. Everything else is
    /// optional. Where a more specific rule explains a problem (P001 on a
    /// level, A007, A005, C011 on a member), it reports instead of S003.
    ///
    /// ## Why
    /// The Portal rejects or silently ignores members it does not know: a
    /// misspelt `permisions` block grants nothing.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", "permisions": { "company": { "documents": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "company": { "documents": "readonly" } } }
    /// ```
    pub static S003 = ("S003", "schema-violation", Error, None,
        "does not match the JSON Schema of its schema_version: wrong type, missing required member, unknown member, bad enum value");
}

/// One problem, one diagnostic: a specific rule that reports at a pointer
/// replaces the S003s there (RULES.md), before selection, so turning that
/// rule off silences the problem rather than bringing back a generic error
/// for it. A missing member is reported at its parent's pointer, where
/// other rules report other problems, so those S003s stay unless the rule
/// is about that very member (S004 about `schema_version`); two missing
/// members of one object are two findings.
pub fn resolve(mut all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Nothing to resolve in most files (and this runs on every file).
    if !all.iter().any(|d| matches!(d.rule.code, "S003" | "S006")) {
        return all;
    }
    let keep = {
        // The pointers S003 and S006 found, and whether a specific finding
        // (another rule's) or an S004 is at each: held for those findings
        // only (a file can have millions of the others).
        #[derive(Default)]
        struct At {
            specific: bool,
            schema_version_explained: bool,
        }
        let mut at: FxHashMap<&str, At> = FxHashMap::default();
        for d in all.iter().filter(|d| matches!(d.rule.code, "S003" | "S006")) {
            at.entry(&d.pointer).or_default();
        }
        for d in &all {
            match d.rule.code {
                // S002 is a different problem at the same key, not an
                // explanation of it; S006 is the generic finding of an
                // unknown member.
                "S003" | "S002" | "S006" => {}
                code => {
                    if let Some(a) = at.get_mut(d.pointer.as_str()) {
                        a.specific = true;
                        a.schema_version_explained |= code == "S004";
                    }
                }
            }
        }
        let specific = |p: &str| at.get(p).is_some_and(|a| a.specific);
        let mut seen: FxHashSet<(&str, Span, Option<&str>)> = FxHashSet::default();
        all.iter()
            .map(|d| match d.rule.code {
                "S006" => !specific(&d.pointer),
                "S003" => match d.subject.as_deref() {
                    Some(Subject::MissingMember(name)) => {
                        !(name == "schema_version"
                            && at.get(d.pointer.as_str()).is_some_and(|a| a.schema_version_explained))
                            && seen.insert((&d.pointer, d.span, Some(name)))
                    }
                    // Two S003s on one value (e.g. two keywords failing):
                    // keep the first.
                    None => !specific(&d.pointer) && seen.insert((&d.pointer, d.span, None)),
                },
                _ => true,
            })
            .collect::<Vec<bool>>()
    };
    let mut keep = keep.into_iter();
    all.retain(|_| keep.next().unwrap_or(true));
    all
}
