//! The bad-input matrix, end to end (the built binary, exact exit codes):
//! a file's content problem is a finding (exit 1) whose message names the
//! file and the position; a named path that cannot be read or is not a
//! regular file, and a walk error, are exit 2 with the path on stderr; the
//! other files are still checked.
//!
//! Rows covered elsewhere, not repeated here: a FIFO named on the command
//! line (tests/cli.rs `fifo_is_never_opened`: exit 2, never blocks), an
//! unknown config key (tests/config.rs `bad_config_exits_2_naming_file_line_and_key`),
//! corrupt and too-new baselines (tests/config.rs `bad_baselines_exit_2`),
//! 100,000 `[` on stdin (tests/cli.rs); every fixture under fixtures/S001
//! (snapshots).

use assert_cmd::Command;
use std::fs;
use std::path::Path;

const GOOD: &str = r#"{
  "schema_version": "4.1",
  "post_installation_instruction": { "notes": "Connect your account.", "page": { "url": "https://help.acme.io/setup", "label": "Setup" } },
  "permissions": { "company": { "documents": "readonly" } }
}
"#;

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("procore-manifest").expect("binary");
    c.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .timeout(std::time::Duration::from_secs(120));
    c
}

/// Exit code, stdout, stderr.
fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `check --format concise NAME` on a file holding `bytes`.
fn concise(name: &str, bytes: &[u8]) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join(name), bytes).expect("write");
    run(bin(dir.path()).args(["check", "--no-config", "--format", "concise", name]))
}

/// The concise line of `code` (panics with the whole output when missing).
fn line_of<'a>(out: &'a str, code: &str) -> &'a str {
    out.lines()
        .find(|l| l.contains(&format!("[{code}]")))
        .unwrap_or_else(|| panic!("no {code} finding in:\n{out}"))
}

#[test]
fn empty_file() {
    let (code, out, _) = concise("empty.json", b"");
    assert_eq!(code, 1);
    assert!(
        line_of(&out, "S001").starts_with("empty.json:1:1: error[S001] the file is empty"),
        "{out}"
    );
}

#[test]
fn whitespace_only() {
    let (code, out, _) = concise("ws.json", b"  \n\t\r\n ");
    assert_eq!(code, 1);
    assert!(
        line_of(&out, "S001").starts_with("ws.json:3:2: error[S001] the file holds only whitespace"),
        "{out}"
    );
}

#[test]
fn not_utf8() {
    let (code, out, _) = concise("latin1.json", b"{\"schema_version\": \"4.1\", \"x\": \"caf\xe9\"}");
    assert_eq!(code, 1);
    assert!(
        line_of(&out, "S001").starts_with(
            "latin1.json:1:36: error[S001] the file is not valid UTF-8: invalid byte 0xE9 at byte offset 35"
        ),
        "{out}"
    );
}

#[test]
fn utf16_with_a_byte_order_mark_says_utf16() {
    let text = "{\"schema_version\": \"4.1\"}";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for (name, bytes) in [("le.json", le), ("be.json", be)] {
        let (code, out, _) = concise(name, &bytes);
        assert_eq!(code, 1, "{name}");
        assert!(
            line_of(&out, "S001").starts_with(&format!("{name}:1:1: error[S001] the file is UTF-16")),
            "{out}"
        );
        // The other formats take it too (its span once split a character
        // of the lossy copy the reports read: found by fuzzing).
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join(name), &bytes).expect("write");
        for format in ["human", "json", "sarif", "github", "junit", "gitlab"] {
            let (code, _, err) = run(bin(dir.path()).args(["check", "--no-config", "--format", format, name]));
            assert_eq!(code, 1, "{format}: {err}");
        }
    }
}

#[test]
fn utf8_bom_and_crlf() {
    let text = "\u{feff}{\r\n  \"schema_version\": \"4.1\",\r\n  \"bad\": 1\r\n}\r\n";
    let (code, out, _) = concise("bom.json", text.as_bytes());
    assert_eq!(code, 0, "an unknown member is a warning");
    // Line 3, column 3: CRLF is one line break, the BOM is no column.
    assert!(
        line_of(&out, "S006").starts_with("bom.json:3:3: warning[S006] unknown member `bad`"),
        "{out}"
    );
}

