//! The command line and the language server find the same things in the
//! same file under the same config: both go through
//! `workspace::lint_file`. Proven on every fixture (the walk of `check` and
//! the editor use one manifest test, so the same files are linted).

mod common;

use common::lsp_client::Client;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// (code, message, 0-based start line) of each finding.
type Findings = BTreeSet<(String, String, u64)>;

#[test]
fn cli_and_language_server_agree_on_every_fixture() {
    let root = common::root();
    let out = assert_cmd::Command::cargo_bin("procore-manifest")
        .expect("binary")
        .current_dir(root)
        .args(["check", "fixtures", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json report");
    let mut cli: BTreeMap<String, Findings> = BTreeMap::new();
    for f in report["files"].as_array().expect("files") {
        let findings = f["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d.get("suppressed").is_none_or(Value::is_null))
            .map(|d| {
                // The editor shows the help under the message.
                let help = d["help"].as_str().map(|h| format!("\nhelp: {h}")).unwrap_or_default();
                (
                    d["code"].as_str().unwrap_or_default().to_string(),
                    format!("{}{help}", d["message"].as_str().unwrap_or_default()),
                    d["span"]["start"]["line"].as_u64().unwrap_or(0) - 1,
                )
            })
            .collect();
        cli.insert(f["path"].as_str().expect("path").to_string(), findings);
    }

    let client = Client::start(json!({}));
    let mut compared = 0;
    for path in common::json_files(&root.join("fixtures")) {
        let shown = path
            .strip_prefix(root)
            .expect("under the repo")
            .to_string_lossy()
            .replace('\\', "/");
        // An editor holds text: a file that is not UTF-8 never reaches the server as it is.
        let Ok(text) = std::fs::read_to_string(&path) else {
            cli.remove(&shown);
            continue;
        };
        let uri = url::Url::from_file_path(&path).expect("uri").to_string();
        client.open(&uri, &text);
        let (diagnostics, _) = client.diagnostics(&uri);
        let lsp: Findings = diagnostics
            .iter()
            .filter(|d| d["code"] != "X002")
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or_default().to_string(),
                    d["message"].as_str().unwrap_or_default().to_string(),
                    d["range"]["start"]["line"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        match cli.get(&shown) {
            Some(expected) => {
                assert_eq!(&lsp, expected, "{shown}: the editor and `check` disagree");
                compared += 1;
            }
            None => assert!(lsp.is_empty(), "{shown}: `check` skips it, the editor reported {lsp:?}"),
        }
        client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
        let _ = client.diagnostics(&uri);
    }
    assert_eq!(compared, cli.len(), "every file `check` reported was compared");
    assert!(compared > 40, "only {compared} fixtures compared");
    client.stop();
}
