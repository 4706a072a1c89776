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
//! use that scratch stack, cheaper than a first pass. The first pass also
//! says which containers are folded (`items.rs`): the second reads and
//! checks their text and keeps where they begin; `fold.rs` reads them
//! again, unfolded into the arena or one entry at a time.

mod entry;
mod fold;
mod strings;

pub use entry::Entry;
pub use fold::{unfold, Stream};

use super::count::count_entries;
use super::{Arena, Fold, Items, Member, Node, NodeKind, Str, MAX_DEPTH};
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
    let built = if counted {
        count_entries(body.as_bytes(), 0, false).map(Some)
    } else {
        Some(None)
    };
    let mut p = Parser::new(body, shift, arena);
    // Text the first pass cannot count is not JSON: it is only read (for
    // where it stops), nothing is placed in the arena.
    p.build = built.is_some();
    if let Some(built) = built.flatten() {
        p.built = Some(built.into_iter().peekable());
        p.fold = Some(arena.fold(Fold { body, shift, arena }));
    }
    p.whitespace();
    let value = p.value();
    p.whitespace();
    match value {
        Some(value) if p.build && p.i == p.bytes.len() && p.built.as_mut().is_none_or(|b| b.peek().is_none()) => {
            Ok(value)
        }
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

pub struct Parser<'t> {
    text: &'t str,
    arena: &'t Arena,
    bytes: &'t [u8],
    i: usize,
    shift: usize,
    depth: usize,
    /// The containers built and not yet opened, where each begins and its
    /// entry count ([`count_entries`]), when the text was counted: the
    /// others are folded.
    built: Option<std::iter::Peekable<std::vec::IntoIter<(u32, u32)>>>,
    /// Where folded containers are read again (counted text).
    fold: Option<&'t Fold<'t>>,
    /// Every container is folded (the entries of a folded one, read).
    fold_all: bool,
    /// The tree exists already (a folded container read again): the arena
    /// is allocated into under its lock.
    shared: bool,
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
/// arena (counted text), the scratch stack from this index on, nowhere
/// (text that is only read), or nowhere and the container is folded.
enum Entries<'t, T> {
    Placed(&'t mut [T]),
    Stacked(usize),
    Dropped,
    Folded(&'t Fold<'t>),
}

impl<'t> Parser<'t> {
    fn new(body: &'t str, shift: usize, arena: &'t Arena) -> Self {
        Parser {
            text: body,
            arena,
            bytes: body.as_bytes(),
            i: 0,
            shift,
            depth: 0,
            built: None,
            fold: None,
            fold_all: false,
            shared: false,
            build: true,
            open: Vec::new(),
            items: Vec::new(),
            members: Vec::new(),
        }
    }

    /// `s` in the arena (under its lock once the tree exists).
    fn str(&self, s: &str) -> &'t str {
        let _lock = self.shared.then(|| self.arena.shared());
        self.arena.str(s).as_str()
    }

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

    /// A container opens at `start`: where its entries go.
    fn entries<T: Entry<'t>>(&mut self, start: usize) -> Option<Entries<'t, T>> {
        if !self.build {
            return Some(Entries::Dropped);
        }
        if self.fold_all {
            return Some(Entries::Folded(self.fold?));
        }
        let Some(built) = &mut self.built else {
            return Some(Entries::Stacked(T::stack(self).len()));
        };
        let count = match built.peek() {
            Some(&(at, n)) if at as usize == start => {
                built.next();
                n as usize
            }
            // A container the first pass did not see: not JSON.
            Some(&(at, _)) if (at as usize) < start => return None,
            _ => return Some(Entries::Folded(self.fold?)),
        };
        let _lock = self.shared.then(|| self.arena.shared());
        Some(Entries::Placed(self.arena.holes(count, T::HOLE)))
    }

    /// Entry `n` of a container is `entry`.
    fn fill<T: Entry<'t>>(&mut self, entries: &mut Entries<'t, T>, n: usize, entry: T) -> Option<()> {
        match entries {
            Entries::Placed(places) => *places.get_mut(n)? = entry,
            Entries::Stacked(_) => T::stack(self).push(entry),
            Entries::Dropped | Entries::Folded(_) => {}
        }
        Some(())
    }

    /// A container closes after `found` entries: they are its slice of
    /// the arena (a counted one has as many as counted).
    fn close<T: Entry<'t>>(&mut self, entries: Entries<'t, T>, found: usize) -> Option<Items<'t, T>> {
        self.depth -= 1;
        self.open.pop();
        match entries {
            Entries::Placed(places) => (places.len() == found).then(|| Items::new(places)),
            Entries::Stacked(first) => {
                let arena = self.arena;
                let stack = T::stack(self);
                let out = arena.slice(stack.get(first..)?);
                stack.truncate(first);
                Some(Items::new(out))
            }
            Entries::Dropped | Entries::Folded(_) => Some(Items::new(&[])),
        }
    }

    /// An array or an object at its opening bracket: its entries where
    /// [`Self::entries`] says. A folded one is read (checked, nothing kept)
    /// and keeps where it begins.
    fn container<T: Entry<'t>>(&mut self) -> Option<Items<'t, T>> {
        let start = self.i;
        match self.entries(start)? {
            // The entries of a folded container, read: its text was
            // checked when the tree was parsed, its end is found by
            // matching brackets.
            Entries::Folded(fold) if self.fold_all => {
                self.i = super::count::end_of(self.bytes, start)?;
                Some(Items::folded(fold, start))
            }
            Entries::Folded(fold) => {
                self.build = false;
                let read = self.entries_of::<T>(Entries::Dropped);
                self.build = true;
                read?;
                Some(Items::folded(fold, start))
            }
            entries => self.entries_of(entries),
        }
    }

    /// A container's entries (`T::parse`), separated by commas, to its
    /// closing bracket. While it is open its frame in `open` follows where
    /// its entries begin.
    fn entries_of<T: Entry<'t>>(&mut self, mut entries: Entries<'t, T>) -> Option<Items<'t, T>> {
        let close = T::CLOSE;
        self.enter()?;
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
            let e = T::parse(self)?;
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
        let items = self.container()?;
        Some(self.node(NodeKind::Array(items), start))
    }

    fn object(&mut self) -> Option<Node<'t>> {
        let start = self.i;
        let members = self.container()?;
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
