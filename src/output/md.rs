//! Manifest text inside Markdown (pull request comments, job summaries):
//! rendered as literal text on GitHub and GitLab. No HTML, link, image,
//! autolink, mention, emphasis, heading or table break can come from a
//! manifest.

use crate::text::sanitize_inline;

/// Zero-width space: breaks what GitHub would turn into a link or mention
/// (`@user`, `https://…`, `www.…`) without changing what a reader sees.
const BREAK: char = '\u{200b}';

/// Manifest text as Markdown text: every ASCII punctuation character
/// backslash-escaped (CommonMark allows it for all of them), and autolinks
/// and mentions broken with a zero-width space.
pub fn text(s: &str) -> String {
    let s = sanitize_inline(s);
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
        let next = chars.peek().copied();
        // `@user`, `a@b.io`, `https://`, `mailto:`, `www.`
        let breaks = match c {
            '@' | ':' => true,
            '.' => out.to_ascii_lowercase().ends_with("www\\."),
            _ => false,
        };
        if breaks && next.is_some_and(|n| !n.is_whitespace()) {
            out.push(BREAK);
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(text("@admin").starts_with("\\@\u{200b}a"));
        assert!(text("https://evil.io").contains(":\u{200b}"));
        assert!(text("www.evil.io").contains("www\\.\u{200b}"));
    }
}
