//! End-to-end: config discovery, rule options, risk acceptances, expiry,
//! X001, include/exclude and the baseline.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

const ADMIN: &str = r#"{
  "schema_version": "4.1",
  "post_installation_instruction": { "notes": "Connect your account.", "page": { "url": "https://help.acme.io/setup", "label": "Setup" } },
  "permissions": { "company": { "directory": "admin" }, "project": { "daily_logs": "readonly" } }
}
"#;

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("procore-manifest").expect("binary");
    c.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("PROCORE_MANIFEST_TODAY", "2026-11-23");
    c
}

fn run(c: &mut Command) -> (i32, serde_json::Value, String) {
    let out = c.output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn codes(v: &serde_json::Value, path: &str) -> Vec<String> {
    v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["path"] == path)
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .filter(|d| d.get("suppressed").is_none())
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

fn setup(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(dir.path().join("apps/sync")).expect("mkdir");
    fs::write(dir.path().join("apps/sync/manifest.json"), ADMIN).expect("write");
    fs::write(dir.path().join("procore-manifest.toml"), config).expect("write");
    dir
}

#[test]
fn nearest_config_wins_and_cli_beats_config() {
    let dir = setup("[rules]\nignore = [\"P002\"]\n");
    fs::write(
        dir.path().join("apps/procore-manifest.toml"),
        "[rules]\nignore = [\"R\"]\n",
    )
    .expect("write");
    let (_, v, _) = run(bin(dir.path()).args(["check", "--format", "json"]));
    assert_eq!(
        codes(&v, "apps/sync/manifest.json"),
        ["P002"],
        "nearest config ignores R only"
    );
    let (_, v, _) = run(bin(dir.path()).args(["check", "--format", "json", "--no-config"]));
    assert_eq!(codes(&v, "apps/sync/manifest.json"), ["R001", "P002"]);
    let (_, v, _) = run(bin(dir.path()).args(["check", "--format", "json", "--config", "procore-manifest.toml"]));
    assert_eq!(codes(&v, "apps/sync/manifest.json"), ["R001"]);
    let (code, v, _) = run(bin(dir.path()).args(["check", "--format", "json", "--ignore", "R001,P"]));
    assert_eq!(codes(&v, "apps/sync/manifest.json"), Vec::<String>::new());
    assert_eq!(code, 0);
    let (_, v, _) = run(bin(dir.path()).args([
        "check",
        "--format",
        "json",
        "--no-config",
        "--severity",
        "P002=error,R=info",
    ]));
    let sev: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .expect("d")
        .iter()
        .filter_map(|d| d["severity"].as_str())
        .collect();
    assert_eq!(sev, ["info", "error"]);
    let (code, _, err) = run(bin(dir.path()).args(["check", "--select", "Q9"]));
    assert_eq!(code, 2);
    assert!(err.contains("matches no rule"), "{err}");
}

#[test]
fn bad_config_exits_2_naming_file_line_and_key() {
    let dir = setup("[rules]\nselct = [\"ALL\"]\n");
    fs::create_dir_all(dir.path().join("other")).expect("mkdir");
    fs::write(dir.path().join("other/procore-manifest.toml"), "").expect("write");
    fs::write(dir.path().join("other/manifest.json"), ADMIN).expect("write");
    let (code, v, err) = run(bin(dir.path()).args(["check", "--format", "json", "--color", "never"]));
    assert_eq!(code, 2);
    assert!(err.contains("procore-manifest.toml:2:1"), "{err}");
    assert!(err.contains("selct") && err.contains("did you mean `select`?"), "{err}");
    assert_eq!(
        codes(&v, "other/manifest.json"),
        ["R001", "P002"],
        "files under a good config are still checked"
    );
    let dir = setup("[[allow]]\nrule = \"R001\"\nreason = \"\"\n");
    let (code, _, err) = run(bin(dir.path()).args(["check"]));
    assert_eq!(code, 2);
    assert!(err.contains("non-empty `reason`") && err.contains(":3:"), "{err}");
}

#[test]
fn allow_suppresses_with_reason_and_expires() {
    let cfg = "[[allow]]\nrule = \"R001\"\nfiles = \"apps/sync/**\"\npointer = \"/permissions/company/directory\"\nreason = \"Directory sync provisions users (SR-142)\"\nexpires = 2026-12-31\n\n[rules]\nignore = [\"P002\"]\n";
    let dir = setup(cfg);
    let (code, v, _) = run(bin(dir.path()).args(["check", "--format", "json"]));
    assert_eq!(code, 0);
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "R001");
    assert_eq!(d["suppressed"]["kind"], "allow");
    assert_eq!(d["suppressed"]["reason"], "Directory sync provisions users (SR-142)");
    assert_eq!(v["summary"]["suppressed"], 1);
    assert_eq!(v["files"][0]["risk"], "critical", "the rating ignores suppressions");
    let out = bin(dir.path())
        .args(["check", "--color", "never"])
        .output()
        .expect("runs");
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(!human.contains("R001(") && human.contains("(1 suppressed)"), "{human}");
    // The day after `expires`, the finding is back and says so.
    let (code, v, _) = run(bin(dir.path())
        .env("PROCORE_MANIFEST_TODAY", "2027-01-01")
        .args(["check", "--format", "json"]));
    assert_eq!(code, 1);
    let d = &v["files"][0]["diagnostics"][0];
    assert!(d.get("suppressed").is_none());
    assert!(d["help"].as_str().unwrap_or("").contains("expired on 2026-12-31"));
    assert_eq!(v["summary"]["expired_allows"], 1);
    // Valid through that day.
    let (code, _, _) = run(bin(dir.path())
        .env("PROCORE_MANIFEST_TODAY", "2026-12-31")
        .args(["check", "--format", "json"]));
    assert_eq!(code, 0);
}