/// The human report counts a BOM as no column and shows no trace of it,
/// on a file that parses and one that does not, with a finding on line 1.
#[test]
fn a_bom_is_no_column_of_the_human_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("ok.json"),
        "\u{feff}{\"schema_version\": \"4.1\", \"x\": 1}\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("bad.json"),
        "\u{feff}{\"schema_version\": \"4.1\",, \"x\": 1}\n",
    )
    .expect("write");
    let (_, out, err) = run(bin(dir.path()).args(["check", "--no-config", "--color", "never", "ok.json", "bad.json"]));
    assert!(
        out.contains("[ok.json:1:27]") && out.contains("[bad.json:1:26]"),
        "{out}{err}"
    );
    assert!(!out.contains("??") && !out.contains('\u{feff}'), "{out}");
    assert!(out.contains("\n 1 │ {\"schema_version\""), "{out}");
}

/// A bidi, zero-width or C1 character before a finding on its line is one
/// column in the human report as in concise (each was one `?` per byte).
#[test]
fn unsafe_characters_are_one_column_in_the_human_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "{\"schema_version\": \"4.1\", \"notes\": \"a\u{202e}b\u{200d}c\u{85}d\u{e0041}\", \"x\": 1}\n";
    fs::write(dir.path().join("m.json"), text).expect("write");
    let (_, concise, _) = run(bin(dir.path()).args(["check", "--no-config", "--format", "concise", "m.json"]));
    let col = concise
        .lines()
        .find(|l| l.contains("[S006]") && l.contains("`x`"))
        .and_then(|l| l.split(':').nth(2))
        .expect("an S006 line")
        .to_string();
    let (_, human, _) = run(bin(dir.path()).args(["check", "--no-config", "--color", "never", "m.json"]));
    assert!(human.contains(&format!("[m.json:1:{col}]")), "{col}: {human}");
    assert!(!human.contains('\u{202e}') && !human.contains('\u{200d}'), "{human}");
}

#[test]
fn hundred_thousand_deep_nesting_in_a_file() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (code, out, _) = concise("deep.json", deep.as_bytes());
    assert_eq!(code, 1);
    assert!(
        line_of(&out, "S001").starts_with("deep.json:1:129: error[S001] nesting deeper than 128 levels"),
        "{out}"
    );
}

/// About 55 MB: a manifest with a huge unknown member (400,000 changelog
/// entries). It finishes (about 7 s in a debug build, 2 s in release) with
/// the one finding; bench/run.sh does not time it.
#[test]
fn fifty_megabyte_manifest() {
    let entry = |i: usize| {
        format!(
            "{{\"version\": \"1.{i}.0\", \"date\": \"2026-01-01\", \"notes\": \"Fixed the sync of daily logs for projects with more than a thousand entries.\"}}"
        )
    };
    let mut text = String::from(
        "{\"schema_version\": \"4.1\", \"post_installation_instruction\": {\"notes\": \"Open the app from the Apps menu.\"},\n\"x-changelog\": [",
    );
    for i in 0..400_000 {
        if i > 0 {
            text.push_str(",\n");
        }
        text.push_str(&entry(i));
    }
    text.push_str("]}\n");
    assert!(text.len() > 50_000_000);
    let (code, out, _) = concise("big.json", text.as_bytes());
    assert_eq!(code, 0, "an unknown member is a warning");
    assert!(
        line_of(&out, "S006").starts_with("big.json:2:1: warning[S006] unknown member `x-changelog`"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "one finding, one line:\n{out}");
}

#[test]
fn one_megabyte_single_line_string() {
    let long = "a".repeat(1 << 20);
    let text = format!("{{\"schema_version\": \"4.1\", \"x\": \"{long}\", \"y\": 1}}");
    let (code, out, _) = concise("long.json", text.as_bytes());
    assert_eq!(code, 0, "an unknown member is a warning");
    // `y` sits after the string, on the same line.
    let col = text.find("\"y\"").expect("y") + 1;
    assert!(
        out.contains(&format!("long.json:1:{col}: warning[S006] unknown member `y`")),
        "{}",
        &out[..out.len().min(2000)]
    );
    // The human report cuts the line around each finding.
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("long.json"), &text).expect("write");
    let (code, human, _) = run(bin(dir.path()).args(["check", "--no-config", "--color", "never", "long.json"]));
    assert_eq!(code, 0, "an unknown member is a warning");
    assert!(human.len() < 10_000, "{} bytes of human report", human.len());
    assert!(human.contains(&format!("[long.json:1:{col}]")), "{human}");
}

