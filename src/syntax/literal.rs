//! Where bytes of a string's decoded value stand in its literal: a finding
//! about part of a value (a `{{placeholder}}` in a URL) underlines that
//! part, escapes or not (`https:\/\/host\/{{x}}`, `\u007b\u007bx}}`).

use crate::span::Span;

/// The source span of bytes `range` of the decoded value of the string
/// literal at `literal` (its quotes included) in `text`. Each escape
/// stands for the bytes it decodes to (`\/` one, `\u00e9` two, a surrogate
/// pair four); a range that starts or ends inside an escape's bytes takes
/// the whole escape. Clamped to the literal's content.
pub fn decoded_span(text: &str, literal: Span, range: std::ops::Range<usize>) -> Span {
    let content = literal.start as usize + 1..(literal.end as usize).saturating_sub(1).max(literal.start as usize + 1);
    let raw = text.as_bytes().get(content.clone()).unwrap_or_default();
    let hex4 = |at: usize| {
        raw.get(at..at + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let (mut decoded, mut at) = (0usize, 0usize);
    let (mut start, mut end) = (None, None);
    while at < raw.len() {
        // (raw bytes, decoded bytes) of the next character or escape.
        let (r, d) = match (raw[at], raw.get(at + 1)) {
            (b'\\', Some(b'u')) => match hex4(at + 2) {
                Some(0xD800..=0xDBFF) if raw.get(at + 6..at + 8) == Some(b"\\u") && hex4(at + 8).is_some() => (12, 4),
                Some(cp) => (6, char::from_u32(cp).map_or(3, char::len_utf8)),
                None => (2, 1),
            },
            (b'\\', Some(_)) => (2, 1),
            (b, _) => {
                let len = match b {
                    0xF0.. => 4,
                    0xE0.. => 3,
                    0xC0.. => 2,
                    _ => 1,
                };
                (len, len)
            }
        };
        if start.is_none() && decoded + d > range.start {
            start = Some(at);
        }
        decoded += d;
        at += r;
        if end.is_none() && decoded >= range.end {
            end = Some(at);
            break;
        }
    }
    let base = content.start;
    let start = start.unwrap_or(at);
    let end = end.unwrap_or(at).max(start);
    Span::new(base + start, base + end.min(raw.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span of `part` of the decoded value of the literal `lit`.
    fn span_of(lit: &str, decoded: &str, part: &str) -> String {
        let text = format!(" {lit} ");
        let span = Span::new(1, 1 + lit.len());
        let from = decoded.find(part).expect("part");
        let s = decoded_span(&text, span, from..from + part.len());
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
        let d = "é😀 {{x}}";
        assert_eq!(span_of(r#""\u00e9\ud83d\ude00 {{x}}""#, d, "{{x}}"), "{{x}}");
        assert_eq!(span_of(r#""\u00e9\ud83d\ude00 {{x}}""#, d, "😀"), r"\ud83d\ude00");
        assert_eq!(span_of(r#""é😀 {{x}}""#, d, "{{x}}"), "{{x}}");
        // Without escapes, offsets are the source's.
        assert_eq!(span_of(r#""a{{b}}c""#, "a{{b}}c", "{{b}}"), "{{b}}");
    }
}
