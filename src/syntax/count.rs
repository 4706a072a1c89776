//! The fast parser's first pass (`fast/`): how many entries each
//! container holds, so that the second pass can place every container in
//! the arena at its size when it opens.

use super::MAX_DEPTH;
use crate::text::word_has_any;

/// The number of entries (elements or members) of every array and object
/// in `bytes`, in the order they open. Only a forecast: the parser checks
/// each count against what it finds and gives up on any difference, so
/// text that is not JSON cannot mislead it. `None` past [`MAX_DEPTH`], in
/// an unterminated string, or with a container left open or never opened.
pub(super) fn count_entries(bytes: &[u8]) -> Option<Vec<u32>> {
    // Sized once (an upper bound: brackets in strings count too): a vector
    // doubling its way to millions of containers left its old buffers
    // resident (50 MB of small nested objects: 31 MB more).
    let mut counts: Vec<u32> = Vec::with_capacity(memchr::memchr2_iter(b'[', b'{', bytes).count());
    // The containers open around the current byte (their index in `counts`).
    let mut open: Vec<usize> = Vec::with_capacity(MAX_DEPTH);
    let mut i = 0;
    loop {
        // Only brackets, commas and quotes matter here: skip the rest a
        // word at a time (indentation, numbers), then a byte at a time.
        while let Some(word) = bytes.get(i..i + 8) {
            if has_structural(word) {
                break;
            }
            i += 8;
        }
        while bytes.get(i).is_some_and(|&b| !STRUCTURAL[usize::from(b)]) {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else {
            // A container still open is not JSON: nothing is built for it.
            return open.is_empty().then_some(counts);
        };
        match b {
            b'"' => {
                // To the closing quote, over escaped characters, a word
                // at a time where it can (most strings are a few bytes,
                // shorter than what a vectorised search pays to start).
                i += 1;
                loop {
                    while let Some(word) = bytes.get(i..i + 8) {
                        if word_has_any(word, b"\"\\") {
                            break;
                        }
                        i += 8;
                    }
                    match *bytes.get(i)? {
                        b'"' => break,
                        b'\\' => i += 2,
                        _ => i += 1,
                    }
                }
            }
            b'[' | b'{' => {
                if open.len() == MAX_DEPTH {
                    return None;
                }
                open.push(counts.len());
                counts.push(0);
            }
            b',' => counts[*open.last()?] += 1,
            _ => {
                // A closing bracket: one entry more than commas, unless
                // nothing but whitespace is inside.
                let at = open.pop()?;
                let before = bytes[..i]
                    .iter()
                    .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))?;
                if !matches!(bytes[before], b'[' | b'{') {
                    counts[at] += 1;
                }
            }
        }
        i += 1;
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
