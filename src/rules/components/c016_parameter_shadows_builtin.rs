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

/// The built-in a property key stands for, if it shadows one. Compared
/// without case (and, for the short names, without `_`) in place: every
/// property of every component asks, and few shadow anything.
fn shadowed(key: &str) -> Option<&'static str> {
    let b = key.as_bytes();
    if b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"procore.") {
        // The built-in it names, else the first (`procore.company.id`).
        let builtins = crate::vocab::BUILTIN_PLACEHOLDERS;
        return builtins
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .or(builtins.first())
            .map(|(name, _)| *name);
    }
    // The key's bytes without `_`, lower-cased: the longest name to match
    // has 11.
    let mut folded = [0u8; 11];
    let mut n = 0;
    for c in b.iter().filter(|&&c| c != b'_') {
        let slot = folded.get_mut(n)?;
        *slot = c.to_ascii_lowercase();
        n += 1;
    }
    let underscore = b.contains(&b'_');
    match &folded[..n] {
        b"projectid" => Some("procore.project.id"),
        b"companyid" => Some("procore.company.id"),
        b"projectname" if underscore => Some("procore.project.name"),
        b"companyname" if underscore => Some("procore.company.name"),
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
        for (k, builtin) in [
            ("project__id", Some("procore.project.id")),
            ("_Company_Name_", Some("procore.company.name")),
            ("PROCORE.PROJECT.NAME", Some("procore.project.name")),
            ("procore.unknown", Some("procore.company.id")),
            ("projectidx", None),
            ("prøject_id", None),
            ("procore", None),
            ("", None),
        ] {
            assert_eq!(shadowed(k), builtin, "{k}");
        }
        assert_eq!(shadowed(&"project_id".repeat(50)), None);
    }
}
