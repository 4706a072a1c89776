//! End-to-end `--fix`, `--unsafe-fixes` and `--diff`.

mod common;

use assert_cmd::Command;
use std::fs;

fn bin() -> Command {
    Command::cargo_bin("procore-manifest").expect("binary")
}

/// Every fixture with a fix: the fixed file as a snapshot, valid JSON, the
/// fixed findings gone, and a second --fix changes nothing.
#[test]
fn every_fixable_fixture() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut fixed_any = 0;
    for path in common::json_files(&common::root().join("fixtures")) {
        let before = common::lint_fixture(&path);
        let fixable: Vec<(&'static str, String)> = before
            .diagnostics
            .iter()
            .filter(|d| d.fix.is_some())
            .map(|d| (d.rule.code, d.pointer.clone()))
            .collect();
        if fixable.is_empty() {
            continue;
        }
        fixed_any += 1;
        let target = dir.path().join("manifest.json");
        fs::copy(&path, &target).expect("copy");
        let out = bin()
            .args(["check", "--fix", "--unsafe-fixes", "--format", "json", "--no-config"])
            .arg(&target)
            .output()
            .expect("runs");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
        assert!(
            report["summary"]["fixed"].as_u64().unwrap_or(0) >= 1,
            "{}",
            path.display()
        );
        let text = fs::read_to_string(&target).expect("read");
        let after = procore_manifest::lint_source("manifest.json", &text, &procore_manifest::Settings::default());
        assert!(
            after.diagnostics.iter().all(|d| d.rule.code != "S001"),
            "{}: invalid JSON after fix",
            path.display()
        );
        for (code, pointer) in &fixable {
            // A rename moves the pointer; the code must be gone at the old one.
            assert!(
                !after
                    .diagnostics
                    .iter()
                    .any(|d| d.rule.code == *code && &d.pointer == pointer),
                "{}: {code} at {pointer} survived --fix",
                path.display()
            );
        }
        let name = path
            .strip_prefix(common::root().join("fixtures"))
            .expect("under fixtures")
            .display()
            .to_string();
        insta::assert_snapshot!(format!("fixed__{}", name.replace(['/', '.'], "_")), text);
        // Idempotent.
        bin()
            .args(["check", "--fix", "--unsafe-fixes", "--no-config", "--format", "json"])
            .arg(&target)
            .output()
            .expect("runs");
        assert_eq!(
            fs::read_to_string(&target).expect("read"),
            text,
            "{}: second --fix changed the file",
            path.display()
        );
    }
    assert!(fixed_any >= 5, "only {fixed_any} fixtures had fixes");
}

const MESSY: &str = "\u{feff}{\r\n  \"schema_version\": \"4.1\",\r\n  \"permissions\": { \"project\": { \"rfi\": \"Read Only\", \"photos\": \"none\", \"budget\": \"readonly\" } }\r\n}\r\n";

#[test]
fn fix_keeps_bom_crlf_and_permissions_and_skips_unsafe_by_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = dir.path().join("manifest.json");
    fs::write(&m, MESSY).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&m, fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let out = bin()
        .args(["check", "--fix", "--no-config", "--format", "json"])
        .arg(&m)
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["summary"]["fixed"], 2);
    let codes: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .expect("d")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"P007"),
        "the unsafe rename is not applied without --unsafe-fixes: {codes:?}"
    );
    let text = fs::read_to_string(&m).expect("read");
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(text.matches("\r\n").count(), 4);
    assert_eq!(
        text,
        MESSY
            .replace("\"Read Only\"", "\"readonly\"")
            .replace(" \"photos\": \"none\",", "")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&m).expect("meta").permissions().mode() & 0o777, 0o640);
    }
    // No temporary file left behind.
    assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
}

#[test]
fn diff_writes_nothing_and_exits_1_when_there_is_something_to_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = dir.path().join("manifest.json");
    fs::write(&m, MESSY).expect("write");
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--diff", "--no-config", "manifest.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.starts_with("--- a/manifest.json\n+++ b/manifest.json\n"), "{diff}");
    assert!(
        diff.contains("-  \"permissions\"") && diff.contains("\"rfi\": \"readonly\""),
        "{diff}"
    );
    assert!(!diff.contains("budgeting"), "unsafe fixes need --unsafe-fixes");
    assert_eq!(fs::read_to_string(&m).expect("read"), MESSY, "--diff changes nothing");
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--diff", "--unsafe-fixes", "--no-config", "manifest.json"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("budgeting"));
    let clean = common::root().join("fixtures/valid/v41-complete.manifest.json");
    let out = bin()
        .args(["check", "--diff", "--no-config"])
        .arg(clean)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn stdin_fix_prints_fixed_text_and_reports_on_stderr() {
    let out = bin()
        .args(["check", "--fix", "--no-config", "--color", "never", "-"])
        .write_stdin(MESSY)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        MESSY
            .replace("\"Read Only\"", "\"readonly\"")
            .replace(" \"photos\": \"none\",", "")
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("P007(legacy-tool-key)") && stderr.contains("2 fixed"),
        "{stderr}"
    );
}

