//! X001 `unused-allow`.

//! Declared here; reported by the workspace floor (X001, from a whole run)
//! and the front ends (X002).

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::settings::Settings;
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// An `[[allow]]` entry of `procore-manifest.toml` that matched no
    /// finding in the files it covers that were checked in this run (a
    /// pre-commit run checks a few files: entries for the others are not
    /// reported), for a rule the run runs (an entry for U001 is not stale
    /// in `check`, which does not run the U rules, nor one for a rule the
    /// selection turns off). Reported at the entry in the config file.
    ///
    /// ## Why
    /// A stale risk acceptance hides nothing today, but would silently
    /// accept the same risk if it came back; remove it once the risk is gone.
    ///
    /// ## Example
    /// ```toml
    /// [[allow]]
    /// rule = "R001"
    /// files = "apps/directory-sync/**"
    /// reason = "Directory sync provisions users (SR-142)"
    /// ```
    /// with no Admin grant on the company Directory left in those files.
    ///
    /// ## Fixed
    /// Remove the entry.
    pub static X001 = ("X001", "unused-allow", Info, None,
        "an [[allow]] entry matched no finding in the files it covers that were checked in this run");
}

/// A risk acceptance (`[[allow]]`) of a config that covered a checked file
/// and matched no finding.
pub struct Unmatched<'a> {
    /// Where the entry is in the config's text.
    pub span: Span,
    /// Its index among the config's `[[allow]]` entries.
    pub index: usize,
    /// The rule it accepts.
    pub rule: &'a str,
    /// The files it covers, as written (`None`: every file).
    pub files: Option<&'a str>,
}

/// X001 for each unmatched acceptance (nothing when the rule is off).
pub fn check<'a>(unmatched: impl IntoIterator<Item = Unmatched<'a>>, settings: &Settings) -> Vec<Diagnostic> {
    if !settings.is_enabled(&X001) {
        return Vec::new();
    }
    unmatched
        .into_iter()
        .map(|a| {
            let files = a.files.unwrap_or("every file");
            let mut d = Diagnostic::new(
                &X001,
                a.span,
                format!("/allow/{}", a.index),
                format!(
                    "this [[allow]] for {} ({files}) matched no finding in the files checked",
                    a.rule
                ),
            )
            .with_help("the risk it accepted is gone: remove the entry");
            if let Some(s) = settings.severity_override(&X001) {
                d.severity = s;
            }
            d.unnecessary = true;
            d
        })
        .collect()
}
