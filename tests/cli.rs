//! End-to-end: the built binary, its exit codes, stdin, directories, errors.

use assert_cmd::Command;
use std::fs;

fn bin() -> Command {
    let mut c = Command::cargo_bin("procore-manifest").expect("binary built");
    c.env_remove("NO_COLOR").env("COLUMNS", "100");
    c
}

fn fixture(p: &str) -> String {
    format!("{}/fixtures/{p}", env!("CARGO_MANIFEST_DIR"))
}

fn stdout_of(c: &mut Command) -> (i32, String, String) {
    let out = c.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn clean_file_exits_0() {
    let (code, out, _) = stdout_of(bin().args([
        "check",
        "--color",
        "never",
        &fixture("valid/v41-complete.manifest.json"),
    ]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Checked 1 file: 0 errors, 0 warnings, 0 infos · risk: low"),
        "{out}"
    );
}

#[test]
fn findings_exit_1_and_fail_on_controls_it() {
    let f = fixture("S005/legacy-3.manifest.json");
    assert_eq!(
        stdout_of(bin().args(["check", &f])).0,
        0,
        "a warning does not fail by default"
    );
    assert_eq!(stdout_of(bin().args(["check", "--fail-on", "warning", &f])).0, 1);
    let bad = fixture("S001/trailing-comma.manifest.json");
    assert_eq!(stdout_of(bin().args(["check", &bad])).0, 1);
    assert_eq!(stdout_of(bin().args(["check", "--fail-on", "never", &bad])).0, 0);
}

#[test]
fn missing_path_exits_2_but_checks_the_others() {
    let (code, out, err) = stdout_of(bin().args([
        "check",
        "--format",
        "json",
        "does-not-exist.json",
        &fixture("S001/trailing-comma.manifest.json"),
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("does-not-exist.json: no such file or directory"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json report");
    assert_eq!(v["files"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["files"][0]["diagnostics"][0]["code"], "S001");
}

#[test]
fn stdin_with_filename() {
    let (code, out, _) = stdout_of(
        bin()
            .args([
                "check",
                "--format",
                "json",
                "--stdin-filename",
                "apps/x/manifest.json",
                "-",
            ])
            .write_stdin("{\"schema_version\": \"4.1\", \"permisions\": {}}"),
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["files"][0]["path"], "apps/x/manifest.json");
    let diags = v["files"][0]["diagnostics"].as_array().expect("diagnostics");
    let s003 = diags.iter().find(|d| d["code"] == "S003").expect("S003");
    assert_eq!(s003["pointer"], "/permisions");
    assert_eq!(s003["help"], "did you mean `permissions`?");
}

#[test]
fn directory_walk_finds_manifests_and_skips_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    fs::create_dir_all(d.join("apps/a")).expect("mkdir");
    fs::create_dir_all(d.join(".hidden")).expect("mkdir");
    fs::create_dir_all(d.join("ignored")).expect("mkdir");
    fs::write(d.join(".gitignore"), "ignored/\n").expect("write");
    fs::write(d.join("apps/a/manifest.json"), "{\"schema_version\": \"4.1\"}").expect("write");
    fs::write(d.join("apps/a/broken-manifest.json"), "{").expect("write");
    fs::write(d.join("apps/a/app.json"), "{\"schema_version\": \"4.1\", \"x\": 1}").expect("write");
    fs::write(d.join("apps/a/package.json"), "{\"name\": \"x\"}").expect("write");
    fs::write(d.join("apps/a/ext-manifest.json"), "{\"manifest_version\": 3}").expect("write");
    fs::write(d.join("apps/a/broken.json"), "{").expect("write");
    fs::write(d.join(".hidden/manifest.json"), "{").expect("write");
    // Hidden directories are skipped, hidden files are not.
    fs::write(d.join("apps/a/.staging-manifest.json"), "{\"schema_version\": \"4.1\"}").expect("write");
    fs::write(d.join("ignored/manifest.json"), "{").expect("write");
    let (code, out, _) = stdout_of(bin().current_dir(d).args(["check", "--format", "json", "."]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let paths: Vec<&str> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "apps/a/.staging-manifest.json",
            "apps/a/app.json",
            "apps/a/broken-manifest.json",
            "apps/a/manifest.json"
        ]
    );
}

#[test]
fn named_non_manifest_is_linted_unless_skip_non_manifests() {
    let pkg = fixture("not-manifests/package.json");
    let (code, out, _) = stdout_of(bin().args(["check", "--format", "json", &pkg]));
    assert_eq!(code, 1, "named files are always linted: {out}");
    let (code, _, err) = stdout_of(bin().args(["check", "--skip-non-manifests", &pkg]));
    assert_eq!(code, 0);
    assert!(err.contains("no manifest files found"));
    let (_, _, err) = stdout_of(bin().args(["check", "--quiet", "--skip-non-manifests", &pkg]));
    assert!(err.is_empty());
}

#[test]
fn empty_directory_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = stdout_of(bin().current_dir(dir.path()).args(["check"]));
    assert_eq!(code, 0);
    assert!(err.contains("no manifest files found"));
}

#[cfg(unix)]
#[test]
fn fifo_is_never_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("manifest.json");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let (code, _, err) = stdout_of(
        bin()
            .args(["check", fifo.to_str().expect("utf-8 path")])
            .timeout(std::time::Duration::from_secs(20)),
    );
    assert_eq!(code, 2);
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn json_output_is_byte_identical_across_runs() {
    let run = || stdout_of(bin().args(["check", "--format", "json", &fixture("")])).1;
    assert_eq!(run(), run());
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.json");
    let (code, stdout, _) = stdout_of(bin().args([
        "check",
        "--format",
        "json",
        "--output",
        out.to_str().expect("utf-8"),
        &fixture("valid/v41-complete.manifest.json"),
    ]));
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).expect("written")).expect("json");
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn unwritable_output_exits_2_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("missing-dir/report.json");
    let (code, _, err) = stdout_of(bin().args([
        "check",
        "--output",
        out.to_str().expect("utf-8"),
        &fixture("valid/v41-complete.manifest.json"),
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("cannot write"), "{err}");
    assert!(!out.exists());
}

#[test]
fn hundred_thousand_brackets_do_not_overflow() {
    let (code, out, _) = stdout_of(
        bin()
            .args(["check", "--format", "json", "-"])
            .write_stdin("[".repeat(100_000)),
    );
    assert_eq!(code, 1);
    assert!(out.contains("nesting deeper than 128 levels"));
}

#[test]
fn color_never_and_no_color_have_no_escapes() {
    let f = fixture("S003/wrong-types.manifest.json");
    let (_, out, _) = stdout_of(bin().args(["check", "--color", "never", &f]));
    assert!(!out.contains('\u{1b}'));
    let (_, out, _) = stdout_of(bin().env("NO_COLOR", "1").args(["check", &f]));
    assert!(!out.contains('\u{1b}'));
    let (_, out, _) = stdout_of(bin().args(["check", "--color", "always", &f]));
    assert!(out.contains('\u{1b}'));
}

#[test]
fn explain_rules_schema() {
    let (code, out, _) = stdout_of(bin().args(["explain", "S002"]));
    assert_eq!(code, 0);
    assert!(out.contains("# S002 (duplicate-key)"));
    let (code, out, _) = stdout_of(bin().args(["explain", "duplicate-key"]));
    assert_eq!(code, 0);
    assert!(out.contains("## Why"));
    let (code, _, err) = stdout_of(bin().args(["explain", "S0002"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule"));
    let (code, out, _) = stdout_of(bin().args(["rules", "--format", "json"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v[0]["code"], "S001");
    // CLI.md's shape: "fix": "safe|unsafe|none", for every rule.
    let rules = v.as_array().expect("an array");
    assert!(rules.len() > 40);
    let (_, table, _) = stdout_of(bin().args(["rules"]));
    for r in rules {
        let fix = r["fix"].as_str().expect("fix");
        assert!(matches!(fix, "safe" | "unsafe" | "none"), "{}: {fix}", r["code"]);
        // The text listing says the same, `sometimes` for a fix offered
        // for some findings only or safe for some and unsafe for others.
        let code = r["code"].as_str().expect("code");
        let row = table.lines().find(|l| l.starts_with(code)).expect("a row per rule");
        let shown = row.split_whitespace().nth(3).expect("fix column");
        let same = match shown {
            "-" => fix == "none",
            "sometimes" => fix != "none",
            s => s == fix,
        };
        assert!(same, "{code}: {fix} in json, {shown} in the table");
    }
    let fix_of = |code: &str| rules.iter().find(|r| r["code"] == code).map(|r| r["fix"].clone());
    // S001 straightens typographic quotes when the file then parses: safe.
    assert_eq!(fix_of("S001"), Some("safe".into()));
    // A005 removes the legacy block: unsafe when it holds permissions.
    assert_eq!(fix_of("A005"), Some("unsafe".into()));
    let (code, out, _) = stdout_of(bin().args(["schema", "--version", "3"]));
    assert_eq!(code, 0);
    assert!(out.contains("legacy schema 3.x"));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(stdout_of(bin().args(["check", "--format", "xml"])).0, 2);
    assert_eq!(stdout_of(bin().args(["check", "--fail-on", "sometimes"])).0, 2);
    assert_eq!(stdout_of(bin().args(["nonsense"])).0, 2);
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = fixture("");
    let run = |t: &str| stdout_of(bin().args(["check", "--format", "json", "--threads", t, &dir])).1;
    let one = run("1");
    assert!(one.len() > 10_000);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
    let human = |t: &str| stdout_of(bin().args(["check", "--color", "never", "--threads", t, &dir])).1;
    assert_eq!(human("1"), human("3"));
}

#[test]
fn minified_manifest_snippets_are_cut_around_the_finding() {
    let padding: Vec<String> = (0..200).map(|i| format!("\"doc{i}\": \"x\"")).collect();
    let text = format!(
        "{{\"schema_version\": \"4.1\", \"app_manifest\": {{\"name\": \"é\"}}, \"x\": {{{}}}, \"permissions\": {{\"company\": {{\"directory\": \"admin\"}}}}}}",
        padding.join(", ")
    );
    let (_, out, _) = stdout_of(
        bin()
            .args(["check", "--no-config", "--color", "never", "-"])
            .write_stdin(text.clone()),
    );
    assert!(out.lines().all(|l| l.chars().count() < 260), "{out}");
    let col = text[..text.find("\"admin\"").expect("admin")].chars().count() + 1;
    assert!(out.contains(&format!("─[-:1:{col}]")), "{out}");
    assert!(out.contains('…'));
}

/// A selector that would turn every rule off (or on) by accident is refused
/// before anything runs, naming where it came from: a trailing comma, an
/// empty value (an unset CI variable), a blank one, `--severity =error`,
/// and the same in the config file.
#[test]
fn empty_selectors_are_refused_naming_their_source() {
    let file = fixture("valid/v41-complete.manifest.json");
    for (args, says) in [
        (vec!["--ignore=C010,"], "--ignore"),
        (vec!["--ignore="], "--ignore"),
        (vec!["--ignore", " "], "--ignore"),
        (vec!["--select=,R"], "--select"),
        (vec!["--select="], "--select"),
        (vec!["--severity", "=error"], "--severity"),
        (vec!["--severity=R001=error,"], "--severity"),
        (vec!["--ignore", "Z9"], "--ignore Z9"),
    ] {
        let (code, out, err) = stdout_of(bin().arg("check").arg("--no-config").args(&args).arg(&file));
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    for cfg in [
        "[rules]\nignore = [\"\"]\n",
        "[rules]\nselect = [\" \"]\n",
        "[rules.severity]\n\"\" = \"error\"\n",
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("procore-manifest.toml"), cfg).expect("write");
        fs::copy(&file, dir.path().join("manifest.json")).expect("copy");
        let (code, _, err) = stdout_of(bin().current_dir(dir.path()).args(["check", "manifest.json"]));
        assert_eq!(code, 2, "{cfg}: {err}");
        assert!(
            err.contains("procore-manifest.toml") && err.contains("empty selector"),
            "{cfg}: {err}"
        );
    }
}

/// A rule's name selects it wherever a code does, in any case; a code in
/// lower case too.
#[test]
fn rule_names_and_lower_case_codes_are_selectors() {
    let file = fixture("C012");
    let (code, out, err) = stdout_of(bin().args(["check", "--no-config", "--format", "concise", &file]));
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("[C012]"), "{out}");
    for args in [
        vec!["--ignore", "placeholder-value"],
        vec!["--ignore", "c012"],
        vec!["--ignore", "Placeholder-Value"],
    ] {
        let (_, out, err) = stdout_of(
            bin()
                .args(["check", "--no-config", "--format", "concise"])
                .args(&args)
                .arg(&file),
        );
        assert!(!out.contains("[C012]") && err.is_empty(), "{args:?}: {out}{err}");
    }
    let (_, out, _) = stdout_of(bin().args([
        "check",
        "--no-config",
        "--format",
        "concise",
        "--severity",
        "placeholder-value=info",
        &file,
    ]));
    assert!(out.contains("info[C012]"), "{out}");
    let (code, _, err) = stdout_of(bin().args(["check", "--no-config", "--ignore", "placeholder-valu", &file]));
    assert_eq!(code, 2);
    assert!(err.contains("matches no rule"), "{err}");
}

/// `--statistics` replaces the findings of the reports people read; a
/// SARIF (or JUnit, GitLab, rdjson) file still holds its own report.
#[test]
fn statistics_leave_the_machine_reports_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sarif = dir.path().join("r.sarif");
    let junit = dir.path().join("r.xml");
    let (code, out, err) = stdout_of(bin().args([
        "check",
        "--no-config",
        "--statistics",
        "--format",
        "concise",
        "--format",
        &format!("sarif={}", sarif.display()),
        "--format",
        &format!("junit={}", junit.display()),
        &fixture("C012"),
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("C012") && out.contains("placeholder-value"), "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&sarif).expect("sarif")).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    assert!(v["runs"][0]["results"].as_array().is_some_and(|r| !r.is_empty()), "{v}");
    assert!(fs::read_to_string(&junit).expect("junit").starts_with("<?xml"));
    // Every report in a file: the counts still reach stdout.
    let (_, out, err) = stdout_of(bin().args([
        "check",
        "--no-config",
        "--statistics",
        "--format",
        &format!("sarif={}", sarif.display()),
        &fixture("C012"),
    ]));
    assert!(out.contains("C012") && out.contains("placeholder-value"), "{out}{err}");
}

/// A baseline entry marks one finding: a second credential written as a
/// key under the same parent (its pointer reads `…/(secret)` too) is new.
/// Stale entries are said in every format (on stderr where the report has
/// no place for them). No argument echoes a credential.
#[test]
fn baselines_count_findings_and_say_stale_entries_everywhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = dir.path().join("m.json");
    let base = dir.path().join("b.json");
    let pi = r#""post_installation_instruction": {"notes": "Connect.", "page": {"url": "https://h.acme.io/s", "label": "Setup"}}"#;
    let write = |keys: &str| {
        fs::write(
            &m,
            format!(r#"{{"schema_version": "4.1", {pi}, "permissions": {{"project": {{{keys}}}}}}}"#),
        )
        .expect("write")
    };
    write(r#""ghp_abcdefghijklmnopqrstuvwxyz0123456789": "readonly""#);
    let (code, _, err) = stdout_of(
        bin()
            .args(["check", "--no-config", "--write-baseline"])
            .arg(&base)
            .arg(&m),
    );
    assert_eq!(code, 0, "{err}");
    write(r#""ghp_abcdefghijklmnopqrstuvwxyz0123456789": "readonly", "AKIAQWERTYUIOPASDFGH": "admin""#);
    let (code, out, _) = stdout_of(
        bin()
            .args(["check", "--no-config", "--format", "concise", "--baseline"])
            .arg(&base)
            .arg(&m),
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[R007] an AWS access key ID"), "{out}");
    write(r#""rfi": "readonly""#);
    for format in ["concise", "github", "junit", "gitlab", "rdjson", "markdown"] {
        let (_, out, err) = stdout_of(
            bin()
                .args(["check", "--no-config", "--format", format, "--baseline"])
                .arg(&base)
                .arg(&m),
        );
        assert!(
            err.contains("stale baseline entry") && err.contains("R007"),
            "{format}: {out}{err}"
        );
        assert!(!err.contains("ghp_") && !out.contains("ghp_"), "{format}: {out}{err}");
    }
    // SARIF lists them (a note each, on its file); a report in a file is
    // not on the screen, so stderr says them then.
    let (_, out, err) = stdout_of(
        bin()
            .args(["check", "--no-config", "--format", "sarif", "--baseline"])
            .arg(&base)
            .arg(&m),
    );
    let sarif: serde_json::Value = serde_json::from_str(&out).expect("sarif");
    let notes = &sarif["runs"][0]["invocations"][0];
    assert_eq!(notes["executionSuccessful"], true, "{out}");
    let listed = notes["toolExecutionNotifications"].as_array().expect("notifications");
    assert!(
        listed.iter().all(|n| n["descriptor"]["id"] == "stale-baseline"),
        "{out}"
    );
    assert!(
        listed
            .iter()
            .any(|n| n["message"]["text"].as_str().is_some_and(|t| t.contains("R007"))),
        "{out}"
    );
    assert!(!err.contains("stale baseline entry") && !out.contains("ghp_"), "{err}");
    let report = dir.path().join("r.sarif");
    let (_, _, err) = stdout_of(
        bin()
            .args(["check", "--no-config", "--format", "concise", "--format"])
            .arg(format!("sarif={}", report.display()))
            .arg("--baseline")
            .arg(&base)
            .arg(&m),
    );
    assert!(err.contains("stale baseline entry") && err.contains("R007"), "{err}");
    let (code, _, err) = stdout_of(
        bin()
            .args([
                "check",
                "--no-config",
                "--select",
                "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            ])
            .arg(&m),
    );
    assert_eq!(code, 2);
    assert!(!err.contains("ghp_abc"), "{err}");
}

/// A config selecting only rules `check` does not run (`select = ["U"]`)
/// is refused like `--select U`: every file would pass unchecked.
#[test]
fn a_config_selecting_only_usage_rules_is_refused_by_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("procore-manifest.toml"), "[rules]\nselect = [\"U\"]\n").expect("write");
    fs::copy(fixture("valid/v41-complete.manifest.json"), dir.path().join("m.json")).expect("copy");
    let (code, _, err) = stdout_of(bin().current_dir(dir.path()).args(["check", "m.json"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("procore-manifest.toml") && err.contains("leaves no rule that checks a manifest"),
        "{err}"
    );
    let (code, _, err) = stdout_of(bin().current_dir(dir.path()).args(["check", "--select", "R", "m.json"]));
    assert_eq!(code, 0, "the command line's selection wins: {err}");
    // Every family ignored, or only X001 (which audits [[allow]] entries
    // against the others' findings) left: the same refusal.
    for config in [
        "[rules]\nignore = [\"S\", \"A\", \"P\", \"R\", \"C\", \"I\"]\n",
        "[rules]\nselect = [\"X001\"]\n",
    ] {
        fs::write(dir.path().join("procore-manifest.toml"), config).expect("write");
        let (code, _, err) = stdout_of(bin().current_dir(dir.path()).args(["check", "m.json"]));
        assert_eq!(code, 2, "{config}: {err}");
        assert!(err.contains("leaves no rule that checks a manifest"), "{err}");
    }
}

/// A command-line selection that leaves no rule to check a manifest is
/// refused whichever flags make it so, before any file is read (a broken
/// file would otherwise pass with exit 0).
#[test]
fn a_selection_that_checks_nothing_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("m.json"), "{broken").expect("write");
    for flags in [
        &["--ignore", "ALL"][..],
        &["--select", "X001"],
        &["--select", "ALL", "--ignore", "S,A,P,R,C,I,U,X002"],
        &["--select", "U", "--ignore", "X"],
    ] {
        let (code, _, err) = stdout_of(
            bin()
                .current_dir(dir.path())
                .args(["check", "--no-config"])
                .args(flags)
                .arg("m.json"),
        );
        assert_eq!(code, 2, "{flags:?}: {err}");
        assert!(
            err.contains("leaves no rule that checks a manifest"),
            "{flags:?}: {err}"
        );
    }
    let (code, _, _) =
        stdout_of(
            bin()
                .current_dir(dir.path())
                .args(["check", "--no-config", "--ignore", "U", "m.json"]),
        );
    assert_eq!(code, 1, "a broken file still fails");
}

/// No report overwrites a file the run reads besides the manifests: the
/// baseline it compares against, the config given or found. The baseline
/// may be refreshed in place by `--write-baseline`: it records what the
/// old one still matches, and drops only its stale entries.
#[test]
fn reports_never_overwrite_the_baseline_or_a_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(
        fixture("R001/company-directory-admin.manifest.json"),
        dir.path().join("m.json"),
    )
    .expect("copy");
    let run = |args: &[&str]| stdout_of(bin().current_dir(dir.path()).args(args));
    let (code, _, err) = run(&["check", "--no-config", "--write-baseline", "b.json", "m.json"]);
    assert_eq!(code, 0, "{err}");
    let recorded = fs::read_to_string(dir.path().join("b.json")).expect("baseline");
    for args in [
        &[
            "check",
            "--no-config",
            "--baseline",
            "b.json",
            "--format",
            "json=b.json",
            "m.json",
        ][..],
        &[
            "check",
            "--no-config",
            "--baseline",
            "b.json",
            "--output",
            "b.json",
            "m.json",
        ],
    ] {
        let (code, _, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("which this run reads"), "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join("b.json")).expect("baseline"),
            recorded
        );
    }
    fs::write(dir.path().join("c.toml"), "[rules]\n").expect("write");
    let (code, _, err) = run(&[
        "check", "--config", "c.toml", "--output", "c.toml", "--format", "json", "m.json",
    ]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("c.toml")).expect("config"),
        "[rules]\n"
    );
    fs::write(dir.path().join("procore-manifest.toml"), "[rules]\n").expect("write");
    let (code, _, err) = run(&["check", "--format", "sarif=procore-manifest.toml", "m.json"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("procore-manifest.toml")).expect("config"),
        "[rules]\n"
    );
    fs::remove_file(dir.path().join("procore-manifest.toml")).expect("remove");
    // Refreshed in place: the same entries, and the run passes after it.
    let (code, _, err) = run(&[
        "check",
        "--no-config",
        "--baseline",
        "b.json",
        "--write-baseline",
        "b.json",
        "m.json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("b.json")).expect("baseline"),
        recorded
    );
    let (code, _, err) = run(&["check", "--no-config", "--baseline", "b.json", "m.json"]);
    assert_eq!(code, 0, "{err}");
}

/// Standard input is one input however often `-` is named; a
/// `--stdin-filename` with no path reads it (as ruff does), and one beside
/// paths without `-` is said to be ignored.
#[test]
fn standard_input_is_read_once_and_stdin_filename_alone_reads_it() {
    let text = fs::read_to_string(fixture("R001/company-directory-admin.manifest.json")).expect("fixture");
    let files = |out: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(out).expect("json");
        v["files"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["path"].as_str().map(str::to_string))
            .collect()
    };
    let (code, out, _) = stdout_of(
        bin()
            .args(["check", "--no-config", "--format", "json", "-", "-"])
            .write_stdin(text.clone()),
    );
    assert_eq!(code, 1);
    assert_eq!(files(&out), ["-"]);
    let named = [
        "check",
        "--no-config",
        "--format",
        "json",
        "--stdin-filename",
        "apps/m.json",
    ];
    let (code, out, _) = stdout_of(bin().args(named).write_stdin(text.clone()));
    assert_eq!(code, 1);
    assert_eq!(files(&out), ["apps/m.json"]);
    let (_, out, err) = stdout_of(
        bin()
            .args(named)
            .arg(fixture("I001/no-instructions.manifest.json"))
            .write_stdin(text),
    );
    assert_eq!(files(&out).len(), 1, "{out}");
    assert!(err.contains("--stdin-filename names standard input"), "{err}");
}

/// `PROCORE_MANIFEST_TODAY` that is no `YYYY-MM-DD` date is said and the
/// clock used: dates compare as text, so `2027-6-30` or `zzz` would put
/// every expiry in the past.
#[test]
fn a_today_that_is_no_date_is_said_and_ignored() {
    let (_, _, err) = stdout_of(
        bin()
            .env("PROCORE_MANIFEST_TODAY", "2027-6-30")
            .args(["check", "--no-config", "--format", "json"])
            .arg(fixture("I001/no-instructions.manifest.json")),
    );
    assert!(err.contains("PROCORE_MANIFEST_TODAY=2027-6-30 is not a date"), "{err}");
}

/// A scope that is neither `company` nor `project` (`Project`: P005) is
/// its own section, named as written, with P005 beside its grants: never a
/// second "Project tools" section that looks granted.
#[test]
fn permissions_show_a_scope_that_is_none_as_such() {
    let text =
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}, "Project": {"rfi": "admin"}}}"#;
    for (format, title) in [
        ("table", "Scope `Project` (not `company` or `project`"),
        ("markdown", "#### Scope `Project` (not `company` or `project`"),
    ] {
        let (code, out, err) = stdout_of(bin().args(["permissions", "-", "--format", format]).write_stdin(text));
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.matches("Project tools").count(), 1, "{out}");
        assert!(out.contains(title), "{out}");
        let line = out.lines().find(|l| l.contains("(unknown tool)")).unwrap_or("");
        assert!(line.contains("P005"), "{out}");
    }
}

/// `permissions` reads the config as `check` does, from `--config`, and
/// takes an editor's unsaved buffer on stdin under `--stdin-filename` (its
/// name shown, its config found from there); `--no-config` reads none.
#[test]
fn permissions_take_a_config_and_a_stdin_filename() {
    let dir = tempfile::tempdir().expect("tempdir");
    let team = dir.path().join("team.toml");
    fs::write(
        &team,
        "[catalog]\ncompany-tools = { acme_tool = [\"none\", \"readonly\", \"admin\"] }\n",
    )
    .expect("write");
    let text = r#"{"schema_version": "4.1", "permissions": {"company": {"acme_tool": "readonly"}}}"#;
    let file = dir.path().join("app.manifest.json");
    fs::write(&file, "{}").expect("write");
    let (code, out, err) = stdout_of(
        bin()
            .args(["permissions", "-", "--format", "csv", "--config"])
            .arg(&team)
            .arg("--stdin-filename")
            .arg(&file)
            .write_stdin(text),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("company,acme_tool,acme_tool,readonly"),
        "the config's tool is known: {out}"
    );
    let (_, out, _) = stdout_of(
        bin()
            .args(["permissions", "-", "--format", "csv", "--no-config"])
            .write_stdin(text),
    );
    assert!(out.contains("P002"), "without the config the tool is unknown: {out}");
    // The nearest config above the named path applies to standard input.
    fs::write(
        dir.path().join("procore-manifest.toml"),
        fs::read_to_string(&team).expect("read"),
    )
    .expect("write");
    let (_, out, _) = stdout_of(
        bin()
            .args(["permissions", "-", "--format", "markdown", "--stdin-filename"])
            .arg(&file)
            .write_stdin(text),
    );
    assert!(out.contains("app.manifest.json") && !out.contains("P002"), "{out}");
}

/// A permission value that is no level shows its shape, never what it
/// holds: a credential inside it appears in no format.
#[test]
fn permissions_never_print_a_credential_inside_a_value() {
    let text = r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": {"password": "hunter2"}, "daily_log": [{"api_key": "Zx81Qm2vR7tY4uI9oP3aS6dF"}], "photos": "ghp_R8x2Kq9LmZ4vT7nB3cW6yH1pD5sF0gJ2aE4u"}}}"#;
    for format in ["table", "markdown", "json", "csv"] {
        let (code, out, err) = stdout_of(bin().args(["permissions", "-", "--format", format]).write_stdin(text));
        assert_eq!(code, 0, "{err}");
        for secret in [
            "hunter2",
            "Zx81Qm2vR7tY4uI9oP3aS6dF",
            "ghp_R8x2Kq9LmZ4vT7nB3cW6yH1pD5sF0gJ2aE4u",
        ] {
            assert!(!out.contains(secret) && !err.contains(secret), "{format}: {out}");
        }
        // (Markdown escapes the brackets.)
        assert!(
            out.contains("{…}") && (out.contains("[…]") || out.contains("\\[…\\]")),
            "{format}: {out}"
        );
    }
}

/// Two grants whose keys are both credentials share a masked pointer: each
/// row still lists only its own findings (the Read-Only one had R003, the
/// Admin one's).
#[test]
fn permissions_keep_findings_apart_for_masked_keys() {
    let text = r#"{"schema_version": "4.1", "permissions": {"company": {"ghp_R8x2Kq9LmZ4vT7nB3cW6yH1pD5sF0gJ2aE4u": "admin", "ghp_Z9y8Xw7Vu6Ts5Rq4Po3Nm2Lk1Ji0Hg9Fe8Dc": "readonly"}}}"#;
    let (code, out, err) = stdout_of(bin().args(["permissions", "-", "--format", "json"]).write_stdin(text));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let grants = v["grants"].as_array().cloned().unwrap_or_default();
    let rules = |level: &str| -> Vec<String> {
        grants
            .iter()
            .find(|g| g["level"] == level)
            .and_then(|g| g["rules"].as_array())
            .map(|r| r.iter().filter_map(|c| c.as_str().map(String::from)).collect())
            .unwrap_or_default()
    };
    assert!(rules("admin").contains(&"R003".to_string()), "{v}");
    assert!(!rules("readonly").contains(&"R003".to_string()), "{v}");
}

/// A004 stands for every misplaced block: each such block's grants list it,
/// not only the first block's.
#[test]
fn permissions_list_a004_on_every_misplaced_block() {
    let text = r#"{"schema_version": "3.2", "permissions": {"project": {"rfi": "readonly"}}, "components": {"oauth": {"instances": [{"grant_type": "authorization_code", "permissions": {"company": {"directory": "admin"}}}]}}}"#;
    let (_, out, err) = stdout_of(bin().args(["permissions", "-", "--format", "json"]).write_stdin(text));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    let grants = v["grants"].as_array().cloned().unwrap_or_default();
    assert_eq!(grants.len(), 2, "{out}{err}");
    for g in &grants {
        assert_eq!(g["received"], false, "{g}");
        assert!(
            g["rules"].as_array().is_some_and(|r| r.iter().any(|c| c == "A004")),
            "{g}"
        );
    }
}

/// A baseline's paths are relative to the git work tree's top level: one
/// written from a subfolder matches a run from the top (and the other way
/// round), and its stale entries are named as the run shows the file.
#[test]
fn baseline_paths_do_not_depend_on_the_folder_a_run_starts_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    fs::create_dir_all(d.join(".git")).expect("a work tree");
    fs::create_dir_all(d.join("sub")).expect("mkdir");
    fs::copy(
        fixture("R001/company-directory-admin.manifest.json"),
        d.join("sub/p.json"),
    )
    .expect("copy");
    let (code, _, err) = stdout_of(bin().current_dir(d.join("sub")).args([
        "check",
        "--no-config",
        "--write-baseline",
        "../b.json",
        "p.json",
    ]));
    assert_eq!(code, 0, "{err}");
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("b.json")).expect("baseline")).expect("json");
    assert_eq!(written["entries"][0]["path"], "sub/p.json");
    let (code, out, err) =
        stdout_of(
            bin()
                .current_dir(d)
                .args(["check", "--no-config", "--baseline", "b.json", "sub/p.json"]),
        );
    assert_eq!(code, 0, "{out}{err}");
    fs::write(d.join("sub/p.json"), r#"{"schema_version": "4.1"}"#).expect("write");
    let (_, _, err) = stdout_of(bin().current_dir(d.join("sub")).args([
        "check",
        "--no-config",
        "--format",
        "concise",
        "--baseline",
        "../b.json",
        "p.json",
    ]));
    assert!(err.contains("stale baseline entry p.json: R001"), "{err}");
}

/// A baseline written by a run over some of its files keeps the entries of
/// the others (only a checked file's entries can be stale); `--statistics`
/// shows no entry, so stale ones are said on stderr.
#[test]
fn a_partial_refresh_keeps_other_files_entries_and_statistics_say_stale_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for name in ["x.json", "y.json"] {
        fs::copy(fixture("R001/company-directory-admin.manifest.json"), d.join(name)).expect("copy");
    }
    let run = |args: &[&str]| stdout_of(bin().current_dir(d).args(args));
    let (code, _, err) = run(&["check", "--no-config", "--write-baseline", "b.json", "x.json", "y.json"]);
    assert_eq!(code, 0, "{err}");
    let all = fs::read_to_string(d.join("b.json")).expect("baseline");
    let (code, _, err) = run(&[
        "check",
        "--no-config",
        "--baseline",
        "b.json",
        "--write-baseline",
        "b.json",
        "x.json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(d.join("b.json")).expect("baseline"), all);
    fs::write(d.join("y.json"), r#"{"schema_version": "4.1"}"#).expect("write");
    for format in ["human", "json"] {
        let (_, _, err) = run(&[
            "check",
            "--no-config",
            "--statistics",
            "--format",
            format,
            "--baseline",
            "b.json",
            "y.json",
        ]);
        assert!(err.contains("stale baseline entry y.json: R001"), "{format}: {err}");
    }
}