#[test]
fn unsafe_fixes_alone_is_an_error() {
    let out = bin()
        .args(["check", "--unsafe-fixes", "-"])
        .write_stdin("{}")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

/// A fix never removes one entry of a key written twice: the other would
/// then win (a later `"none"` removed hands the grant to an earlier
/// `"admin"`). Also through stdin, and `--force-exclude` on stdin prints
/// the text back unchanged.
#[test]
fn no_fix_hands_a_duplicated_grant_to_its_twin() {
    let text = r#"{"schema_version": "4.1", "post_installation_instruction": {"notes": "Open the app.", "page": {"url": "https://acme.io/setup", "label": "Setup"}}, "permissions": {"company": {"directory": "admin", "directory": "none"}}}"#;
    let out = bin()
        .args(["check", "--no-config", "--fix", "--unsafe-fixes", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    let fixed = String::from_utf8_lossy(&out.stdout);
    assert!(fixed.contains(r#""directory": "none""#), "{fixed}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("R001"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("procore-manifest.toml"), "exclude = [\"vendor/**\"]\n").expect("write");
    let out = bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--fix",
            "--force-exclude",
            "--stdin-filename",
            "vendor/m.json",
            "-",
        ])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), text);
}

/// A005's removal of a leftover oauth block is safe only when no grant
/// goes with it, however the permissions inside are spelled.
#[test]
fn a005_keeps_grants_under_a_misspelled_key() {
    for key in ["Permissions", "permisions", "PERMISSIONS"] {
        let text = format!(
            r#"{{"schema_version": "4.1", "components": {{"oauth": {{"instances": [{{"uuid": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "grant_type": "client_credentials", "{key}": {{"company": {{"directory": "admin"}}}}}}]}}}}}}"#
        );
        let out = bin()
            .args(["check", "--no-config", "--fix", "-"])
            .write_stdin(text.clone())
            .output()
            .expect("runs");
        let fixed = String::from_utf8_lossy(&out.stdout);
        assert!(fixed.contains(r#""directory": "admin""#), "{key}: {fixed}");
    }
}

/// A fix never deletes a member whose key is written twice in its object:
/// the earlier one would come back (a later `"components": {"oauth": {}}`
/// removed by A005's safe fix revived an earlier `components` granting
/// Directory Admin: risk low to critical).
#[test]
fn no_fix_removes_a_member_written_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = r#"{ "schema_version": "4.1",
  "post_installation_instruction": { "notes": "Connect.", "page": { "url": "https://help.acme.io/setup", "label": "Setup" } },
  "permissions": { "project": { "rfi": "readonly" } },
  "components": { "oauth": { "instances": [ { "grant_type": "client_credentials", "permissions": { "company": { "directory": "admin" } } } ] } },
  "components": { "oauth": {} } }
"#;
    let also = text.replace(
        r#""components": { "oauth": {} } }"#,
        r#""components": { "oauth": {}, "oauth": {} } }"#,
    );
    // The oauth key twice in one components (the earlier one granting).
    let inner = r#"{"schema_version": "4.1", "components": {"oauth": {"instances": [{"grant_type": "client_credentials", "permissions": {"company": {"directory": "admin"}}}]}, "oauth": {}}}"#;
    // A legacy key written twice: renaming the later revives the earlier.
    let legacy = "{\n \"schema_version\": \"4.1\",\n \"permissions\": {\"company\": {\"portfolio\": \"admin\", \"portfolio\": \"readonly\"}}\n}\n";
    for text in [text.to_string(), also, inner.to_string(), legacy.to_string()] {
        let target = dir.path().join("manifest.json");
        fs::write(&target, &text).expect("write");
        let out = bin()
            .args(["check", "--fix", "--unsafe-fixes", "--format", "json", "--no-config"])
            .arg(&target)
            .output()
            .expect("runs");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
        assert_eq!(report["summary"]["fixed"], 0, "{report}");
        assert_eq!(fs::read_to_string(&target).expect("read"), text);
    }
}
