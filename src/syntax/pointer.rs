//! JSON pointers (RFC 6901) over the span tree: the one place that maps a
//! pointer, or a validator's instance path, to a node and its spans.

use super::{Member, Node, NodeKind};

/// Escape one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape_pointer_segment(s: &str) -> String {
    if s.contains(['~', '/']) {
        s.replace('~', "~0").replace('/', "~1")
    } else {
        s.to_string()
    }
}

/// A step of a path while walking the tree: pointers are built only when a
/// finding needs one (walks visit every node; findings are rare).
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// A pointer written only when a finding needs one: rules that look at
/// every component, property and view pass it down, and most never report.
#[derive(Debug, Clone, Copy)]
pub enum Ptr<'p> {
    /// A pointer written already (escaped).
    Base(&'p str),
    /// One more segment below a pointer (a key is escaped when written).
    Child(&'p Ptr<'p>, Seg<'p>),
}

impl<'p> Ptr<'p> {
    /// This pointer's member `key`.
    pub fn key(&'p self, key: &'p str) -> Ptr<'p> {
        Ptr::Child(self, Seg::Key(key))
    }

    /// This pointer's item `i`.
    pub fn index(&'p self, i: usize) -> Ptr<'p> {
        Ptr::Child(self, Seg::Index(i))
    }

    /// The pointer, written (for a finding).
    pub fn written(&self) -> String {
        let mut out = String::with_capacity(64);
        self.write_into(&mut out);
        out
    }

    fn write_into(&self, out: &mut String) {
        match self {
            Ptr::Base(s) => out.push_str(s),
            Ptr::Child(parent, seg) => {
                parent.write_into(out);
                match seg {
                    Seg::Key(k) => push_key_segment(out, k),
                    Seg::Index(i) => {
                        out.push('/');
                        out.push_str(itoa::Buffer::new().format(*i));
                    }
                }
            }
        }
    }
}

impl std::fmt::Display for Ptr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.written())
    }
}

/// Append `/` and the segment `key`, escaped, to a pointer.
pub fn push_key_segment(out: &mut String, key: &str) {
    out.push('/');
    if key.contains(['~', '/']) {
        out.push_str(&escape_pointer_segment(key));
    } else {
        out.push_str(key);
    }
}

/// The JSON pointer of a path.
pub fn pointer_of(path: &[Seg<'_>]) -> String {
    let mut out = String::with_capacity(
        path.iter()
            .map(|s| match s {
                Seg::Key(k) => k.len() + 1,
                Seg::Index(_) => 4,
            })
            .sum(),
    );
    for seg in path {
        match seg {
            Seg::Key(k) => push_key_segment(&mut out, k),
            Seg::Index(i) => {
                out.push('/');
                out.push_str(itoa::Buffer::new().format(*i));
            }
        }
    }
    out
}

fn unescape(s: &str) -> String {
    if s.contains('~') {
        s.replace("~1", "/").replace("~0", "~")
    } else {
        s.to_string()
    }
}

/// Objects of one tree indexed by key, for [`Node::pointer_indexed`]: an
/// object of more than 32 members gets its index on its first lookup (the
/// later member of a duplicated key, as [`Node::member`] answers).
#[derive(Default)]
pub struct KeyIndex<'a> {
    objects: std::collections::HashMap<usize, std::collections::HashMap<&'a str, usize>>,
}

impl<'a> KeyIndex<'a> {
    fn member(&mut self, node: &'a Node<'a>, key: &str) -> Option<&'a Member<'a>> {
        let members = node.as_object()?;
        if members.len() <= 32 {
            return node.member(key);
        }
        let keys = self
            .objects
            .entry(members.as_ptr() as usize)
            .or_insert_with(|| members.iter().enumerate().map(|(i, m)| (m.key, i)).collect());
        keys.get(key).and_then(|&i| members.get(i))
    }
}

/// What a pointer resolves to: the value, and the member holding it when the
/// parent is an object (for the key's span).
pub struct Resolved<'a> {
    pub node: &'a Node<'a>,
    pub member: Option<&'a Member<'a>>,
}

