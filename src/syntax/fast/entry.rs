//! The two kinds of container entry the parser reads (`mod.rs`).

use super::Parser;
use crate::span::Span;
use crate::syntax::{Items, Member, Node, NodeKind};

/// An entry of a container: a node in an array, a member in an object.
pub trait Entry<'t>: Copy + 't {
    /// What the entry's place holds before it is parsed.
    const HOLE: Self;
    /// The bracket that closes a container of these.
    const CLOSE: u8;
    fn stack<'p>(p: &'p mut Parser<'t>) -> &'p mut Vec<Self>;
    fn parse(p: &mut Parser<'t>) -> Option<Self>;
    /// The entries of `node`, a container of these.
    fn of(node: Node<'t>) -> Option<Items<'t, Self>>;
}

impl<'t> Entry<'t> for Node<'t> {
    const HOLE: Self = Node {
        kind: NodeKind::Null,
        span: Span { start: 0, end: 0 },
    };
    const CLOSE: u8 = b']';

    fn stack<'p>(p: &'p mut Parser<'t>) -> &'p mut Vec<Self> {
        &mut p.items
    }

    fn parse(p: &mut Parser<'t>) -> Option<Self> {
        p.value()
    }

    fn of(node: Node<'t>) -> Option<Items<'t, Self>> {
        match node.kind {
            NodeKind::Array(items) => Some(items),
            _ => None,
        }
    }
}

impl<'t> Entry<'t> for Member<'t> {
    const HOLE: Self = Member {
        key: "",
        key_span: Span { start: 0, end: 0 },
        value: Node::HOLE,
    };
    const CLOSE: u8 = b'}';

    fn stack<'p>(p: &'p mut Parser<'t>) -> &'p mut Vec<Self> {
        &mut p.members
    }

    fn parse(p: &mut Parser<'t>) -> Option<Self> {
        p.member()
    }

    fn of(node: Node<'t>) -> Option<Items<'t, Self>> {
        match node.kind {
            NodeKind::Object(members) => Some(members),
            _ => None,
        }
    }
}
