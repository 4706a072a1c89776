//! Output safety, end to end through the binary: no secret of the R007
//! fixtures in any report of any command (tests/secrets.rs and
//! tests/formats.rs check the emitters one by one; this checks what the
//! binary writes, stdout and stderr), and no manifest content reaches a
//! terminal as control characters in the human and concise formats.

mod common;

use assert_cmd::Command;
use std::fs;

/// The secret values of fixtures/R007 (the list of tests/secrets.rs).
const SECRETS: &[&str] = &[
    "sk_live_51HxQzTopSecretValue",
    "abc123SECRETTOKEN",
    "AKIAsecretkeyvalue1234",
];

fn bin() -> Command {
    let mut c = Command::cargo_bin("procore-manifest").expect("binary");
    c.current_dir(common::root())
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .env("PROCORE_MANIFEST_TODAY", "2026-11-23");
    c
}

/// stdout and stderr of one run.
fn output(args: &[&str]) -> String {
    let out = bin().args(args).output().expect("runs");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn no_command_or_format_prints_a_secret() {
    let fixtures: Vec<String> = common::json_files(&common::root().join("fixtures/R007"))
        .iter()
        .map(|p| {
            p.strip_prefix(common::root())
                .expect("under the root")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(fixtures.len(), 2);
    let mut runs: Vec<Vec<String>> = Vec::new();
    for f in &fixtures {
        for format in ["human", "concise", "json", "sarif", "github", "junit", "gitlab"] {
            runs.push(vec![
                "check".into(),
                "--no-config".into(),
                "--format".into(),
                format.into(),
                f.clone(),
            ]);
        }
        runs.push(vec![
            "check".into(),
            "--no-config".into(),
            "--color".into(),
            "always".into(),
            f.clone(),
        ]);
        for format in ["table", "markdown", "json", "csv"] {
            runs.push(vec!["permissions".into(), "--format".into(), format.into(), f.clone()]);
        }
        for format in ["human", "markdown", "json"] {
            // Against the other fixture: every value of both is compared.
            for other in &fixtures {
                runs.push(vec![
                    "diff".into(),
                    "--format".into(),
                    format.into(),
                    other.clone(),
                    f.clone(),
                ]);
            }
        }
    }
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = output(&args);
        for s in SECRETS {
            assert!(!out.contains(s), "`{}` prints the secret {s}:\n{out}", args.join(" "));
        }
    }
}

/// `check --diff` and `diff` print manifest text: secrets are masked there
/// too, on the lines a fix changes and in the context around them.
#[test]
fn diffs_never_print_a_secret() {
    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    // A fixable level ("ADMIN") next to a secret-named member and on the
    // same line as a Bearer token.
    fs::write(
        &old,
        concat!(
            "{\n",
            "  \"schema_version\": \"4.1\",\n",
            "  \"client_secret\": \"hunter2hunter2hunter2\",\n",
            "  \"permissions\": { \"company\": { \"directory\": \"ADMIN\", \"note\": \"Bearer abc.def0123456789\" } }\n",
            "}\n"
        ),
    )
    .expect("write");
    fs::write(
        &new,
        format!(
            concat!(
                "{{\n",
                "  \"schema_version\": \"4.1\",\n",
                "  \"sidepanel\": {{ \"uuid\": \"b5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f70\", \"source_url\": \"{jwt}\", \"views\": [\"{jwt}\"] }},\n",
                "  \"permissions\": {{ \"company\": {{ \"directory\": \"admin\" }} }}\n",
                "}}\n"
            ),
            jwt = JWT
        ),
    )
    .expect("write");
    let (old, new) = (old.to_string_lossy().into_owned(), new.to_string_lossy().into_owned());
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["check", "--no-config", "--diff", &old],
        vec!["check", "--no-config", "--diff", "--unsafe-fixes", &old],
    ];
    for format in ["human", "markdown", "json"] {
        runs.push(vec!["diff", "--format", format, &old, &new]);
        runs.push(vec!["diff", "--format", format, &new, &old]);
    }
    for args in runs {
        let out = output(&args);
        assert!(!out.trim().is_empty(), "`{}` printed nothing", args.join(" "));
        for s in ["hunter2hunter2hunter2", "abc.def0123456789", JWT, "c2lnbmF0dXJl"] {
            assert!(!out.contains(s), "`{}` prints the secret {s}:\n{out}", args.join(" "));
        }
    }
    // The fix itself is still shown.
    let diff = output(&["check", "--no-config", "--diff", &old]);
    assert!(
        diff.contains("-  \"permissions\"") && diff.contains("\"admin\""),
        "{diff}"
    );
}

/// A manifest with an ANSI escape and a bell in member names and values.
const HOSTILE: &str = "{\n  \"schema_version\": \"4.1\",\n  \"re\\u001b[31mdalert\\u0007\": \"x\\u001b[2J\\u0007y\",\n  \"permissions\": { \"company\": { \"dir\\u001b[31mectory\\u0007\": \"ad\\u001b]0;title\\u0007min\" } },\n  \"sidepanel\": { \"uuid\": \"b5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f70\", \"source_url\": \"https://app.vendor.io/\\u001b[31m\\u0007\", \"views\": [\"rfi\\u001b[0m.detail\\u0007\"] }\n}\n";

#[test]
fn no_manifest_content_reaches_the_terminal_as_control_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("manifest.json"), HOSTILE).expect("write");
    // The file is valid JSON and has findings on each hostile name and value.
    assert!(procore_manifest::syntax::parse(HOSTILE, &procore_manifest::syntax::Arena::default()).is_ok());
    for format in ["human", "concise"] {
        let out = bin()
            .current_dir(dir.path())
            .args([
                "check",
                "--no-config",
                "--color",
                "never",
                "--format",
                format,
                "manifest.json",
            ])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{format}");
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n') {
                panic!("{format} {stream} holds the control character {c:?}:\n{text}");
            }
        }
        let text = String::from_utf8_lossy(&out.stdout);
        // The findings are there, the escapes shown as visible text.
        for needle in ["re\\u{1b}[31mdalert\\u{7}", "dir\\u{1b}[31mectory\\u{7}"] {
            assert!(text.contains(needle), "{format}: no {needle:?} in\n{text}");
        }
    }
    // With color the tool's own escapes are there, never the manifest's.
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--color", "always", "manifest.json"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for hostile in ["\u{7}", "\u{1b}[2J", "\u{1b}]0;"] {
        assert!(!text.contains(hostile), "{hostile:?} reached the terminal:\n{text}");
    }
}

