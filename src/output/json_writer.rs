//! Pretty JSON written by hand, for the one hot path of the reports: the
//! findings of `--format json`. The bytes are serde_json's
//! `to_string_pretty` layout nested some levels deep ([`super::pretty`]),
//! which the rest of the reports still use; a test holds the two to the same
//! bytes. On a findings-heavy run the generic serializer was a fifth of the
//! time, most of it escaping strings a byte at a time: here a string is
//! copied 8 bytes at a time up to the next byte that needs an escape.

use std::io::{self, Write};

/// A pretty JSON writer that spills to `w` between values once it holds
/// [`Pretty::SPILL`] bytes: a file with a million findings is never held
/// whole.
pub(crate) struct Pretty<'w> {
    /// What is written and not yet handed to `w`: the caller's buffer, kept
    /// between files (a fresh one per file was an allocation of its full
    /// capacity each time).
    out: &'w mut Vec<u8>,
    w: &'w mut dyn Write,
    /// Nesting level (two spaces each) of the current container's members.
    level: usize,
    /// No member or element written yet in the current container.
    first: bool,
}

impl<'w> Pretty<'w> {
    const SPILL: usize = 32 * 1024;

    /// A writer whose first line continues the current line and whose
    /// later lines are `level` levels deep, writing through `buf` (emptied
    /// first).
    pub fn new(w: &'w mut dyn Write, buf: &'w mut Vec<u8>, level: usize) -> Self {
        buf.clear();
        Pretty {
            out: buf,
            w,
            level,
            first: true,
        }
    }

    /// A line end, when not first a comma before it, and the indentation
    /// of the current level: one copy.
    #[inline]
    fn newline(&mut self, comma: bool) {
        // `,\n` and 126 spaces: 63 levels in one slice.
        const PAD: &[u8; 128] = b",\n                                                                                                                              ";
        let (from, to) = (usize::from(!comma), 2 + self.level * 2);
        if to <= 16 {
            // Seven levels or fewer (every finding of the report): one
            // copy of 16 bytes, a fixed length the compiler writes as a
            // move rather than a call, then the excess cut.
            let keep = self.out.len() + (to - from);
            self.out.extend_from_slice(&PAD[from..from + 16]);
            self.out.truncate(keep);
        } else if to <= PAD.len() {
            self.out.extend_from_slice(&PAD[from..to]);
        } else {
            self.out.extend_from_slice(&PAD[from..2]);
            self.out.resize(self.out.len() + self.level * 2, b' ');
        }
    }

    /// Open an object (`b'{'`) or an array (`b'['`).
    #[inline]
    pub fn open(&mut self, bracket: u8) {
        self.level += 1;
        self.first = true;
        self.out.push(bracket);
    }

    /// Close the current object or array: `{}` and `[]` when empty.
    #[inline]
    pub fn close(&mut self, bracket: u8) {
        self.level -= 1;
        if !self.first {
            self.newline(false);
        }
        self.out.push(bracket);
        self.first = false;
    }

    #[inline]
    fn separate(&mut self) {
        self.newline(!self.first);
        self.first = false;
    }

