//! The common case fast: a strict JSON (RFC 8259) parser straight to our
//! tree, for text that is valid. It gives up (`NotOurs`) at anything else,
//! and the jsonc-parser path then finds and words the error, so it needs no
//! error messages of its own. On text it accepts it builds the tree the
//! jsonc-parser path builds (same spans, same decoded strings); the
//! `parse_reference` tests and the fuzz oracle compare the two.
//!
//! It skips jsonc-parser's own AST and the strictness pre-scan: the two were
//! a quarter of a run over many files (perf).
//!
//! A text of 64 KB or more is read twice: the first pass counts each
//! container's entries (`count.rs`), so the second gives each container its
//! place in the arena, at its exact size, when it opens and fills it in
//! place. Nothing is held twice: a scratch stack copied into the arena at
//! the end of each container had both copies of a huge array alive at once
//! (50 MB of numbers peaked at 393 MB for a tree of 140 MB). Smaller texts
//! use that scratch stack, cheaper than a first pass.

mod strings;

use super::count::count_entries;
use super::{Arena, Member, Node, NodeKind, Slice, Str, MAX_DEPTH};
use crate::span::Span;

/// The tree of `body` (the text after a byte order mark of `shift` bytes),
/// or, when it is not strict JSON nested at most [`MAX_DEPTH`] deep, what
/// can be left out of it when the error is looked for ([`NotOurs`]).
pub(super) fn parse<'t>(body: &'t str, shift: usize, arena: &'t Arena) -> Result<Node<'t>, NotOurs> {
    parse_with(body, shift, arena, body.len() >= COUNTED_AT_LEAST)
}

/// Texts from this size on are counted first (`count.rs`): below it a
/// container is gathered on a scratch stack and copied into the arena when
/// it closes, which costs less than a first pass over the text (5% of a
/// run over many small files) and at most a few hundred KB held twice.
const COUNTED_AT_LEAST: usize = 64 * 1024;

/// [`parse`], counted first or not.
pub(super) fn parse_with<'t>(
    body: &'t str,
    shift: usize,
    arena: &'t Arena,
    counted: bool,
) -> Result<Node<'t>, NotOurs> {
    let counts = if counted {
        count_entries(body.as_bytes()).map(Some)
    } else {
        Some(None)
    };
    // Text the first pass cannot count is not JSON: it is only read (for
    // where it stops), nothing is placed in the arena.
    let build = counts.is_some();
    let mut p = Parser {
        text: body,
        arena,
        bytes: body.as_bytes(),
        i: 0,
        shift,
        depth: 0,
        counts: counts.flatten().map(Vec::into_iter),
        build,
        open: Vec::new(),
        items: Vec::new(),
        members: Vec::new(),
    };
    p.whitespace();
    let value = p.value();
    p.whitespace();
    match value {
        Some(value) if build && p.i == p.bytes.len() && p.counts.as_ref().is_none_or(|c| c.len() == 0) => Ok(value),
        _ => Err(NotOurs {
            removable: p.open.iter().map(|&(first, previous, _)| first..previous).collect(),
        }),
    }
}

/// Text the fast path does not take. `removable`: for each container open
/// where it stopped, the byte range of its entries before the last two
/// (the one it stopped in and the one before, kept for the error's
/// context: a trailing comma needs it), with their commas. Blanked to
/// spaces they change nothing about the error or its offset (each is whole
/// JSON the parser accepted), and a big file's error is then found without
/// a syntax tree of all it held.
pub(super) struct NotOurs {
    pub(super) removable: Vec<std::ops::Range<usize>>,
}

struct Parser<'t> {
    text: &'t str,
    arena: &'t Arena,
    bytes: &'t [u8],
    i: usize,
    shift: usize,
    depth: usize,
    /// The entry counts of the containers not yet opened
    /// ([`count_entries`]), when the text was counted.
    counts: Option<std::vec::IntoIter<u32>>,
    /// Whether the tree is built (false: the text is only read).
    build: bool,
    /// The containers open (a container's frame goes when it closes): where
    /// their first, their next-to-latest and their latest entry begin.
    open: Vec<(usize, usize, usize)>,
    /// Uncounted text: the entries of the containers open, innermost last.
    items: Vec<Node<'t>>,
    members: Vec<Member<'t>>,
}

/// Where a container's entries go while it is parsed: their place in the
/// arena (counted text), the scratch stack from this index on, or nowhere
/// (text that is only read).
enum Entries<'t, T> {
    Placed(&'t mut [T]),
    Stacked(usize),
    Dropped,
}

/// An entry of a container: a node in an array, a member in an object.
trait Entry<'t>: Copy + 't {
    /// What the entry's place holds before it is parsed.
    const HOLE: Self;
    fn stack<'p>(p: &'p mut Parser<'t>) -> &'p mut Vec<Self>;
}

impl<'t> Entry<'t> for Node<'t> {
    const HOLE: Self = Node {
        kind: NodeKind::Null,
        span: Span { start: 0, end: 0 },
    };

    fn stack<'p>(p: &'p mut Parser<'t>) -> &'p mut Vec<Self> {
        &mut p.items
    }
}

