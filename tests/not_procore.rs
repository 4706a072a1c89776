//! Other products' JSON files (fixtures/not-procore: OpenAPI, Teams and
//! Office add-in manifests, a browser extension and a web app manifest,
//! package.json, tsconfig.json, composer.json, a JSON Schema) are not
//! Procore manifests: the walk and `--skip-non-manifests` skip them, the
//! language server says nothing about them.

mod common;

use common::lsp_client::Client;
use serde_json::json;
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_procore-manifest"));
    c.current_dir(common::root());
    c
}

fn files() -> Vec<std::path::PathBuf> {
    let files = common::json_files(&common::root().join("fixtures/not-procore"));
    assert!(files.len() >= 10, "{files:?}");
    files
}

#[test]
fn the_walk_skips_them() {
    let out = bin()
        .args(["check", "fixtures/not-procore", "--no-config"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no manifest files found"));
}

#[test]
fn skip_non_manifests_skips_them_when_named() {
    let mut cmd = bin();
    cmd.args(["check", "--no-config", "--skip-non-manifests", "--format", "concise"]);
    for f in files() {
        cmd.arg(f);
    }
    let out = cmd.output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_language_server_is_silent_on_them() {
    let c = Client::start(json!({}));
    for f in files() {
        let uri = url::Url::from_file_path(&f).expect("uri").to_string();
        let text = std::fs::read_to_string(&f).expect("read");
        c.open(&uri, &text);
        let (d, _) = c.diagnostics(&uri);
        assert!(d.is_empty(), "{}: {d:?}", f.display());
    }
    c.stop();
}

#[test]
fn a_manifest_named_anything_is_still_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("procore-app.json"),
        r#"{"permissions": {"company": {"directory": "admin"}}}"#,
    )
    .expect("write");
    // A broken file counts only when named like a manifest.
    std::fs::write(dir.path().join("broken.json"), "{\"permissions\": ").expect("write");
    std::fs::write(dir.path().join("app-manifest.json"), "{\"permissions\": ").expect("write");
    let out = bin()
        .args(["check", "--no-config", "--format", "concise"])
        .arg(dir.path())
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("procore-app.json") && text.contains("R001"), "{text}");
    assert!(text.contains("app-manifest.json") && text.contains("S001"), "{text}");
    assert!(!text.contains("broken.json"), "{text}");
}
