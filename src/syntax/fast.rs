//! The common case fast: a strict JSON (RFC 8259) parser straight to our
//! tree, for text that is valid. It gives up (`None`) at anything else, and
//! the jsonc-parser path then finds and words the error, so it needs no
//! error messages of its own. On text it accepts it builds the tree the
//! jsonc-parser path builds (same spans, same decoded strings); the
//! `parse_reference` tests and the fuzz oracle compare the two.
//!
//! It skips jsonc-parser's own AST and the strictness pre-scan: the two were
//! a quarter of a run over many files (perf).

use super::{Member, Node, NodeKind, MAX_DEPTH};
use crate::span::Span;

/// The tree of `body` (the text after a byte order mark of `shift` bytes),
/// or `None` when it is not strict JSON nested at most [`MAX_DEPTH`] deep.
pub(super) fn parse(body: &str, shift: usize) -> Option<Node> {
    let mut p = Parser {
        text: body,
        bytes: body.as_bytes(),
        i: 0,
        shift,
        depth: 0,
    };
    p.whitespace();
    let value = p.value()?;
    p.whitespace();
    (p.i == p.bytes.len()).then_some(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    i: usize,
    shift: usize,
    depth: usize,
}

impl Parser<'_> {
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

    fn node(&self, kind: NodeKind, start: usize) -> Node {
        Node {
            kind,
            span: self.span(start),
        }
    }

    fn value(&mut self) -> Option<Node> {
        let start = self.i;
        match self.peek()? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => {
                let s = self.string()?;
                Some(self.node(NodeKind::String(s), start))
            }
            b't' => self.literal("true", NodeKind::Bool(true)),
            b'f' => self.literal("false", NodeKind::Bool(false)),
            b'n' => self.literal("null", NodeKind::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &str, kind: NodeKind) -> Option<Node> {
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
    fn number(&mut self) -> Option<Node> {
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
        Some(self.node(NodeKind::Number(raw.into()), start))
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

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn array(&mut self) -> Option<Node> {
        let start = self.i;
        self.enter()?;
        self.i += 1;
        self.whitespace();
        let mut items = Vec::new();
        if self.peek()? == b']' {
            self.i += 1;
        } else {
            loop {
                items.push(self.value()?);
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
        self.depth -= 1;
        Some(self.node(NodeKind::Array(items.into_boxed_slice()), start))
    }

    fn object(&mut self) -> Option<Node> {
        let start = self.i;
        self.enter()?;
        self.i += 1;
        self.whitespace();
        let mut members = Vec::new();
        if self.peek()? == b'}' {
            self.i += 1;
        } else {
            loop {
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
                members.push(Member { key, key_span, value });
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
        self.depth -= 1;
        Some(self.node(NodeKind::Object(members.into_boxed_slice()), start))
    }

    /// A string at its opening quote, decoded. Raw control characters,
    /// unknown escapes and unpaired surrogates are not ours.
    fn string(&mut self) -> Option<Box<str>> {
        self.i += 1;
        let start = self.i;
        // Most strings have no escape: one slice.
        loop {
            match self.peek()? {
                b'"' => {
                    let s = &self.text[start..self.i];
                    self.i += 1;
                    return Some(s.into());
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
                    return Some(out.into_boxed_str());
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

#[cfg(test)]
mod tests {
    use crate::syntax::{parse, parse_reference};

    /// What a big manifest costs per value: a node and a member stay this
    /// small (the memory figures in the README depend on it).
    #[test]
    fn nodes_stay_small() {
        assert_eq!(std::mem::size_of::<crate::syntax::Node>(), 32);
        assert_eq!(std::mem::size_of::<crate::syntax::Member>(), 56);
    }

    /// The fast path and the jsonc-parser path agree (tree or error).
    fn same(text: &str) {
        assert_eq!(parse(text), parse_reference(text), "{text:?}");
    }

    #[test]
    fn agrees_with_the_jsonc_path_on_edge_cases() {
        let cases = [
            "{}",
            "[]",
            "\u{feff}{\"a\": 1}",
            "{\"a\":1,\"a\":2}",
            " \t\r\n{ \"k\" : [ 1 , -0 , 0.5 , -1.5e-3 , 1E+9 , 2e5 , 123456789012345678901234567890 , 1e999 ] }\r\n",
            "\"top\"",
            "12",
            "true",
            "null",
            "[true, false, null]",
            r#"{"esc": "\" \\ \/ \b \f \n \r \t \u00e9 \u0000 \ud83d\ude00 \uD83D\uDE00"}"#,
            "{\"raw\": \"é€😀\u{7f}\u{80}\u{2028}\"}",
            // Not strict JSON: the fast path gives up, the errors are the
            // jsonc path's.
            "[01]",
            "[-]",
            "[1.]",
            "[.5]",
            "[1e]",
            "[1e+]",
            "[+1]",
            "[0x10]",
            "[NaN]",
            "[truex]",
            "[tru]",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a: 1}",
            "{'a': 1}",
            "[\"\\ud800\"]",
            "[\"\\udc00\"]",
            "[\"\\ud800\\u0041\"]",
            "[\"\\x41\"]",
            "[\"\\u12\"]",
            "[\"\\u12g4\"]",
            "[\"tab\there\"]",
            "[\"unterminated",
            "[1 2]",
            "{} {}",
            "[1] x",
            "{\"a\": 1} // c",
            "[\u{a0}]",
            "[\u{b}1]",
            "\u{feff}",
            "",
            "   ",
            "[1]\u{feff}",
        ];
        for text in cases {
            same(text);
        }
    }

    #[test]
    fn depth_limit_is_the_same() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        same(&deep(crate::syntax::MAX_DEPTH));
        same(&deep(crate::syntax::MAX_DEPTH + 1));
        same(&"{\"a\":".repeat(200));
        same(&"[".repeat(100_000));
    }

    #[test]
    fn agrees_on_every_fixture() {
        let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        let mut n = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(text) = std::fs::read_to_string(&p) {
                    same(&text);
                    n += 1;
                }
            }
        }
        assert!(n > 50);
    }
}
