//! The common case fast: a strict JSON (RFC 8259) parser straight to our
//! tree, for text that is valid. It gives up (`None`) at anything else, and
//! the jsonc-parser path then finds and words the error, so it needs no
//! error messages of its own. On text it accepts it builds the tree the
//! jsonc-parser path builds (same spans, same decoded strings); the
//! `parse_reference` tests and the fuzz oracle compare the two.
//!
//! It skips jsonc-parser's own AST and the strictness pre-scan: the two were
//! a quarter of a run over many files (perf).
//!
//! Two passes: the first counts each container's entries (`count.rs`),
//! so the second gives each container its place in the arena, at its exact
//! size, when it opens and fills it in place. Nothing is held twice: a
//! scratch stack copied into the arena at the end of each container had
//! both copies of a huge array alive at once (50 MB of numbers peaked at
//! 393 MB for a tree of 140 MB).

use super::count::count_entries;
use super::{Arena, Member, Node, NodeKind, Slice, Str, MAX_DEPTH};
use crate::span::Span;

/// The tree of `body` (the text after a byte order mark of `shift` bytes),
/// or, when it is not strict JSON nested at most [`MAX_DEPTH`] deep, what
/// can be left out of it when the error is looked for ([`NotOurs`]).
pub(super) fn parse<'t>(body: &'t str, shift: usize, arena: &'t Arena) -> Result<Node<'t>, NotOurs> {
    let counts = count_entries(body.as_bytes());
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
        counts: counts.unwrap_or_default().into_iter(),
        build,
        open: Vec::new(),
    };
    p.whitespace();
    let value = p.value();
    p.whitespace();
    match value {
        Some(value) if build && p.i == p.bytes.len() && p.counts.len() == 0 => Ok(value),
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
    /// ([`count_entries`]).
    counts: std::vec::IntoIter<u32>,
    /// Whether the tree is built (false: the text is only read).
    build: bool,
    /// The containers open (a container's frame goes when it closes): where
    /// their first, their next-to-latest and their latest entry begin.
    open: Vec<(usize, usize, usize)>,
}

/// What an entry of a container holds before it is parsed.
const HOLE: Node<'static> = Node {
    kind: NodeKind::Null,
    span: Span { start: 0, end: 0 },
};

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

    /// A container's entries, to be filled (none when nothing is built).
    fn holes<T: Copy>(&mut self, hole: T) -> Option<&'t mut [T]> {
        if !self.build {
            return Some(&mut []);
        }
        Some(self.arena.holes(self.counts.next()? as usize, hole))
    }

    /// Entry `n` of a container is `entry`.
    fn fill<T>(&self, entries: &mut [T], n: usize, entry: T) -> Option<()> {
        if self.build {
            *entries.get_mut(n)? = entry;
        }
        Some(())
    }

    fn entry_begins(&mut self) {
        if let Some(frame) = self.open.last_mut() {
            frame.1 = frame.2;
            frame.2 = self.i;
        }
    }

    /// A container closes after `found` entries, `counted` by the first
    /// pass.
    fn close(&mut self, counted: usize, found: usize) -> Option<()> {
        self.depth -= 1;
        self.open.pop();
        (!self.build || counted == found).then_some(())
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn array(&mut self) -> Option<Node<'t>> {
        let start = self.i;
        self.enter()?;
        let items = self.holes(HOLE)?;
        let mut n = 0;
        self.i += 1;
        self.whitespace();
        self.open.push((self.i, self.i, self.i));
        if self.peek()? == b']' {
            self.i += 1;
        } else {
            loop {
                self.entry_begins();
                let item = self.value()?;
                self.fill(items, n, item)?;
                n += 1;
                self.whitespace();
                match self.peek()? {
                    b',' => {
                        self.i += 1;
                        self.whitespace();
                    }
                    b']' => {
                        self.i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.close(items.len(), n)?;
        Some(self.node(NodeKind::Array(Slice::new(items)), start))
    }

    fn object(&mut self) -> Option<Node<'t>> {
        let start = self.i;
        self.enter()?;
        let hole = Member {
            key: "",
            key_span: HOLE.span,
            value: HOLE,
        };
        let members = self.holes(hole)?;
        let mut n = 0;
        self.i += 1;
        self.whitespace();
        self.open.push((self.i, self.i, self.i));
        if self.peek()? == b'}' {
            self.i += 1;
        } else {
            loop {
                self.entry_begins();
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
                self.fill(members, n, Member { key, key_span, value })?;
                n += 1;
                self.whitespace();
                match self.peek()? {
                    b',' => {
                        self.i += 1;
                        self.whitespace();
                    }
                    b'}' => {
                        self.i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.close(members.len(), n)?;
        Some(self.node(NodeKind::Object(Slice::new(members)), start))
    }

    /// A string at its opening quote, decoded. Raw control characters,
    /// unknown escapes and unpaired surrogates are not ours.
    fn string(&mut self) -> Option<&'t str> {
        self.i += 1;
        let start = self.i;
        // Most strings have no escape: one slice.
        loop {
            match self.peek()? {
                b'"' => {
                    let s = &self.text[start..self.i];
                    self.i += 1;
                    return Some(s);
                }
                b'\\' => break,
                b if b < 0x20 => return None,
                _ => self.i += 1,
            }
        }
        let mut out = String::from(&self.text[start..self.i]);
        loop {
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(self.arena.str(&out).as_str());
                }
                b'\\' => {
                    self.i += 1;
                    let escape = self.peek()?;
                    self.i += 1;
                    out.push(match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                b if b < 0x20 => return None,
                _ => {
                    // A run of plain bytes; it ends at an ASCII byte, so on
                    // a character boundary.
                    let run = self.i;
                    while self.peek().is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20) {
                        self.i += 1;
                    }
                    out.push_str(&self.text[run..self.i]);
                }
            }
        }
    }

    /// After `\u`: four hex digits, or a surrogate pair `\uD8xx\uDCxx`.
    fn unicode_escape(&mut self) -> Option<char> {
        let hi = self.hex4()?;
        match hi {
            0xD800..=0xDBFF => {
                if !self.bytes[self.i..].starts_with(b"\\u") {
                    return None;
                }
                self.i += 2;
                let lo = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&lo) {
                    return None;
                }
                char::from_u32((hi - 0xD800) * 0x400 + (lo - 0xDC00) + 0x10000)
            }
            0xDC00..=0xDFFF => None,
            _ => char::from_u32(hi),
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.i..self.i + 4)?;
        let mut v = 0;
        for &d in digits {
            v = v * 16 + char::from(d).to_digit(16)?;
        }
        self.i += 4;
        Some(v)
    }
}
