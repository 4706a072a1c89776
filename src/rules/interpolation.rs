//! `{{placeholder}}` parsing for component URLs: each placeholder with its
//! own source span, so a finding underlines the placeholder itself.

use crate::span::Span;
use crate::syntax::Node;

/// One `{{name}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub name: String,
    /// Byte range of `{{name}}` in the decoded string.
    pub range: std::ops::Range<usize>,
    /// Its span in the source (the whole string when the literal has escapes).
    pub span: Span,
}

/// A malformed interpolation (C005).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub message: String,
    pub span: Span,
}

/// Parse the placeholders of a string value. Linear in the string length.
pub fn parse(value: &Node, text: &str) -> (Vec<Placeholder>, Vec<Malformed>) {
    let Some(s) = value.as_str() else {
        return (Vec::new(), Vec::new());
    };
    // Offsets map 1:1 to the source when the literal has no escapes.
    let raw = text.get(value.span.start as usize + 1..(value.span.end as usize).saturating_sub(1));
    let direct = raw == Some(s);
    let to_span = |r: std::ops::Range<usize>| {
        if direct {
            Span::new(
                value.span.start as usize + 1 + r.start,
                value.span.start as usize + 1 + r.end,
            )
        } else {
            value.span
        }
    };
    let mut found = Vec::new();
    let mut bad = Vec::new();
    let bytes = s.as_bytes();
    let mut open: Option<usize> = None;
    let mut i = 0;
    // One pass: `{{` opens, `}}` closes; a second `{{` before a `}}` means
    // the first was never closed.
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && bytes[i + 1] == b'{' {
            if let Some(o) = open.replace(i) {
                bad.push(Malformed {
                    message: "unbalanced braces: `{{` without a closing `}}`".into(),
                    span: to_span(o..o + 2),
                });
            }
            i += 2;
        } else if bytes[i] == b'}' && bytes[i + 1] == b'}' {
            match open.take() {
                None => bad.push(Malformed {
                    message: "unbalanced braces: `}}` without an opening `{{`".into(),
                    span: to_span(i..i + 2),
                }),
                Some(start) => {
                    let end = i + 2;
                    let name = &s[start + 2..i];
                    if name.is_empty() {
                        bad.push(Malformed {
                            message: "empty placeholder `{{}}`".into(),
                            span: to_span(start..end),
                        });
                    } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
                        bad.push(Malformed {
                            message: format!(
                                "placeholder `{{{{{}}}}}` has characters other than letters, digits, `_` and `.`",
                                crate::text::sanitize_inline(name)
                            ),
                            span: to_span(start..end),
                        });
                    } else {
                        found.push(Placeholder {
                            name: name.to_string(),
                            range: start..end,
                            span: to_span(start..end),
                        });
                    }
                }
            }
            i += 2;
        } else {
            // No pair starts before the next brace: jump to it.
            i = memchr::memchr2(b'{', b'}', &bytes[i + 1..]).map_or(bytes.len(), |k| i + 1 + k);
        }
    }
    if let Some(o) = open {
        bad.push(Malformed {
            message: "unbalanced braces: `{{` without a closing `}}`".into(),
            span: to_span(o..s.len()),
        });
    }
    (found, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(json: &str) -> (Vec<Placeholder>, Vec<Malformed>, String) {
        let arena = crate::syntax::Arena::default();
        let root = crate::syntax::parse(json, &arena).unwrap();
        let v = *root.get("u").unwrap();
        let (p, m) = parse(&v, json);
        (p, m, json.to_string())
    }

    #[test]
    fn spans_are_exact_after_multibyte_characters() {
        let (p, m, t) = run(r#"{"x": "é😀", "u": "https://a.io/ü/{{region}}?c={{procore.company.id}}"}"#);
        assert!(m.is_empty());
        assert_eq!(p.len(), 2);
        assert_eq!(&t[p[0].span.range()], "{{region}}");
        assert_eq!(&t[p[1].span.range()], "{{procore.company.id}}");
    }

    #[test]
    fn malformed() {
        let (_, m, t) = run(r#"{"u": "https://a.io/{{}}/{{a b}}/x}}/{{open"}"#);
        let texts: Vec<&str> = m.iter().map(|b| &t[b.span.range()]).collect();
        assert_eq!(texts, ["{{}}", "{{a b}}", "}}", "{{open"]);
        let (_, m, t) = run(r#"{"u": "https://a.io/{{a/{{b}}"}"#);
        assert_eq!(&t[m[0].span.range()], "{{");
    }

    #[test]
    fn escaped_literal_falls_back_to_whole_string() {
        let (p, _, t) = run(r#"{"u": "https:\/\/a.io/{{x}}"}"#);
        assert_eq!(&t[p[0].span.range()], r#""https:\/\/a.io/{{x}}""#);
    }

    #[test]
    fn linear_on_long_input() {
        let long = format!(r#"{{"u": "https://a.io/{}"}}"#, "{{a}}".repeat(200_000));
        let (p, _, _) = run(&long);
        assert_eq!(p.len(), 200_000);
    }

    /// Every string of up to 8 characters over `{`, `}`, `a` and `.`: the
    /// scan that jumps to the next brace finds the placeholders and the
    /// malformed braces that a scan testing every offset finds.
    #[test]
    fn jumping_between_braces_misses_nothing() {
        fn every_offset(s: &str) -> Vec<(bool, usize, usize)> {
            let b = s.as_bytes();
            let (mut out, mut open, mut i) = (Vec::new(), None::<usize>, 0);
            while i + 1 < b.len() {
                match (b[i], b[i + 1]) {
                    (b'{', b'{') => {
                        if let Some(o) = open.replace(i) {
                            out.push((false, o, o + 2));
                        }
                        i += 2;
                    }
                    (b'}', b'}') => {
                        match open.take() {
                            None => out.push((false, i, i + 2)),
                            Some(o) => {
                                let name = &s[o + 2..i];
                                let ok = !name.is_empty() && name.bytes().all(|c| c == b'a' || c == b'.');
                                out.push((ok, o, i + 2));
                            }
                        }
                        i += 2;
                    }
                    _ => i += 1,
                }
            }
            if let Some(o) = open {
                out.push((false, o, s.len()));
            }
            out.sort();
            out
        }
        let alphabet = ['{', '}', 'a', '.'];
        let mut strings = vec![String::new()];
        for _ in 0..8 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.len() == strings.last().map_or(0, String::len))
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        for s in &strings {
            let json = format!(r#"{{"u": "{s}"}}"#);
            let (p, m, _) = run(&json);
            let base = 7; // where the string's text starts in `json`
            let mut got: Vec<(bool, usize, usize)> = p
                .iter()
                .map(|p| (true, p.span.start as usize - base, p.span.end as usize - base))
                .chain(
                    m.iter()
                        .map(|m| (false, m.span.start as usize - base, m.span.end as usize - base)),
                )
                .collect();
            got.sort();
            assert_eq!(got, every_offset(s), "{s:?}");
        }
    }
}