#[test]
fn duplicate_keys_at_every_level() {
    let text = r#"{
  "schema_version": "4.1",
  "schema_version": "4.1",
  "permissions": {
    "company": { "documents": "readonly", "documents": "standard" },
    "company": { "documents": "readonly" }
  },
  "sidepanel": {
    "uuid": "b5f1a2c4-3d6e-4f70-8a91-2b3c4d5e6f70",
    "source_url": "https://app.vendor.io/panel",
    "views": ["rfi.detail"],
    "user_configuration": { "schema": { "type": "object", "properties": {
      "region": { "name": "Region", "type": "string", "type": "string" }
    } } }
  }
}
"#;
    let (code, out, _) = concise("dups.json", text.as_bytes());
    assert_eq!(code, 1);
    let s002: Vec<&str> = out.lines().filter(|l| l.contains("[S002]")).collect();
    let at: Vec<&str> = s002.iter().map(|l| l.split(": ").next().unwrap_or("")).collect();
    assert_eq!(
        at,
        ["dups.json:3:3", "dups.json:5:43", "dups.json:6:5", "dups.json:13:55"],
        "{out}"
    );
}

#[test]
fn numbers_beyond_f64_and_huge_exponents() {
    let text =
        r#"{"schema_version": 1e999, "x": [-1e999, 1e-99999, 1E+2147483648, 123456789012345678901234567890123456789]}"#;
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("nums.json"), text).expect("write");
    let (code, out, _) = run(bin(dir.path()).args(["check", "--no-config", "--format", "json", "nums.json"]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("the JSON report parses");
    let d = &v["files"][0]["diagnostics"];
    let first = d
        .as_array()
        .and_then(|a| a.iter().find(|d| d["pointer"] == "/schema_version"));
    let first = first.unwrap_or_else(|| panic!("no finding at /schema_version: {v}"));
    assert_eq!(first["code"], "S004", "schema_version must be a string");
    assert_eq!(first["span"]["start"]["column"], 20);
    assert!(
        d.as_array().is_some_and(|a| a.iter().any(|d| d["pointer"] == "/x")),
        "{v}"
    );
}

#[test]
fn top_level_array_or_string() {
    for (name, text) in [("array.json", "[1, 2]\n"), ("string.json", "\"manifest\"\n")] {
        let (code, out, _) = concise(name, text.as_bytes());
        assert_eq!(code, 1, "{name}");
        assert!(
            line_of(&out, "S003").starts_with(&format!("{name}:1:1: error[S003] a manifest must be a JSON object")),
            "{out}"
        );
    }
}

#[test]
fn a_named_directory_is_walked() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(dir.path().join("empty")).expect("mkdir");
    let (code, out, err) = run(bin(dir.path()).args(["check", "--no-config", "empty"]));
    assert_eq!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("no manifest files found"), "{err}");
    fs::create_dir_all(dir.path().join("apps/a")).expect("mkdir");
    fs::write(dir.path().join("apps/a/manifest.json"), "{").expect("write");
    let (code, out, _) = run(bin(dir.path()).args(["check", "--no-config", "--format", "concise", "apps"]));
    assert_eq!(code, 1);
    assert!(
        out.starts_with("apps/a/manifest.json:1:1: error[S001] unterminated object"),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("manifest.json");
    fs::write(&path, GOOD).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    let (code, out, err) = run(bin(dir.path()).args(["check", "--no-config", "--format", "json", "manifest.json"]));
    if fs::read(&path).is_ok() {
        // Running as root (CI containers): permission bits do not stop
        // reads, so the file is linted like any other.
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v["files"][0]["path"], "manifest.json");
    } else {
        assert_eq!(code, 2);
        assert!(err.contains("manifest.json: permission denied"), "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v["files"].as_array().map(Vec::len), Some(0));
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_walked_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let apps = dir.path().join("apps");
    fs::create_dir_all(apps.join("ok")).expect("mkdir");
    fs::write(apps.join("ok/manifest.json"), GOOD).expect("write");
    std::os::unix::fs::symlink("loop.json", apps.join("loop.json")).expect("symlink");
    // A cycle through a directory is no error: symlinks are not followed.
    std::os::unix::fs::symlink("..", apps.join("ok/up")).expect("symlink");
    let (code, out, err) = run(bin(dir.path()).args(["check", "--no-config", "--format", "json", "apps"]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.trim(),
        "procore-manifest: error: apps/loop.json: symbolic link loop (too many levels of symbolic links)"
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        v["files"][0]["path"], "apps/ok/manifest.json",
        "the other files are still checked"
    );
}

#[cfg(unix)]
#[test]
fn a_path_with_bytes_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let name = std::ffi::OsStr::from_bytes(b"man\xffifest.json");
    fs::write(dir.path().join(name), "{\"schema_version\": \"4.1\", \"bad\": 1}").expect("write");
    let (code, out, _) = run(bin(dir.path())
        .arg("check")
        .arg("--no-config")
        .arg("--format")
        .arg("concise")
        .arg(name));
    assert_eq!(code, 0, "an unknown member is a warning");
    // Shown escaped (never replaced), linted all the same.
    assert!(
        out.contains("man\\xFFifest.json:1:27: warning[S006] unknown member `bad`"),
        "{out}"
    );
    let (code, out, _) = run(bin(dir.path()).args(["check", "--no-config", "--format", "concise", "."]));
    assert_eq!(code, 0, "an unknown member is a warning");
    assert!(out.contains("man\\xFFifest.json:1:27:"), "{out}");
}

#[test]
fn config_with_bad_types_and_a_bad_glob() {
    for (config, line_col, what) in [
        ("fail-on = 3\n", "procore-manifest.toml:1:11", "invalid config"),
        (
            "[rules]\nmax-admin-grants = \"three\"\n",
            "procore-manifest.toml:2:20",
            "invalid config",
        ),
        (
            "exclude = [\"apps/[b\"]\n",
            "procore-manifest.toml:1:12",
            "bad glob `apps/[b`",
        ),
        (
            "[rules]\nselect = [\"ALL\"]\nunknown = 1\n",
            "procore-manifest.toml:3:1",
            "unknown field `unknown`",
        ),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("manifest.json"), GOOD).expect("write");
        fs::write(dir.path().join("procore-manifest.toml"), config).expect("write");
        let (code, _, err) = run(bin(dir.path()).args(["check", "--color", "never"]));
        assert_eq!(code, 2, "{config}");
        assert!(err.contains(what) && err.contains(line_col), "{config}:\n{err}");
    }
}