/// A secret found only by the entropy test (a long high-entropy string
/// under a key-like name: as a grant's value, in a list, as a declared
/// default, in a file that does not parse) is found by R007 and shown by
/// no command in no format.
#[test]
fn entropy_secrets_leave_by_no_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let v = "Qm7vT2xLp9sKw3ZrAbCdEf12";
    let manifests = [
        format!(
            r#"{{"schema_version": "4.1", "permissions": {{"project": {{"rfi": "readonly", "license_key": "{v}"}}}}}}"#
        ),
        format!(r#"{{"schema_version": "4.1", "app_manifest": {{"name": "A", "license_keys": ["{v}"]}}}}"#),
        format!(
            r#"{{"schema_version": "4.1", "fullscreen": {{"source_url": "https://a.acme.io", "user_configuration": {{"schema": {{"type": "object", "properties": {{"license_key": {{"type": "string", "default": "{v}"}}}}}}}}}}}}"#
        ),
        format!(
            "{{\"schema_version\": \"4.1\",\n \"app_manifest\": {{\"name\": \"A\", \"license_key\": \"{v}\"}},\n}}"
        ),
    ];
    for (n, text) in manifests.iter().enumerate() {
        let path = dir.path().join(format!("m{n}.json"));
        fs::write(&path, text).expect("write");
        let p = path.to_str().expect("utf-8");
        let concise = output(&["check", "--no-config", "--format", "concise", p]);
        assert!(concise.contains("R007"), "{n}: {concise}");
        let mut runs = vec![output(&["check", "--no-config", "--color", "never", p])];
        for format in ["table", "markdown", "json", "csv"] {
            runs.push(output(&["permissions", "--no-config", "--format", format, p]));
        }
        for out in runs {
            assert!(!out.contains(v), "{n}: {out}");
        }
    }
}

/// A secret's text written again elsewhere in the file (in a note, in a
/// URL's query) is masked there too: source excerpts, `--diff`, and the
/// `diff` command's values.
#[test]
fn a_secret_quoted_again_elsewhere_is_masked_there_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let v = "Zq8vN3xK0pLr7TbW2yHc5FgJ";
    let new = format!(
        "{{\n \"schema_version\": \"4.1\",\n \"client_secret\": \"{v}\",\n \"permissions\": {{\"company\": {{\"directory\": \"Read Only\"}}}},\n \"fullscreen\": {{\"source_url\": \"https://app.acme.io/?x={v}\"}},\n \"post_installation_instruction\": {{\"notes\": \"secret is {v}\"}}\n}}\n"
    );
    let old = "{\"schema_version\": \"4.1\", \"fullscreen\": {\"source_url\": \"https://app.acme.io/\"}}";
    let (n, o) = (dir.path().join("new.json"), dir.path().join("old.json"));
    fs::write(&n, &new).expect("write");
    fs::write(&o, old).expect("write");
    let (n, o) = (n.to_str().expect("utf-8"), o.to_str().expect("utf-8"));
    let runs = [
        output(&["check", "--no-config", "--color", "never", n]),
        output(&["check", "--no-config", "--diff", n]),
        output(&["diff", "--format", "json", o, n]),
        output(&["diff", o, n]),
    ];
    for out in runs {
        assert!(!out.contains(v), "{out}");
    }
}

