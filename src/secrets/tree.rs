//! Secrets in a parsed document.

use super::values::{is_secret_name, is_secret_value};
use crate::span::Span;
use crate::syntax::{pointer_of, Member, Node, NodeKind, Seg, Visit};

/// A secret found in the tree: the member (if any) and the value's span.
#[derive(Debug, Clone)]
pub struct Found {
    pub pointer: String,
    /// The span to report: the member's key for a secret-named member, the
    /// value for a token-shaped value.
    pub report_span: Span,
    /// The span to mask in every snippet: the whole value (an object,
    /// array or number held by a secret-named member is masked whole).
    pub value_span: Span,
    pub by_name: bool,
    pub name: Option<String>,
    /// The secret's texts (every scalar it holds, strings decoded), which
    /// no output may contain.
    pub texts: Vec<String>,
}

/// Every secret in the document, in source order.
pub fn find(root: &Node) -> Vec<Found> {
    let mut finder = Finder::default();
    crate::syntax::walk(root, &mut [&mut finder]);
    finder.found
}

/// The secret scan as a visitor of the walk every whole-tree check shares
/// (`syntax::walk`): what it found is in `found`, in source order.
#[derive(Default)]
pub struct Finder {
    pub found: Vec<Found>,
}

impl<'t> Visit<'t> for Finder {
    fn member(&mut self, m: &Member<'t>, path: &[Seg<'t>]) -> bool {
        if m.key.eq_ignore_ascii_case("uid") || m.key.eq_ignore_ascii_case("uuid") {
            return false;
        }
        if is_secret_value(m.key) {
            // A credential written as a key.
            self.found.push(Found {
                pointer: pointer_of(path),
                report_span: m.key_span,
                value_span: m.key_span,
                by_name: false,
                name: None,
                texts: vec![m.key.to_string()],
            });
        }
        if is_secret_name(m.key) && has_content(&m.value) {
            let mut texts = Vec::new();
            scalars(&m.value, &mut texts);
            self.found.push(Found {
                pointer: pointer_of(path),
                report_span: m.key_span,
                value_span: m.value.span,
                by_name: true,
                name: Some(m.key.to_string()),
                texts,
            });
            return false;
        }
        true
    }

    fn string(&mut self, node: &Node<'t>, s: &str, path: &[Seg<'t>]) {
        if is_secret_value(s) {
            self.found.push(Found {
                pointer: pointer_of(path),
                report_span: node.span,
                value_span: node.span,
                by_name: false,
                name: None,
                texts: vec![s.to_string()],
            });
        }
    }
}

/// Every scalar a value holds, as text (keys of objects too).
fn scalars(v: &Node, out: &mut Vec<String>) {
    match &v.kind {
        NodeKind::String(s) => out.push(s.to_string()),
        NodeKind::Number(s) => out.push(s.to_string()),
        NodeKind::Array(items) => items.each().for_each(|i| scalars(&i, out)),
        NodeKind::Object(members) => {
            for m in members.each() {
                out.push(m.key.to_string());
                scalars(&m.value, out);
            }
        }
        _ => {}
    }
}

/// A secret-named member only counts when it holds something: an empty
/// string, null, or an empty container holds no credential.
fn has_content(v: &Node) -> bool {
    match &v.kind {
        NodeKind::Null => false,
        NodeKind::String(s) => !s.trim().is_empty(),
        NodeKind::Array(a) => a.each().next().is_some(),
        NodeKind::Object(o) => o.each().next().is_some(),
        _ => true,
    }
}
