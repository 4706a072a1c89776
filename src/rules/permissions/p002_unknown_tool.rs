//! P002 `unknown-tool`.

use crate::catalog::{Catalog, Scope};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Entry;
use std::sync::Arc;

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
        format!("unknown {} tool {}", scope.as_str(), crate::text::code_span(key)),
    );
    out.push(d.with_help(help(catalog, scope, key)));
}

/// The help for an unknown `key`: remembered per thread for the built-in
/// catalog (a first run over many manifests meets the same unknown keys
/// again and again, and the did-you-mean compares the key with every
/// tool), in the secret scan's bounded memo, one per scope.
fn help(catalog: &Catalog, scope: Scope, key: &str) -> Arc<str> {
    thread_local! {
        static HELPS: [crate::secrets::Memo<Arc<str>>; 2] = Default::default();
    }
    let answer = |key: &str| Arc::from(help_for(catalog, scope, key));
    if !catalog.is_builtin() {
        return answer(key);
    }
    HELPS.with(|helps| helps[usize::from(scope == Scope::Project)].get(key, answer))
}

fn help_for(catalog: &Catalog, scope: Scope, key: &str) -> String {
    if let Some(help) = unpublished(scope, key) {
        return help;
    }
    // A suggestion that only adds or drops a whole word names another tool
    // (`document_management` is not `documents`), unless the key is the
    // suggested tool's own name (`submittals`: the Submittals tool,
    // `submittal_log`).
    let suggestion = catalog.suggest_tool(scope, key).filter(|s| {
        let named = catalog.tool(scope, s).is_some_and(|t| same_words(key, &t.name));
        named || !differs_by_whole_words(key, s)
    });
    match suggestion {
        Some(s) => format!(
            "did you mean `{s}`? (if the tool is real, declare it in procore-manifest.toml under [catalog] {}-tools)",
            scope.as_str()
        ),
        None => format!(
            "the catalog is incomplete: declare the tool in procore-manifest.toml under [catalog] {}-tools",
            scope.as_str()
        ),
    }
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

    #[test]
    fn helps_remembered_for_the_builtin_catalog_only() {
        let builtin = crate::catalog::Extras::default();
        let mut declared = crate::catalog::Extras::default();
        declared
            .project_tools
            .insert("acme_sync".into(), vec![crate::model::Level::Readonly]);
        let (plain, with_extras) = (Catalog::new(&builtin), Catalog::new(&declared));
        assert!(plain.is_builtin() && !with_extras.is_builtin());
        let first = help(&plain, Scope::Project, "acme_sinc");
        assert!(first.starts_with("the catalog is incomplete"), "{first}");
        let again = help(&plain, Scope::Project, "acme_sinc");
        assert!(Arc::ptr_eq(&first, &again), "remembered");
        // The config's tools change the answer: never the remembered one.
        let h = help(&with_extras, Scope::Project, "acme_sinc");
        assert!(h.starts_with("did you mean `acme_sync`?"), "{h}");
        // Each scope its own answer.
        let company = help(&plain, Scope::Company, "daily_logs");
        let project = help(&plain, Scope::Project, "daily_logs");
        assert_eq!(*project, *help_for(&plain, Scope::Project, "daily_logs"));
        assert_eq!(*company, *help_for(&plain, Scope::Company, "daily_logs"));
    }
}
