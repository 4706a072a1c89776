//! The first tests of every string, before the catalogue's prefix search:
//! cheap enough to run on every string and key of every file, and never
//! false for a string that holds a credential format.
//!
//! Measured on the bench's 10,000 clean files, an Aho-Corasick search per
//! string (the catalogue's 120 prefixes) cost 30% of the run: most
//! manifest strings are short, and the search's cost per call dominates
//! them. A vectorised pass over the bytes rules out most strings first;
//! the packed (Teddy) searcher was tried and is slower still at this
//! number of prefixes.

use std::cell::RefCell;

/// What a string holds, by one vectorised pass over its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    /// A digit, a capital right after a letter or digit, or a `_`/`-`
    /// right after one: what every credential body or prefix holds
    /// (`ghp_`, `xoxb-`, `AKIA...`, `-----BEGIN`), and prose, whose
    /// capitals follow spaces, mostly does not.
    pub token: bool,
    /// A `:` (a URL's `://`).
    pub colon: bool,
    /// A space or a tab (prose, or `Bearer` and its token).
    pub space: bool,
    /// A byte other than a lower-case hex digit or `-`: a string without
    /// one (a uuid, a sha, a hex id: many of a manifest's values) holds no
    /// credential prefix, no `Bearer` and no URL.
    pub not_hex: bool,
}

const MARK: u8 = 1;
const COLON: u8 = 2;
const SPACE: u8 = 4;
const NOT_HEX: u8 = 8;

/// [`Marks`] of `b`: on x86-64 by SSE2 (`gate_sse2.rs`), elsewhere
/// [`marks_portable`].
#[cfg(target_arch = "x86_64")]
pub fn marks(b: &[u8]) -> Marks {
    let m = sse2::masks(b);
    Marks {
        token: m.token != 0,
        colon: m.colon != 0,
        space: m.space != 0,
        not_hex: m.not_hex != 0,
    }
}

/// [`marks`] elsewhere.
#[cfg(not(target_arch = "x86_64"))]
pub fn marks(b: &[u8]) -> Marks {
    marks_portable(b)
}

#[cfg(target_arch = "x86_64")]
#[path = "gate_sse2.rs"]
mod sse2;

/// [`Marks`] of `b`. No early exit: 16-byte chunks by arithmetic the
/// compiler vectorises, the last one padded (most strings are shorter than
/// a chunk: a byte-by-byte tail was most of the cost).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn marks_portable(b: &[u8]) -> Marks {
    let alnum = |c: u8| u8::from((c | 0x20).wrapping_sub(b'a') < 26) | u8::from(c.wrapping_sub(b'0') < 10);
    let mark = |p: u8, c: u8| {
        let after_alnum = u8::from(c.wrapping_sub(b'A') < 26) | u8::from(c == b'_') | u8::from(c == b'-');
        let digit = u8::from(c.wrapping_sub(b'0') < 10);
        let hex = digit | u8::from(c.wrapping_sub(b'a') < 6) | u8::from(c == b'-');
        let blank = u8::from(c == b' ') | u8::from(c == b'\t');
        digit | (after_alnum & alnum(p)) | (u8::from(c == b':') << 1) | (blank << 2) | ((hex ^ 1) << 3)
    };
    let Some(&first) = b.first() else {
        return Marks {
            token: false,
            colon: false,
            space: false,
            not_hex: false,
        };
    };
    // Whole 16-byte chunks of (byte before, byte) pairs, then the rest in
    // one more chunk padded with `a`: a lower-case hex letter, which marks
    // nothing after anything and is no digit, colon, space or non-hex byte.
    let chunk = |p: &[u8], c: &[u8]| {
        let mut m = [0u8; 16];
        for ((m, &p), &c) in m.iter_mut().zip(p).zip(c) {
            *m = mark(p, c);
        }
        m.iter().fold(0, |a, &x| a | x)
    };
    let (prev, next) = (&b[..b.len() - 1], &b[1..]);
    let done = prev.len() / 16 * 16;
    let mut seen = prev
        .chunks_exact(16)
        .zip(next.chunks_exact(16))
        .fold(0, |seen, (p, c)| seen | chunk(p, c));
    let mut rest = [b'a'; 17];
    rest[..b.len() - done].copy_from_slice(&b[done..]);
    seen |= chunk(&rest[..16], &rest[1..]);
    // The first byte after nothing (a start of text, like a space).
    seen |= mark(b' ', first);
    Marks {
        token: seen & MARK != 0,
        colon: seen & COLON != 0,
        space: seen & SPACE != 0 || first == b' ' || first == b'\t',
        not_hex: seen & NOT_HEX != 0,
    }
}