/// Values echoed by `diff` (human, Markdown) and `usage`'s Markdown, and
/// an expired acceptance's reason, are cut at 200 characters like every
/// echoed value.
#[test]
fn long_values_are_cut_in_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let long = "k".repeat(300);
    let new = format!(
        r#"{{"schema_version": "4.1", "permissions": {{"project": {{"{long}": "readonly"}}}}, "fullscreen": {{"source_url": "https://app.acme.io/{long}"}}}}"#
    );
    let (n, o) = (dir.path().join("new.json"), dir.path().join("old.json"));
    fs::write(&n, new).expect("write");
    fs::write(&o, r#"{"schema_version": "4.1"}"#).expect("write");
    let (n, o) = (n.to_str().expect("utf-8"), o.to_str().expect("utf-8"));
    for out in [output(&["diff", o, n]), output(&["diff", "--format", "markdown", o, n])] {
        assert!(!out.contains(&long), "{out}");
    }
    fs::write(
        dir.path().join("procore-manifest.toml"),
        format!("[[allow]]\nrule = \"R007\"\nfiles = \"*.json\"\nreason = \"{long}\"\nexpires = 2020-01-01\n"),
    )
    .expect("config");
    let m = dir.path().join("m.json");
    fs::write(
        &m,
        r#"{"schema_version": "4.1", "app_manifest": {"name": "A", "client_secret": "s3cr3t-value-1"}}"#,
    )
    .expect("write");
    for format in ["concise", "github"] {
        let out = output(&["check", "--format", format, m.to_str().expect("utf-8")]);
        assert!(
            out.contains("acceptance expired") && !out.contains(&long),
            "{format}: {out}"
        );
    }
}

/// A file name is one line wherever it is shown: a newline, a tab or ESC
/// in it is escaped (`\x0A`) in every command's messages and reports, so
/// no name starts a line of its own (a forged `::error` or report line).
#[test]
fn control_characters_in_file_names_never_reach_a_line_of_their_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "bad\n::error file=x::forged\t\u{1b}[31m.json";
    let manifest = r#"{"schema_version": "4.1", "permissions": {"company": {"directory": "admin"}}}"#;
    fs::write(dir.path().join(name), manifest).expect("write");
    fs::write(dir.path().join("broken\n.json"), "{").expect("write");
    let csv = "Date,Response Code,HTTP Method,Normalized Route,Count\n2026-11-01,abc,GET,/x,1\n";
    fs::write(dir.path().join("bad\nrow.csv"), csv).expect("write");
    let d = dir.path().to_str().expect("utf-8");
    let runs: Vec<Vec<String>> = vec![
        vec!["check".into(), d.into()],
        vec!["check".into(), d.into(), "--format".into(), "github".into()],
        vec!["check".into(), d.into(), "--format".into(), "concise".into()],
        vec!["permissions".into(), format!("{d}/{name}")],
        vec!["permissions".into(), format!("{d}/broken\n.json")],
        vec![
            "usage".into(),
            format!("{d}/{name}"),
            "--activity".into(),
            format!("{d}/bad\nrow.csv"),
        ],
        vec![
            "usage".into(),
            format!("{d}/missing\n.json"),
            "--activity".into(),
            format!("{d}/none\n.csv"),
        ],
    ];
    for args in runs {
        let out = output(&args.iter().map(String::as_str).collect::<Vec<_>>());
        for line in out.lines() {
            assert!(!line.starts_with("::error file=x"), "{args:?}: {out}");
            assert!(!line.contains('\u{1b}') && !line.contains('\t'), "{args:?}: {line:?}");
        }
        assert!(out.contains("\\x0A"), "{args:?}: the name is shown escaped: {out}");
    }
    // Other characters the sanitizer escapes, and a name that spells one
    // of its escapes: two names never print the same, in any format.
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["a\u{85}b.json", "a\\u{85}b.json", "r\u{202e}l.json", "l\u{2028}s.json"] {
        fs::write(dir.path().join(name), manifest).expect("write");
    }
    let d = dir.path().to_str().expect("utf-8");
    for format in ["concise", "github", "junit", "markdown", "json"] {
        let out = output(&["check", d, "--no-config", "--format", format]);
        // (JSON writes each backslash of a name as two.)
        let out = if format == "json" {
            out.replace("\\\\", "\\")
        } else {
            out
        };
        for shown in [
            "a\\u{85}b.json",
            "a\\x5Cu{85}b.json",
            "r\\u{202e}l.json",
            "l\\u{2028}s.json",
        ] {
            assert!(out.contains(shown), "{format}: {shown} in {out}");
        }
    }
    let mut stdin = bin();
    let out = stdin
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--stdin-filename",
            "in\nput.json",
            "-",
        ])
        .write_stdin(manifest)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("in\\x0Aput.json:"), "{text}");
}