/// The command line beats the config even where the config's selector is
/// more specific: `--ignore R` turns off a rule the config selects by code,
/// `--severity P=info` beats `P002 = "error"`, `--select` starts afresh.
#[test]
fn command_line_prefixes_beat_more_specific_config_selectors() {
    let dir = setup("[rules]\nselect = [\"R001\", \"P002\"]\nseverity = { P002 = \"error\" }\n");
    let (_, v, _) = run(bin(dir.path()).args(["check", "--format", "json"]));
    assert_eq!(codes(&v, "apps/sync/manifest.json"), ["R001", "P002"]);
    let (code, v, _) = run(bin(dir.path()).args(["check", "--format", "json", "--ignore", "R"]));
    assert_eq!(codes(&v, "apps/sync/manifest.json"), ["P002"]);
    assert_eq!(code, 1, "the config makes P002 an error");
    let (code, v, _) =
        run(bin(dir.path()).args(["check", "--format", "json", "--ignore", "R", "--severity", "P=info"]));
    assert_eq!(v["files"][0]["diagnostics"][0]["severity"], "info", "{v}");
    assert_eq!(code, 0);
    // --select replaces the config's selection, its ignore list included.
    fs::write(
        dir.path().join("procore-manifest.toml"),
        "[rules]\nignore = [\"R001\"]\n",
    )
    .expect("write");
    let (_, v, _) = run(bin(dir.path()).args(["check", "--format", "json"]));
    assert_eq!(codes(&v, "apps/sync/manifest.json"), ["P002"]);
    let (_, v, _) = run(bin(dir.path()).args(["check", "--format", "json", "--select", "R001"]));
    assert_eq!(codes(&v, "apps/sync/manifest.json"), ["R001"]);
}

