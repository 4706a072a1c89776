//! The fast parser's first pass (`fast/`): how many entries each
//! container holds, so that the second pass can place every container in
//! the arena at its size when it opens, and which containers are folded
//! instead (`items.rs`).

use super::MAX_DEPTH;
use crate::text::word_has_any;

/// What an entry costs the tree: a container inside another is folded
/// (`items.rs`) when its entries would cost more than half the text they
/// are read from. The tree of what is built then costs at most about half
/// the text's size, whatever its shape (a 50 MB array of small objects,
/// each folded, was a 46 MB array of their nodes).
const ELEMENT_BYTES: usize = std::mem::size_of::<super::Node>();
const MEMBER_BYTES: usize = std::mem::size_of::<super::Member>();

/// The containers of the value at `from` in `bytes` (of every value, unless
/// `one`) that are built, in the order they open: where each begins and the
/// number of its entries (elements or members). The others are folded:
/// those inside another container whose entries would cost the tree more
/// than their text, and all a folded one holds.
///
/// Only a forecast: the parser checks each count against what it finds and
/// gives up on any difference, so text that is not JSON cannot mislead it.
/// `None` past [`MAX_DEPTH`], in an unterminated string, or with a
/// container left open or never opened.
pub(super) fn count_entries(bytes: &[u8], from: usize, one: bool) -> Option<Vec<(u32, u32)>> {
    let mut built: Vec<(u32, u32)> = Vec::new();
    // The containers open around the current byte (their index in `built`).
    let mut open: Vec<usize> = Vec::with_capacity(MAX_DEPTH);
    let mut i = from;
    loop {
        i = next_structural(bytes, i);
        let Some(&b) = bytes.get(i) else {
            // A container still open is not JSON: nothing is built for it.
            return open.is_empty().then_some(built);
        };
        match b {
            b'"' => i = closing_quote(bytes, i)?,
            b'[' | b'{' => {
                if open.len() == MAX_DEPTH {
                    return None;
                }
                open.push(built.len());
                built.push((u32::try_from(i).ok()?, 0));
            }
            b',' => built.get_mut(*open.last()?)?.1 += 1,
            _ => {
                // A closing bracket: one entry more than commas, unless
                // nothing but whitespace is inside.
                let at = open.pop()?;
                let before = bytes[..i]
                    .iter()
                    .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))?;
                let (start, mut n) = *built.get(at)?;
                if !matches!(bytes[before], b'[' | b'{') {
                    n += 1;
                }
                built[at].1 = n;
                let len = i + 1 - start as usize;
                let entry = if bytes[start as usize] == b'{' {
                    MEMBER_BYTES
                } else {
                    ELEMENT_BYTES
                };
                if open.is_empty() {
                    if one {
                        return Some(built);
                    }
                } else if len < 2 * n as usize * entry {
                    // Folded, and with it what it holds (opened after it).
                    built.truncate(at);
                }
            }
        }
        i += 1;
    }
}

/// Where the container that opens at `at` in `bytes` ends (after its
/// closing bracket), for text known to be JSON: brackets are matched, not
/// checked.
pub(super) fn end_of(bytes: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    loop {
        i = next_structural(bytes, i);
        match *bytes.get(i)? {
            b'"' => i = closing_quote(bytes, i)?,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// The first bracket, comma or quote in `bytes` from `i` on (`bytes.len()`
/// if none): the rest is skipped a word at a time (indentation, numbers),
/// then a byte at a time.
fn next_structural(bytes: &[u8], mut i: usize) -> usize {
    while let Some(word) = bytes.get(i..i + 8) {
        if has_structural(word) {
            break;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|&b| !STRUCTURAL[usize::from(b)]) {
        i += 1;
    }
    i
}

/// The closing quote of the string that opens at `i`, over escaped
/// characters, a word at a time where it can (most strings are a few
/// bytes, shorter than what a vectorised search pays to start).
fn closing_quote(bytes: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        while let Some(word) = bytes.get(i..i + 8) {
            if word_has_any(word, b"\"\\") {
                break;
            }
            i += 8;
        }
        match *bytes.get(i)? {
            b'"' => return Some(i),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// Does any of these 8 bytes stop [`count_entries`]? (`| 0x20` maps `[`
/// to `{` and `]` to `}`, and no other byte to either.)
fn has_structural(word: &[u8]) -> bool {
    let mut lower = [0u8; 8];
    for (l, b) in lower.iter_mut().zip(word) {
        *l = b | 0x20;
    }
    word_has_any(word, b"\",") || word_has_any(&lower, b"{}")
}

/// The bytes [`count_entries`] stops at.
static STRUCTURAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < 6 {
        t[b"[]{},\""[k] as usize] = true;
        k += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    /// The word tests say yes exactly when a byte of the word is one they
    /// look for, for every byte value in every position.
    #[test]
    fn the_word_tests_are_the_byte_tests() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = b;
                assert_eq!(
                    super::has_structural(&word),
                    super::STRUCTURAL[usize::from(b)],
                    "{b:#x} at {at}"
                );
                assert_eq!(
                    super::word_has_any(&word, b"\"\\"),
                    b == b'"' || b == b'\\',
                    "{b:#x} at {at}"
                );
            }
        }
    }
}
