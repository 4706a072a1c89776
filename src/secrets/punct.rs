//! The punctuation of text pasted from elsewhere, for the lexical scan
//! (`lexical.rs`): Unicode spaces, quotes that are not JSON's, and the
//! separators between a name and its value.

/// The length of a space at `i`: ASCII white space, or a Unicode space a
/// pasted text holds (no-break, en/em and other spaces, zero-width space,
/// ideographic space, a BOM); 0 when there is none.
pub(super) fn space_len(b: &[u8], i: usize) -> usize {
    match b.get(i..).unwrap_or_default() {
        [c, ..] if c.is_ascii_whitespace() => 1,
        [0xC2, 0xA0, ..] => 2,
        [0xE2, 0x80, 0x80..=0x8B | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..]
        | [0xEF, 0xBB, 0xBF, ..] => 3,
        _ => 0,
    }
}

pub(super) fn skip_ws(b: &[u8], mut i: usize) -> usize {
    loop {
        match space_len(b, i) {
            0 => return i,
            n => i += n,
        }
    }
}

/// The length of a quote at `i` that is no JSON quote but quotes all the
/// same in text pasted from a word processor, a chat or a Markdown page:
/// a backtick, `“ ” „ ‟ ‘ ’ ‚ ‛`, primes `′ ″`, `« »`, `‹ ›`, `❛ ❜ ❝ ❞`,
/// `〝 〞 〟`, the full-width `＂ ＇ ｀`; 0 when there is none.
pub(super) fn other_quote(b: &[u8], i: usize) -> usize {
    match b.get(i..).unwrap_or_default() {
        [b'`', ..] => 1,
        [0xE2, 0x80, 0x98..=0x9F | 0xB2..=0xB7 | 0xB9 | 0xBA, ..] => 3,
        [0xE2, 0x9D, 0x9B..=0x9E, ..] | [0xE3, 0x80, 0x9D..=0x9F, ..] => 3,
        [0xC2, 0xAB | 0xBB, ..] => 2,
        [0xEF, 0xBC, 0x82 | 0x87, ..] | [0xEF, 0xBD, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Past the spaces and other quotes ([`other_quote`]) at `i`, and past
/// ASCII quotes too when `ascii` (after a bare name: the closing quote of
/// a key opened typographically, `“client_secret"`).
pub(super) fn skip_ws_and_quotes(b: &[u8], mut i: usize, ascii: bool) -> usize {
    loop {
        i = skip_ws(b, i);
        match other_quote(b, i) {
            0 if ascii && matches!(b.get(i), Some(b'"' | b'\'')) => i += 1,
            0 => return i,
            n => i += n,
        }
    }
}

/// The length of a separator between a name and its value at `at`: `:`,
/// `=`, `=>`, the full-width `：` and `＝`.
pub(super) fn separator_len(b: &[u8], at: usize) -> Option<usize> {
    match b.get(at..).unwrap_or_default() {
        [b'=', b'>', ..] => Some(2),
        [b':' | b'=', ..] => Some(1),
        [0xEF, 0xBC, 0x9A | 0x9D, ..] => Some(3),
        _ => None,
    }
}