/// A config's own report (X001) is listed but is not a checked file; the
/// config's `fail-on` governs it.
#[test]
fn a_config_report_is_not_counted_as_a_checked_file() {
    let cfg = "fail-on = \"info\"\n[rules]\nignore = [\"P002\", \"R001\"]\n\n[[allow]]\nrule = \"R004\"\nfiles = \"apps/sync/**\"\nreason = \"was needed once\"\n";
    let dir = setup(cfg);
    let (code, v, _) = run(bin(dir.path()).args(["check", "--format", "json"]));
    assert_eq!(v["summary"]["files"], 1, "{v}");
    assert_eq!(v["summary"]["infos"], 1, "{v}");
    assert_eq!(code, 1, "fail-on = info in the config: X001 fails the run");
    let out = bin(dir.path())
        .args(["check", "--format", "human"])
        .output()
        .expect("runs");
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(human.contains("Checked 1 file: "), "{human}");
}

#[test]
fn unused_allow_is_x001_only_for_checked_files() {
    let cfg = "[rules]\nignore = [\"P002\", \"R001\"]\n\n[[allow]]\nrule = \"R004\"\nfiles = \"apps/sync/**\"\nreason = \"was needed once\"\n\n[[allow]]\nrule = \"R002\"\nfiles = \"apps/other/**\"\nreason = \"another app\"\n";
    let dir = setup(cfg);
    let (code, v, _) = run(bin(dir.path()).args(["check", "--format", "json"]));
    assert_eq!(code, 0, "X001 is info");
    let x: Vec<&serde_json::Value> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().expect("d"))
        .filter(|d| d["code"] == "X001")
        .collect();
    assert_eq!(x.len(), 1, "{v}");
    assert_eq!(x[0]["pointer"], "/allow/0");
    assert_eq!(x[0]["span"]["start"]["line"], 4);
}

#[test]
fn include_and_exclude_globs() {
    let dir = setup("include = [\"apps/**/*.json\"]\nexclude = [\"apps/legacy/**\"]\n");
    fs::create_dir_all(dir.path().join("apps/legacy")).expect("mkdir");
    fs::write(dir.path().join("apps/legacy/manifest.json"), "{").expect("write");
    fs::write(dir.path().join("apps/sync/procore.json"), "{").expect("write");
    fs::write(dir.path().join("top-manifest.json"), "{").expect("write");
    let (_, v, _) = run(bin(dir.path()).args(["check", "--format", "json"]));
    let paths: Vec<&str> = v["files"]
        .as_array()
        .expect("f")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths, ["apps/sync/manifest.json", "apps/sync/procore.json"]);
}

#[test]
fn baseline_survives_moved_lines_and_catches_new_values() {
    let dir = setup("");
    let m = dir.path().join("apps/sync/manifest.json");
    let (code, _, _) = run(bin(dir.path()).args(["check", "--write-baseline", "baseline.json", "--format", "json"]));
    // Writing a baseline is the job done: exit 0.
    assert_eq!(code, 0);
    let b: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).expect("written")).expect("json");
    assert_eq!(b["version"], 1);
    assert_eq!(b["entries"].as_array().map(Vec::len), Some(2));
    assert!(b["entries"][0].get("value_hash").is_some());
    // Lines move: still baselined.
    fs::write(&m, format!("\n\n\n{ADMIN}")).expect("write");
    let (code, v, _) = run(bin(dir.path()).args(["check", "--baseline", "baseline.json", "--format", "json"]));
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["summary"]["baselined"], 2);
    assert_eq!(v["files"][0]["diagnostics"][0]["suppressed"]["kind"], "baseline");
    // The offending value changes: new again; the old entry is stale.
    fs::write(&m, ADMIN.replace("daily_logs", "daily_logz")).expect("write");
    let (code, v, _) = run(bin(dir.path()).args(["check", "--baseline", "baseline.json", "--format", "json"]));
    assert_eq!(code, 0, "P002 is a warning");
    assert_eq!(codes(&v, "apps/sync/manifest.json"), ["P002"]);
    assert_eq!(v["summary"]["stale_baseline"][0]["code"], "P002");
    // The human report lists the stale entry too (reported).
    let out = bin(dir.path())
        .args(["check", "--baseline", "baseline.json"])
        .output()
        .expect("runs");
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(
        human.contains("1 stale baseline entry")
            && human.contains("apps/sync/manifest.json: P002 at /permissions/project/daily_logs"),
        "{human}"
    );
}

