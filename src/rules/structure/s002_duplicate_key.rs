//! S002 `duplicate-key`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::Checker;
use crate::source::LineIndex;
use crate::syntax::{escape_pointer_segment, pointer_of, Member, Seg, Visit};
use std::cell::OnceCell;

declare_rule! {
    /// ## What it checks
    /// An object repeats a key. The finding points at the later key and
    /// names the line of the earlier one.
    ///
    /// ## Why
    /// Parsers disagree about which value wins (most keep the later one,
    /// some the first, some reject the document), so the Portal may read a
    /// different permission than the one you reviewed. This tool, like
    /// serde_json and JavaScript, uses the later value for every other rule.
    ///
    /// ## Example
    /// ```json
    /// { "permissions": { "company": { "directory": "readonly", "directory": "admin" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "permissions": { "company": { "directory": "readonly" } } }
    /// ```
    pub static S002 = ("S002", "duplicate-key", Error, None,
        "an object repeats a key; points at the later one and names the earlier one");
}

/// S002: the duplicates the shared walk found (`Duplicates`, run by
/// `lint` with the other whole-tree visitors).
pub fn check(cx: &mut Checker) {
    let mut found = cx.walked.take(&S002);
    cx.diagnostics.append(&mut found);
}

/// S002 as a visitor of the walk every whole-tree check shares
/// (`syntax::walk`): its findings are in `found`.
pub struct Duplicates<'a> {
    text: &'a str,
    /// The file's line index, built on the first duplicate (and handed on).
    lines: &'a OnceCell<LineIndex>,
    pub found: Vec<Diagnostic>,
}

impl<'a> Duplicates<'a> {
    pub fn new(text: &'a str, lines: &'a OnceCell<LineIndex>) -> Self {
        Duplicates {
            text,
            lines,
            found: Vec::new(),
        }
    }
}

impl<'t> Visit<'t> for Duplicates<'_> {
    fn object(&mut self, members: &[Member<'t>], path: &[Seg<'t>]) {
        // Small objects: a linear scan beats hashing; large ones hash.
        let mut index: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        let large = members.len() > 16;
        for (i, m) in members.iter().enumerate() {
            let earlier = if large {
                let e = index.get(m.key).map(|&j| &members[j]);
                index.entry(m.key).or_insert(i);
                e
            } else {
                members[..i].iter().find(|e| e.key == m.key)
            };
            let Some(earlier) = earlier else { continue };
            let line = crate::rules::line_in(self.lines, self.text, earlier.key_span.start);
            let key_pointer = format!("{}/{}", pointer_of(path), escape_pointer_segment(m.key));
            let shown = crate::text::code_span(m.key);
            self.found.push(
                Diagnostic::new(
                    &S002,
                    m.key_span,
                    key_pointer,
                    format!("duplicate key {shown}: it is already defined on line {line}"),
                )
                .with_help("remove one of them; this tool, like most parsers, uses the later value")
                .with_related(format!("{shown} first defined here"), earlier.key_span),
            );
        }
    }
}

impl<'t> crate::rules::WalkedRule<'t> for Duplicates<'_> {
    fn visitor(&mut self) -> &mut dyn Visit<'t> {
        self
    }
    fn found(self: Box<Self>) -> (&'static crate::rules::RuleMeta, Vec<Diagnostic>) {
        (&S002, self.found)
    }
}
