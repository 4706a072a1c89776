//! Secrets in text that does not parse (S001), by a tolerant lexical scan
//! that survives what broke the parse: a string left open ends at its line
//! (JSON strings hold no raw line break), escapes are decoded before the
//! tests (`"pass\u0077ord"`), single-quoted strings and bare keys of
//! pseudo-JSON pasted from Python or JavaScript count, and a secret-named
//! key's value is taken whole whatever it is (a number, an array, an object).

use super::names::is_secret_name;
use super::punct::{other_quote, skip_ws};
use super::values::{hits, is_placeholder_or_empty, Hit, Why};
use crate::span::Span;
use read::{is_ident, is_ident_start, string_at, value_at, value_start};
use std::borrow::Cow;

#[path = "lexical_read.rs"]
mod read;

/// A secret in the text: its span and the texts it holds.
#[derive(Debug, Clone)]
pub struct Lexical {
    pub span: Span,
    pub texts: Vec<String>,
    /// Which test found it.
    pub why: Why,
}

/// Every secret the scan finds, in text order: secret-named members and
/// credential-shaped strings by the token scan, then every credential
/// format and secret URL part anywhere else in the text (comments,
/// unquoted tokens, strings left open, whatever broke the parse).
///
/// The second search reads the text between the strings the first one
/// tested whole ([`Tokens::tested`]), not the text again: no catalogue
/// format holds a quote, so a match lies inside one such string, which the
/// first search tested with the same boundaries, or between them. On a
/// file that does not parse, the whole-text search was the larger part of
/// the scan; searching the gaps in place holds no copy of the text.
pub fn scan(text: &str) -> Vec<Lexical> {
    let Tokens { out, text_hits, .. } = scan_tokens(text);
    with_text_hits(text, out, text_hits)
}

/// `out` with every hit of the text search (`hits`) that no finding of
/// `out` holds. A hit that overlaps a finding is the same secret seen
/// twice (a PEM key in a string left open at its first line: the token
/// holds its first line, the search all of it): the finding grows to hold
/// it, one finding.
fn with_text_hits(text: &str, mut out: Vec<Lexical>, hits: Vec<Hit>) -> Vec<Lexical> {
    for h in hits {
        let span = Span::new(h.start, h.end);
        let hit = text[h.start..h.end].to_string();
        match out
            .iter_mut()
            .find(|l| l.span.start < span.end && span.start < l.span.end)
        {
            Some(l) if l.span.start <= span.start && span.end <= l.span.end => {}
            Some(l) => {
                l.span = Span::new(h.start.min(l.span.start as usize), h.end.max(l.span.end as usize));
                l.texts.push(hit);
            }
            None => out.push(Lexical {
                span,
                texts: vec![hit],
                why: h.why,
            }),
        }
    }
    out.sort_by_key(|l| (l.span.start, l.span.end));
    out
}

/// What the token scan found, and the hits of the text search so far:
/// the text up to `gap_from` is searched (or tested whole, string by
/// string).
struct Tokens {
    out: Vec<Lexical>,
    text_hits: Vec<Hit>,
    gap_from: usize,
}

impl Tokens {
    /// The string token `start..end` was tested whole: search the text
    /// before it (to its opening quote) when the token test saw exactly what
    /// a search of the text would: closed by its quote on its line, no
    /// escape (the content is the text's own bytes), and at least 8 bytes
    /// (`hits` reads nothing shorter). The rest is searched from its
    /// closing quote on.
    fn tested(&mut self, text: &str, start: usize, end: usize, borrowed: bool) {
        let b = text.as_bytes();
        let closed = end >= start + 2 && b[end - 1] == b[start];
        if !(borrowed && closed && end - start - 2 >= 8) {
            return;
        }
        self.skip(text, start, end);
    }

    /// The closed string token `start..end` needs no search of its text:
    /// search the text before it, and go on from its closing quote.
    fn skip(&mut self, text: &str, start: usize, end: usize) {
        self.search(text, start + 1);
        self.gap_from = end - 1;
    }

