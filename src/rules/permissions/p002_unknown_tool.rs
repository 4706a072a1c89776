//! P002 `unknown-tool`.

use crate::catalog::{Catalog, Scope};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Entry;

declare_rule! {
    /// ## What it checks
    /// A tool key that is not a known tool of its scope, with a
    /// did-you-mean from the catalog. The catalog is known to be incomplete,
    /// so this is a warning; declare tools it lacks in `procore-manifest.toml`
    /// (`[catalog] company-tools` / `project-tools`).
    ///
    /// ## Why
    /// A misspelt key grants nothing: the app fails at run time with a
    /// permission error the admin cannot explain.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "daily_logs": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "daily_log": "readonly" } }
    /// ```
    ///
    /// ## Evidence
    /// - Building Data Connection Apps (4.1): the Permission Builder (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v41.md
    pub static P002 = ("P002", "unknown-tool", Warning, None,
        "key is not a known tool of that scope; did-you-mean from the catalog");
}

/// A key the catalog does not know in either scope.
pub fn check(catalog: &Catalog, scope: Scope, entry: &Entry, out: &mut Vec<Diagnostic>) {
    let key = entry.key();
    let d = Diagnostic::new(
        &P002,
        entry.key_span(),
        entry.pointer(),
        format!(
            "unknown {} tool `{}`",
            scope.as_str(),
            crate::text::sanitize_inline(key)
        ),
    );
    if let Some(help) = unpublished(scope, key) {
        out.push(d.with_help(help));
        return;
    }
    // A suggestion that only adds or drops a whole word names another tool
    // (`document_management` is not `documents`), unless the key is the
    // suggested tool's own name (`submittals`: the Submittals tool,
    // `submittal_log`).
    let suggestion = catalog.suggest_tool(scope, key).filter(|s| {
        let named = catalog.tool(scope, s).is_some_and(|t| same_words(key, &t.name));
        named || !differs_by_whole_words(key, s)
    });
    out.push(match suggestion {
        Some(s) => d.with_help(format!(
            "did you mean `{s}`? (if the tool is real, declare it in procore-manifest.toml under [catalog] {}-tools)",
            scope.as_str()
        )),
        None => d.with_help(format!(
            "the catalog is incomplete: declare the tool in procore-manifest.toml under [catalog] {}-tools",
            scope.as_str()
        )),
    });
}

/// Tools Procore documents (or people name in real permission lists) whose
/// manifest key Procore does not publish: a specific help, never a guessed
/// key or a did-you-mean toward another tool.
fn unpublished(scope: Scope, key: &str) -> Option<String> {
    let k: String = key
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let what = match k.as_str() {
        "webhooks" | "webhooksapi" | "webhook" | "webhookapi" => {
            "Procore has a Webhooks API permission set at company and project level (\"must be Standard for your data connector component\"), but its manifest key is not published"
        }
        "documentmanagement" => "Document Management is a Procore tool of its own (not Documents), and its manifest key is not published",
        "inspections" | "inspection" if scope == Scope::Project => {
            "project Inspections is a Procore tool, but its project-level manifest key is not published"
        }
        "reports" | "report" if scope == Scope::Project => {
            "project Reports is a Procore tool, but its project-level manifest key is not published"
        }
        _ => return None,
    };
    Some(format!(
        "{what}: declare the key you use in procore-manifest.toml under [catalog] {}-tools",
        scope.as_str()
    ))
}

/// The words of a name, singular.
fn word_set(s: &str) -> std::collections::BTreeSet<String> {
    crate::secrets::words(s)
        .into_iter()
        .map(|w| w.strip_suffix('s').map(str::to_string).unwrap_or(w))
        .collect()
}

/// Do two names have the same words (`submittals`, "Submittals")?
fn same_words(a: &str, b: &str) -> bool {
    word_set(a) == word_set(b)
}

/// Does `suggestion` only add or drop whole words of `key`
/// (`document_management` and `documents`)? Such a did-you-mean names
/// another tool, not a typo of this one.
fn differs_by_whole_words(key: &str, suggestion: &str) -> bool {
    let (a, b) = (word_set(key), word_set(suggestion));
    a != b && (a.is_subset(&b) || b.is_subset(&a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_and_unpublished_tools() {
        assert!(differs_by_whole_words("document_management", "documents"));
        assert!(differs_by_whole_words("punch", "punch_list"));
        assert!(
            !differs_by_whole_words("rfis", "rfi"),
            "a plural is a typo, not another word"
        );
        assert!(!differs_by_whole_words("drawing_logs", "drawing_log"));
        assert!(unpublished(Scope::Company, "Webhooks API").is_some());
        assert!(unpublished(Scope::Project, "document_management").is_some());
        assert!(unpublished(Scope::Project, "inspections").is_some());
        assert!(
            unpublished(Scope::Company, "inspections").is_none(),
            "a company key in the catalog"
        );
    }
}
