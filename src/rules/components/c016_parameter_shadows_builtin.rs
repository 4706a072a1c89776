//! C016 `parameter-shadows-builtin`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Member, Ptr};

declare_rule! {
    /// ## What it checks
    /// A configuration property whose key starts with `procore.` (any
    /// case), or names a built-in's value without the prefix: `project_id`,
    /// `projectId`, `company_id`, `companyId`, `project_name`,
    /// `company_name` (any case).
    ///
    /// ## Why
    /// Procore fills in `{{procore.company.id}}`, `{{procore.company.name}}`,
    /// `{{procore.project.id}}` and `{{procore.project.name}}` itself. A
    /// custom property named like one makes the installing admin type what
    /// Procore already knows (and get it wrong); Procore's URL parameter
    /// interpolation guide presents the built-ins "to fetch project-specific
    /// data from your system without asking the user to enter it"
    /// (procore/documentation, `_includes/url_parameter_interpolation.md` at
    /// commit c755a366, https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/_includes/url_parameter_interpolation.md).
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://app.acme.io/?p={{project_id}}",
    ///   "user_configuration": { "schema": { "type": "object", "properties": { "project_id": { "name": "Project id", "type": "string" } } } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io/?p={{procore.project.id}}" }
    /// ```
    pub static C016 = ("C016", "parameter-shadows-builtin", Warning, None,
        "a configuration property named like a built-in (procore.*, project_id, companyId, …): Procore fills those in itself");
}

/// The built-in a property key stands for, if it shadows one.
fn shadowed(key: &str) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    if lower.starts_with("procore.") {
        // The built-in it names, else the first (`procore.company.id`).
        let builtins = crate::vocab::BUILTIN_PLACEHOLDERS;
        return builtins
            .iter()
            .find(|(name, _)| *name == lower)
            .or(builtins.first())
            .map(|(name, _)| *name);
    }
    match lower.replace('_', "").as_str() {
        "projectid" => Some("procore.project.id"),
        "companyid" => Some("procore.company.id"),
        "projectname" if lower.contains('_') => Some("procore.project.name"),
        "companyname" if lower.contains('_') => Some("procore.company.name"),
        _ => None,
    }
}

/// A configuration property (`m`, at `pointer`).
pub fn check(m: &Member, pointer: &Ptr, out: &mut Vec<Diagnostic>) {
    let Some(builtin) = shadowed(m.key) else { return };
    out.push(
        Diagnostic::new(
            &C016,
            m.key_span,
            pointer.written(),
            format!(
                "configuration property `{}` stands for the built-in `{{{{{builtin}}}}}`: the installing admin would type what Procore fills in",
                crate::text::sanitize_inline(m.key)
            ),
        )
        .with_help(format!("use `{{{{{builtin}}}}}` in the URL and drop the property")),
    );
}

#[cfg(test)]
mod tests {
    use super::shadowed;

    #[test]
    fn names() {
        for k in [
            "project_id",
            "projectId",
            "PROJECT_ID",
            "company_id",
            "companyId",
            "project_name",
            "company_name",
            "procore.project.id",
            "Procore.Company.Id",
        ] {
            assert!(shadowed(k).is_some(), "{k}");
        }
        for k in ["region", "projectname", "project", "procore_api_key"] {
            assert!(shadowed(k).is_none(), "{k}");
        }
    }
}