impl<'t> Entry<'t> for Member<'t> {
    const HOLE: Self = Member {
        key: "",
        key_span: Span { start: 0, end: 0 },
        value: Node::HOLE,
    };

    fn stack<'p>(p: &'p mut Parser<'t>) -> &'p mut Vec<Self> {
        &mut p.members
    }
}

impl<'t> Parser<'t> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn span(&self, start: usize) -> Span {
        Span::new(start + self.shift, self.i + self.shift)
    }

    fn node(&self, kind: NodeKind<'t>, start: usize) -> Node<'t> {
        Node {
            kind,
            span: self.span(start),
        }
    }

    fn value(&mut self) -> Option<Node<'t>> {
        let start = self.i;
        match self.peek()? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => {
                let s = self.string()?;
                Some(self.node(NodeKind::String(Str::new(s)), start))
            }
            b't' => self.literal("true", NodeKind::Bool(true)),
            b'f' => self.literal("false", NodeKind::Bool(false)),
            b'n' => self.literal("null", NodeKind::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &str, kind: NodeKind<'t>) -> Option<Node<'t>> {
        let start = self.i;
        if !self.bytes[start..].starts_with(word.as_bytes()) {
            return None;
        }
        self.i += word.len();
        // `truex`, `null1`: not a literal (the caller would also reject
        // what follows, but say it here).
        if self.peek().is_some_and(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        Some(self.node(kind, start))
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Option<Node<'t>> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.at_least_one_digit()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            self.at_least_one_digit()?;
        }
        // A digit or letter right after (`01`, `1x`, `1.5.2`) is not ours.
        if self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.') {
            return None;
        }
        let raw = &self.text[start..self.i];
        Some(self.node(NodeKind::Number(Str::new(raw)), start))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.i += 1;
        }
    }

    fn at_least_one_digit(&mut self) -> Option<()> {
        if !self.peek()?.is_ascii_digit() {
            return None;
        }
        self.digits();
        Some(())
    }

    /// A container opens: where its entries go.
    fn entries<T: Entry<'t>>(&mut self) -> Option<Entries<'t, T>> {
        if !self.build {
            return Some(Entries::Dropped);
        }
        Some(match &mut self.counts {
            Some(counts) => Entries::Placed(self.arena.holes(counts.next()? as usize, T::HOLE)),
            None => Entries::Stacked(T::stack(self).len()),
        })
    }

    /// Entry `n` of a container is `entry`.
    fn fill<T: Entry<'t>>(&mut self, entries: &mut Entries<'t, T>, n: usize, entry: T) -> Option<()> {
        match entries {
            Entries::Placed(places) => *places.get_mut(n)? = entry,
            Entries::Stacked(_) => T::stack(self).push(entry),
            Entries::Dropped => {}
        }
        Some(())
    }

    /// A container closes after `found` entries: they are its slice of
    /// the arena (a counted one has as many as counted).
    fn close<T: Entry<'t>>(&mut self, entries: Entries<'t, T>, found: usize) -> Option<Slice<'t, T>> {
        self.depth -= 1;
        self.open.pop();
        match entries {
            Entries::Placed(places) => (places.len() == found).then(|| Slice::new(places)),
            Entries::Stacked(first) => {
                let arena = self.arena;
                let stack = T::stack(self);
                let out = arena.slice(stack.get(first..)?);
                stack.truncate(first);
                Some(out)
            }
            Entries::Dropped => Some(Slice::new(&[])),
        }
    }

    /// An array or an object at its opening bracket, to its `close`: the
    /// entries `entry` parses, separated by commas. While it is open its
    /// frame in `open` follows where its entries begin.
    fn container<T: Entry<'t>>(
        &mut self,
        close: u8,
        mut entry: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Slice<'t, T>> {
        self.enter()?;
        let mut entries = self.entries()?;
        let mut n = 0;
        self.i += 1;
        self.whitespace();
        self.open.push((self.i, self.i, self.i));
        if self.peek()? == close {
            self.i += 1;
            return self.close(entries, n);
        }
        loop {
            if let Some(frame) = self.open.last_mut() {
                frame.1 = frame.2;
                frame.2 = self.i;
            }
            let e = entry(self)?;
            self.fill(&mut entries, n, e)?;
            n += 1;
            // A comma (another entry follows) or `close`.
            self.whitespace();
            let b = self.peek()?;
            self.i += 1;
            if b == close {
                return self.close(entries, n);
            }
            if b != b',' {
                return None;
            }
            self.whitespace();
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn array(&mut self) -> Option<Node<'t>> {
        let start = self.i;
        let items = self.container(b']', Self::value)?;
        Some(self.node(NodeKind::Array(items), start))
    }

    fn object(&mut self) -> Option<Node<'t>> {
        let start = self.i;
        let members = self.container(b'}', Self::member)?;
        Some(self.node(NodeKind::Object(members), start))
    }

    /// `"key": value`.
    fn member(&mut self) -> Option<Member<'t>> {
        if self.peek()? != b'"' {
            return None;
        }
        let key_start = self.i;
        let key = self.string()?;
        let key_span = self.span(key_start);
        self.whitespace();
        if self.peek()? != b':' {
            return None;
        }
        self.i += 1;
        self.whitespace();
        let value = self.value()?;
        Some(Member { key, key_span, value })
    }
}
