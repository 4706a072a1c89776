//! C007 `unused-configuration-property`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Member, Ptr};

declare_rule! {
    /// ## What it checks
    /// A declared configuration property that the component's URL never
    /// uses as `{{name}}`.
    ///
    /// ## Why
    /// The admin fills in a value that goes nowhere (it may be read by the
    /// app another way, hence only info).
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://app.acme.io", "user_configuration": { "schema": { "type": "object", "properties": { "region": {} } } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io/{{region}}", "user_configuration": { "schema": { "type": "object", "properties": { "region": {} } } } }
    /// ```
    ///
    /// ## Evidence
    /// - URL Parameter Interpolation (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/_includes/url_parameter_interpolation.md
    pub static C007 = ("C007", "unused-configuration-property", Info, None, "a declared property is never used in the component's URL");
}

/// A declared property (`m`, at `pointer`) that the component's URL never
/// uses (`used`: the placeholder names of the URL).
pub fn check(m: &Member, pointer: &Ptr, used: &[String], url_key: &str, out: &mut Vec<Diagnostic>) {
    if used.iter().any(|u| *u == *m.key) {
        return;
    }
    let mut d = Diagnostic::new(
        &C007,
        m.key_span,
        pointer.written(),
        format!(
            "configuration property {} is never used in the component's URL",
            crate::text::code_span(m.key)
        ),
    )
    .with_help(format!(
        "use it as {} in `{url_key}`, or remove it",
        crate::text::code_span(&format!("{{{{{}}}}}", m.key))
    ));
    d.unnecessary = true;
    out.push(d);
}