    /// Search the text from `gap_from` to `to` (both at ASCII quotes or
    /// the text's ends).
    fn search(&mut self, text: &str, to: usize) {
        let from = self.gap_from;
        let Some(gap) = text.get(from..to) else { return };
        self.text_hits.extend(hits(gap).into_iter().map(|h| Hit {
            start: from + h.start,
            end: from + h.end,
            ..h
        }));
    }
}

fn scan_tokens(text: &str) -> Tokens {
    let b = text.as_bytes();
    let mut tokens = Tokens {
        out: Vec::new(),
        text_hits: Vec::new(),
        gap_from: 0,
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (token_end, name) = if c == b'"' || c == b'\'' {
            let (end, s) = string_at(b, i);
            if let Some(h) = hits(&s).first() {
                tokens.out.push(Lexical {
                    span: Span::new(i, end),
                    texts: vec![s.to_string()],
                    why: h.why,
                });
            }
            tokens.tested(text, i, end, matches!(s, Cow::Borrowed(_)));
            (end, s)
        } else if is_ident_start(c) && (i == 0 || !is_ident(b[i - 1])) {
            let mut j = i;
            while j < b.len() && is_ident(b[j]) {
                j += 1;
            }
            // Identifier bytes are ASCII: the slice is the text's own.
            (j, String::from_utf8_lossy(&b[i..j]))
        } else {
            i += 1;
            continue;
        };
        // A `uid`/`uuid` member's own string value is an identifier, as
        // the tree scan reads it: skipped whole when it closes on its line
        // (a string left open may run over what broke the parse).
        if super::names::is_identifier_name(&name) {
            if let Some(v) = value_start(b, token_end).filter(|&v| matches!(b.get(v), Some(b'"' | b'\''))) {
                let (end, _) = string_at(b, v);
                if end > v + 1 && b[end - 1] == b[v] {
                    tokens.skip(text, v, end);
                    i = end;
                    continue;
                }
            }
        }
        // A long high-entropy string under a key-like name (the tree
        // scan's entropy test), or among the strings of its list.
        let (secret_name, key_like) = super::names::secret_or_key_like(&name);
        if !secret_name && key_like {
            if let Some(v) = value_start(b, token_end) {
                let list = b.get(v) == Some(&b'[');
                let mut at = if list { skip_ws(b, v + 1) } else { v };
                let mut found = false;
                while matches!(b.get(at), Some(b'"' | b'\'')) {
                    let (end, s) = string_at(b, at);
                    if super::values::is_entropy_secret(&name, &s) {
                        tokens.out.push(Lexical {
                            span: Span::new(at, end),
                            texts: vec![s.to_string()],
                            why: Why::Entropy,
                        });
                        tokens.tested(text, at, end, matches!(s, Cow::Borrowed(_)));
                        found = true;
                    }
                    if !list {
                        break;
                    }
                    at = skip_ws(b, end);
                    if b.get(at) != Some(&b',') {
                        break;
                    }
                    at = skip_ws(b, at + 1);
                }
                if found {
                    i = at.max(token_end + 1);
                    continue;
                }
            }
        }
        let start = secret_name.then(|| value_start(b, token_end)).flatten().or_else(|| {
            if !matches!(c, b'"' | b'\'') {
                return None;
            }
            // A key opened by an ASCII quote and closed by another kind
            // (`"client_secret”: "s3cr3t”`): the string token runs on to
            // the value's opening quote; the name ends at the other quote.
            (i + 1..token_end)
                .find(|&k| other_quote(b, k) > 0)
                .filter(|&k| text.get(i + 1..k).is_some_and(is_secret_name))
                .and_then(|k| value_start(b, k))
        });
        if let Some(start) = start {
            if let Some((end, texts)) = value_at(b, start) {
                let empty = texts.iter().all(|t| is_placeholder_or_empty(t));
                if !empty {
                    tokens.out.push(Lexical {
                        span: Span::new(start, end),
                        texts,
                        why: Why::Name,
                    });
                }
                i = end.max(token_end);
                continue;
            }
        }
        i = token_end;
    }
    tokens.search(text, text.len());
    tokens
}

#[cfg(test)]
#[path = "lexical_tests.rs"]
mod tests;
