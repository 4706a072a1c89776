//! One walk over every value of a tree for all that look at every value
//! (the secret scan, S002, C012 in text): on a big text whose containers
//! are folded (`items.rs`) each walk reads the folded text again, so they
//! share one.

use super::{Member, Node, NodeKind, Seg};

/// What a walk tells a visitor, in document order. `path` is where the
/// value is (a member's path ends with its key).
pub trait Visit<'t> {
    /// An object, with all its members in source order (duplicates too),
    /// before any of them is visited.
    fn object(&mut self, _members: &[Member<'t>], _path: &[Seg<'t>]) {}
    /// A member, before its value: `false` and this visitor is told nothing
    /// of the value or what it holds.
    fn member(&mut self, _member: &Member<'t>, _path: &[Seg<'t>]) -> bool {
        true
    }
    /// A string value (keys are told with their member).
    fn string(&mut self, _node: &Node<'t>, _value: &str, _path: &[Seg<'t>]) {}
}

/// Walk `root` once for every visitor (at most 64). Folded containers are
/// read from the text, never unfolded into the tree.
pub fn walk<'t>(root: &Node<'t>, visitors: &mut [&mut dyn Visit<'t>]) {
    assert!(visitors.len() <= 64, "a walk tells at most 64 visitors");
    let all = (0..visitors.len()).fold(0u64, |set, k| set | 1 << k);
    visit(root, visitors, all, &mut Vec::new());
}

/// The visitors in `set` (a bit each) are told of `node`.
fn visit<'t>(node: &Node<'t>, visitors: &mut [&mut dyn Visit<'t>], set: u64, path: &mut Vec<Seg<'t>>) {
    let told = |k: usize| set & 1 << k != 0;
    match &node.kind {
        NodeKind::Object(members) => {
            let members = members.read();
            for (k, v) in visitors.iter_mut().enumerate() {
                if told(k) {
                    v.object(&members, path);
                }
            }
            for m in members.iter() {
                path.push(Seg::Key(m.key));
                let mut inner = 0;
                for (k, v) in visitors.iter_mut().enumerate() {
                    if told(k) && v.member(m, path) {
                        inner |= 1 << k;
                    }
                }
                if inner != 0 {
                    visit(&m.value, visitors, inner, path);
                }
                path.pop();
            }
        }
        NodeKind::Array(items) => {
            for (i, item) in items.each().enumerate() {
                path.push(Seg::Index(i));
                visit(&item, visitors, set, path);
                path.pop();
            }
        }
        NodeKind::String(s) => {
            for (k, v) in visitors.iter_mut().enumerate() {
                if told(k) {
                    v.string(node, s, path);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse, pointer_of, Arena};

    /// Records what it is told; skips the values of members named `skip`.
    struct Seen {
        skip: &'static str,
        told: Vec<String>,
    }

    impl<'t> Visit<'t> for Seen {
        fn object(&mut self, members: &[Member<'t>], path: &[Seg<'t>]) {
            self.told
                .push(format!("object {} ({})", pointer_of(path), members.len()));
        }

        fn member(&mut self, m: &Member<'t>, path: &[Seg<'t>]) -> bool {
            self.told.push(format!("member {}", pointer_of(path)));
            m.key != self.skip
        }

        fn string(&mut self, _: &Node<'t>, value: &str, path: &[Seg<'t>]) {
            self.told.push(format!("string {} {value}", pointer_of(path)));
        }
    }

    /// A visitor that skips a member's value misses only that value; the
    /// others are told everything, in document order, duplicates included.
    #[test]
    fn each_visitor_skips_only_for_itself() {
        let text = r#"{"a": {"x": "1"}, "b": ["2", {"a": "3"}], "b": "4"}"#;
        let arena = Arena::default();
        let root = parse(text, &arena).unwrap();
        let (mut all, mut some) = (
            Seen {
                skip: "",
                told: Vec::new(),
            },
            Seen {
                skip: "a",
                told: Vec::new(),
            },
        );
        walk(&root, &mut [&mut all, &mut some]);
        assert_eq!(
            all.told,
            [
                "object  (3)",
                "member /a",
                "object /a (1)",
                "member /a/x",
                "string /a/x 1",
                "member /b",
                "string /b/0 2",
                "object /b/1 (1)",
                "member /b/1/a",
                "string /b/1/a 3",
                "member /b",
                "string /b 4",
            ]
        );
        assert_eq!(
            some.told,
            [
                "object  (3)",
                "member /a",
                "member /b",
                "string /b/0 2",
                "object /b/1 (1)",
                "member /b/1/a",
                "member /b",
                "string /b 4"
            ]
        );
    }
}
