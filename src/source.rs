//! Line index: byte offsets to 1-based lines and columns.

use crate::span::Span;

/// A position in a file: 1-based line, 1-based column in Unicode scalar
/// values, 0-based column in UTF-16 code units (for the language server) and
/// the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    #[serde(skip)]
    pub utf16_column: u32,
    #[serde(skip)]
    pub offset: u32,
}

/// Start offsets of every line, built once per file. A UTF-8 byte order mark
/// is not a column; `\r\n`, `\n` and a lone `\r` each end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// Whether each line is pure ASCII (a bit per line): then a column is
    /// a byte difference, O(1) even on a 5 MB single-line file.
    ascii: Vec<u64>,
    bom: bool,
}

/// Does any of these 8 bytes end a line (`\n`, `\r`) or start a non-ASCII
/// character?
fn has_line_special(chunk: &[u8]) -> bool {
    crate::text::word_has_any(chunk, b"\n\r") || crate::text::word_has_non_ascii(chunk)
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // The usual file: ASCII with `\n` line ends. Every line is ASCII
        // and a line starts after each `\n`: two vectorised passes instead
        // of the byte-by-byte walk below (a pretty-printed manifest has a
        // line end every 30 bytes or so, too often for its word skipping).
        if bytes.is_ascii() && memchr::memchr(b'\r', bytes).is_none() {
            return Self::ascii_lf(bytes);
        }
        Self::by_bytes(text)
    }

    /// [`LineIndex::new`] for an editor's positions: a leading U+FEFF is a
    /// character of the document the client holds (LSP counts every UTF-16
    /// code unit of the text it sent), not a byte order mark to skip as
    /// the command line's columns do.
    pub fn for_editor(text: &str) -> Self {
        LineIndex {
            bom: false,
            ..Self::new(text)
        }
    }

    /// [`LineIndex::new`] of an ASCII text whose lines end with `\n`,
    /// sized like [`LineIndex::by_bytes`] sizes it.
    fn ascii_lf(bytes: &[u8]) -> Self {
        let lines = 1 + if bytes.len() >= 64 * 1024 {
            memchr::memchr_iter(b'\n', bytes).count()
        } else {
            bytes.len() / 24
        };
        let mut line_starts = Vec::with_capacity(lines);
        line_starts.push(0u32);
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
        // A bit per line, every one set.
        let n = line_starts.len();
        let mut ascii = vec![u64::MAX; n.div_ceil(64)];
        if let (rest @ 1.., Some(last)) = (n % 64, ascii.last_mut()) {
            *last = (1 << rest) - 1;
        }
        LineIndex {
            ascii,
            line_starts,
            bom: false,
        }
    }

    /// [`LineIndex::new`] of any text, a byte at a time where a word holds
    /// a line end or a non-ASCII byte.
    fn by_bytes(text: &str) -> Self {
        let bytes = text.as_bytes();
        // A big text is sized once (a line end is at most one of these
        // bytes): a vector doubling its way to millions of lines left every
        // old buffer resident under the allocator's options (`main.rs`). A
        // small one is not worth the extra pass.
        let lines = if bytes.len() >= 64 * 1024 {
            1 + memchr::memchr2_iter(b'\n', b'\r', bytes).count()
        } else {
            1 + bytes.len() / 32
        };
        let mut line_starts = Vec::with_capacity(lines);
        line_starts.push(0u32);
        let mut ascii: Vec<u64> = Vec::with_capacity(lines.div_ceil(64));
        // Called once per line, in order: a new word every 64 lines.
        let mut mark = |line: usize, is_ascii: bool| {
            if line % 64 == 0 {
                ascii.push(0);
            }
            if let (true, Some(w)) = (is_ascii, ascii.last_mut()) {
                *w |= 1 << (line % 64);
            }
        };
        let mut line_ascii = true;
        let mut i = 0;
        while i < bytes.len() {
            // Skip a word at a time while it holds no line end and no
            // non-ASCII byte (most of a file).
            while i + 8 <= bytes.len() && !has_line_special(&bytes[i..i + 8]) {
                i += 8;
            }
            if i >= bytes.len() {
                break;
            }
            match bytes[i] {
                b'\n' => {
                    mark(line_starts.len() - 1, std::mem::replace(&mut line_ascii, true));
                    line_starts.push(i as u32 + 1);
                }
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    mark(line_starts.len() - 1, std::mem::replace(&mut line_ascii, true));
                    line_starts.push(i as u32 + 1);
                }
                b if b >= 0x80 => line_ascii = false,
                _ => {}
            }
            i += 1;
        }
        mark(line_starts.len() - 1, line_ascii);
        LineIndex {
            line_starts,
            ascii,
            bom: text.starts_with('\u{feff}'),
        }
    }

    fn is_ascii_line(&self, line: usize) -> bool {
        self.ascii.get(line / 64).is_some_and(|w| w & (1 << (line % 64)) != 0)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).map(|&s| s as usize)
    }

    /// The 0-based line holding byte `offset`, as the bytes lie (an offset
    /// between a CR and its LF is on the CR's line: byte columns, rdjson).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1)
    }

    /// The position of byte `offset` (clamped to the text; an offset inside a
    /// multi-byte character counts as that character).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        // Between the `\r` and `\n` of a CRLF is inside one line break,
        // where no position may fall (LSP): the next line's start, as the
        // same span ends in a file with `\n` alone.
        if offset > 0 && text.as_bytes().get(offset - 1..=offset) == Some(b"\r\n") {
            offset += 1;
        }
        let line = match self.line_starts.binary_search(&(offset as u32)) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let mut start = self.line_starts[line] as usize;
        if line == 0 && self.bom {
            start = start.max(3).min(offset.max(3));
        }
        if self.is_ascii_line(line) {
            let column = offset.saturating_sub(start);
            return Position {
                line: line as u32 + 1,
                column: column as u32 + 1,
                utf16_column: column as u32,
                offset: offset as u32,
            };
        }
        let prefix = prefix_of(text, start, offset);
        let (column, utf16) = if prefix.is_ascii() {
            (prefix.len(), prefix.len())
        } else {
            (prefix.chars().count(), prefix.chars().map(char::len_utf16).sum())
        };
        Position {
            line: line as u32 + 1,
            column: column as u32 + 1,
            utf16_column: utf16 as u32,
            offset: offset as u32,
        }
    }

    /// Byte offset of a 0-based line and UTF-16 column (language server
    /// positions); out-of-range positions clamp to the line or text end.
    pub fn offset_of_utf16(&self, text: &str, line: u32, utf16_col: u32) -> usize {
        let Some(&start) = self.line_starts.get(line as usize) else {
            return text.len();
        };
        let mut start = start as usize;
        if line == 0 && self.bom {
            start = 3;
        }
        let end = self
            .line_starts
            .get(line as usize + 1)
            .map_or(text.len(), |&e| e as usize);
        let line_text = text.get(start..end).unwrap_or("");
        let mut units = 0u32;
        for (i, c) in line_text.char_indices() {
            if units >= utf16_col || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }

    pub fn span_positions(&self, text: &str, span: Span) -> (Position, Position) {
        (
            self.position(text, span.start as usize),
            self.position(text, span.end as usize),
        )
    }
}

