//! C006 `required-parameter-undeclared`.

use super::url::Properties;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::secrets::quote;
use crate::syntax::{Node, Ptr};

declare_rule! {
    /// ## What it checks
    /// A name in the configuration schema's `required` that `properties`
    /// does not declare.
    ///
    /// ## Why
    /// The admin is asked for a field that has no definition; installs fail.
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "required": ["region"], "properties": {} }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "type": "object", "required": ["region"], "properties": { "region": { "name": "Region", "type": "string" } } }
    /// ```
    ///
    /// ## Evidence
    /// - URL Parameter Interpolation (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/_includes/url_parameter_interpolation.md
    pub static C006 = ("C006", "required-parameter-undeclared", Error, None, "`required` names a property that `properties` does not declare");
}

/// Each name in the configuration schema's `required` that `properties`
/// does not declare.
pub fn check(schema: &Node, schema_pointer: &Ptr, props: &Properties, out: &mut Vec<Diagnostic>) {
    let Some(required) = schema.get("required").and_then(Node::as_array) else {
        return;
    };
    for (i, r) in required.iter().enumerate() {
        let Some(name) = r.as_str() else { continue };
        if !props.declares(name) {
            out.push(
                Diagnostic::new(
                    &C006,
                    r.span,
                    format!("{schema_pointer}/required/{i}"),
                    format!("`required` names {}, which `properties` does not declare", quote(name)),
                )
                .with_help("declare it under `properties`, or remove it from `required`"),
            );
        }
    }
}