#[test]
fn bad_baselines_exit_2() {
    let dir = setup("");
    fs::write(dir.path().join("corrupt.json"), "{ not json").expect("write");
    fs::write(dir.path().join("future.json"), "{\"version\": 2, \"entries\": []}").expect("write");
    let (code, _, err) = run(bin(dir.path()).args(["check", "--baseline", "corrupt.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("corrupt.json") && err.contains("line 1"), "{err}");
    let (code, _, err) = run(bin(dir.path()).args(["check", "--baseline", "future.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("newer"), "{err}");
    let (code, _, err) = run(bin(dir.path()).args(["check", "--baseline", "missing.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
}

/// A `procore-manifest.toml` nearer a file than the governing one that
/// cannot be read (a dangling symlink, a FIFO, a directory) is an invalid
/// config (exit 2, named, with why), never skipped for the parent's.
#[cfg(unix)]
#[test]
fn a_nearer_config_that_cannot_be_read_is_named_not_skipped() {
    let dir = setup("fail-on = \"never\"\n");
    let apps = dir.path().join("apps/sync");
    type Make<'m> = &'m dyn Fn(&Path);
    let cases: [(&str, Make); 3] = [
        ("a symbolic link to a file that does not exist", &|p| {
            std::os::unix::fs::symlink("/nonexistent/moved.toml", p).expect("symlink")
        }),
        ("not a regular file", &|p| {
            let status = std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .expect("mkfifo runs");
            assert!(status.success());
        }),
        ("a directory, not a file", &|p| fs::create_dir(p).expect("mkdir")),
    ];
    for (why, make) in cases {
        let config = apps.join("procore-manifest.toml");
        let _ = fs::remove_file(&config);
        let _ = fs::remove_dir(&config);
        make(&config);
        let (code, _, stderr) = run(bin(dir.path()).args(["check", "apps", "--format", "json"]));
        assert_eq!(code, 2, "{why}: {stderr}");
        assert!(stderr.contains("apps/sync/procore-manifest.toml"), "{why}: {stderr}");
        // The report wraps its lines: compare words.
        let words: Vec<&str> = stderr.split_whitespace().filter(|w| *w != "│").collect();
        assert!(words.join(" ").contains(why), "{why}: {stderr}");
    }
}

/// `exclude` leaves out a folder by its name and, for a glob without `/`,
/// a file name at any depth: in a walk and, with --force-exclude, for a
/// named file.
#[test]
fn exclude_takes_folders_and_names_at_any_depth() {
    for folder in ["fixtures", "fixtures/", "/fixtures"] {
        excludes_with(folder);
    }
}

fn excludes_with(folder: &str) {
    let dir = setup(&format!("exclude = [\"{folder}\", \"*.bad.json\"]\n"));
    fs::create_dir_all(dir.path().join("fixtures/deep")).expect("mkdir");
    fs::write(dir.path().join("fixtures/deep/manifest.json"), ADMIN).expect("write");
    fs::write(dir.path().join("apps/x.bad.json"), ADMIN).expect("write");
    let (_, v, _) = run(bin(dir.path()).args(["check", "--format", "json"]));
    let paths: Vec<&str> = v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths, ["apps/sync/manifest.json"], "{folder}: {v}");
    let (code, v, _) = run(bin(dir.path()).args([
        "check",
        "--format",
        "json",
        "--force-exclude",
        "fixtures/deep/manifest.json",
    ]));
    assert_eq!(
        (code, v["files"].as_array().map(Vec::len)),
        (0, Some(0)),
        "{folder}: {v}"
    );
}
