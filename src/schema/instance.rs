//! The syntax tree as a `jsonschema` instance (its `json::Json` trait): the
//! validator reads the tree in place. Converting the tree to a
//! `serde_json::Value` first held the document a third time, several times
//! its size (a 50 MB manifest of configuration fields took 680 MB).
//!
//! The view keeps serde_json's meaning of a repeated key: the validator sees
//! each key once, with its last value, as the conversion did.

use crate::span::Span;
use crate::syntax::{distinct, to_json, Distinct, Member, Node, NodeKind, Str};
use jsonschema::json::{self, JsonNumber, NodeIdentity};
use jsonschema::types::JsonType;
use jsonschema_value::LazyInstance;
use serde_json::Value;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The tree as a `jsonschema` JSON representation.
pub(super) struct Tree;

/// One value of the tree, with the text its spans point into (an error's
/// instance is rebuilt from that text, only when someone reads it).
#[derive(Clone, Copy)]
pub(super) struct TreeNode<'a> {
    node: &'a Node<'a>,
    text: &'a str,
    /// For the root only, when its unknown members are reported from the
    /// tree: the members the validator sees (each key once).
    members: Option<&'a [&'a Member<'a>]>,
}

impl<'a> TreeNode<'a> {
    pub(super) fn new(node: &'a Node<'a>, text: &'a str) -> Self {
        TreeNode {
            node,
            text,
            members: None,
        }
    }

    /// `node` (an object) seen with `members` only.
    pub(super) fn with_members(node: &'a Node<'a>, text: &'a str, members: &'a [&'a Member<'a>]) -> Self {
        TreeNode {
            node,
            text,
            members: Some(members),
        }
    }
}

/// The source of a value is strict JSON (the parser accepts nothing else),
/// so an error's instance is that text parsed again.
fn reparse(bytes: &[u8], _: u32) -> Value {
    serde_json::from_slice(bytes).unwrap_or(Value::Null)
}

impl json::Json for Tree {
    type Node<'a> = TreeNode<'a>;
    type PreparedKey = Box<str>;
    /// The JSON text of a property name, for `propertyNames`.
    type StringBuffer = String;

    /// A lookup scans the members: a members pass is never dearer.
    const KEYS_PER_LOOKUP: usize = 64;
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> Box<str> {
        key.into()
    }

    fn with_string_node<T>(buffer: &mut String, string: &str, f: impl FnOnce(TreeNode<'_>) -> T) -> T {
        buffer.clear();
        buffer.push_str(&Value::from(string).to_string());
        let node = Node {
            kind: NodeKind::String(Str::new(string)),
            span: Span::new(0, buffer.len()),
        };
        f(TreeNode::new(&node, buffer))
    }
}

impl<'a> json::Node<'a, Tree> for TreeNode<'a> {
    type Object = TreeObject<'a>;
    type Array = TreeArray<'a>;
    type Number = TreeNumber<'a>;

    fn as_object(&self) -> Option<TreeObject<'a>> {
        let members = match (self.members, &self.node.kind) {
            (Some(members), NodeKind::Object(_)) => Members::Picked(members),
            (None, NodeKind::Object(members)) => Members::All(members.as_slice()),
            _ => return None,
        };
        Some(TreeObject {
            members,
            text: self.text,
        })
    }

    fn as_array(&self) -> Option<TreeArray<'a>> {
        match &self.node.kind {
            NodeKind::Array(items) => Some(TreeArray { items, text: self.text }),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match &self.node.kind {
            NodeKind::String(s) => Some(Cow::Borrowed(s.as_str())),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<TreeNumber<'a>> {
        match self.node.kind {
            NodeKind::Number(raw) => Some(TreeNumber(raw.as_str())),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.node.kind {
            NodeKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.node.kind, NodeKind::Null)
    }

    fn json_type(&self) -> JsonType {
        match self.node.kind {
            NodeKind::Null => JsonType::Null,
            NodeKind::Bool(_) => JsonType::Boolean,
            NodeKind::Number(_) => JsonType::Number,
            NodeKind::String(_) => JsonType::String,
            NodeKind::Array(_) => JsonType::Array,
            NodeKind::Object(_) => JsonType::Object,
        }
    }

    fn equals_value(&self, expected: &Value) -> bool {
        match (&self.node.kind, expected) {
            (NodeKind::String(s), Value::String(e)) => **s == **e,
            (NodeKind::String(_), _) | (_, Value::String(_)) => false,
            (NodeKind::Bool(b), Value::Bool(e)) => b == e,
            (NodeKind::Null, Value::Null) => true,
            (NodeKind::Null | NodeKind::Bool(_), _) => false,
            _ => jsonschema::json::cmp::equal(&self.to_value(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        match self.members {
            Some(members) => Cow::Owned(Value::Object(
                members.iter().map(|m| (m.key.to_string(), to_json(&m.value))).collect(),
            )),
            None => Cow::Owned(to_json(self.node)),
        }
    }

    fn lazy_value(&self) -> LazyInstance<'a> {
        if self.members.is_some() {
            return LazyInstance::Ready(self.to_value());
        }
        LazyInstance::Deferred {
            bytes: self.text.as_bytes().get(self.node.span.range()).unwrap_or_default(),
            tag: 0,
            make: reparse,
            cell: OnceLock::new(),
        }
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(std::ptr::from_ref(self.node) as usize))
    }
}

/// An object's members: all of them, or those the caller picked.
#[derive(Clone, Copy)]
enum Members<'a> {
    All(&'a [Member<'a>]),
    Picked(&'a [&'a Member<'a>]),
}

pub(super) struct TreeObject<'a> {
    members: Members<'a>,
    text: &'a str,
}