fn prefix_of(text: &str, start: usize, offset: usize) -> &str {
    // Both ends are clamped back to character boundaries so that an offset in
    // the middle of a multi-byte character never panics.
    let mut s = start.min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = offset.max(s);
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    &text[s..e.max(s)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An offset between the CR and the LF of a line break is the next
    /// line's start, as the offset after a lone LF is.
    #[test]
    fn no_position_inside_a_crlf() {
        let crlf = "{\"x\": \"ab\r\ncd\"}";
        let lf = crlf.replace("\r\n", "\n");
        let (pc, pl) = (LineIndex::new(crlf), LineIndex::new(&lf));
        let at_cr = crlf.find('\r').expect("cr");
        let c = pc.position(crlf, at_cr + 1);
        let l = pl.position(&lf, at_cr + 1);
        assert_eq!((c.line, c.column, c.utf16_column), (l.line, l.column, l.utf16_column));
        assert_eq!((c.line, c.column), (2, 1));
        let before = pc.position(crlf, at_cr);
        assert_eq!((before.line, before.column), (1, at_cr as u32 + 1));
    }

    #[test]
    fn word_at_a_time_scan_finds_every_line_end() {
        // Line ends and non-ASCII characters at every offset of long lines.
        for at in 0..24 {
            for (special, tail) in [
                ("\n", "\nKLMNOPQRSTUVWXYZ é\r\n0123456789"),
                ("\r", "\nKLMNOPQRSTUVWXYZ é\r\n0123456789"),
                ("\r\n", "\nKLMNOPQRSTUVWXYZ é\r\n0123456789"),
                ("é", "\nKLMNOPQRSTUVWXYZ é\r\n0123456789"),
                ("\n😀\r", "\nKLMNOPQRSTUVWXYZ é\r\n0123456789"),
                // ASCII with `\n` only: the vectorised path.
                ("\n", "\nKLMNOPQRSTUVWXYZ \n\n0123456789\n"),
                ("", ""),
            ] {
                let mut t = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ".to_string();
                t.insert_str(at, special);
                t.push_str(tail);
                let li = LineIndex::new(&t);
                if t.is_ascii() && !t.contains('\r') {
                    let walked = LineIndex::by_bytes(&t);
                    assert_eq!(
                        (&li.line_starts, &li.ascii),
                        (&walked.line_starts, &walked.ascii),
                        "{t:?}"
                    );
                }
                let mut naive = vec![0u32];
                let b = t.as_bytes();
                for i in 0..b.len() {
                    if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                        naive.push(i as u32 + 1);
                    }
                }
                assert_eq!(li.line_starts, naive, "{t:?}");
                let ascii: Vec<bool> = naive
                    .iter()
                    .enumerate()
                    .map(|(n, &s)| {
                        let e = naive.get(n + 1).map_or(t.len(), |&e| e as usize);
                        t.as_bytes()[s as usize..e].is_ascii()
                    })
                    .collect();
                let marked: Vec<bool> = (0..naive.len()).map(|l| li.is_ascii_line(l)).collect();
                assert_eq!(marked, ascii, "{t:?}");
            }
        }
    }

    #[test]
    fn ascii_lines() {
        let t = "{\n  \"a\": 1\n}";
        let li = LineIndex::new(t);
        let p = li.position(t, 4);
        assert_eq!((p.line, p.column), (2, 3));
        assert_eq!(li.line_count(), 3);
        // Past a whole word of lines, and exactly at one.
        for n in [63, 64, 65, 130] {
            let t = "x,\n".repeat(n);
            let (fast, walked) = (LineIndex::new(&t), LineIndex::by_bytes(&t));
            assert_eq!(
                (&fast.line_starts, &fast.ascii),
                (&walked.line_starts, &walked.ascii),
                "{n}"
            );
        }
    }

    #[test]
    fn bom_is_not_a_column() {
        let t = "\u{feff}{\"a\": 1}";
        let li = LineIndex::new(t);
        assert_eq!(li.position(t, 3).column, 1);
        assert_eq!(li.position(t, 4).column, 2);
        assert_eq!(li.position(t, 4).utf16_column, 1);
    }

    #[test]
    fn crlf_is_one_break() {
        let t = "{\r\n\"a\": 1\r\n}";
        let li = LineIndex::new(t);
        assert_eq!(li.line_count(), 3);
        let p = li.position(t, 3);
        assert_eq!((p.line, p.column), (2, 1));
        let p = li.position(t, t.len() - 1);
        assert_eq!((p.line, p.column), (3, 1));
    }

    #[test]
    fn multibyte_before_error() {
        let t = "{\"é😀\": x}";
        let li = LineIndex::new(t);
        let x = t.find('x').unwrap();
        let p = li.position(t, x);
        // { " é 😀 " : space x  -> x is the 8th character
        assert_eq!(p.column, 8);
        // 😀 is two UTF-16 units
        assert_eq!(p.utf16_column, 8);
        assert_eq!(li.offset_of_utf16(t, 0, 8), x);
    }

    #[test]
    fn offset_inside_char_does_not_panic() {
        let t = "é";
        let li = LineIndex::new(t);
        assert_eq!(li.position(t, 1).column, 1);
        assert_eq!(li.position(t, 99).column, 2);
    }
}
