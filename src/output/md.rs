//! Manifest text inside Markdown (pull request comments, job summaries):
//! rendered as literal text on GitHub and GitLab. No HTML, link, image,
//! autolink, mention, emphasis, heading or table break can come from a
//! manifest.

use crate::text::sanitize_inline;

/// Zero-width space: breaks what GitHub would turn into a link or mention
/// (`@user`, `https://…`, `www.…`) without changing what a reader sees.
const BREAK: char = '\u{200b}';

/// The characters that can start markup anywhere in a line (emphasis, code,
/// links, images, HTML, entities, table cells, strikethrough, headings);
/// CommonMark lets a backslash escape each of them.
const MARKUP: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '!', '|', '~', '&', '#'];

/// Manifest text as Markdown text: every character that can start markup
/// backslash-escaped, and autolinks and mentions broken with a zero-width
/// space.
pub fn text(s: &str) -> String {
    let s = sanitize_inline(s);
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if MARKUP.contains(&c) {
            out.push('\\');
        }
        out.push(c);
        let next = chars.peek().copied();
        // `@user`, `a@b.io`, `https://`, `mailto:`
        if matches!(c, '@' | ':') && next.is_some_and(|n| !n.is_whitespace()) {
            out.push(BREAK);
        }
        // `www.…`: the autolinker wants those four characters together.
        if c == '.' && out.len() >= 4 && out.as_bytes()[out.len() - 4..].eq_ignore_ascii_case(b"www.") {
            out.insert(out.len() - 3, BREAK);
        }
    }
    out
}

/// Manifest text as a code span: a fence longer than any run of backticks
/// inside, padded when the text starts or ends with a backtick (or with a
/// space at both ends, or is empty), and `|` escaped so a table cell is not
/// split (GFM reads `\|` inside code spans in tables as `|`).
pub fn code(s: &str) -> String {
    code_span(s, true)
}

/// [`code`] outside a table (a heading): `|` is left as it is, since `\|`
/// would show its backslash there.
pub fn heading_code(s: &str) -> String {
    code_span(s, false)
}

fn code_span(s: &str, in_table: bool) -> String {
    // Sanitized and cut at 200 characters, as every echoed value.
    let s = crate::text::echo(s);
    let (fence, pad) = crate::text::fence_for(&s);
    let pad = if s.is_empty() { " " } else { pad };
    let body = if in_table { s.replace('|', "\\|") } else { s };
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// One of our messages as Markdown. A message quotes manifest text as code
/// spans written by [`crate::text::code_span`], which CommonMark reads back
/// as the literal text: a run of backticks opens a span that the next run
/// of the same length closes (one space of padding at both ends dropped),
/// and such a span becomes [`code`]; a backtick run with no closing run is
/// text, and so is a double-quoted value (`secrets::quote`), backticks
/// included. Everything else is escaped as [`text`] does.
pub fn message(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    let (mut text_from, mut i) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'`' => {
                let n = run(b, i);
                match closing(b, i + n, n) {
                    Some(close) => {
                        out.push_str(&text(&s[text_from..i]));
                        out.push_str(&code(unpad(&s[i + n..close])));
                        i = close + n;
                        text_from = i;
                    }
                    None => i += n,
                }
            }
            b'"' => i = memchr::memchr(b'"', &b[i + 1..]).map_or(i + 1, |j| i + j + 2),
            _ => i += 1,
        }
    }
    out.push_str(&text(&s[text_from..]));
    out
}

/// The length of the run of backticks at `i`.
fn run(b: &[u8], i: usize) -> usize {
    b[i..].iter().take_while(|&&c| c == b'`').count()
}

/// Where the next run of exactly `n` backticks from `from` starts.
fn closing(b: &[u8], mut from: usize, n: usize) -> Option<usize> {
    while let Some(j) = memchr::memchr(b'`', &b[from..]) {
        let at = from + j;
        let len = run(b, at);
        if len == n {
            return Some(at);
        }
        from = at + len;
    }
    None
}

/// A code span's content as CommonMark reads it: one space dropped at both
/// ends when both have one and the content is not all spaces.
fn unpad(s: &str) -> &str {
    match s.strip_prefix(' ').and_then(|t| t.strip_suffix(' ')) {
        Some(t) if s.bytes().any(|c| c != b' ') => t,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_render_their_code_spans() {
        assert_eq!(message("unknown `{{a_b}}` here"), "unknown `{{a_b}}` here");
        assert_eq!(message("a `x` and `y|z`"), "a `x` and `y\\|z`");
        assert_eq!(message("odd ` tick *x*"), "odd \\` tick \\*x\\*");
        // Spans written by `text::code_span` come back as their text.
        for key in ["a`b", "`a", "a`", "a``b", "```a", "a```", " a ", "`"] {
            let m = format!("tool {} and `x`", crate::text::code_span(key));
            assert_eq!(message(&m), format!("tool {} and `x`", code(key)), "{key}");
        }
        // A quoted value's backticks are text.
        assert_eq!(message("level \"a`b\" for `k`"), "level \"a\\`b\" for `k`");
    }

    #[test]
    fn code_spans_outgrow_backticks() {
        assert_eq!(code("rfi"), "`rfi`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("a|b"), "`a\\|b`");
    }

    #[test]
    fn text_escapes_and_breaks_links() {
        assert_eq!(text("*x*"), "\\*x\\*");
        assert!(text("@admin").starts_with("@\u{200b}a"));
        assert!(text("https://evil.io").contains(":\u{200b}"));
        assert_eq!(text("www.evil.io"), "w\u{200b}ww.evil.io");
        // Multi-byte text before a dot never splits a character.
        assert_eq!(text("éé.x"), "éé.x");
    }
}
