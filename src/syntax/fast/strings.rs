//! The fast parser's strings (`mod.rs`): decoded at their opening quote.

use super::Parser;
use crate::text::plain_string_end;

impl<'t> Parser<'t> {
    /// A string at its opening quote, decoded. Raw control characters,
    /// unknown escapes and unpaired surrogates are not ours.
    pub(super) fn string(&mut self) -> Option<&'t str> {
        self.i += 1;
        let start = self.i;
        // Most strings have no escape: one slice, read 16 bytes at a time
        // to its end (notes and URLs are tens of bytes), the chunk that
        // holds the end telling where it is.
        while let Some(Ok(chunk)) = self.bytes.get(self.i..self.i + 16).map(<&[u8; 16]>::try_from) {
            if let Some(k) = plain_string_end(chunk) {
                self.i += k;
                break;
            }
            self.i += 16;
        }
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
                    // Text that is only read keeps nothing.
                    return Some(if self.build { self.str(&out) } else { "" });
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
