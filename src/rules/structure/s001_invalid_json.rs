//! S001 `invalid-json`.

use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Edit, Fix};
use crate::span::Span;
use crate::syntax::SyntaxError;

declare_rule! {
    /// ## What it checks
    /// The file must be strict JSON (RFC 8259): no comments, no trailing
    /// commas, no `NaN`/`Infinity`, no single quotes, only the escapes JSON
    /// knows, valid UTF-8, not empty, at most 128 levels of nesting.
    ///
    /// ## Why
    /// The Developer Portal, `JSON.parse` and every tool downstream reject
    /// such a file; nothing else in it can be checked until it parses.
    ///
    /// A snippet pasted from a web page often has typographic quotes
    /// (`“ ”`, `‘ ’`) where JSON needs straight ones: the finding says so,
    /// with a safe fix that straightens the quotes that delimit strings
    /// (quotes inside a string stay as written) when the file then parses.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1" }
    /// ```
    pub static S001 = ("S001", "invalid-json", Error, SometimesSafe,
        "not parseable JSON (empty file, trailing comma, comment, NaN, bad escape, invalid UTF-8, ...)");
}

/// The one finding of a file that does not parse (`text`: the file).
pub fn diagnostic(e: SyntaxError, text: &str) -> Diagnostic {
    let edits = straightened(text);
    let Some(first) = edits.first() else {
        return Diagnostic::new(&S001, e.span, "", e.message);
    };
    let mut fixed = text.to_string();
    for edit in edits.iter().rev() {
        fixed.replace_range(edit.0.start as usize..edit.0.end as usize, "\"");
    }
    let parses = crate::syntax::parse(&fixed, &crate::syntax::Arena::default()).is_ok();
    let quote = &text[first.0.start as usize..first.0.end as usize];
    let d = Diagnostic::new(
        &S001,
        first.0,
        "",
        format!("typographic quote {quote} is not a JSON quote: JSON strings use straight double quotes \""),
    );
    if parses {
        let edits = edits.into_iter().map(|(span, _)| Edit::replace(span, "\"")).collect();
        d.with_fix(Fix::safe("use straight quotes", edits))
    } else {
        d.with_help(format!("replace the typographic quotes with \"; then: {}", e.message))
    }
}

/// The typographic quotes (`“ ” ‘ ’`) that delimit strings, in order: one
/// outside a string opens one (and its closing mate, typographic or
/// straight, ends it); a typographic quote inside a straight-quoted string
/// is content and stays.
fn straightened(text: &str) -> Vec<(Span, char)> {
    let typographic = |c: char| matches!(c, '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}');
    if !text.chars().any(typographic) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // None: outside a string; Some(false): a straight string; Some(true):
    // a string a typographic quote opened.
    let mut string: Option<bool> = None;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        let span = Span::new(i, i + c.len_utf8());
        match (string, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (None, '"') => string = Some(false),
            (None, c) if typographic(c) => {
                out.push((span, c));
                string = Some(true);
            }
            (Some(_), '"') => string = None,
            // A typographic quote closes the string only where a string
            // can end: before `:`, `,`, `}`, `]` or the end (an apostrophe
            // inside, "your team’s account", stays).
            (Some(true), c) if typographic(c) && ends_a_string(&text[span.end as usize..]) => {
                out.push((span, c));
                string = None;
            }
            _ => {}
        }
    }
    out
}

/// Can a string end before `rest`: its next character past white space
/// one that follows a value or a member name in JSON, or none?
fn ends_a_string(rest: &str) -> bool {
    rest.trim_start()
        .chars()
        .next()
        .is_none_or(|c| matches!(c, ':' | ',' | '}' | ']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_quotes_are_straightened_where_they_delimit_strings() {
        let text = "{\u{201c}schema_version\u{201d}: \u{201c}4.1\u{201d}, \"note\": \"say \u{201c}hi\u{201d}\"}";
        let e = SyntaxError {
            span: Span::new(0, 1),
            message: "unexpected character".into(),
        };
        let d = diagnostic(e, text);
        assert!(d.message.contains("typographic quote"), "{}", d.message);
        let fix = d.fix.as_ref().expect("a safe fix");
        assert_eq!(fix.edits.len(), 4, "the quotes inside the note stay");
        // An apostrophe inside a string a typographic quote opened stays.
        let text = "{\u{201c}schema_version\u{201d}: \u{201c}4.1\u{201d}, \u{201c}notes\u{201d}: \u{201c}Connect your team\u{2019}s account\u{201d}}";
        let d = diagnostic(
            SyntaxError {
                span: Span::new(0, 1),
                message: "unexpected character".into(),
            },
            text,
        );
        let fix = d.fix.as_ref().expect("a safe fix");
        assert_eq!(fix.edits.len(), 8, "four strings, the apostrophe stays");
    }
}