    /// Start a member: `key` is one of the report's own names (plain ASCII,
    /// nothing to escape). Always inlined: the name is a literal there, so
    /// its copy is a few moves, not a call (270,000 calls on 1,000
    /// findings-heavy files).
    #[inline(always)]
    pub fn key(&mut self, key: &'static str) {
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        self.separate();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    /// Start an element of the current array.
    #[inline]
    pub fn item(&mut self) {
        self.separate();
    }

    #[inline]
    pub fn str(&mut self, s: &str) {
        escape_into(self.out, s);
    }

    #[inline]
    pub fn u32(&mut self, n: u32) {
        self.out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    #[inline]
    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// `key: "value"`.
    #[inline(always)]
    pub fn field_str(&mut self, key: &'static str, value: &str) {
        self.key(key);
        self.str(value);
    }

    /// `key: n`.
    #[inline(always)]
    pub fn field_u32(&mut self, key: &'static str, n: u32) {
        self.key(key);
        self.u32(n);
    }

    /// Hand what is written so far to `w` when it is big enough.
    pub fn spill(&mut self) -> io::Result<()> {
        if self.out.len() >= Self::SPILL {
            self.w.write_all(self.out)?;
            self.out.clear();
        }
        Ok(())
    }

    /// Hand everything written to `w` (without flushing `w`).
    pub fn finish(self) -> io::Result<()> {
        self.w.write_all(self.out)
    }
}

/// `s` as a JSON string, escaped as serde_json escapes: `"` and `\`, the
/// five short escapes, any other control byte as `\u00xx`; everything else
/// (non-ASCII, DEL) as it is.
///
/// And, as no serde_json escape does, every character the one sanitizer
/// escapes that is not ASCII ([`needs_u_escape`]: C1 controls, bidi and
/// zero-width characters, U+2028/U+2029, the tag block) as `\uXXXX`: JSON
/// readers read the same text, a terminal showing the report shows no
/// reordered or hidden text.
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    with_u_escapes(out, s, escape_body);
    out.push(b'"');
}

/// `s` into `out`: each character [`needs_u_escape`] as its `\uXXXX`, the
/// runs between them through `plain` (all of `s` at once when there is
/// none, the usual case).
pub(crate) fn with_u_escapes(out: &mut Vec<u8>, s: &str, mut plain: impl FnMut(&mut Vec<u8>, &str)) {
    if !has_u_escapes(s) {
        return plain(out, s);
    }
    let mut from = 0;
    for (i, c) in s.char_indices().filter(|(_, c)| needs_u_escape(*c)) {
        plain(out, &s[from..i]);
        push_u_escape(out, c);
        from = i + c.len_utf8();
    }
    plain(out, &s[from..]);
}

/// Is `c` a character JSON output writes as `\uXXXX` though JSON allows it
/// raw: one the sanitizer escapes ([`crate::text::is_unsafe_char`]) that is
/// not ASCII (serde_json escapes the ASCII ones that JSON requires)?
/// Does `s` hold a character [`needs_u_escape`]? One ASCII test first.
pub(crate) fn has_u_escapes(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(needs_u_escape)
}

fn needs_u_escape(c: char) -> bool {
    !c.is_ascii() && crate::text::is_unsafe_char(c)
}

/// `c` as JSON's `\uXXXX` (a surrogate pair past U+FFFF).
fn push_u_escape(out: &mut Vec<u8>, c: char) {
    let mut units = [0u16; 2];
    for u in c.encode_utf16(&mut units) {
        out.extend_from_slice(format!("\\u{u:04x}").as_bytes());
    }
}

/// The body of [`escape_into`]: serde_json's escapes, no quotes.
fn escape_body(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let (mut plain_from, mut i) = (0, 0);
    // 16 bytes at a time by a test the compiler vectorises (the last ones
    // padded with a plain byte); a chunk that holds a byte to escape, one
    // byte at a time.
    let any_escape = crate::text::chunk_ends_plain_string;
    while i < b.len() {
        let n = (b.len() - i).min(16);
        let needs = match b.get(i..i + 16).map(<&[u8; 16]>::try_from) {
            Some(Ok(chunk)) => any_escape(chunk),
            _ => {
                let mut last = [b'a'; 16];
                last[..n].copy_from_slice(&b[i..]);
                any_escape(&last)
            }
        };
        if needs {
            for at in i..i + n {
                escape_at(out, b, at, &mut plain_from);
            }
        }
        i += n;
    }
    out.extend_from_slice(&b[plain_from..]);
}

/// Escape `b[i]` if it needs it: the plain bytes since `plain_from` first,
/// then the escape.
fn escape_at(out: &mut Vec<u8>, b: &[u8], i: usize, plain_from: &mut usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let c = b[i];
    let short = match c {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0c => b'f',
        0..=0x1f => 0,
        _ => return,
    };
    out.extend_from_slice(&b[*plain_from..i]);
    if short != 0 {
        out.extend_from_slice(&[b'\\', short]);
    } else {
        out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(c >> 4)],
            HEX[usize::from(c & 15)],
        ]);
    }
    *plain_from = i + 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_as_serde_json_escapes_them() {
        // Every byte below 0x80 at every offset of a word, and text around.
        let mut cases: Vec<String> = vec![String::new(), "é😀 \u{7f}".into(), "a\"b\\c\nd".into()];
        for c in 0..0x80u8 {
            for at in 0..40 {
                let mut s = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop".to_string();
                s.insert(at, char::from(c));
                cases.push(s);
            }
        }
        for s in cases {
            let mut out = Vec::new();
            escape_into(&mut out, &s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn the_layout_is_serde_jsons_pretty_one_nested() {
        let (mut buf, mut scratch) = (Vec::new(), Vec::new());
        let mut p = Pretty::new(&mut buf, &mut scratch, 1);
        p.open(b'{');
        p.field_str("a", "x");
        p.key("b");
        p.open(b'[');
        p.close(b']');
        p.key("c");
        p.open(b'[');
        p.item();
        p.open(b'{');
        p.field_u32("n", 7);
        p.key("z");
        p.null();
        p.close(b'}');
        p.close(b']');
        p.close(b'}');
        p.finish().unwrap();
        let v = serde_json::json!({"a": "x", "b": [], "c": [{"n": 7, "z": null}]});
        let want = serde_json::to_string_pretty(&v).unwrap().replace('\n', "\n  ");
        assert_eq!(String::from_utf8(buf).unwrap(), want);
        // Deeper than the padding's 63 levels.
        let mut buf = Vec::new();
        let mut p = Pretty::new(&mut buf, &mut scratch, 70);
        p.open(b'[');
        p.item();
        p.u32(1);
        p.close(b']');
        p.finish().unwrap();
        let pad = " ".repeat(140);
        assert_eq!(String::from_utf8(buf).unwrap(), format!("[\n{pad}  1\n{pad}]"));
        // Every starting level: the short lines (one fixed copy), the
        // longer ones and past the padding.
        let v = serde_json::json!([{"k": 1, "l": [2, 3]}, "s"]);
        for level in 0..=70 {
            let mut buf = Vec::new();
            let mut p = Pretty::new(&mut buf, &mut scratch, level);
            p.open(b'[');
            p.item();
            p.open(b'{');
            p.field_u32("k", 1);
            p.key("l");
            p.open(b'[');
            for n in [2, 3] {
                p.item();
                p.u32(n);
            }
            p.close(b']');
            p.close(b'}');
            p.item();
            p.str("s");
            p.close(b']');
            p.finish().unwrap();
            let want = serde_json::to_string_pretty(&v)
                .unwrap()
                .replace('\n', &format!("\n{}", " ".repeat(2 * level)));
            assert_eq!(String::from_utf8(buf).unwrap(), want, "level {level}");
        }
    }
}
