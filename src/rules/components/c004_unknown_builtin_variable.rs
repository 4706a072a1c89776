//! C004 `unknown-builtin-variable`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::interpolation::Placeholder;
use crate::syntax::Ptr;
use crate::text::closest;
use crate::vocab::{is_builtin_placeholder, BUILTIN_PLACEHOLDERS};

declare_rule! {
    /// ## What it checks
    /// A `{{procore.…}}` that is not one of the built-ins
    /// `procore.company.id`, `procore.company.name`, `procore.project.id`,
    /// `procore.project.name`; with a did-you-mean.
    ///
    /// ## Why
    /// Procore fills in only these four.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://app.acme.io?c={{procore.company_id}}" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io?c={{procore.company.id}}" }
    /// ```
    ///
    /// ## Evidence
    /// - URL Parameter Interpolation (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/_includes/url_parameter_interpolation.md
    pub static C004 = ("C004", "unknown-builtin-variable", Error, None, "a {{procore.*}} that is not procore.company.id / .company.name / .project.id / .project.name");
}

pub fn check(p: &Placeholder, pointer: &Ptr, out: &mut Vec<Diagnostic>) {
    if !crate::vocab::claims_procore_prefix(&p.name) || is_builtin_placeholder(&p.name) {
        return;
    }
    let mut d = Diagnostic::new(
        &C004,
        p.span,
        pointer.written(),
        format!(
            "unknown built-in variable {}: Procore fills in procore.company.id, procore.company.name, procore.project.id and procore.project.name",
            crate::rules::interpolation::shown(&p.name)
        ),
    );
    // Built-ins are lower case: `Procore.Company.Id` is `procore.company.id`.
    let lower = p.name.to_ascii_lowercase();
    let suggestion = if is_builtin_placeholder(&lower) {
        Some(lower.as_str())
    } else {
        closest(&lower, BUILTIN_PLACEHOLDERS.iter().map(|(n, _)| *n))
    };
    if let Some(s) = suggestion {
        d = d.with_help(format!("did you mean `{{{{{s}}}}}`?"));
    }
    out.push(d);
}
