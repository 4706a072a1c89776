//! The editor's settings, as the client sends them at `initialize`.

/// The client's settings (`initializationOptions`: `config`, a config
/// file to use instead of the discovered ones; `select` and `ignore`, rule
/// selectors that beat every config's, as on the command line). A selector
/// that matches no rule, or is empty, is left out and said on stderr (the
/// client's log): it would otherwise turn every rule off.
pub(super) fn editor_settings(options: Option<&serde_json::Value>) -> crate::workspace::Resolver {
    let strings = |key: &str| -> Vec<String> {
        options
            .and_then(|o| o.get(key))
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    };
    let checked = |key: &str| -> Vec<String> {
        strings(key)
            .into_iter()
            .filter_map(|s| match crate::rules::registry::check_selector(&s) {
                Ok(s) => Some(s),
                Err((why, _)) => {
                    eprintln!("procore-manifest lsp: initializationOptions.{key}: {why}: left out");
                    None
                }
            })
            .collect()
    };
    let config = options
        .and_then(|o| o.get("config"))
        .and_then(|v| v.as_str())
        .filter(|s| !s.trim().is_empty())
        .map(std::path::PathBuf::from);
    let mut selection = crate::settings::Selection {
        select: checked("select"),
        ignore: checked("ignore"),
        ..Default::default()
    };
    // A selection that leaves no rule to check a manifest (`ignore:
    // ["ALL"]`, `select: ["X001"]`) is refused as `check` refuses it: left
    // out, and said.
    let settings = crate::Settings {
        cli: selection.clone(),
        ..Default::default()
    };
    if !crate::rules::registry::checks_manifests(&settings) {
        eprintln!(
            "procore-manifest lsp: initializationOptions.select/ignore leave no rule that checks a manifest: left out"
        );
        selection = crate::settings::Selection::default();
    }
    crate::workspace::Resolver::for_editor_with(
        crate::workspace::ConfigSource::from_flags(config.as_deref(), false),
        selection,
    )
}
