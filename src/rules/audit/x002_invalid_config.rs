//! X002 `invalid-config`.

//! Declared here; reported by the workspace floor (X001, from a whole run)
//! and the front ends (X002).

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// The language server's form of a bad config file (the command line
    /// exits 2 instead): shown at the top of each open manifest the config
    /// governs, naming the config file, line and problem.
    ///
    /// ## Why
    /// A config the tool cannot read would otherwise silently change which
    /// rules run.
    ///
    /// ## Example
    /// ```toml
    /// [rules]
    /// selct = ["ALL"]
    /// ```
    /// ## Fixed
    /// ```toml
    /// [rules]
    /// select = ["ALL"]
    /// ```
    pub static X002 = ("X002", "invalid-config", Error, None,
        "the language server's form of a bad config file, shown at the top of each manifest it governs");
}

/// The finding on a manifest whose config does not load (`why`: the
/// config error in one line): at the manifest's first character.
pub fn diagnostic(text: &str, why: &str) -> Diagnostic {
    let first = text.chars().next().map_or(0, char::len_utf8);
    Diagnostic::new(&X002, Span::new(0, first), "", format!("invalid config: {why}"))
}