impl<'t> Node<'t> {
    /// Resolve an RFC 6901 pointer. A segment that looks like a number is an
    /// index into an array but a key of an object (the numeric-key quirk:
    /// `/permissions/company/0` names the member `"0"`). Duplicate keys
    /// resolve to the later member.
    pub fn pointer(&self, pointer: &str) -> Option<Resolved<'_>> {
        self.resolve(pointer, &mut |node, key| node.member(key))
    }

    /// [`Node::pointer`] for many pointers into one tree (a finding per
    /// member of a big object): each big object's members are indexed by
    /// key once ([`KeyIndex`]), so n lookups cost n, not n squared.
    pub fn pointer_indexed<'a>(&'a self, pointer: &str, index: &mut KeyIndex<'a>) -> Option<Resolved<'a>> {
        self.resolve(pointer, &mut |node, key| index.member(node, key))
    }

    fn resolve<'a>(
        &'a self,
        pointer: &str,
        member: &mut dyn FnMut(&'a Node<'a>, &str) -> Option<&'a Member<'a>>,
    ) -> Option<Resolved<'a>> {
        if pointer.is_empty() {
            return Some(Resolved {
                node: self,
                member: None,
            });
        }
        let rest = pointer.strip_prefix('/')?;
        let mut cur = Resolved {
            node: self,
            member: None,
        };
        for raw in rest.split('/') {
            let seg = unescape(raw);
            cur = match &cur.node.kind {
                NodeKind::Object(_) => {
                    let m = member(cur.node, &seg)?;
                    Resolved {
                        node: &m.value,
                        member: Some(m),
                    }
                }
                NodeKind::Array(items) => {
                    if seg.len() > 1 && seg.starts_with('0') {
                        return None;
                    }
                    let i: usize = seg.parse().ok()?;
                    Resolved {
                        node: items.get(i)?,
                        member: None,
                    }
                }
                _ => return None,
            };
        }
        Some(cur)
    }

    /// The deepest node the pointer reaches, even when later segments do not
    /// exist, with the pointer of that node.
    pub fn deepest(&self, pointer: &str) -> (&Node<'_>, String) {
        let mut node = self;
        let mut reached = String::new();
        if let Some(rest) = pointer.strip_prefix('/') {
            for raw in rest.split('/') {
                let next = format!("{reached}/{raw}");
                match self.pointer(&next) {
                    Some(r) => {
                        node = r.node;
                        reached = next;
                    }
                    None => break,
                }
            }
        }
        (node, reached)
    }
}

#[cfg(test)]
mod tests {

    /// The indexed lookup answers what the plain one answers, on big and
    /// small objects, duplicated keys (the later member), escapes, arrays
    /// and pointers that reach nothing.
    #[test]
    fn indexed_pointers_are_the_plain_ones() {
        let mut text = String::from(r#"{"big": {"#);
        for i in 0..100 {
            text.push_str(&format!(r#""k{}": {i}, "a/b~": [{i}], "#, i % 40));
        }
        text.push_str(r#""last": {"x": 1, "x": 2}}, "small": {"k1": 1}}"#);
        let arena = crate::syntax::Arena::default();
        let root = crate::syntax::parse(&text, &arena).expect("parses");
        let mut index = super::KeyIndex::default();
        let mut pointers: Vec<String> = (0..45).map(|i| format!("/big/k{i}")).collect();
        pointers.extend(
            [
                "/big/a~1b~0/0",
                "/big/last/x",
                "/small/k1",
                "/small/k2",
                "/big/nope",
                "",
                "/big/k3/x",
            ]
            .map(String::from),
        );
        for p in &pointers {
            let plain = root.pointer(p).map(|r| (r.node.span, r.member.map(|m| m.key_span)));
            let indexed = root
                .pointer_indexed(p, &mut index)
                .map(|r| (r.node.span, r.member.map(|m| m.key_span)));
            assert_eq!(plain, indexed, "{p}");
        }
        assert!(root.pointer_indexed("/big/k39", &mut index).is_some());
    }

    use crate::syntax::parse;

    #[test]
    fn lazy_pointers_write_what_pointer_of_writes() {
        use super::{pointer_of, Ptr, Seg};
        let base = Ptr::Base("/components/iframe/instances/0");
        let config = base.key("configuration");
        let props = config.key("properties");
        for key in ["plain", "a/b", "t~", "~/", "", "é"] {
            let prop = props.key(key);
            let item = prop.index(12);
            let path = [
                Seg::Key("components"),
                Seg::Key("iframe"),
                Seg::Key("instances"),
                Seg::Index(0),
                Seg::Key("configuration"),
                Seg::Key("properties"),
                Seg::Key(key),
                Seg::Index(12),
            ];
            assert_eq!(item.written(), pointer_of(&path), "{key}");
            assert_eq!(item.to_string(), pointer_of(&path), "{key}");
            assert_eq!(format!("{item}/x"), format!("{}/x", pointer_of(&path)));
        }
        assert_eq!(Ptr::Base("").to_string(), "");
        assert_eq!(Ptr::Base("").key("a").to_string(), "/a");
    }

    #[test]
    fn numeric_keys_on_objects() {
        let t = r#"{"a": {"0": [10, {"x/y": 1, "t~": 2}]}}"#;
        let arena = crate::syntax::Arena::default();
        let root = parse(t, &arena).unwrap();
        let n = root.pointer("/a/0/1/x~1y").unwrap().node;
        assert_eq!(&t[n.span.range()], "1");
        let n = root.pointer("/a/0/1/t~0").unwrap().node;
        assert_eq!(&t[n.span.range()], "2");
        assert!(root.pointer("/a/0/01").is_none());
        assert!(root.pointer("/a/0/5").is_none());
    }

    #[test]
    fn duplicate_resolves_to_later() {
        let t = r#"{"a": 1, "a": 2}"#;
        let arena = crate::syntax::Arena::default();
        let root = parse(t, &arena).unwrap();
        assert_eq!(&t[root.pointer("/a").unwrap().node.span.range()], "2");
    }

    #[test]
    fn deepest_stops_at_missing() {
        let arena = crate::syntax::Arena::default();
        let root = parse(r#"{"a": {"b": 1}}"#, &arena).unwrap();
        assert_eq!(root.deepest("/a/c/d").1, "/a");
    }
}