/// Token characters: what a credential's body is made of.
const TOKEN: u8 = 1;
/// A digit: a mark anywhere in a run.
const DIGIT: u8 = 2;
/// A capital: a mark past a run's first character.
const CAPITAL: u8 = 4;
/// `_` or `-`: a mark past a run's first character when 8 or more token
/// characters follow it in the run (a vendor prefix's `ghp_`, `glpat-`
/// before the body), not in a compound word of prose (`full-screen`,
/// `sign-on`).
const JOIN: u8 = 8;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            TOKEN | DIGIT
        } else if c.is_ascii_uppercase() {
            TOKEN | CAPITAL
        } else if c == b'_' || c == b'-' {
            TOKEN | JOIN
        } else if c.is_ascii_lowercase() || matches!(c, b'.' | b'~' | b'+' | b'/' | b'=') {
            TOKEN
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Does `s` hold a run of 10 or more token characters (letters, digits,
/// `_-.~+/=`) with a mark ([`Marks::token`]) in it? Every format of the
/// catalogue and every loose prefix does: a vendor prefix and its body
/// make 10 or more (`-----BEGIN` is the shortest), and a prefix holds a
/// capital, or a `_`/`-` with the body's 8 or more characters after it,
/// or its random body a digit or capital (24 base62 characters without
/// one: about one in a billion). A `_`/`-` with fewer after it is a
/// compound word of prose (`Full-screen`), which is most of the prose
/// that would otherwise reach the catalogue's search.
///
/// Decided per space-separated word: only a word with a mark in it is
/// read byte by byte. Marks are found 64 bytes at a time ([`mark_bits`]):
/// prose has few (a search for every space stopped every few bytes, and
/// long words are common in prose).
pub fn has_token_body(s: &str) -> bool {
    let b = s.as_bytes();
    // Where the last word read ends: marks before it are decided.
    let mut decided = 0;
    let mut prev = b' ';
    for (k, chunk) in b.chunks(64).enumerate() {
        // A whole chunk is read in place; the last one padded with spaces.
        let padded;
        let window: &[u8; 64] = match chunk.try_into() {
            Ok(whole) => whole,
            Err(_) => {
                let mut w = [b' '; 64];
                w[..chunk.len()].copy_from_slice(chunk);
                padded = w;
                &padded
            }
        };
        let mut marks = mark_bits(prev, window);
        prev = window[63];
        while marks != 0 {
            let p = 64 * k + marks.trailing_zeros() as usize;
            marks &= marks - 1;
            if p < decided {
                continue;
            }
            let start = b[..p].iter().rposition(|&c| c == b' ').map_or(0, |i| i + 1);
            let end = memchr::memchr(b' ', &b[p..]).map_or(b.len(), |i| p + i);
            if end - start >= 10 && has_marked_run(&b[start..end]) {
                return true;
            }
            decided = end;
        }
    }
    false
}

/// Bit `i` set when byte `i` of the window is a mark ([`Marks::token`]): a
/// digit, or a capital, `_` or `-` right after a letter or digit (`prev`:
/// the byte before the window). On x86-64 by SSE2 (part of its baseline):
/// each 16 bytes compared with the 16 before them, one mask each.
#[cfg(target_arch = "x86_64")]
fn mark_bits(prev: u8, b: &[u8; 64]) -> u64 {
    let mut with_prev = [0u8; 65];
    with_prev[0] = prev;
    with_prev[1..].copy_from_slice(b);
    (0..4).fold(0u64, |bits, k| {
        let at = 16 * k;
        let pc: &[u8; 17] = with_prev[at..at + 17].try_into().unwrap_or(&[0; 17]);
        bits | u64::from(sse2::masks16(pc).token) << at
    })
}

/// [`mark_bits`] elsewhere: computed 16 bytes at a time (vectorised); each
/// 8 of the 0/1 answers become 8 bits by one multiplication.
#[cfg(not(target_arch = "x86_64"))]
fn mark_bits(prev: u8, b: &[u8; 64]) -> u64 {
    mark_bits_portable(prev, b)
}

/// [`mark_bits`] by arithmetic the compiler vectorises.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn mark_bits_portable(prev: u8, b: &[u8; 64]) -> u64 {
    let alnum = |c: u8| ((c | 0x20).wrapping_sub(b'a') < 26) | (c.wrapping_sub(b'0') < 10);
    let mut flags = [0u8; 64];
    let mut before = [0u8; 64];
    before[0] = prev;
    before[1..].copy_from_slice(&b[..63]);
    for ((f, &c), &p) in flags.iter_mut().zip(b).zip(&before) {
        let digit = c.wrapping_sub(b'0') < 10;
        let join = (c.wrapping_sub(b'A') < 26) | (c == b'_') | (c == b'-');
        *f = u8::from(digit | (join & alnum(p)));
    }
    let mut bits = 0u64;
    for (k, eight) in flags.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        // Byte i's low bit lands on bit 56 + i: the eight flags in one byte.
        let packed = u64::from_le_bytes(word).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        bits |= packed << (8 * k);
    }
    bits
}

