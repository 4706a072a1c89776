//! Reading pasted text token by token for the lexical scan: strings
//! (escapes decoded, left open at a line end), identifiers, and the value
//! after a name, whatever it is.

use crate::secrets::punct::{other_quote, separator_len, skip_ws, skip_ws_and_quotes};
use std::borrow::Cow;

/// A string token starting at `start` (its quote): its end (past the
/// closing quote, or at the end of the line) and its decoded content,
/// borrowed from the text when it holds no escape.
pub(super) fn string_at(b: &[u8], start: usize) -> (usize, Cow<'_, str>) {
    let quote = b[start];
    let body = start + 1;
    // Most strings hold no escape: one search to their end.
    let stop = memchr::memchr3(quote, b'\n', b'\\', &b[body..]).map_or(b.len(), |k| body + k);
    if stop == b.len() || b[stop] != b'\\' {
        let end = if stop < b.len() && b[stop] == quote {
            stop + 1
        } else {
            stop
        };
        return (end, String::from_utf8_lossy(&b[body..stop]));
    }
    let (end, s) = decode(b, body, stop);
    (end, Cow::Owned(s))
}

/// The string whose content starts at `body` (after its quote, `b[body -
/// 1]`), decoded byte by byte from `from` on (the bytes before `from` hold
/// no escape): its end and its content.
pub(super) fn decode(b: &[u8], body: usize, from: usize) -> (usize, String) {
    let quote = b[body - 1];
    let mut out: Vec<u8> = b[body..from].to_vec();
    let mut i = from;
    while i < b.len() && b[i] != quote && b[i] != b'\n' {
        if b[i] == b'\\' && i + 1 < b.len() {
            let e = b[i + 1];
            match e {
                b'u' => {
                    let hex = b.get(i + 2..i + 6).and_then(|h| std::str::from_utf8(h).ok());
                    match hex
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                    {
                        Some(c) => {
                            let mut buf = [0; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                            i += 6;
                            continue;
                        }
                        None => out.push(b'u'),
                    }
                }
                b'n' => out.push(b'\n'),
                b't' => out.push(b'\t'),
                b'r' => out.push(b'\r'),
                b'b' | b'f' => {}
                b'\n' => {}
                other => out.push(other),
            }
            i += 2;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    let end = if i < b.len() && b[i] == quote { i + 1 } else { i };
    (end, String::from_utf8_lossy(&out).into_owned())
}

pub(super) fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b'$'
}

pub(super) fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'-')
}

/// Where the value of a secret name ending at `name_end` starts, when one
/// follows it: after a separator ([`separator_len`]) past spaces and
/// quotes (`“client_secret"：`), or right away when a quote opens on the
/// same line (a colon left out: `"client_secret" "s3cr3t"`).
pub(super) fn value_start(b: &[u8], name_end: usize) -> Option<usize> {
    let closed = skip_ws_and_quotes(b, name_end, true);
    if let Some(n) = separator_len(b, closed) {
        return Some(skip_ws(b, closed + n));
    }
    let after = skip_ws_and_quotes(b, name_end, false);
    if let Some(n) = separator_len(b, after) {
        return Some(skip_ws(b, after + n));
    }
    let quote = other_quote(b, after) > 0 || matches!(b.get(after), Some(b'"' | b'\''));
    (quote && !b[name_end..after].contains(&b'\n')).then_some(after)
}

/// The value after a secret-named key, starting at `i`: its span and texts.
pub(super) fn value_at(b: &[u8], i: usize) -> Option<(usize, Vec<String>)> {
    let open = other_quote(b, i);
    if open > 0 {
        // To the next quote on the line, other or ASCII (`“s3cr3t”`,
        // `` `s3cr3t` ``, `“s3cr3t"`).
        let body = i + open;
        let mut j = body;
        while j < b.len() && !matches!(b[j], b'\n' | b'"') && other_quote(b, j) == 0 {
            j += 1;
        }
        let close = if b.get(j) == Some(&b'"') { 1 } else { other_quote(b, j) };
        let text = String::from_utf8_lossy(&b[body..j]).into_owned();
        return Some((j + close, vec![text]));
    }
    match b.get(i)? {
        b'"' | b'\'' => {
            let (end, s) = string_at(b, i);
            // A value that goes on past a raw line break (a pasted PEM key):
            // to its closing quote, every line of it.
            if b.get(end.saturating_sub(1)) != Some(&b[i]) || end == i + 1 {
                if let Some(close) = closing_quote(b, end, b[i]) {
                    let whole = String::from_utf8_lossy(&b[i + 1..close]).into_owned();
                    return Some((close + 1, vec![whole]));
                }
            }
            Some((end, vec![s.into_owned()]))
        }
        b'{' | b'[' => {
            // To the matching close, or the end of the text.
            let mut depth = 0usize;
            let mut texts = Vec::new();
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' | b'\'' => {
                        let (end, s) = string_at(b, j);
                        // A member name is no value (`{"value": ""}` holds
                        // nothing, as the tree scan reads it).
                        if b.get(skip_ws(b, end)) != Some(&b':') {
                            texts.push(s.into_owned());
                        }
                        j = end;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((j + 1, texts));
                        }
                    }
                    c if c.is_ascii_alphanumeric() => {
                        let start = j;
                        while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'.' | b'-' | b'+')) {
                            j += 1;
                        }
                        if !is_no_literal(&b[start..j]) {
                            texts.push(String::from_utf8_lossy(&b[start..j]).into_owned());
                        }
                        continue;
                    }
                    _ => {}
                }
                j += 1;
            }
            Some((b.len(), texts))
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b'\n' | b'\r') {
                j += 1;
            }
            let raw = String::from_utf8_lossy(&b[i..j]).trim_end().to_string();
            let end = i + raw.len();
            (end > i && !is_no_literal(raw.as_bytes())).then(|| (end, vec![raw]))
        }
    }
}

/// `null`, `true`, `false`: no credential (the tree scan's `has_content`).
pub(super) fn is_no_literal(token: &[u8]) -> bool {
    matches!(token, b"null" | b"true" | b"false")
}

/// The quote that closes a string left open at a line end, within 64 KB.
pub(super) fn closing_quote(b: &[u8], from: usize, quote: u8) -> Option<usize> {
    let limit = b.len().min(from + 64 * 1024);
    let mut i = from;
    while i < limit {
        match b[i] {
            b'\\' => i += 2,
            c if c == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}
