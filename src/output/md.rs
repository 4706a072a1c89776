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
/// inside, padded when the text starts or ends with a backtick, and `|`
/// escaped so a table cell is not split (GFM reads `\|` inside code spans in
/// tables as `|`).
pub fn code(s: &str) -> String {
    let s = sanitize_inline(s);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", s.replace('|', "\\|"))
}

/// One of our messages as Markdown: what it quotes between backticks
/// (`` `{{procore.company.id}}` ``) as code spans, the rest as text; an
/// unpaired backtick stays text. Everything escaped as [`text`] and
/// [`code`] do.
pub fn message(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    // An even number of parts means an odd number of backticks: the last
    // one is unpaired and joins the text after it.
    let paired = if parts.len() % 2 == 0 {
        parts.len() - 1
    } else {
        parts.len()
    };
    let mut out = String::with_capacity(s.len() + 16);
    for (i, part) in parts[..paired].iter().enumerate() {
        if i % 2 == 1 {
            out.push_str(&code(part));
        } else {
            out.push_str(&text(part));
        }
    }
    if paired < parts.len() {
        out.push_str(&text(&format!("`{}", parts[paired])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_render_their_code_spans() {
        assert_eq!(message("unknown `{{a_b}}` here"), "unknown `{{a_b}}` here");
        assert_eq!(message("a `x` and `y|z`"), "a `x` and `y\\|z`");
        assert_eq!(message("odd ` tick *x*"), "odd \\` tick \\*x\\*");
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
