//! S001 `invalid-json`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
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
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1" }
    /// ```
    pub static S001 = ("S001", "invalid-json", Error, None,
        "not parseable JSON (empty file, trailing comma, comment, NaN, bad escape, invalid UTF-8, ...)");
}

/// The one finding of a file that does not parse.
pub fn diagnostic(e: SyntaxError) -> Diagnostic {
    Diagnostic::new(&S001, e.span, "", e.message)
}