/// The members of an object, each key once (its last member), in order.
pub(super) struct TreeMembers<'a> {
    members: Option<Distinct<'a, 'a>>,
    picked: std::slice::Iter<'a, &'a Member<'a>>,
    text: &'a str,
}

impl<'a> Iterator for TreeMembers<'a> {
    type Item = (&'a str, TreeNode<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let m = match self.picked.next() {
            Some(m) => m,
            None => self.members.as_mut()?.next()?,
        };
        Some((m.key, TreeNode::new(&m.value, self.text)))
    }
}

impl<'a> json::Object<'a, Tree> for TreeObject<'a> {
    type Node = TreeNode<'a>;
    type MemberName = &'a str;
    type MembersIter = TreeMembers<'a>;

    fn len(&self) -> usize {
        match self.members {
            Members::All(_) => self.members().count(),
            Members::Picked(picked) => picked.len(),
        }
    }

    fn get(&self, key: &Box<str>) -> Option<TreeNode<'a>> {
        let found = match self.members {
            Members::All(all) => all.iter().rev().find(|m| *m.key == **key),
            Members::Picked(picked) => picked.iter().rev().find(|m| *m.key == **key).copied(),
        };
        found.map(|m| TreeNode::new(&m.value, self.text))
    }

    fn members(&self) -> TreeMembers<'a> {
        let (members, picked): (_, &[&Member]) = match self.members {
            Members::All(all) => (Some(distinct(all)), &[]),
            Members::Picked(picked) => (None, picked),
        };
        TreeMembers {
            members,
            picked: picked.iter(),
            text: self.text,
        }
    }
}

pub(super) struct TreeArray<'a> {
    items: &'a [Node<'a>],
    text: &'a str,
}

impl<'a> json::Array<'a, Tree> for TreeArray<'a> {
    type Node = TreeNode<'a>;
    type ElementsIter = TreeElements<'a>;

    fn len(&self) -> usize {
        self.items.len()
    }

    fn elements(&self) -> TreeElements<'a> {
        TreeElements {
            items: self.items.iter(),
            text: self.text,
        }
    }
}

pub(super) struct TreeElements<'a> {
    items: std::slice::Iter<'a, Node<'a>>,
    text: &'a str,
}

impl<'a> Iterator for TreeElements<'a> {
    type Item = TreeNode<'a>;

    fn next(&mut self) -> Option<TreeNode<'a>> {
        self.items.next().map(|node| TreeNode::new(node, self.text))
    }
}

/// A number as written.
pub(super) struct TreeNumber<'a>(&'a str);

impl JsonNumber for TreeNumber<'_> {
    fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    fn as_f64(&self) -> Option<f64> {
        self.0.parse().ok().filter(|f: &f64| f.is_finite())
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }

    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        match to_json(&Node {
            kind: NodeKind::Number(Str::new(self.0)),
            span: Span::default(),
        }) {
            Value::Number(n) => Cow::Owned(n),
            _ => Cow::Owned(serde_json::Number::from(0)),
        }
    }
}
