//! A linear pre-scan for what strict JSON forbids and jsonc-parser accepts,
//! plus the nesting limit. It never recurses, so 100,000 `[` cost nothing.

use super::{SyntaxError, MAX_DEPTH};
use crate::span::Span;

/// The first strictness violation in `text` (offsets relative to `text`).
/// Grammar errors are left to the parser; this only finds raw control
/// characters inside strings, whitespace JSON does not allow, numbers with
/// leading zeros, and nesting deeper than [`MAX_DEPTH`].
pub(super) fn prescan(text: &str) -> Option<SyntaxError> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let err = |at: usize, len: usize, message: &str| {
        Some(SyntaxError {
            span: Span::new(at, at + len),
            message: message.to_string(),
        })
    };
    while i < bytes.len() {
        let b = bytes[i];
        // Bytes outside strings that need no check (whitespace, `:`, `,`,
        // literals, digits but 0) take one well-predicted branch; a
        // per-byte `match` mispredicted here (perf).
        if PLAIN[usize::from(b)] {
            if b == b' ' {
                // Indentation: runs of spaces, a word at a time.
                while i + 9 <= bytes.len() && word_at(bytes, i + 1) == SPACES {
                    i += 8;
                }
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                i += 1;
                while i < bytes.len() {
                    // Most string bytes are plain: skip them a word at a time.
                    while i + 8 <= bytes.len() && !has_string_special(word_at(bytes, i)) {
                        i += 8;
                    }
                    if i >= bytes.len() {
                        break;
                    }
                    match bytes[i] {
                        b'"' => break,
                        b'\\' => i += 1,
                        b if b < 0x20 => {
                            return err(
                                i,
                                1,
                                "control character inside a string: write it as an escape (e.g. \\n or \\t)",
                            );
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return err(i, 1, &format!("nesting deeper than {MAX_DEPTH} levels"));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'0' => {
                let prev_is_number_char = i > 0
                    && matches!(bytes[i - 1], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                    && !(bytes[i - 1] == b'-' && (i < 2 || !matches!(bytes[i - 2], b'e' | b'E')));
                if !prev_is_number_char && matches!(bytes.get(i + 1), Some(b'0'..=b'9')) {
                    return err(i, 1, "a JSON number cannot have leading zeros");
                }
            }
            0x0B | 0x0C => return err(i, 1, "this whitespace character is not allowed in JSON"),
            b if b >= 0x80 => {
                // Outside strings only ASCII can be valid JSON; a non-ASCII
                // whitespace character would be accepted by jsonc-parser.
                let c = text[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    return err(i, c.len_utf8(), "this whitespace character is not allowed in JSON");
                }
                i += c.len_utf8();
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Bytes outside strings that [`prescan`] has nothing to check on.
const PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let plain = b" \t\n\r:,123456789.-+eEtrufalsn";
    let mut i = 0;
    while i < plain.len() {
        t[plain[i] as usize] = true;
        i += 1;
    }
    t
};

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);

fn word_at(bytes: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[i..i + 8]);
    u64::from_ne_bytes(w)
}

/// Does any byte of the word end or escape a string or need an error: `"`,
/// `\`, or a control character (< 0x20)? Exact as a yes/no answer (the
/// classic "has a zero byte" / "has a byte less than n" tests, n <= 128).
fn has_string_special(w: u64) -> bool {
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
    (has_zero(w ^ (ONES * u64::from(b'"'))) | has_zero(w ^ (ONES * u64::from(b'\\'))) | below_space) != 0
}

#[cfg(test)]
mod tests {
    use super::prescan;

    #[test]
    fn finds_control_characters_in_strings() {
        let e = prescan("{\"a\": \"x\ty\"}").unwrap();
        assert_eq!(e.span.start, 8);
    }

    #[test]
    fn escaped_quote_does_not_end_string() {
        assert!(prescan(r#"{"a": "x\"[[[", "b": 1}"#).is_none());
    }

    #[test]
    fn depth_limit() {
        let deep = "[".repeat(100_000);
        let e = prescan(&deep).unwrap();
        assert_eq!(e.span.start as usize, super::MAX_DEPTH);
        assert!(prescan(&format!("{}{}", "[".repeat(128), "]".repeat(128))).is_none());
    }

    #[test]
    fn leading_zero() {
        assert!(prescan("[01]").is_some());
        assert!(prescan("[0, 10, 1.05, 1e05, -0, 1e-05]").is_none());
        assert!(prescan("[-01]").is_some());
    }

    #[test]
    fn word_at_a_time_scan_finds_what_the_bytewise_one_does() {
        // Every special byte at every offset of a long string, and long
        // indentation runs before each kind of error.
        for at in 0..20 {
            for (special, expect_err) in [("\\\"", false), ("\u{1}", true), ("\n", true), ("\u{1f}", true)] {
                let mut body = "abcdefghijklmnopqrstuvwxyz".to_string();
                body.insert_str(at, special);
                let text = format!("{{\"k\": \"{body}\", \"n\": [01]}}");
                let e = prescan(&text).expect("an error");
                if expect_err {
                    assert!(e.message.contains("control character"), "{text:?}: {}", e.message);
                    assert_eq!(e.span.start as usize, 7 + at, "{text:?}");
                } else {
                    assert!(e.message.contains("leading zeros"), "{text:?}: {}", e.message);
                }
            }
            let text = format!("{{{}\u{b}}}", " ".repeat(at));
            assert_eq!(prescan(&text).expect("an error").span.start as usize, 1 + at);
        }
        assert!(prescan(&format!("[\"{}\"]", "\u{7f}\u{80}é€😀 ~".repeat(9))).is_none());
    }

    #[test]
    fn nbsp_outside_strings() {
        assert!(prescan("{\u{a0}}").is_some());
        assert!(prescan("{\"\u{a0}\": 1}").is_none());
    }
}
