//! Unknown members (S003 near-typos with did-you-mean, S006 otherwise):
//! from the schema's `additionalProperties` errors and, for the root, from
//! the tree itself.

use super::validate::readable;
use crate::diagnostics::Diagnostic;
use crate::model::SchemaFamily;
use crate::rules::structure::{S003, S006};
use crate::rules::Checker;
use crate::syntax::{escape_pointer_segment, Member, Node};
/// The unknown members of an object, each once (where a key repeats, its
/// last member, as the schema sees it), in the order of the keys' first
/// appearance.
pub(super) fn unknown_members<'k>(
    cx: &Checker,
    node: &Node,
    pointer: &str,
    unknown: impl Iterator<Item = &'k Member<'k>>,
    allowed: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let missing: Vec<&str> = allowed.iter().map(String::as_str).collect();
    let mut suggestions = rustc_hash::FxHashMap::default();
    let known_here = S006Help::new(allowed);
    for member in unknown {
        unknown_member(cx, node, pointer, member, &known_here, &missing, &mut suggestions, out);
    }
}

/// The root's members that its (closed) schema does not declare, reported
/// as the schema's `additionalProperties` error would report them, without
/// converting them for the validator: a manifest with a million unknown
/// members is a million findings, not a million-member instance too.
pub(super) fn unknown_root_members(cx: &Checker, known: &[String], out: &mut Vec<Diagnostic>) {
    let Some(members) = cx.root.as_object() else { return };
    let is_known = |k: &str| known.iter().any(|n| n == k);
    if members.iter().all(|m| is_known(m.key)) {
        return;
    }
    let mut last: rustc_hash::FxHashMap<&str, &Member> = rustc_hash::FxHashMap::default();
    let mut order: Vec<&str> = Vec::new();
    for m in members.iter().filter(|m| !is_known(m.key)) {
        if last.insert(m.key, m).is_none() {
            order.push(m.key);
        }
    }
    let unknown = order.into_iter().filter_map(|k| last.get(k).copied());
    unknown_members(cx, cx.root, "", unknown, known, out);
}

/// S006's help, "members known here: …", written once per object and
/// shared by its findings.
struct S006Help(Option<std::sync::Arc<str>>);

impl S006Help {
    fn new(allowed: &[String]) -> S006Help {
        S006Help((!allowed.is_empty()).then(|| {
            format!(
                "members known here: {}; if Procore added this one, it is reported without failing the run",
                allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
            )
            .into()
        }))
    }
}

/// or an edit distance of at most 2.
fn near_typo<'c>(key: &str, candidates: &[&'c str]) -> Option<&'c str> {
    // Compared as iterators: no string is built per candidate (a file with a
    // million unknown members asks this a million times).
    fn fold(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-'))
            .flat_map(char::to_lowercase)
    }
    if let Some(c) = candidates.iter().find(|c| fold(key).eq(fold(c))) {
        return Some(c);
    }
    let lower = key.to_lowercase();
    let len = lower.chars().count();
    candidates
        .iter()
        // The edit distance is at least the difference in length.
        .filter(|c| c.chars().count().abs_diff(len) <= 2)
        .map(|c| (c, strsim::levenshtein(&lower, &c.to_lowercase())))
        .filter(|(_, d)| *d <= 2)
        .min_by_key(|(_, d)| *d)
        .map(|(c, _)| *c)
}

/// An unknown member: S003 when it is a near-typo of an allowed member the
/// object lacks (`missing`), with did-you-mean; S006 otherwise.
/// `suggestions`: the answers so far, by key (a file repeating one typo
/// computes it once).
#[allow(clippy::too_many_arguments)]
fn unknown_member<'k>(
    cx: &Checker,
    parent: &Node,
    pointer: &str,
    member: &'k Member,
    known_here: &S006Help,
    missing: &[&str],
    suggestions: &mut rustc_hash::FxHashMap<&'k str, Option<String>>,
    out: &mut Vec<Diagnostic>,
) {
    let key: &str = member.key;
    if !cx.enabled(&S003) && !cx.enabled(&S006) {
        return;
    }
    // A 4.1 manifest's leftover `components` that holds `oauth` and more:
    // A005 reports `components/oauth`, S003 the other members one by one.
    if cx.family == SchemaFamily::V4_1 && pointer.is_empty() && key == "components" {
        if let Some(comp) = parent.get("components") {
            if let Some(members) = comp.as_object() {
                if comp.get("oauth").is_some() && members.iter().any(|m| m.key != "oauth") {
                    for m in comp.effective_members() {
                        if m.key != "oauth" {
                            out.push(Diagnostic::new(
                                &S003,
                                m.key_span,
                                format!("/components/{}", escape_pointer_segment(m.key)),
                                format!(
                                    "unknown member `{}` in `components`: a 4.1 manifest has no `components` (its members moved to `fullscreen`, `sidepanel` and `permissions`)",
                                    crate::text::sanitize_inline(m.key)
                                ),
                            ));
                        }
                    }
                    return;
                }
            }
        }
    }
    let member_pointer = format!("{pointer}/{}", escape_pointer_segment(key));
    let shown = crate::text::sanitize_inline(key);
    let place = if pointer.is_empty() {
        "at the top level of the manifest".to_string()
    } else {
        format!("in {}", readable(pointer))
    };
    let suggestion = suggestions
        .entry(key)
        .or_insert_with(|| near_typo(key, missing).map(str::to_string))
        .clone();
    let mut d = match suggestion {
        // A near-typo of a member allowed here: an error.
        Some(s) => Diagnostic::new(
            &S003,
            member.key_span,
            member_pointer,
            format!("unknown member `{shown}` {place}"),
        )
        .with_help(format!("did you mean `{s}`?")),
        // Anything else may be a member Procore added: a warning.
        None => {
            let d = Diagnostic::new(
                &S006,
                member.key_span,
                member_pointer,
                format!("unknown member `{shown}` {place}"),
            );
            match &known_here.0 {
                Some(help) => d.with_help(help.clone()),
                None => d,
            }
        }
    };
    d.unnecessary = true;
    out.push(d);
}

#[cfg(test)]
mod tests {
    use crate::{lint_source, Settings};

    /// The root's unknown members are found on the tree, not by the schema
    /// validator: the same findings as the validator's `additionalProperties`
    /// (a repeated key once, at its last member; a near-typo an S003 with
    /// did-you-mean), sharing one help text.
    #[test]
    fn root_unknown_members_as_the_schema_reports_them() {
        let text =
            r#"{"schema_version": "4.1", "x": 1, "app_manifest": {"name": "a"}, "x": 2, "permisions": {}, "y": 3}"#;
        let r = lint_source("m.json", text, &Settings::default());
        let found: Vec<(&str, u32, &str)> = r
            .diagnostics
            .iter()
            .filter(|d| matches!(d.rule.code, "S003" | "S006"))
            .map(|d| (d.rule.code, d.span.start, d.pointer.as_str()))
            .collect();
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
