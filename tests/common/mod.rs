//! Shared helpers: lint a fixture and render it the way users see it.
#![allow(dead_code)]

pub mod lsp_client;

use procore_manifest::output::{human::Human, json::Json, EmitContext, Emitter};
use procore_manifest::{lint_bytes, FileReport, Settings};
use std::path::Path;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Lint a file with default settings; its path as shown is relative to the repo.
pub fn lint_fixture(path: &Path) -> FileReport {
    let bytes = std::fs::read(path).expect("fixture readable");
    let shown = path
        .strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    lint_bytes(&shown, &bytes, &Settings::default())
}

pub fn render(emitter: &mut dyn Emitter, reports: &[FileReport]) -> String {
    let cx = EmitContext {
        color: false,
        width: 100,
    };
    let mut buf = Vec::new();
    emitter.emit(&mut buf, reports, &cx).expect("emit");
    String::from_utf8(buf).expect("utf-8 report")
}

pub fn human(reports: &[FileReport]) -> String {
    render(&mut Human::new(false), reports)
}

/// The JSON report with the tool version redacted.
pub fn json(reports: &[FileReport]) -> String {
    render(&mut Json::default(), reports).replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[VERSION]\"",
    )
}

/// Every `*.json` file under `dir`, sorted.
pub fn json_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("fixture dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
