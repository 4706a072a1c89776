//! S002 `duplicate-key`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::Checker;
use crate::syntax::{pointer_of, Node, NodeKind, Seg};

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

/// S002 over the whole tree.
pub fn check(cx: &mut Checker) {
    // Pushed onto the file's findings in place (no copy of millions of them).
    let mut out = std::mem::take(&mut cx.diagnostics);
    walk_duplicates(cx, cx.root, &mut Vec::new(), &mut out);
    cx.diagnostics = out;
}

/// Folded containers (`syntax::Items`) are read from the text, not
/// unfolded into the tree: a big file's tree is not built for this walk.
fn walk_duplicates<'t>(cx: &Checker, node: &Node<'t>, path: &mut Vec<Seg<'t>>, out: &mut Vec<Diagnostic>) {
    match &node.kind {
        NodeKind::Object(members) => {
            let members = members.read();
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
                if let Some(earlier) = earlier {
                    let line = cx.line_of(earlier.key_span.start);
                    path.push(Seg::Key(m.key));
                    let key_pointer = pointer_of(path);
                    path.pop();
                    let shown = crate::text::sanitize_inline(m.key);
                    out.push(
                        Diagnostic::new(
                            &S002,
                            m.key_span,
                            key_pointer,
                            format!("duplicate key `{shown}`: it is already defined on line {line}"),
                        )
                        .with_help("remove one of them; this tool, like most parsers, uses the later value")
                        .with_related(format!("`{shown}` first defined here"), earlier.key_span),
                    );
                }
            }
            for m in members.iter() {
                path.push(Seg::Key(m.key));
                walk_duplicates(cx, &m.value, path, out);
                path.pop();
            }
        }
        NodeKind::Array(items) => {
            for (i, item) in items.each().enumerate() {
                path.push(Seg::Index(i));
                walk_duplicates(cx, &item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}
