//! C003 `undefined-url-parameter`.

use super::url::Properties;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::interpolation::Placeholder;
use crate::syntax::Ptr;
use crate::text::closest;

declare_rule! {
    /// ## What it checks
    /// A `{{name}}` in a component URL that is neither a built-in variable
    /// nor a configuration property the component declares
    /// (`user_configuration.schema.properties` in 4.1,
    /// `configuration.schema.properties` in 3.x); and any `{{name}}` in a
    /// URL Procore does not interpolate (the post-install page, a
    /// configuration field's `support_link`): only `source_url` and
    /// `iframe_src` are filled in.
    ///
    /// ## Why
    /// Nothing fills the placeholder in: the app (or the admin following
    /// the link) receives the braces.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://{{subdomain}}.acme.io" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://{{subdomain}}.acme.io",
    ///   "user_configuration": { "schema": { "type": "object", "properties": { "subdomain": { "name": "Subdomain", "type": "string" } } } } }
    /// ```
    ///
    /// ## Evidence
    /// - URL Parameter Interpolation (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/_includes/url_parameter_interpolation.md
    pub static C003 = ("C003", "undefined-url-parameter", Error, None, "a {{name}} in a URL is neither a built-in variable nor a declared configuration property, or sits in a URL Procore never fills in (the post-install page, a support link)");
}

/// A placeholder in a URL Procore never interpolates (`what`: which URL).
pub fn check_not_interpolated(p: &Placeholder, pointer: &Ptr, what: &str, out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::new(
            &C003,
            p.span,
            pointer.written(),
            format!(
                "{} in {what} is never filled in: Procore interpolates placeholders only in `source_url` (4.1) and `iframe_src` (3.x)",
                crate::rules::interpolation::shown(&p.name)
            ),
        )
        .with_help("write the link in full"),
    );
}

/// A placeholder that is not `procore.*` and not a declared property.
pub fn check(p: &Placeholder, pointer: &Ptr, props: &Properties, out: &mut Vec<Diagnostic>) {
    if crate::vocab::claims_procore_prefix(&p.name) || props.declares(&p.name) {
        return;
    }
    let d = Diagnostic::new(
        &C003,
        p.span,
        pointer.written(),
        format!(
            "{} is neither a built-in variable nor a declared configuration property",
            crate::rules::interpolation::shown(&p.name)
        ),
    );
    out.push(match closest(&p.name, props.names()) {
        Some(s) => d.with_help(format!("did you mean {}?", crate::rules::interpolation::shown(s))),
        None => d.with_help(format!(
            "declare it under `{}.schema.properties`, or use a built-in such as `{{{{procore.project.id}}}}`",
            props.config_key
        )),
    });
}
