//! The playground's front end: the pure core behind a text-in, JSON-out
//! interface for the browser (`playground/`, compiled to WebAssembly
//! without the `native` feature). It goes through the same per-file
//! pipeline and the same JSON report as `check --format json --no-config`,
//! so the page shows what the command line reports, byte for byte but for
//! the file's path; a test holds the two together on every fixture.
//!
//! Nothing here reads a file, the clock or the environment: the page gives
//! the date (for expired acceptances, which need a config the playground
//! never has) and the rule options.

use crate::output::{json::Json, permissions, EmitContext, Emitter};
use crate::workspace::{lint_file, ConfigSource, FileInput, Recognize, Resolved, Resolver};
use crate::{FileReport, Parsed};
use serde::Deserialize;
use std::path::Path;

/// The file name the playground's manifest is shown as.
pub const SHOWN: &str = "manifest.json";

/// The rule options of the page, as `check`'s flags take them.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// `CODE=LEVEL`, like `--severity`.
    pub severity: Vec<String>,
}

impl Options {
    /// Options from the page's JSON (`{}` or empty: the defaults).
    pub fn parse(json: &str) -> Result<Options, String> {
        if json.trim().is_empty() {
            return Ok(Options::default());
        }
        serde_json::from_str(json).map_err(|e| format!("the playground's options: {e}"))
    }

    fn resolved(&self) -> Result<Resolved, String> {
        let selection = crate::workspace::selection::checked(&self.select, &self.ignore, &self.severity)?;
        Resolver::new(ConfigSource::None, selection)
            .resolve(Path::new(SHOWN))
            .map_err(|e| e.one_line())
    }
}

/// One manifest linted as `check` lints a file named on its command line.
fn lint_one(text: &[u8], resolved: &Resolved) -> (FileReport, Option<Parsed>) {
    let input = FileInput {
        shown: SHOWN,
        path: Some(Path::new(SHOWN)),
        parsed: Parsed::from_bytes(text),
        recognize: Recognize::Named {
            skip_non_manifests: false,
        },
        keep_tree: true,
        cancel: None,
    };
    // No config, so no acceptance can expire: the date is not read.
    match lint_file(input, resolved, None, "") {
        Some(linted) => (linted.report, linted.parsed),
        // A named file is always linted: never taken.
        None => (crate::lint_bytes(SHOWN, text, &resolved.settings), None),
    }
}