/// The secret review's classes: a secret in a key cut at 200 characters,
/// plural and compound secret names, a PEM key whose END line follows its
/// body, newer GitLab and TestPyPI prefixes are found and never printed;
/// a Bearer before a word of prose and an `npm_` identifier are no secret.
#[test]
fn secret_classes_of_the_twelfth_review() {
    let dir = tempfile::tempdir().expect("tempdir");
    let z = "z".repeat(176);
    let token = "ghp_U8JZpDE0iGXlD6gNa1b2c3d4e5f6g7h8i9j0";
    let pem = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7sD7kQ==-----END PRIVATE KEY-----";
    let b64 = "Kq3Zr8Lm2Np5Tx7Vb1Wc4Yd6Fg9HaBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
    let secrets = [
        ("webhook_secrets", "Kq3Zr8Lm2Np5Tx7Vb1Wc4Yd6Fg9H".to_string()),
        ("refresh_tokens", "Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0L".to_string()),
        ("sshPassPhrase", "correct horse battery".to_string()),
        ("dbPassword1", "hunter2hunter2".to_string()),
        ("clientsecret", "s3cr3t-v4lu3-h3r3".to_string()),
        ("support_note", pem.to_string()),
        ("runner", format!("glrtr-{}", &b64[..24])),
        ("workspace", format!("glwt-{}", &b64[..24])),
        ("upload", format!("pypi-AgENdGVzdC5weXBpLm9yZw{b64}")),
    ];
    let members: Vec<String> = secrets.iter().map(|(k, v)| format!(r#""{k}": "{v}""#)).collect();
    let manifest = format!(
        r#"{{"schema_version": "4.1", "app_manifest": {{"id": "1", "name": "Sync", "note{z}{token}": 1, {}}}, "post_installation_instruction": {{"notes": "The API uses Bearer Authentication over TLS. Set npm_config_registry to your mirror."}}, "permissions": {{"project": {{"rfi": "readonly"}}}}}}"#,
        members.join(", ")
    );
    fs::write(dir.path().join("m.json"), &manifest).expect("write");
    let d = dir.path().to_str().expect("utf-8");
    for format in ["concise", "json", "sarif", "markdown", "github"] {
        let out = output(&["check", d, "--no-config", "--format", format]);
        assert!(
            !out.contains("U8JZpD") && !out.contains("MIIEvQ") && !out.contains(&b64[..12]),
            "{format}: {out}"
        );
        for (_, v) in &secrets {
            assert!(!out.contains(v.as_str()), "{format}: {v} in {out}");
        }
    }
    let out = output(&["check", d, "--no-config", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let r007: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|f| f["code"] == "R007")
        .filter_map(|f| f["pointer"].as_str())
        .collect();
    // One for the key holding the token, one per planted secret, none for
    // the notes (prose).
    assert_eq!(r007.len(), secrets.len() + 1, "{r007:?}");
    assert!(!r007.iter().any(|p| p.contains("notes")), "{r007:?}");
}

/// `usage` keeps a token pasted into the HTTP Method column as written, so
/// the mask finds it (upper-cased, it was printed).
#[test]
fn a_token_in_the_method_column_is_masked() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("m.json"),
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
    )
    .expect("write");
    let csv = "Date,Response Code,HTTP Method,Normalized Route,Count\n2025-01-01,200,sk_live_Qw8Er7Ty6Ui5Op4As3Df2,/v1.0/x,4\n";
    fs::write(dir.path().join("a.csv"), csv).expect("write");
    let m = dir.path().join("m.json");
    let a = dir.path().join("a.csv");
    for format in ["human", "json", "markdown"] {
        let out = output(&[
            "usage",
            m.to_str().expect("utf-8"),
            "--activity",
            a.to_str().expect("utf-8"),
            "--no-config",
            "--format",
            format,
        ]);
        assert!(
            !out.to_ascii_lowercase().contains("qw8er7ty6ui5op4as3df2"),
            "{format}: {out}"
        );
    }
}
