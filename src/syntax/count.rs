//! The fast parser's first pass (`fast.rs`): how many entries each
//! container holds, so that the second pass can place every container in
//! the arena at its size when it opens.

use super::MAX_DEPTH;

/// The number of entries (elements or members) of every array and object
/// in `bytes`, in the order they open. Only a forecast: the parser checks
/// each count against what it finds and gives up on any difference, so
/// text that is not JSON cannot mislead it. `None` past [`MAX_DEPTH`], in
/// an unterminated string, or with a container left open or never opened.
pub(super) fn count_entries(bytes: &[u8]) -> Option<Vec<u32>> {
    // Sized once (an upper bound: brackets in strings count too).
    let mut counts: Vec<u32> = Vec::with_capacity(memchr::memchr2_iter(b'[', b'{', bytes).count());
    // The containers open around the current byte (their index in `counts`).
    let mut open: Vec<usize> = Vec::with_capacity(MAX_DEPTH);
    let mut i = 0;
    loop {
        // Only brackets, commas and quotes matter here.
        while bytes.get(i).is_some_and(|&b| !STRUCTURAL[usize::from(b)]) {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else {
            // A container still open is not JSON: nothing is built for it.
            return open.is_empty().then_some(counts);
        };
        match b {
            b'"' => loop {
                // To the closing quote, over escaped characters.
                i += 1 + memchr::memchr2(b'"', b'\\', bytes.get(i + 1..)?)?;
                if bytes[i] == b'"' {
                    break;
                }
                i += 1;
            },
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
