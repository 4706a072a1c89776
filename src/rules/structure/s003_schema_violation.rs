//! S003 `schema-violation`.

use super::readable;
use super::s006_unknown_member::{unknown_members, unknown_root_members};
use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Subject};
use crate::rules::Checker;
use crate::schema::validate::{compiled, Compiled, TypeKind, ValidationErrorKind};
use crate::span::Span;
use crate::syntax::{Member, Node};
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
    /// `source_url` of `fullscreen`/`sidepanel` (4.1); `iframe_src` of each
    /// iframe instance (3.x, where an instance's `uuid` and `type` are
    /// optional); `type: "object"` of a configuration schema. Everything
    /// else is optional. Where a more specific rule explains a problem (P001 on a
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
/// replaces the S003s there, before selection, so turning that
/// rule off silences the problem rather than bringing back a generic error
/// for it. A missing member is reported at its parent's pointer, where
/// other rules report other problems, so those S003s stay unless the rule
/// is about that very member (S004 about `schema_version`); two missing
/// members of one object are two findings.
pub fn resolve(mut all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    /// The rules that explain why a member is unknown where it is (S006's
    /// documentation in docs/rules.md: A005, A007, C011, P002, P005; and
    /// A004, which reports a 3.x top-level `permissions` in A007's place
    /// when no client_credentials instance exists): they report it instead
    /// of S006. Any other finding at an unknown member (a secret, R007) is
    /// another problem.
    const EXPLAINS_MEMBER: [&str; 6] = ["A004", "A005", "A007", "C011", "P002", "P005"];
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
            member_explained: bool,
            schema_version_explained: bool,
        }
        let mut at: FxHashMap<&str, At> = FxHashMap::default();
        for d in all.iter().filter(|d| matches!(d.rule.code, "S003" | "S006")) {
            at.entry(&d.pointer).or_default();
        }
        for d in &all {
            match d.rule.code {
                // S002 is a different problem at the same key, not an
                // explanation of it, and so is a secret (R007): a secret
                // under an unknown or mistyped member is two problems; S006
                // is the generic finding of an unknown member.
                "S003" | "S002" | "S006" | "R007" => {}
                code => {
                    if let Some(a) = at.get_mut(d.pointer.as_str()) {
                        a.specific = true;
                        a.member_explained |= EXPLAINS_MEMBER.contains(&code);
                        a.schema_version_explained |= code == "S004";
                    }
                }
            }
        }
        let specific = |p: &str| at.get(p).is_some_and(|a| a.specific);
        let mut seen: FxHashSet<(&str, Span, Option<&str>)> = FxHashSet::default();
        all.iter()
            .map(|d| match d.rule.code {
                "S006" => !at.get(d.pointer.as_str()).is_some_and(|a| a.member_explained),
                "S003" => match d.subject() {
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

/// Validate the document against its layout's schema and report S003s
/// (and S006s: unknown members are found with the schema's help).
pub fn check(cx: &mut Checker) {
    let compiled = compiled(cx.family);
    if !compiled.usable() {
        return;
    }
    let mut out = Vec::new();
    let known_members: Option<Vec<&Member>> = compiled.root_members().map(|known| {
        unknown_root_members(cx, known, &mut out);
        // Each known key's last member, from the end: linear in the
        // members however often a key repeats.
        let members = cx.root.as_object().unwrap_or_default();
        let mut picked: Vec<&Member> = Vec::new();
        for m in members.iter().rev() {
            if known.iter().any(|k| k == m.key) && !picked.iter().any(|p| p.key == m.key) {
                picked.push(m);
            }
        }
        picked.reverse();
        picked
    });
    // A violation per member of a big object resolves as many pointers.
    let mut index = crate::syntax::KeyIndex::default();
    compiled.violations(
        cx.root,
        cx.text,
        known_members.as_deref(),
        |pointer, schema_path, kind| describe(cx, compiled, (pointer, &mut index), schema_path, kind, &mut out),
    );
    cx.report_all(out);
}

/// How an S003 message about a missing member goes on, before the member's
/// name in backticks.
const MISSING_MEMBER: &str = " is missing the required member ";

fn type_word(t: &str) -> &'static str {
    match t {
        "string" => "a string",
        "object" => "an object",
        "array" => "an array",
        "boolean" => "a boolean (true or false)",
        "integer" => "an integer",
        "number" => "a number",
        "null" => "null",
        _ => "a value of another type",
    }
}

fn describe<'a>(
    cx: &Checker<'a>,
    compiled: &Compiled,
    (pointer, index): (&str, &mut crate::syntax::KeyIndex<'a>),
    schema_path: &str,
    kind: &ValidationErrorKind,
    out: &mut Vec<Diagnostic>,
) {
    let root = cx.root;
    let Some(resolved) = root.pointer_indexed(pointer, index) else {
        return;
    };
    let node = resolved.node;
    let value_span = node.span;
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed = compiled.allowed_properties(schema_path);
            // One index of the object for all its unknown members: looking
            // each up in turn was quadratic in the members of one object.
            let members: rustc_hash::FxHashMap<&str, &crate::syntax::Member> = node
                .as_object()
                .map(|ms| ms.iter().map(|m| (m.key, m)).collect())
                .unwrap_or_default();
            let unknown = unexpected.iter().filter_map(|key| members.get(key.as_str()).copied());
            unknown_members(cx, node, pointer, unknown, &allowed, out);
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let owner = readable(pointer);
            out.push(
                Diagnostic::new(
                    &S003,
                    cx.missing_span(node),
                    pointer,
                    format!("{owner}{MISSING_MEMBER}`{name}`"),
                )
                .with_subject(Subject::MissingMember(name.to_string())),
            );
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => type_word(&t.to_string()).to_string(),
                TypeKind::Multiple(ts) => {
                    let words: Vec<&str> = ts.iter().map(|t| type_word(&t.to_string())).collect();
                    words.join(" or ")
                }
            };
            let msg = if pointer.is_empty() {
                format!("a manifest must be a JSON object, found {}", node.type_name())
            } else {
                format!("{} must be {expected}, found {}", readable(pointer), node.type_name())
            };
            out.push(Diagnostic::new(&S003, value_span, pointer, msg));
        }
        ValidationErrorKind::Enum { options } => {
            let opts: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(|v| v.to_string()).collect())
                .unwrap_or_default();
            out.push(Diagnostic::new(
                &S003,
                value_span,
                pointer,
                match opts.as_slice() {
                    [only] => format!(
                        "{} must be {only}, found {}",
                        readable(pointer),
                        found_word(node, false)
                    ),
                    _ => format!(
                        "{} must be one of {}, found {}",
                        readable(pointer),
                        opts.join(", "),
                        found_word(node, true)
                    ),
                },
            ));
        }
        ValidationErrorKind::Constant { expected_value } => {
            out.push(Diagnostic::new(
                &S003,
                value_span,
                pointer,
                format!(
                    "{} must be {}, found {}",
                    readable(pointer),
                    expected_value,
                    found_word(node, false)
                ),
            ));
        }
        ValidationErrorKind::Pattern { pattern } => {
            out.push(Diagnostic::new(
                &S003,
                value_span,
                pointer,
                format!(
                    "{} must match the pattern {pattern}, found a string that does not",
                    readable(pointer)
                ),
            ));
        }
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            out.push(Diagnostic::new(
                &S003,
                value_span,
                pointer,
                format!(
                    "{} must be a string or an integer, found {}",
                    readable(pointer),
                    node.type_name()
                ),
            ));
        }
        other => {
            out.push(Diagnostic::new(
                &S003,
                value_span,
                pointer,
                format!(
                    "{} does not match the schema (`{}`)",
                    readable(pointer),
                    other.keyword()
                ),
            ));
        }
    }
}

/// "a different string" rather than the value: S003 never quotes values.
/// `many`: the schema offers several values.
fn found_word(node: &Node, many: bool) -> String {
    match node.as_str() {
        Some(_) if many => "a string that is not one of them".to_string(),
        Some(_) => "a different string".to_string(),
        None => node.type_name().to_string(),
    }
}
