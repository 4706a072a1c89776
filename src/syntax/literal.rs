//! Where bytes of a string's decoded value stand in its literal: a finding
//! about part of a value (a `{{placeholder}}` in a URL) underlines that
//! part, escapes or not (`https:\/\/host\/{{x}}`, `\u007b\u007bx}}`).

use crate::span::Span;

/// The escapes of one string literal, read once: each (decoded offset,
/// offset in the literal's content, decoded length, written length).
/// Between escapes the two offsets move together, so a look-up is a
/// binary search (a URL with thousands of placeholders maps each in
/// logarithmic time).
pub struct LiteralMap {
    /// Where the literal's content starts in the text.
    base: usize,
    len: usize,
    escapes: Vec<(usize, usize, usize, usize)>,
}

impl LiteralMap {
    /// The map of the string literal at `literal` (its quotes included) in
    /// `text`. Each escape stands for the bytes it decodes to (`\/` one,
    /// `\u00e9` two, a surrogate pair four).
    pub fn new(text: &str, literal: Span) -> LiteralMap {
        let base = literal.start as usize + 1;
        let end = (literal.end as usize).saturating_sub(1).max(base);
        let raw = text.as_bytes().get(base..end).unwrap_or_default();
        let hex4 = |at: usize| {
            raw.get(at..at + 4)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        };
        let mut escapes = Vec::new();
        let (mut decoded, mut at) = (0usize, 0usize);
        while let Some(k) = memchr::memchr(b'\\', &raw[at..]) {
            decoded += k;
            at += k;
            let (r, d) = match raw.get(at + 1) {
                Some(b'u') => match hex4(at + 2) {
                    Some(0xD800..=0xDBFF) if raw.get(at + 6..at + 8) == Some(b"\\u") && hex4(at + 8).is_some() => {
                        (12, 4)
                    }
                    Some(cp) => (6, char::from_u32(cp).map_or(3, char::len_utf8)),
                    None => (2, 1),
                },
                _ => (2, 1),
            };
            escapes.push((decoded, at, d, r));
            decoded += d;
            at += r;
        }
        LiteralMap {
            base,
            len: raw.len(),
            escapes,
        }
    }

    /// The offset in the content of decoded position `d`: where the byte
    /// at `d` is written, or (`end`) where the byte before it ends; a
    /// position inside an escape's bytes takes the escape's start (`end`:
    /// its end).
    fn offset(&self, d: usize, end: bool) -> usize {
        // The escapes wholly before `d`, then the one that may hold it.
        let k = self.escapes.partition_point(|e| e.0 + e.2 <= d);
        if let Some(&(dd, rr, _, rl)) = self.escapes.get(k) {
            if dd < d {
                return if end { rr + rl } else { rr }.min(self.len);
            }
        }
        let raw = match k.checked_sub(1).map(|i| self.escapes[i]) {
            Some((dd, rr, dl, rl)) => rr + rl + (d - (dd + dl)),
            None => d,
        };
        raw.min(self.len)
    }

    /// The source span of bytes `range` of the decoded value; a range that
    /// starts or ends inside an escape takes the whole escape.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        let start = self.offset(range.start, false);
        let end = self.offset(range.end, true).max(start);
        Span::new(self.base + start, self.base + end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span of `part` of the decoded value of the literal `lit`.
    fn span_of(lit: &str, decoded: &str, part: &str) -> String {
        let text = format!(" {lit} ");
        let span = Span::new(1, 1 + lit.len());
        let from = decoded.find(part).expect("part");
        let s = LiteralMap::new(&text, span).span(from..from + part.len());
        text[s.start as usize..s.end as usize].to_string()
    }

    #[test]
    fn escapes_stand_for_what_they_decode_to() {
        let d = "https://a.io/p?r={{region}}";
        assert_eq!(
            span_of(r#""https:\/\/a.io\/p?r={{region}}""#, d, "{{region}}"),
            "{{region}}"
        );
        assert_eq!(
            span_of(r#""https://a.io/p?r=\u007b\u007bregion}}""#, d, "{{region}}"),
            r"\u007b\u007bregion}}"
        );
        assert_eq!(
            span_of(r#""https:\/\/a.io\/p?r={{region}}""#, d, "https://"),
            r"https:\/\/"
        );
        let d = "é😀 {{x}}";
        assert_eq!(span_of(r#""\u00e9\ud83d\ude00 {{x}}""#, d, "{{x}}"), "{{x}}");
        assert_eq!(span_of(r#""\u00e9\ud83d\ude00 {{x}}""#, d, "😀"), r"\ud83d\ude00");
        assert_eq!(span_of(r#""é😀 {{x}}""#, d, "{{x}}"), "{{x}}");
        assert_eq!(span_of(r#""a\"b\\{{c}}\t""#, "a\"b\\{{c}}\t", "{{c}}"), "{{c}}");
        // Without escapes, offsets are the source's.
        assert_eq!(span_of(r#""a{{b}}c""#, "a{{b}}c", "{{b}}"), "{{b}}");
    }

    /// Every range of a decoded value maps to the escapes and characters
    /// that write it, and a map serves many ranges (linear to build).
    #[test]
    fn every_range_maps_to_what_writes_it() {
        let lit = r#""x\/\u00e9\ud83d\ude00y\n""#;
        let text = format!(" {lit} ");
        let map = LiteralMap::new(&text, Span::new(1, 1 + lit.len()));
        let pieces = ["x", r"\/", r"\u00e9", r"\ud83d\ude00", "y", r"\n"];
        let decoded = ["x", "/", "é", "😀", "y", "\n"];
        let mut at = 0;
        for (piece, d) in pieces.iter().zip(decoded) {
            let s = map.span(at..at + d.len());
            assert_eq!(&text[s.start as usize..s.end as usize], *piece);
            at += d.len();
        }
    }
}
