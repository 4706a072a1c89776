//! C005 `malformed-interpolation`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::interpolation::Malformed;
use crate::syntax::Ptr;

declare_rule! {
    /// ## What it checks
    /// Unbalanced braces, an empty `{{}}`, or a placeholder name with
    /// characters other than ASCII letters, digits, `_` and `.`. Braces come in
    /// pairs: the braces of a run longer than a pair are unbalanced
    /// (`{{region}}}`, `{{{region}}`, a stray `}}`), and the placeholder
    /// beside them is still read.
    ///
    /// ## Why
    /// Such text is not interpolated: the braces reach the app as written.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://app.acme.io/{{region}/x" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io/{{region}}/x" }
    /// ```
    ///
    /// ## Evidence
    /// - URL Parameter Interpolation (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/_includes/url_parameter_interpolation.md
    pub static C005 = ("C005", "malformed-interpolation", Error, None, "unbalanced braces, empty {{}}, or a placeholder name with characters other than ASCII letters, digits, _ and .");
}

pub fn check(malformed: Vec<Malformed>, pointer: &Ptr, out: &mut Vec<Diagnostic>) {
    for m in malformed {
        out.push(Diagnostic::new(&C005, m.span, pointer.written(), m.message));
    }
}