/// [`has_token_body`] on a text without spaces: one pass, a run's state
/// reset at each byte that is not a token character.
fn has_marked_run(word: &[u8]) -> bool {
    // The run's length, whether it holds a digit or an inner capital, and
    // where in it its first inner `_`/`-` stands.
    const NONE: u32 = u32::MAX;
    let (mut run, mut marked, mut join) = (0u32, 0u8, NONE);
    for &b in word {
        let c = CLASS[usize::from(b)];
        if c & TOKEN == 0 {
            (run, marked, join) = (0, 0, NONE);
            continue;
        }
        marked |= (c & DIGIT) | (c & CAPITAL & if run > 0 { CAPITAL } else { 0 });
        if c & JOIN != 0 && run > 0 && join == NONE {
            join = run;
        }
        run += 1;
        if run >= 10 && (marked != 0 || (join != NONE && run - 1 - join >= 8)) {
            return true;
        }
    }
    false
}

/// Answers about strings, remembered per thread: identifiers (tool and
/// view keys, member names, URLs) repeat across the files of a run and,
/// in the language server, across edits. Bounded (emptied past 4,096
/// strings, each at most 128 bytes) and keyed by the whole string, so an
/// answer is never another string's. An answer is cloned out: a flag, or
/// a shared text (`Arc<str>`).
///
/// A string of at most 16 bytes (most member names and values) is keyed
/// by its bytes in one integer and its length: no allocation, and a
/// comparison of two words instead of a call to compare bytes (the map
/// lookup was most of a member's cost in the secret scan).
pub struct Memo<T: Clone + 'static>(RefCell<Maps<T>>);

struct Maps<T> {
    short: rustc_hash::FxHashMap<(u128, u8), T>,
    long: rustc_hash::FxHashMap<Box<str>, T>,
}

impl<T: Clone + 'static> Default for Memo<T> {
    fn default() -> Self {
        Memo(RefCell::new(Maps {
            short: Default::default(),
            long: Default::default(),
        }))
    }
}

/// `s` (at most 16 bytes) as one integer, zero-padded, and its length.
fn packed(s: &str) -> (u128, u8) {
    let mut b = [0u8; 16];
    b[..s.len()].copy_from_slice(s.as_bytes());
    (u128::from_le_bytes(b), s.len() as u8)
}

impl<T: Clone + 'static> Memo<T> {
    pub fn get(&self, s: &str, answer: impl FnOnce(&str) -> T) -> T {
        if s.len() > 128 {
            return answer(s);
        }
        if s.len() <= 16 {
            let key = packed(s);
            if let Some(a) = self.0.borrow().short.get(&key) {
                return a.clone();
            }
            let a = answer(s);
            let short = &mut self.0.borrow_mut().short;
            if short.len() >= 4096 {
                short.clear();
            }
            short.insert(key, a.clone());
            return a;
        }
        if let Some(a) = self.0.borrow().long.get(s) {
            return a.clone();
        }
        let a = answer(s);
        let long = &mut self.0.borrow_mut().long;
        if long.len() >= 4096 {
            long.clear();
        }
        long.insert(s.into(), a.clone());
        a
    }
}

/// May `s` hold a credential format: [`has_token_body`] (or, in a text
/// with spaces or tabs, [`has_auth_scheme`]), then `prefixes`, the answer
/// remembered for a string without spaces (an identifier or a token; prose
/// is not worth remembering).
pub fn may_hold(s: &str, marks: Marks, prefixes: fn(&str) -> bool) -> bool {
    thread_local! {
        static MEMO: Memo<bool> = Memo::default();
    }
    if marks.space {
        ((marks.token && has_token_body(s)) || has_auth_scheme(s)) && prefixes(s)
    } else if !marks.token {
        false
    } else {
        MEMO.with(|m| m.get(s, |s| has_token_body(s) && prefixes(s)))
    }
}

/// Does `s` hold `Bearer` or `Basic` (written as the catalogue's formats
/// write them: capitalised, lower or upper case) as a word, then spaces or
/// tabs and 8 or more token characters? The catalogue's `http-bearer` and
/// `http-basic` formats take a token without a digit or a capital (one
/// written by hand often has none), which [`has_token_body`] does not see.
pub fn has_auth_scheme(s: &str) -> bool {
    let b = s.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    // From each `b` or `B` (a search of six words per string cost twice
    // as much on prose).
    memchr::memchr2_iter(b'b', b'B', b).any(|at| {
        let rest = &b[at + 1..];
        let scheme = if b[at] == b'b' {
            ["earer", "asic"].into_iter().find(|w| rest.starts_with(w.as_bytes()))
        } else {
            ["earer", "EARER", "asic", "ASIC"]
                .into_iter()
                .find(|w| rest.starts_with(w.as_bytes()))
        };
        let Some(scheme) = scheme else { return false };
        if at > 0 && word(b[at - 1]) {
            return false;
        }
        let rest = &rest[scheme.len()..];
        let blanks = rest.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
        let token = rest[blanks..]
            .iter()
            .take_while(|&&c| c.is_ascii_alphanumeric() || b"._~+/=-".contains(&c))
            .count();
        blanks > 0 && token >= 8
    })
}

#[cfg(test)]
#[path = "gate_tests.rs"]
mod tests;
