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
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() {
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
            b' ' | b'\t' | b'\n' | b'\r' => {}
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
    fn nbsp_outside_strings() {
        assert!(prescan("{\u{a0}}").is_some());
        assert!(prescan("{\"\u{a0}\": 1}").is_none());
    }
}