/// A report as the JSON report writes it (one file).
fn report_json(report: &FileReport) -> Result<String, String> {
    let mut out = Vec::new();
    let cx = EmitContext {
        color: false,
        width: 80,
    };
    Json::default()
        .emit(&mut out, std::slice::from_ref(report), &cx)
        .map_err(|e| e.to_string())?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// The matrix of a linted manifest; `Err` when it did not parse.
fn matrix_json(report: &FileReport, parsed: Option<&Parsed>, resolved: &Resolved) -> Result<String, String> {
    let Some(root) = parsed.and_then(|p| p.tree().as_ref().ok()) else {
        return Err("the manifest does not parse: see its S001 finding".to_string());
    };
    Ok(permissions::json(&permissions::matrix(
        root,
        report,
        &resolved.settings,
    )))
}

/// The JSON report of `check --format json --no-config` for `text` (the
/// file's bytes, UTF-8 or not, as `check` reads them), shown as [`SHOWN`];
/// an error (bad options) as `Err`.
pub fn lint(text: &[u8], options: &Options) -> Result<String, String> {
    let (report, _) = lint_one(text, &options.resolved()?);
    report_json(&report)
}

/// The permission matrix (`permissions --format json`) of `text`; `Err`
/// when it does not parse (the findings say why).
pub fn permissions(text: &[u8], options: &Options) -> Result<String, String> {
    let resolved = options.resolved()?;
    let (report, parsed) = lint_one(text, &resolved);
    matrix_json(&report, parsed.as_ref(), &resolved)
}

/// What the page shows for one text, in one call (one lint): the report,
/// the matrix (or why there is none) and the docs' address.
pub fn analyze(text: &str, options_json: &str) -> String {
    let result = Options::parse(options_json).and_then(|o| {
        let resolved = o.resolved()?;
        let (report, parsed) = lint_one(text.as_bytes(), &resolved);
        Ok((report_json(&report)?, matrix_json(&report, parsed.as_ref(), &resolved)))
    });
    let value = match result {
        Ok((report, matrix)) => {
            let report: serde_json::Value = serde_json::from_str(&report).unwrap_or_default();
            let (matrix, why) = match matrix {
                Ok(m) => (serde_json::from_str::<serde_json::Value>(&m).unwrap_or_default(), None),
                Err(why) => (serde_json::Value::Null, Some(why)),
            };
            serde_json::json!({
                "report": report,
                "permissions": matrix,
                "permissions_error": why,
                "docs_base": crate::rule::docs_page(),
            })
        }
        Err(e) => serde_json::json!({ "error": crate::text::sanitize_inline(&e) }),
    };
    value.to_string()
}

/// Does `text` hold a credential (R007), whatever the page's rule options
/// turn off? The Share button asks before putting the text in a link.
pub fn holds_secret(text: &str) -> bool {
    let only_secrets = Options {
        select: vec!["R007".into()],
        ..Options::default()
    };
    match only_secrets.resolved() {
        Ok(resolved) => lint_one(text.as_bytes(), &resolved)
            .0
            .diagnostics
            .iter()
            .any(|d| d.rule.code == "R007"),
        // Not reached (the selection is fixed): ask rather than leak.
        Err(_) => true,
    }
}

#[cfg(target_arch = "wasm32")]
mod wasm;

#[cfg(test)]
mod tests {
    use super::*;

    /// The Share check ignores the page's options: ignoring R007 or a bad
    /// selector never lets a credential into a link unasked.
    #[test]
    fn holds_secret_whatever_the_options() {
        let text = r#"{"schema_version": "4.1", "webhook_secret": "whsec_9fK2mQ7vX1pL8rT4nB6cZ3yW"}"#;
        assert!(holds_secret(text));
        let ignored = Options::parse(r#"{"ignore": ["R007"]}"#).unwrap();
        let (report, _) = lint_one(text.as_bytes(), &ignored.resolved().unwrap());
        assert!(!report.diagnostics.iter().any(|d| d.rule.code == "R007"));
        assert!(!holds_secret(
            r#"{"schema_version": "4.1", "app_manifest": {"name": "x"}}"#
        ));
    }

    #[test]
    fn lint_is_the_json_report() {
        let text = r#"{"schema_version": "4.1", "app_manifest": {"name": "x"}, "components": {}}"#;
        let out = lint(text.as_bytes(), &Options::default()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["files"][0]["path"], SHOWN);
        assert_eq!(v["summary"]["files"], 1);
        let bad = Options::parse(r#"{"ignore": [""]}"#).unwrap();
        assert!(lint(text.as_bytes(), &bad).unwrap_err().contains("empty selector"));
        assert!(Options::parse(r#"{"nope": 1}"#).is_err());
    }

    #[test]
    fn analyze_gives_report_and_matrix() {
        let text = r#"{"schema_version": "4.1", "app_manifest": {"name": "x"}, "components": {"data_connector": {"instances": [{"grant_type": "client_credentials", "permissions": {"company": {"directory": "admin"}}}]}}}"#;
        let v: serde_json::Value = serde_json::from_str(&analyze(text, "{}")).unwrap();
        assert!(v["report"]["files"].is_array());
        assert!(v["permissions"]["grants"].is_array(), "{v}");
        let broken: serde_json::Value = serde_json::from_str(&analyze("{", "")).unwrap();
        assert!(broken["permissions"].is_null());
        assert_eq!(broken["report"]["files"][0]["diagnostics"][0]["code"], "S001");
        let bad: serde_json::Value = serde_json::from_str(&analyze("{}", "{\"select\": [\"Z9\"]}")).unwrap();
        assert!(bad["error"].as_str().unwrap().contains("matches no rule"));
    }
}