#[test]
fn one_bad_file_among_good_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["a", "b", "c", "d"] {
        fs::create_dir_all(dir.path().join(name)).expect("mkdir");
        fs::write(dir.path().join(name).join("manifest.json"), GOOD).expect("write");
    }
    // Not UTF-8: a finding, the others still reported.
    fs::write(dir.path().join("b/manifest.json"), b"{\"schema_version\": \"\xff\"}").expect("write");
    let (code, out, _) = run(bin(dir.path()).args(["check", "--no-config", "--format", "json", "."]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let files: Vec<(&str, usize)> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or(""),
                f["diagnostics"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            ("a/manifest.json", 0),
            ("b/manifest.json", 1),
            ("c/manifest.json", 0),
            ("d/manifest.json", 0)
        ]
    );
    // A named path that cannot be read among named files: exit 2, the
    // others reported.
    let (code, out, err) = run(bin(dir.path()).args([
        "check",
        "--no-config",
        "--format",
        "json",
        "a/manifest.json",
        "missing/manifest.json",
        "c/manifest.json",
    ]));
    assert_eq!(code, 2);
    assert!(
        err.contains("missing/manifest.json: no such file or directory"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["files"].as_array().map(Vec::len), Some(2));
}

/// `permissions`, `diff` (either side) and `usage` say the same one line
/// about a named file that does not parse: the file, the position `check`
/// reports, S001 and the message (a syntax error on line 2, a file that is
/// not UTF-8, an empty file, a UTF-16 file).
#[test]
fn every_command_names_an_unparsable_file_and_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    fs::write(d.join("good.json"), GOOD).expect("write");
    fs::write(
        d.join("a.csv"),
        "Date,Response Code,HTTP Method,Normalized Route,Count\n2026-10-27,200,GET,/v1.0/x,1\n",
    )
    .expect("write");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("{\"a\":1}".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let files: [(&str, Vec<u8>); 4] = [
        ("b2.json", b"{\"schema_version\":\"4.1\",\n\"a\": tru}".to_vec()),
        (
            "latin1.json",
            b"{\"schema_version\":\"4.1\",\"a\":\"caf\xe9\"}".to_vec(),
        ),
        ("empty.json", Vec::new()),
        ("utf16.json", utf16),
    ];
    for (name, bytes) in files {
        fs::write(d.join(name), bytes).expect("write");
        let (_, out, _) = run(bin(d).args(["check", "--no-config", "--format", "concise", name]));
        let check = line_of(&out, "S001");
        let (at, message) = check.split_once(" error[S001] ").expect("concise form");
        let expected = format!("{at} S001 {message}");
        for args in [
            vec!["permissions", name],
            vec!["diff", name, "good.json"],
            vec!["diff", "good.json", name],
            vec!["usage", name, "--activity", "a.csv"],
        ] {
            let (code, _, err) = run(bin(d).args(&args));
            assert_eq!(code, 2, "{args:?}: {err}");
            let said = err.lines().find(|l| l.contains("S001")).unwrap_or_default();
            assert!(
                said.ends_with(&format!("error: {expected}")),
                "{args:?}: {err:?}, expected {expected:?}"
            );
        }
    }
}
