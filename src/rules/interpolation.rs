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
    /// Its span in the source (escapes in the literal taken into account).
    pub span: Span,
}

/// `{{name}}` as a message quotes it: a code span, sanitized and cut at
/// 200 characters like every text from the manifest.
pub fn shown(name: &str) -> String {
    crate::text::code_span(&format!("{{{{{name}}}}}"))
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
    // Offsets map 1:1 to the source when the literal has no escapes; else
    // each escape stands for what it decodes to (`https:\/\/…`).
    let raw = text.get(value.span.start as usize + 1..(value.span.end as usize).saturating_sub(1));
    let direct = raw == Some(s);
    // Read once per string (a URL may hold thousands of placeholders).
    let map = (!direct).then(|| crate::syntax::LiteralMap::new(text, value.span));
    let to_span = |r: std::ops::Range<usize>| match &map {
        None => Span::new(
            value.span.start as usize + 1 + r.start,
            value.span.start as usize + 1 + r.end,
        ),
        Some(map) => map.span(r),
    };
    let mut found = Vec::new();
    let mut bad = Vec::new();
    let bytes = s.as_bytes();
    let mut open: Option<usize> = None;
    // One pass over the runs of one brace (`{{{`, `}}`): a run of two or
    // more `{` opens a placeholder with its last two, a run of two or more
    // `}` closes the open one with its first two; the braces of a run left
    // over are unbalanced (`{{{a}}`, `{{a}}}`, `{{a}}}}`, a stray `}}`). A
    // lone brace is text (or part of a name, which then is malformed). A
    // second `{{` before a `}}` means the first was never closed.
    let mut i = memchr::memchr2(b'{', b'}', bytes).unwrap_or(bytes.len());
    while i < bytes.len() {
        let brace = bytes[i];
        let run = bytes[i..].iter().take_while(|&&b| b == brace).count();
        let end = i + run;
        if run >= 2 && brace == b'{' {
            if let Some(o) = open.replace(end - 2) {
                bad.push(unclosed(to_span(o..o + 2)));
            }
            if run > 2 {
                bad.push(extra(b'{', run - 2, false, to_span(i..end - 2)));
            }
        } else if run >= 2 {
            let after = open
                .take()
                .map(|start| close(s, start, i, &to_span, &mut found, &mut bad));
            let excess = if after.is_some() { i + 2..end } else { i..end };
            if !excess.is_empty() {
                bad.push(extra(b'}', excess.len(), after.is_some(), to_span(excess)));
            }
        }
        // The next run starts at the next brace of the other kind or after
        // text.
        i = memchr::memchr2(b'{', b'}', &bytes[end..]).map_or(bytes.len(), |k| end + k);
    }
    if let Some(o) = open {
        bad.push(unclosed(to_span(o..s.len())));
    }
    (found, bad)
}

/// A `{{` with no `}}` after it before the next `{{`.
fn unclosed(span: Span) -> Malformed {
    Malformed {
        message: "unbalanced braces: `{{` without a closing `}}`".into(),
        span,
    }
}

/// `count` braces of a run that no placeholder pairs (`after`: the run's
/// first two closed a placeholder): a stray `{{` or `}}` keeps its message,
/// any other number is counted.
fn extra(brace: u8, count: usize, after: bool, span: Span) -> Malformed {
    let message = match (brace, count, after) {
        (b'{', 2, _) => "unbalanced braces: `{{` without a closing `}}`".to_string(),
        (b'{', n, _) => format!(
            "unbalanced braces: {} `{{` too many before a placeholder's `{{{{`",
            count_word(n)
        ),
        (_, 2, _) => "unbalanced braces: `}}` without an opening `{{`".to_string(),
        (_, n, true) => format!(
            "unbalanced braces: {} `}}` too many after a placeholder's `}}}}`",
            count_word(n)
        ),
        (_, n, false) => format!("unbalanced braces: {n} `}}` without an opening `{{{{`"),
    };
    Malformed { message, span }
}

fn count_word(n: usize) -> String {
    if n == 1 {
        "one".to_string()
    } else {
        n.to_string()
    }
}

