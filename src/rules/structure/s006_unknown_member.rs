//! S006 `unknown-member`: members the schema of the document's layout
//! does not define (S003 for near-typos, with a did-you-mean; S006
//! otherwise), from the schema's `additionalProperties` errors and, for the
//! root, from the tree itself.

use super::readable;
use super::S003;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::SchemaFamily;
use crate::rules::Checker;
use crate::syntax::{escape_pointer_segment, Member, Node};

declare_rule! {
    /// ## What it checks
    /// A member the schema of the manifest's version does not define, that
    /// is no near-typo of a member it does define (a near-typo, such as
    /// `permisions` or `sidePanel`, is S003 with a did-you-mean).
    ///
    /// ## Why
    /// Procore extends the App Manifest: its 2026 documentation announces
    /// AI Agent and External MCP Server components "declared in the
    /// standard Procore App Manifest", shape not yet published. A member
    /// this tool does not know yet may be one Procore added, so it is
    /// reported without failing the run; `--severity S006=error` (or
    /// `severity = { S006 = "error" }` in procore-manifest.toml) makes a
    /// strict policy. Where a more specific rule explains a member (A005,
    /// A007, C011, P002, P005; A004 where it reports a 3.x top-level
    /// `permissions` in A007's place), that rule reports it instead. Any
    /// other finding at the member is another problem, reported beside it:
    /// a secret under an unknown member is R007 and S006.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", "x-release-notes": "…", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    pub static S006 = ("S006", "unknown-member", Warning, None,
        "a member the schema of its version does not define, no near-typo of one it does (those are S003)");
}

/// The unknown members of an object, each once (where a key repeats, its
/// last member, as the schema sees it), in the order of the keys' first
/// appearance.
pub(crate) fn unknown_members<'k>(
    cx: &Checker,
    node: &Node,
    pointer: &str,
    unknown: impl Iterator<Item = &'k Member<'k>>,
    allowed: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let missing: Vec<&str> = allowed.iter().map(String::as_str).collect();
    let known_here = S006Help::new(allowed);
    for member in unknown {
        unknown_member(cx, node, pointer, member, &known_here, &missing, out);
    }
}

/// The root's members that its (closed) schema does not declare, reported
/// as the schema's `additionalProperties` error would report them, without
/// converting them for the validator: a manifest with a million unknown
/// members is a million findings, not a million-member instance too.
pub(crate) fn unknown_root_members(cx: &Checker, known: &[String], out: &mut Vec<Diagnostic>) {
    let Some(members) = cx.root.as_object() else { return };
    let is_known = |k: &str| known.iter().any(|n| n == k);
    if members.iter().all(|m| is_known(m.key)) {
        return;
    }
    // Each key's last member (the findings are put in source order later):
    // no index of its own beside `distinct`'s, which is dropped before the
    // first finding (a million unknown members held 200 MB of indexes
    // through all their findings).
    let unknown: Vec<&Member> = crate::syntax::distinct(members).filter(|m| !is_known(m.key)).collect();
    unknown_members(cx, cx.root, "", unknown.into_iter(), known, out);
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
/// object lacks (`missing`), with did-you-mean; S006 otherwise. Each key
/// comes once per object, so nothing is remembered between them.
fn unknown_member(
    cx: &Checker,
    parent: &Node,
    pointer: &str,
    member: &Member,
    known_here: &S006Help,
    missing: &[&str],
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
                                    "unknown member {} in `components`: a 4.1 manifest has no `components` (its members moved to `fullscreen`, `sidepanel` and `permissions`)",
                                    crate::text::code_span(m.key)
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
    let shown = crate::text::code_span(key);
    let place = if pointer.is_empty() {
        "at the top level of the manifest".to_string()
    } else {
        format!("in {}", readable(pointer))
    };
    let suggestion = near_typo(key, missing);
    let mut d = match suggestion {
        // A near-typo of a member allowed here: an error.
        Some(s) => Diagnostic::new(
            &S003,
            member.key_span,
            member_pointer,
            format!("unknown member {shown} {place}"),
        )
        .with_help(format!("did you mean `{s}`?")),
        // Anything else may be a member Procore added: a warning.
        None => {
            let d = Diagnostic::new(
                &S006,
                member.key_span,
                member_pointer,
                format!("unknown member {shown} {place}"),
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
