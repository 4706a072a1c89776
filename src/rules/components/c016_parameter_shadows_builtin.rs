//! C016 `parameter-shadows-builtin`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Member, Ptr};

declare_rule! {
    /// ## What it checks
    /// A configuration property whose key starts with `procore.` (any
    /// case), or names a built-in's value without the prefix: `project_id`,
    /// `projectId`, `company_id`, `companyId`, `project_name`,
    /// `company_name` (any case). The finding names the built-in the key
    /// stands for (after `procore.`, case, `_` and `.` do not matter:
    /// `procore.project_id` is `{{procore.project.id}}`); a `procore.` key
    /// that names none (`procore.tenant`) is told the prefix is reserved
    /// for the built-ins.
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

/// What a property key shadows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shadow {
    /// The built-in it stands for.
    Builtin(&'static str),
    /// A `procore.` key that names no built-in: the prefix is reserved.
    Reserved,
}

/// What a property key shadows, if anything. Compared without case (and,
/// for the short names and after `procore.`, without `_` and `.`) in place:
/// every property of every component asks, and few shadow anything.
fn shadowed(key: &str) -> Option<Shadow> {
    let b = key.as_bytes();
    let prefixed = b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"procore.");
    let rest = if prefixed { &b[8..] } else { b };
    // The rest's bytes without `_` (and, after the prefix, `.`), lower-cased:
    // the longest name to match has 11.
    let mut folded = [0u8; 11];
    let mut n = 0;
    let mut separated = false;
    for &c in rest {
        if c == b'_' || (prefixed && c == b'.') {
            separated = true;
            continue;
        }
        let Some(slot) = folded.get_mut(n) else {
            return prefixed.then_some(Shadow::Reserved);
        };
        *slot = c.to_ascii_lowercase();
        n += 1;
    }
    let builtin = match &folded[..n] {
        b"projectid" => Some("procore.project.id"),
        b"companyid" => Some("procore.company.id"),
        // `projectname` alone is a plain word; `project_name` and
        // `procore.project.name` name the built-in.
        b"projectname" if separated || prefixed => Some("procore.project.name"),
        b"companyname" if separated || prefixed => Some("procore.company.name"),
        _ => None,
    };
    match builtin {
        Some(name) => Some(Shadow::Builtin(name)),
        None => prefixed.then_some(Shadow::Reserved),
    }
}

/// A configuration property (`m`, at `pointer`).
pub fn check(m: &Member, pointer: &Ptr, out: &mut Vec<Diagnostic>) {
    let Some(shadow) = shadowed(m.key) else { return };
    let key = crate::text::code_span(&crate::secrets::key(m.key));
    let (message, help) = match shadow {
        Shadow::Builtin(builtin) => (
            format!(
                "configuration property {key} stands for the built-in `{{{{{builtin}}}}}`: the installing admin would type what Procore fills in"
            ),
            format!("use `{{{{{builtin}}}}}` in the URL and drop the property"),
        ),
        Shadow::Reserved => (
            format!(
                "configuration property {key} starts with `procore.`, the prefix of Procore's built-in variables, but names none of them"
            ),
            format!(
                "rename the property without the `procore.` prefix: custom keys are their own namespace (the built-ins are {})",
                builtin_list()
            ),
        ),
    };
    out.push(Diagnostic::new(&C016, m.key_span, pointer.written(), message).with_help(help));
}

/// "`{{procore.company.id}}`, …, and `{{procore.project.name}}`".
fn builtin_list() -> String {
    let names: Vec<String> = crate::vocab::BUILTIN_PLACEHOLDERS
        .iter()
        .map(|(name, _)| format!("`{{{{{name}}}}}`"))
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::{shadowed, Shadow};

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
            assert!(matches!(shadowed(k), Some(Shadow::Builtin(_))), "{k}");
        }
        for k in ["region", "projectname", "project", "procore_api_key", "procore"] {
            assert!(shadowed(k).is_none(), "{k}");
        }
        for (k, builtin) in [
            ("project__id", Some(Shadow::Builtin("procore.project.id"))),
            ("_Company_Name_", Some(Shadow::Builtin("procore.company.name"))),
            ("PROCORE.PROJECT.NAME", Some(Shadow::Builtin("procore.project.name"))),
            // After the prefix, `_` and `.` and case do not matter.
            ("procore.project_id", Some(Shadow::Builtin("procore.project.id"))),
            ("procore.companyId", Some(Shadow::Builtin("procore.company.id"))),
            ("procore.projectname", Some(Shadow::Builtin("procore.project.name"))),
            ("procore.company..name", Some(Shadow::Builtin("procore.company.name"))),
            // A `procore.` key that names no built-in: reserved, none invented.
            ("procore.tenant", Some(Shadow::Reserved)),
            ("Procore.Thing", Some(Shadow::Reserved)),
            ("procore.unknown", Some(Shadow::Reserved)),
            ("procore.", Some(Shadow::Reserved)),
            ("procore.company", Some(Shadow::Reserved)),
            ("procore.project.id.extra", Some(Shadow::Reserved)),
            ("PROCORE.a_very_long_name_indeed", Some(Shadow::Reserved)),
            ("projectidx", None),
            ("prøject_id", None),
            ("procore", None),
            ("", None),
        ] {
            assert_eq!(shadowed(k), builtin, "{k}");
        }
        assert_eq!(shadowed(&"project_id".repeat(50)), None);
        assert_eq!(
            shadowed(&format!("procore.{}", "project_id".repeat(50))),
            Some(Shadow::Reserved)
        );
    }
}