/// The placeholder `{{` at `start` closed by the `}}` at `at`.
fn close(
    s: &str,
    start: usize,
    at: usize,
    to_span: &dyn Fn(std::ops::Range<usize>) -> Span,
    found: &mut Vec<Placeholder>,
    bad: &mut Vec<Malformed>,
) {
    let end = at + 2;
    let name = &s[start + 2..at];
    if name.is_empty() {
        bad.push(Malformed {
            message: "empty placeholder `{{}}`".into(),
            span: to_span(start..end),
        });
    } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
        bad.push(Malformed {
            message: format!(
                "placeholder {} has characters other than ASCII letters, digits, `_` and `.`",
                crate::text::code_span(&format!("{{{{{name}}}}}"))
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

    /// A run of braces longer than a pair leaves its extra braces
    /// unbalanced, and the placeholder beside them is still found (for
    /// C003/C004): `}}}`, `{{a}}}}`, `{{a}}}x`, `{{{a}}`, `{{{a}}}`.
    #[test]
    fn extra_braces_beside_a_placeholder() {
        /// A URL's tail, the placeholder names found, the malformed
        /// braces with a part of each message.
        type Case<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);
        let cases: [Case; 7] = [
            ("x?r={{region}}}", &["region"], &[("}", "one `}` too many")]),
            ("x?r={{region}}}&s=1", &["region"], &[("}", "one `}` too many")]),
            ("x/{{a}}}}", &["a"], &[("}}", "`}}` without an opening `{{`")]),
            ("x/{{a}}}}}/y", &["a"], &[("}}}", "3 `}` too many")]),
            ("x/{{{a}}", &["a"], &[("{", "one `{` too many")]),
            (
                "x/{{{a}}}",
                &["a"],
                &[("{", "one `{` too many"), ("}", "one `}` too many")],
            ),
            ("x/}}}/{{b}}", &["b"], &[("}}}", "3 `}` without an opening `{{`")]),
        ];
        for (url, names, malformed) in cases {
            let (p, m, t) = run(&format!(r#"{{"u": "https://a.io/{url}"}}"#));
            let got: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(got, names, "{url}");
            let got: Vec<&str> = m.iter().map(|b| &t[b.span.range()]).collect();
            let want: Vec<&str> = malformed.iter().map(|w| w.0).collect();
            assert_eq!(got, want, "{url}");
            for (b, w) in m.iter().zip(malformed) {
                assert!(b.message.starts_with("unbalanced braces: "), "{url}: {}", b.message);
                assert!(b.message.contains(w.1), "{url}: {}", b.message);
            }
        }
        // Escaped in the source: the escape that stands for the brace.
        let (p, m, t) = run(r#"{"u": "https://a.io/{{a}}\u007d"}"#);
        assert_eq!(p.len(), 1);
        assert_eq!(m.len(), 1);
        assert_eq!(&t[m[0].span.range()], r#"\u007d"#);
    }

    #[test]
    fn escaped_literals_point_at_the_placeholder() {
        let (p, _, t) = run(r#"{"u": "https:\/\/a.io\/{{x}}?b={{y}}"}"#);
        assert_eq!(&t[p[0].span.range()], "{{x}}");
        assert_eq!(&t[p[1].span.range()], "{{y}}");
        let (p, _, t) = run(r#"{"u": "https://a.io/\u007b\u007bx}}"}"#);
        assert_eq!(&t[p[0].span.range()], r#"\u007b\u007bx}}"#);
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
            while i < b.len() {
                if b[i] != b'{' && b[i] != b'}' {
                    i += 1;
                    continue;
                }
                let mut j = i;
                while j < b.len() && b[j] == b[i] {
                    j += 1;
                }
                match (b[i], j - i) {
                    (_, 1) => {}
                    (b'{', n) => {
                        if let Some(o) = open.replace(j - 2) {
                            out.push((false, o, o + 2));
                        }
                        if n > 2 {
                            out.push((false, i, j - 2));
                        }
                    }
                    _ => match open.take() {
                        None => out.push((false, i, j)),
                        Some(o) => {
                            let name = &s[o + 2..i];
                            let ok = !name.is_empty() && name.bytes().all(|c| c == b'a' || c == b'.');
                            out.push((ok, o, i + 2));
                            if j > i + 2 {
                                out.push((false, i + 2, j));
                            }
                        }
                    },
                }
                i = j;
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
