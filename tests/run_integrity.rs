//! Every run tells the truth (issue 29): outputs that would clobber
//! inputs, failed runs, excludes, foreign files, one sanitizer for stderr
//! and `--diff`, acceptances and config, `diff --base` over folders, the
//! language server's limits. Each class with variants of its own.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ADMIN: &str = "fixtures/R001/company-directory-admin.manifest.json";

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn run_env(args: &[&str], dir: &Path, env: &[(&str, &Path)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_procore-manifest"));
    c.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_ACTIONS");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run")
}

fn run(args: &[&str], dir: &Path) -> Output {
    run_env(args, dir, &[])
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A folder holding one manifest with findings, `m.json`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(repo(ADMIN), dir.path().join("m.json")).expect("copy");
    dir
}

#[test]
fn outputs_never_clobber_inputs_or_each_other() {
    let dir = project();
    let d = dir.path();
    let original = std::fs::read(d.join("m.json")).expect("read");
    std::os::unix::fs::symlink(d.join("m.json"), d.join("link.json")).expect("symlink");
    std::fs::hard_link(d.join("m.json"), d.join("hard.json")).expect("hard link");
    std::fs::create_dir(d.join("sub")).expect("mkdir");
    for args in [
        vec!["check", "m.json", "--format", "sarif=m.json"],
        vec!["check", "m.json", "--format", "json", "--output", "./m.json"],
        vec!["check", "m.json", "--format", "json", "--output", "link.json"],
        vec!["check", "m.json", "--format", "junit=hard.json"],
        vec!["check", "m.json", "--write-baseline", "sub/../m.json"],
        vec!["check", ".", "--write-baseline", "m.json"],
        vec![
            "check",
            "m.json",
            "--format",
            "sarif=a.sarif",
            "--format",
            "json=./a.sarif",
        ],
        vec![
            "check",
            "m.json",
            "--format",
            "sarif=a.sarif",
            "--write-baseline",
            "sub/../a.sarif",
        ],
    ] {
        let o = run(&args, d);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(
            err(&o).contains("a.sarif") || err(&o).contains("m.json"),
            "{args:?}: names the files: {}",
            err(&o)
        );
        assert_eq!(
            std::fs::read(d.join("m.json")).expect("read"),
            original,
            "{args:?} wrote the manifest"
        );
        assert!(
            !d.join("a.sarif").exists(),
            "{args:?}: nothing written before the refusal"
        );
    }
    // A report an earlier run left in the walked folder is not a manifest:
    // it is replaced, not refused.
    std::fs::write(d.join("report.json"), "{\"version\": 1, \"files\": []}").expect("write");
    let o = run(&["check", ".", "--format", "json=report.json"], d);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(std::fs::read_to_string(d.join("report.json"))
        .expect("read")
        .contains("R001"));
    // /dev/null twice is fine: a device is written through.
    let o = run(
        &[
            "check",
            "m.json",
            "--format",
            "json=/dev/null",
            "--format",
            "sarif=/dev/null",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
}

#[test]
fn a_failed_run_writes_no_report_and_one_summary_line() {
    let dir = project();
    let d = dir.path();
    std::fs::write(d.join("old.sarif"), "previous").expect("write");
    let summary = d.join("summary.md");
    let reports = ["--format", "github", "--format", "sarif=old.sarif"];
    for extra in [
        &["missing.json"][..],
        &["--baseline", "nope.json"],
        &["--ignore="],
        &["--config", "nope.toml"],
    ] {
        let args: Vec<&str> = ["check", "m.json"]
            .iter()
            .chain(&reports)
            .chain(extra)
            .copied()
            .collect();
        let _ = std::fs::remove_file(&summary);
        let o = run_env(&args, d, &[("GITHUB_STEP_SUMMARY", &summary)]);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert_eq!(
            std::fs::read_to_string(d.join("old.sarif")).expect("read"),
            "previous",
            "{args:?}"
        );
        let text = std::fs::read_to_string(&summary).unwrap_or_default();
        assert_eq!(text.lines().count(), 1, "{args:?}: {text}");
        assert!(text.contains("the run failed"), "{args:?}: {text}");
        assert!(!text.contains("Checked"), "{args:?}: {text}");
    }
    // A walked file that cannot be read: exit 2, the other reports written.
    std::fs::create_dir(d.join("locked")).expect("mkdir");
    std::fs::copy(repo(ADMIN), d.join("locked/manifest.json")).expect("copy");
    std::fs::write(d.join("unreadable.manifest.json"), "{}").expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        d.join("unreadable.manifest.json"),
        std::fs::Permissions::from_mode(0o000),
    )
    .expect("chmod");
    let o = run(&["check", ".", "--format", "sarif=new.sarif"], d);
    if std::fs::read(d.join("unreadable.manifest.json")).is_err() {
        assert_eq!(o.status.code(), Some(2), "{}", err(&o));
        assert!(d.join("new.sarif").exists(), "the other files' report is written");
    }
}

#[test]
fn excludes_hold_for_named_files_with_force_exclude_and_walks_skip_dependency_folders() {
    let dir = project();
    let d = dir.path();
    std::fs::create_dir(d.join("vendor")).expect("mkdir");
    std::fs::copy(repo(ADMIN), d.join("vendor/manifest.json")).expect("copy");
    std::fs::write(d.join("procore-manifest.toml"), "exclude = [\"vendor/**\"]\n").expect("write");
    let named = run(&["check", "vendor/manifest.json", "--format", "concise"], d);
    assert_eq!(named.status.code(), Some(1), "named files are checked without the flag");
    let forced = run(
        &[
            "check",
            "vendor/manifest.json",
            "--force-exclude",
            "--format",
            "concise",
        ],
        d,
    );
    assert_eq!(forced.status.code(), Some(0), "{}", err(&forced));
    assert!(out(&forced).is_empty());
    let hooks = std::fs::read_to_string(repo(".pre-commit-hooks.yaml")).expect("hooks");
    for entry in hooks.lines().filter(|l| l.trim_start().starts_with("entry:")) {
        assert!(entry.contains("--force-exclude"), "{entry}");
    }
    for folder in [
        "node_modules/pkg",
        ".venv/lib",
        "venv",
        "__pypackages__/3.12",
        ".tox/py",
        "target/debug",
    ] {
        let walk = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(walk.path().join(folder)).expect("mkdir");
        std::fs::copy(repo(ADMIN), walk.path().join(folder).join("manifest.json")).expect("copy");
        let o = run(&["check", ".", "--format", "concise"], walk.path());
        assert_eq!(o.status.code(), Some(0), "{folder}: {}", out(&o));
        // Named on the command line, the folder is walked.
        let top = folder.split('/').next().expect("top");
        let o = run(&["check", top, "--format", "concise"], walk.path());
        assert_eq!(o.status.code(), Some(1), "{folder} named: {}", out(&o));
    }
}

/// A walk on several threads finds, skips and reports exactly what a walk
/// on one does, in the same order: nested folders, a `.gitignore` in a
/// parent and in a subfolder, hidden and dependency folders, hidden files,
/// a symlink loop, a symlinked folder, non-JSON files.
#[test]
fn a_walk_on_many_threads_is_the_walk_on_one() {
    let d = tempfile::tempdir().expect("tempdir");
    let admin = std::fs::read_to_string(repo(ADMIN)).expect("fixture");
    let put = |p: &str, text: &str| {
        let path = d.path().join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    put(".gitignore", "ignored/\n*.skip.json\n");
    for i in 0..40 {
        put(&format!("apps/team-{}/{i:03}/manifest.json", i % 7), &admin);
        put(&format!("apps/team-{}/{i:03}/x.skip.json", i % 7), &admin);
        put(&format!("apps/team-{}/{i:03}/notes.txt", i % 7), "not json");
    }
    put("apps/team-1/.gitignore", "008/\n");
    put("apps/ignored/manifest.json", &admin);
    put("apps/.hidden/manifest.json", &admin);
    put("apps/node_modules/pkg/manifest.json", &admin);
    put("apps/.manifest.json", &admin);
    put("apps/upper.JSON", &admin);
    put("apps/not-a-manifest.json", "{\"name\": 1}");
    std::os::unix::fs::symlink("loop.json", d.path().join("apps/loop.json")).expect("symlink");
    std::os::unix::fs::symlink("team-2", d.path().join("apps/linked")).expect("symlink");
    let walk = |threads: &str| {
        run(
            &["check", "apps", "--no-config", "--format", "json", "--threads", threads],
            d.path(),
        )
    };
    let one = walk("1");
    assert_eq!(one.status.code(), Some(2), "{}", err(&one));
    assert!(
        err(&one).contains("apps/loop.json: symbolic link loop"),
        "{}",
        err(&one)
    );
    let report: serde_json::Value = serde_json::from_str(&out(&one)).expect("json");
    let paths: Vec<&str> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    let mut expected: Vec<String> = (0..40)
        .filter(|i| *i != 8)
        .map(|i| format!("apps/team-{}/{i:03}/manifest.json", i % 7))
        .chain(["apps/.manifest.json".into(), "apps/upper.JSON".into()])
        .collect();
    expected.sort();
    assert_eq!(paths, expected);
    for threads in ["2", "3", "8"] {
        let many = walk(threads);
        assert_eq!(
            (out(&many), err(&many), many.status.code()),
            (out(&one), err(&one), Some(2)),
            "{threads} threads"
        );
    }
}

#[test]
fn a_foreign_file_named_explicitly_is_said_and_refused_where_it_means_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let web = r#"{"name": "My PWA", "short_name": "PWA", "start_url": "/", "display": "standalone", "icons": []}"#;
    std::fs::write(d.join("manifest.json"), web).expect("write");
    let o = run(&["check", "manifest.json"], d);
    assert!(
        err(&o).contains("no Procore evidence") && err(&o).contains("--skip-non-manifests"),
        "{}",
        err(&o)
    );
    let o = run(&["check", "manifest.json", "--skip-non-manifests"], d);
    assert_eq!(o.status.code(), Some(0));
    assert!(!err(&o).contains("no Procore evidence"));
    let o = run(&["permissions", "manifest.json"], d);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(err(&o).contains("no Procore evidence"), "{}", err(&o));
    std::fs::copy(d.join("manifest.json"), d.join("other.json")).expect("copy");
    let o = run(&["diff", "manifest.json", "other.json"], d);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
}

#[test]
fn one_sanitizer_for_every_stream() {
    let dir = project();
    let d = dir.path();
    let forged = "x\n::error title=forged::owned\u{1b}[2J\u{202e}";
    std::os::unix::fs::symlink(forged, d.join(forged)).expect("self-looping symlink");
    let flag = format!("--{forged}");
    for args in [
        vec!["check", "."],
        vec!["check", forged],
        vec!["check", "m.json", "--ignore", forged],
        vec!["check", "m.json", "--format", forged],
        vec!["check", &flag],
        vec!["permissions", forged],
        vec!["usage", "m.json", "--activity", forged],
    ] {
        let o = run(&args, d);
        let e = err(&o);
        for line in e.lines() {
            assert!(!line.trim_start().starts_with("::"), "{args:?}: {line}");
        }
        assert!(!e.contains('\u{1b}') && !e.contains('\u{202e}'), "{args:?}: {e:?}");
    }
    // An argument of 100 KB (near the OS limit for one) is echoed cut, not whole.
    let huge = "x".repeat(100_000);
    for args in [
        vec!["check", "m.json", "--ignore", &huge],
        vec!["check", "m.json", "--format", &huge],
    ] {
        let o = run(&args, d);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            err(&o).len() < 2_000 && err(&o).contains('…'),
            "{} bytes",
            err(&o).len()
        );
    }
    // --diff escapes bidi and C1 characters in its lines.
    let text = std::fs::read_to_string(repo("fixtures/P001/spellings.manifest.json")).expect("read");
    let text = text.replacen("{", "{\"_note\": \"a\u{202e}b\u{85}c\",", 1);
    std::fs::write(d.join("fix.json"), text).expect("write");
    let o = run(&["check", "fix.json", "--diff"], d);
    let diff = out(&o);
    assert!(diff.contains("+++ b/fix.json"), "{diff}");
    assert!(!diff.contains('\u{202e}') && !diff.contains('\u{85}'), "{diff:?}");
    // The job summary's write error names the summary, not standard output.
    let o = run_env(
        &["check", "m.json", "--format", "github"],
        d,
        &[("GITHUB_STEP_SUMMARY", Path::new("/dev/full"))],
    );
    if std::fs::metadata("/dev/full").is_ok() {
        assert!(
            err(&o).contains("job summary") && !err(&o).contains("standard output"),
            "{}",
            err(&o)
        );
    }
}

/// An expired `[[allow]]` is said in every format of `check`: the list is
/// the one `--format` takes, so a new format is held to it too.
#[test]
fn an_expired_acceptance_is_said_in_every_format() {
    let dir = project();
    let d = dir.path();
    std::fs::write(
        d.join("procore-manifest.toml"),
        "[[allow]]\nrule = \"R001\"\nfiles = \"m.json\"\nreason = \"SR-1\"\nexpires = \"2020-01-31\"\n",
    )
    .expect("write");
    let formats = procore_manifest::output::formats::FORMATS;
    assert!(formats.len() >= 9);
    for format in formats.iter().map(|f| f.name) {
        let o = run(&["check", "m.json", "--format", format], d);
        let report = out(&o);
        assert_eq!(o.status.code(), Some(1), "{format}: {report}{}", err(&o));
        let said = report
            .lines()
            .any(|l| l.contains("expired") && l.contains("2020-01-31") && l.contains("SR-1"));
        assert!(said, "{format} does not say the acceptance expired:\n{report}");
    }
}

#[test]
fn acceptances_config_and_listings_say_what_they_mean() {
    let dir = project();
    let d = dir.path();
    std::fs::write(
        d.join("procore-manifest.toml"),
        "[[allow]]\nrule = \"R001\"\nreason = \"sync needs it\"\nexpires = \"2020-01-31\"\n",
    )
    .expect("write");
    for format in ["concise", "github"] {
        let o = run(&["check", "m.json", "--format", format], d);
        assert!(
            out(&o).contains("(acceptance expired 2020-01-31: sync needs it)"),
            "{format}: {}",
            out(&o)
        );
    }
    std::fs::write(
        d.join("procore-manifest.toml"),
        "[[allow]]\nrule = \"R001\"\nreason = \"sync needs it\"\nexpires = \"2999-06-30\"\n",
    )
    .expect("write");
    let o = run(&["check", "m.json", "--format", "concise"], d);
    assert!(
        !out(&o).contains("R001"),
        "a quoted date is accepted: {}{}",
        out(&o),
        err(&o)
    );
    let rules = out(&run(&["rules"], d));
    let first = rules.lines().next().expect("header");
    assert!(first.starts_with("CODE") && first.contains("FIX"), "{first}");
    assert!(
        rules.contains("safe =") && rules.contains("unsafe =") && rules.contains("sometimes ="),
        "{rules}"
    );
    let o = run(&["check", "m.json", "--no-config", "--write-baseline", "base.json"], d);
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).is_empty(), "{}", out(&o));
    assert_eq!(err(&o).lines().count(), 1, "{}", err(&o));
    assert!(err(&o).contains("recorded 1 finding"), "{}", err(&o));
    let md = out(&run(&["check", "m.json", "--no-config", "--format", "markdown"], d));
    assert!(!md.contains("\\`"), "code spans, not literal backticks: {md}");
}

fn git(d: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args([
            "-c",
            "user.email=t@t",
            "-c",
            "user.name=t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(d)
        .output()
        .expect("git")
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn diff_base_takes_folders_and_several_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    for app in ["a", "b"] {
        std::fs::create_dir_all(d.join("apps").join(app)).expect("mkdir");
        std::fs::copy(
            repo("fixtures/valid/v3-dmsa.manifest.json"),
            d.join("apps").join(app).join("manifest.json"),
        )
        .expect("copy");
    }
    std::fs::write(d.join("apps/package.json"), "{\"name\": \"x\"}").expect("write");
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "init"]);
    std::fs::remove_file(d.join("apps/b/manifest.json")).expect("rm");
    std::fs::create_dir_all(d.join("apps/c")).expect("mkdir");
    std::fs::copy(repo(ADMIN), d.join("apps/c/manifest.json")).expect("copy");
    let o = run(
        &[
            "diff",
            "--base",
            "HEAD",
            "apps",
            "--format",
            "json",
            "--fail-on-escalation",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("json");
    // One object (CLI.md: every JSON shape has a top-level version), the
    // diffs in an array, each the shape of `diff OLD NEW`.
    assert_eq!(v["version"], 1, "{v}");
    assert_eq!(v["escalation"], true, "{v}");
    let diffs = v["diffs"].as_array().expect("diffs");
    assert_eq!(diffs.len(), 3, "a, b (removed), c (added); not package.json");
    let news: Vec<&str> = diffs.iter().filter_map(|d| d["new"].as_str()).collect();
    assert_eq!(
        news,
        ["apps/a/manifest.json", "apps/b/manifest.json", "apps/c/manifest.json"]
    );
    assert!(
        diffs.iter().all(|d| d["version"] == 1 && d["changes"].is_array()),
        "{v}"
    );
    // The report itself says which file was added or removed.
    let status: Vec<&str> = diffs.iter().map(|d| d["status"].as_str().unwrap_or("-")).collect();
    assert_eq!(status, ["-", "removed", "added"], "{v}");
    assert_eq!(diffs[1]["risk"]["after"], "none", "{v}");
    assert!(
        err(&o).contains("removed since HEAD") && err(&o).contains("did not exist at HEAD"),
        "{}",
        err(&o)
    );
    assert!(!err(&o).contains("S001"));
    let o = run(&["diff", "--base", "HEAD", "apps/a/manifest.json", "apps/c"], d);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("apps/a/manifest.json") && out(&o).contains("apps/c/manifest.json"));
}

#[test]
fn diff_base_follows_a_removed_folder_and_skips_what_the_walk_skips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    for sub in ["apps/gone", "apps/kept", "apps/.hidden", "apps/node_modules/x"] {
        std::fs::create_dir_all(d.join(sub)).expect("mkdir");
        std::fs::copy(
            repo("fixtures/valid/v3-dmsa.manifest.json"),
            d.join(sub).join("manifest.json"),
        )
        .expect("copy");
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink("kept/manifest.json", d.join("apps/link.json")).expect("symlink");
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "init"]);
    std::fs::remove_dir_all(d.join("apps/gone")).expect("rm");
    // The manifest removed with its folder, named by its path or by its
    // folder's: a removal, not a missing file.
    for target in ["apps/gone/manifest.json", "apps/gone"] {
        let o = run(&["diff", "--base", "HEAD", target, "--format", "json"], d);
        assert_eq!(o.status.code(), Some(0), "{target}: {}", err(&o));
        assert!(err(&o).contains("removed since HEAD"), "{target}: {}", err(&o));
    }
    // The walk skips hidden folders, dependency folders and symlinks now;
    // the base side skips them too, so nothing reads as removed or added.
    let o = run(&["diff", "--base", "HEAD", "apps", "--format", "json"], d);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("json");
    let olds: Vec<&str> = v["diffs"]
        .as_array()
        .expect("diffs")
        .iter()
        .filter_map(|d| d["old"].as_str().or(d["new"].as_str()))
        .collect();
    assert!(
        olds.iter()
            .all(|p| p.contains("apps/gone/") || p.contains("apps/kept/")),
        "{olds:?}"
    );
    assert!(olds.iter().any(|p| p.contains("apps/gone/")), "{olds:?}");
}

#[test]
fn the_language_server_bounds_its_headers_and_names_a_closed_connection() {
    use std::io::Write;
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    for input in [vec![b'a'; 100_000], {
        let mut v = Vec::new();
        for i in 0..2_000 {
            v.extend_from_slice(format!("X-Header-{i}: {}\r\n", "v".repeat(30)).as_bytes());
        }
        v
    }] {
        let mut child = spawn();
        let mut stdin = child.stdin.take().expect("stdin");
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let o = child.wait_with_output().expect("wait");
        let _ = writer.join();
        assert_eq!(o.status.code(), Some(1));
        assert!(err(&o).contains("over the limit"), "{}", err(&o));
    }
    let mut child = spawn();
    drop(child.stdin.take());
    let o = child.wait_with_output().expect("wait");
    assert!(err(&o).contains("client closed the connection"), "{}", err(&o));
    assert!(!err(&o).contains("disconnected channel"));
}

/// A manifest with a safe fix (a level written `Read Only`) and an error
/// the fix leaves (Admin on the Directory).
const FIXABLE: &str =
    r#"{"schema_version":"4.1","permissions":{"company":{"documents":"Read Only","directory":"admin"}}}"#;

#[test]
fn diff_writes_nothing_and_refuses_what_would_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("p.json"), FIXABLE).expect("write");
    let o = run(&["check", "p.json", "--no-config", "--write-baseline", "base.json"], d);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let baseline = std::fs::read(d.join("base.json")).expect("baseline");
    std::fs::write(d.join("old.sarif"), "earlier report").expect("write");
    for extra in [
        vec!["--write-baseline", "base.json"],
        vec!["--format", "sarif=r.sarif"],
        vec!["--format", "sarif=old.sarif"],
        vec!["--format", "json", "--output", "r.json"],
        vec!["--format", "concise", "--format", "json=r.json"],
    ] {
        let mut args = vec!["check", "p.json", "--no-config", "--diff"];
        args.extend(&extra);
        let o = run(&args, d);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", err(&o));
        assert!(
            err(&o).contains("--diff prints only the diff"),
            "{extra:?}: {}",
            err(&o)
        );
        assert!(out(&o).is_empty(), "{extra:?}: nothing on stdout: {}", out(&o));
        assert_eq!(
            std::fs::read(d.join("base.json")).expect("baseline"),
            baseline,
            "{extra:?}"
        );
        assert_eq!(
            std::fs::read_to_string(d.join("old.sarif")).expect("old"),
            "earlier report"
        );
        assert!(!d.join("r.sarif").exists() && !d.join("r.json").exists(), "{extra:?}");
    }
    // Alone it prints the diff, and a job summary gets nothing (no findings
    // are reported by a --diff run).
    std::fs::write(d.join("summary.md"), "").expect("write");
    let o = run_env(
        &["check", "p.json", "--no-config", "--diff", "--format", "github"],
        d,
        &[("GITHUB_STEP_SUMMARY", &d.join("summary.md"))],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(out(&o).starts_with("--- a/p.json\n+++ b/p.json\n"), "{}", out(&o));
    assert_eq!(std::fs::read_to_string(d.join("summary.md")).expect("summary"), "");
    assert_eq!(
        std::fs::read_to_string(d.join("p.json")).expect("p"),
        FIXABLE,
        "changed nothing"
    );
}

#[test]
fn a_file_whose_fixes_cannot_be_written_is_reported_as_it_stays() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for name in ["ok.json", "ro.json"] {
        std::fs::write(d.join(name), FIXABLE).expect("write");
    }
    std::fs::set_permissions(d.join("ro.json"), std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let o = run(
        &[
            "check",
            "ro.json",
            "ok.json",
            "--no-config",
            "--fix",
            "--format",
            "json=fix.json",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("ro.json: cannot write the fixes"), "{}", err(&o));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("fix.json")).expect("report")).expect("json");
    let codes = |path: &str| -> Vec<String> {
        let files = report["files"].as_array().expect("files");
        let file = files.iter().find(|f| f["path"] == path).expect(path);
        let diagnostics = file["diagnostics"].as_array().expect("diagnostics");
        diagnostics
            .iter()
            .map(|x| x["code"].as_str().unwrap_or("").to_string())
            .collect()
    };
    // The read-only file still holds `Read Only` (P001); the fixed one not.
    assert!(codes("ro.json").contains(&"P001".to_string()), "{report}");
    assert!(!codes("ok.json").contains(&"P001".to_string()), "{report}");
    assert_eq!(report["summary"]["files"], 2, "{report}");
    assert_eq!(
        report["summary"]["fixed"], 1,
        "only the written file's fix counts: {report}"
    );
    assert_eq!(std::fs::read_to_string(d.join("ro.json")).expect("ro"), FIXABLE);
    // Alone, the human report says it checked the file and what it holds.
    let o = run(&["check", "ro.json", "--no-config", "--fix", "--color", "never"], d);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(out(&o).contains("Checked 1 file:"), "{}", out(&o));
    assert!(out(&o).contains("P001"), "{}", out(&o));
}

/// A walked file the run cannot read (here a symbolic link that loops) is
/// exit 2, and every report format, written to a file like CI writes it,
/// still holds the other files and names the one that failed.
#[test]
fn every_report_names_a_walked_file_that_could_not_be_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir(d.join("walk")).expect("mkdir");
    std::fs::copy(repo(ADMIN), d.join("walk/a.json")).expect("copy");
    std::os::unix::fs::symlink("l2.json", d.join("walk/l1.json")).expect("symlink");
    std::os::unix::fs::symlink("l1.json", d.join("walk/l2.json")).expect("symlink");
    let formats: Vec<&str> = procore_manifest::output::formats::FORMATS
        .iter()
        .map(|f| f.name)
        .collect();
    assert!(formats.len() >= 9, "{formats:?}");
    for format in formats {
        let target = format!("{format}=report.out");
        let o = run(&["check", "walk", "--no-config", "--format", &target], d);
        assert_eq!(o.status.code(), Some(2), "{format}: {}", err(&o));
        assert!(
            err(&o).contains("walk/l1.json: symbolic link loop"),
            "{format}: {}",
            err(&o)
        );
        let report = std::fs::read_to_string(d.join("report.out")).expect("report");
        assert!(
            report.contains("walk/a.json"),
            "{format}: the other file is reported:\n{report}"
        );
        for looped in ["walk/l1.json", "walk/l2.json"] {
            assert!(report.contains(looped), "{format}: names {looped}:\n{report}");
        }
        match format {
            "json" => {
                let v: serde_json::Value = serde_json::from_str(&report).expect("json");
                assert_eq!(v["summary"]["failed"][0]["path"], "walk/l1.json", "{v}");
            }
            "sarif" => {
                let v: serde_json::Value = serde_json::from_str(&report).expect("sarif");
                let invocation = &v["runs"][0]["invocations"][0];
                assert_eq!(invocation["executionSuccessful"], false, "{v}");
                let n = &invocation["toolExecutionNotifications"][0];
                assert_eq!(n["level"], "error", "{v}");
                assert_eq!(
                    n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    "walk/l1.json"
                );
            }
            "junit" => assert!(report.contains("errors=\"1\""), "{report}"),
            "gitlab" | "rdjson" => {
                serde_json::from_str::<serde_json::Value>(&report).expect("well-formed");
            }
            _ => {}
        }
    }
    // Without a failure, nothing of this appears (the JSON summary keeps its shape).
    std::fs::remove_file(d.join("walk/l1.json")).expect("rm");
    std::fs::remove_file(d.join("walk/l2.json")).expect("rm");
    let o = run(&["check", "walk", "--no-config", "--format", "json"], d);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(!out(&o).contains("\"failed\""), "{}", out(&o));
}

/// One file is one path, however it is spelled: `././p.json` and
/// `sub/../p.json` are `p.json` in reports, in the baseline's keys and in
/// `--diff` headers (which `git apply` takes); a file that starts with a
/// byte order mark gets a patch that applies.
#[test]
fn a_file_is_one_path_and_its_diff_applies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("p.json"), FIXABLE).expect("write");
    std::fs::create_dir(d.join("sub")).expect("mkdir");
    let o = run(&["check", "p.json", "--no-config", "--write-baseline", "base.json"], d);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    for spelling in ["./p.json", "././p.json", "sub/../p.json", ".//p.json"] {
        let o = run(
            &[
                "check",
                spelling,
                "--no-config",
                "--baseline",
                "base.json",
                "--format",
                "json",
            ],
            d,
        );
        assert_eq!(o.status.code(), Some(0), "{spelling}: baselined: {}", out(&o));
        let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("json");
        assert_eq!(v["files"][0]["path"], "p.json", "{spelling}");
        let o = run(&["check", spelling, "--no-config", "--diff"], d);
        assert_eq!(o.status.code(), Some(1), "{spelling}: {}", err(&o));
        assert!(
            out(&o).starts_with("--- a/p.json\n+++ b/p.json\n"),
            "{spelling}: {}",
            out(&o)
        );
    }
    // A byte order mark, CRLF line ends: the patch applies with git and patch.
    git(d, &["init", "-q"]);
    let bom = format!(
        "\u{feff}{}\r\n",
        FIXABLE.replace(",\"permissions\"", ",\r\n\"permissions\"")
    );
    std::fs::write(d.join("bom.json"), &bom).expect("write");
    let o = run(&["check", "bom.json", "--no-config", "--diff"], d);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        !out(&o).contains("\\u{feff}"),
        "the mark is kept, not escaped: {}",
        out(&o)
    );
    std::fs::write(d.join("bom.patch"), out(&o)).expect("write");
    git(d, &["apply", "--check", "bom.patch"]);
    git(d, &["apply", "bom.patch"]);
    let fixed = std::fs::read_to_string(d.join("bom.json")).expect("read");
    assert!(
        fixed.starts_with('\u{feff}') && fixed.contains("\"readonly\""),
        "{fixed:?}"
    );
    let o = run(&["check", "bom.json", "--no-config", "--diff"], d);
    assert_eq!(o.status.code(), Some(0), "nothing left to fix: {}", out(&o));
}

/// An argument the command line parser refuses (an unknown `--fail-on`,
/// a `--threads` that is no number) fails the run like any wrong argument:
/// exit 2, no report written, one line in the job summary.
#[test]
fn a_refused_argument_puts_one_line_in_the_job_summary() {
    let dir = project();
    let d = dir.path();
    for bad in [
        vec!["--fail-on", "bogus"],
        vec!["--threads", "abc"],
        vec!["--color=sometimes"],
    ] {
        std::fs::write(d.join("summary.md"), "").expect("write");
        let mut args = vec![
            "check",
            "m.json",
            "--no-config",
            "--format",
            "github",
            "--format",
            "sarif=r.sarif",
        ];
        args.extend(&bad);
        let o = run_env(&args, d, &[("GITHUB_STEP_SUMMARY", &d.join("summary.md"))]);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        let summary = std::fs::read_to_string(d.join("summary.md")).expect("summary");
        assert_eq!(summary.lines().count(), 1, "{bad:?}: {summary}");
        assert!(summary.contains("the run failed"), "{bad:?}: {summary}");
        assert!(!d.join("r.sarif").exists(), "{bad:?}");
    }
    // Without a github report, the job summary is left alone.
    std::fs::write(d.join("summary.md"), "").expect("write");
    let o = run_env(
        &["check", "m.json", "--format", "json", "--fail-on", "bogus"],
        d,
        &[("GITHUB_STEP_SUMMARY", &d.join("summary.md"))],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(d.join("summary.md")).expect("summary"), "");
}

/// The fifth pass: every command's lines start safe, stdin is its own
/// input, a huge key neither panics nor floods a line, a fatal problem is
/// named in the report, and a file name keeps its `|` in a heading.
#[test]
fn names_keys_and_failures_in_every_command() {
    let dir = project();
    let d = dir.path();
    std::fs::copy(d.join("m.json"), d.join("::warning::x.json")).expect("copy");
    let o = run(&["permissions", "::warning::x.json"], d);
    assert!(out(&o).lines().all(|l| !l.starts_with("::")), "{}", out(&o));
    let o = run(&["diff", "::warning::x.json", "m.json"], d);
    assert!(out(&o).lines().all(|l| !l.starts_with("::")), "{}", out(&o));
    // Standard input named like a file on the command line: both checked.
    let clean = std::fs::read_to_string(repo("fixtures/valid/v41-complete.manifest.json")).expect("read");
    for args in [
        ["--stdin-filename", "m.json", "-", "m.json"],
        ["--stdin-filename", "m.json", "m.json", "-"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
            .current_dir(d)
            .args(["check", "--no-config", "--format", "concise"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().expect("stdin").write_all(clean.as_bytes())?;
                c.wait_with_output()
            })
            .expect("runs");
        assert_eq!(o.status.code(), Some(1), "{args:?}: the file's R001 counts");
    }
    // A 70,000-character key: no panic, no 70,000-character line.
    let key = "d".repeat(70_000);
    std::fs::write(
        d.join("k.json"),
        format!(r#"{{"schema_version": "4.1", "permissions": {{"company": {{"{key}": "readonly"}}}}}}"#),
    )
    .expect("write");
    for cmd in [
        vec!["check", "--no-config", "--format", "concise", "k.json"],
        vec!["permissions", "k.json"],
    ] {
        let o = run(&cmd, d);
        assert_ne!(o.status.code(), Some(101), "{cmd:?}: {}", err(&o));
        assert!(out(&o).lines().all(|l| l.chars().count() < 1_000), "{cmd:?}");
    }
    // A named path missing: the JSON report on stdout names it.
    let o = run(&["check", "--no-config", "--format", "json", "nope.json", "m.json"], d);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("json");
    assert!(v["summary"]["failed"].to_string().contains("nope.json"), "{v}");
    // Each named path that fails is one failure with its path, in every
    // report (the first one alone, with no path, was said before); a path
    // named twice is one failure.
    let named = |format: &'static str| {
        [
            "check",
            "--no-config",
            "--format",
            format,
            "nope.json",
            "gone.json",
            "./nope.json",
            "m.json",
        ]
    };
    let o = run(&named("json"), d);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("json");
    let failed: Vec<&str> = v["summary"]["failed"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(failed, ["nope.json", "gone.json"], "{v}");
    let o = run(&named("human"), d);
    assert!(out(&o).contains("2 could not be checked"), "{}", out(&o));
    assert!(out(&o).contains("  gone.json: no such file"), "{}", out(&o));
    // The job summary's line names every one (and says no report *file*
    // was written: the github report went to standard output).
    let summary = d.join("summary.md");
    let o = run_env(&named("github"), d, &[("GITHUB_STEP_SUMMARY", &summary)]);
    assert_eq!(o.status.code(), Some(2));
    let line = std::fs::read_to_string(&summary).expect("summary");
    assert!(line.contains("nope.json") && line.contains("gone.json"), "{line}");
    assert!(line.contains("no report file written"), "{line}");
    // A `|` in a file name stays a `|` in a Markdown heading.
    std::fs::copy(d.join("m.json"), d.join("a|b.json")).expect("copy");
    let o = run(&["check", "--no-config", "--format", "markdown", "a|b.json"], d);
    assert!(out(&o).contains("### `a|b.json`"), "{}", out(&o));
}

/// One file named through two paths (a symlinked folder) is checked once:
/// its findings were reported twice, with the same GitLab fingerprints.
#[cfg(unix)]
#[test]
fn one_file_reached_through_two_paths_is_checked_once() {
    let p = project();
    let d = p.path();
    std::fs::create_dir_all(d.join("sub")).expect("mkdir");
    std::fs::copy(
        repo("fixtures/R001/company-directory-admin.manifest.json"),
        d.join("sub/m.json"),
    )
    .expect("copy");
    std::os::unix::fs::symlink("sub", d.join("linkdir")).expect("symlink");
    for args in [
        &[
            "check",
            "--no-config",
            "--format",
            "gitlab",
            "sub/m.json",
            "linkdir/m.json",
        ][..],
        &["check", "--no-config", "--format", "gitlab", "sub", "linkdir"],
    ] {
        let o = run(args, d);
        let issues: serde_json::Value = serde_json::from_str(&out(&o)).expect("gitlab json");
        let fingerprints: Vec<&str> = issues
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|i| i["fingerprint"].as_str())
            .collect();
        let distinct: std::collections::HashSet<&&str> = fingerprints.iter().collect();
        assert!(!fingerprints.is_empty(), "{args:?}: {}", out(&o));
        assert_eq!(distinct.len(), fingerprints.len(), "{args:?}: {}", out(&o));
    }
}

/// A bad config found by the walk is named in every report with its line
/// (it was "a config file is invalid", with no path), and in the job
/// summary's one line.
#[test]
fn a_bad_discovered_config_is_named_with_its_line() {
    let dir = project();
    let d = dir.path();
    std::fs::create_dir(d.join("cf")).expect("mkdir");
    std::fs::write(d.join("cf/procore-manifest.toml"), "[rules]\nbogus = 1\n").expect("write");
    std::fs::copy(repo(ADMIN), d.join("cf/m.json")).expect("copy");
    let summary = d.join("summary.md");
    let o = run_env(
        &["check", "--format", "json", "--format", "github=gh.txt", "cf", "m.json"],
        d,
        &[("GITHUB_STEP_SUMMARY", &summary)],
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let report: serde_json::Value = serde_json::from_str(&out(&o)).expect("json report");
    let failed = &report["summary"]["failed"][0];
    assert_eq!(failed["path"], "cf/procore-manifest.toml", "{report}");
    assert!(
        failed["error"]
            .as_str()
            .is_some_and(|e| e.contains("line 2") && e.contains("bogus")),
        "{report}"
    );
    // A failed run writes no report file; the job summary says why.
    assert!(!d.join("gh.txt").exists());
    let text = std::fs::read_to_string(&summary).expect("summary");
    assert!(
        text.contains("cf/procore-manifest.toml") && text.contains("bogus"),
        "{text}"
    );
}

/// A report file that cannot be created fails the run before any report is
/// written (the others were written, or replaced); a dangling symlink is
/// the file it names (two outputs through it are one file); the job
/// summary is an output too (appended to a manifest it corrupted it).
#[cfg(unix)]
#[test]
fn outputs_fail_whole_and_links_and_the_job_summary_count() {
    let dir = project();
    let d = dir.path();
    std::os::unix::fs::symlink("missing/x.sarif", d.join("dl")).expect("symlink");
    std::fs::write(d.join("r.json"), "previous").expect("write");
    let o = run(
        &["check", "m.json", "--format", "sarif=dl", "--format", "json=r.json"],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("cannot write dl"), "{}", err(&o));
    assert_eq!(std::fs::read_to_string(d.join("r.json")).expect("read"), "previous");
    std::os::unix::fs::symlink("r1", d.join("r1link")).expect("symlink");
    let o = run(
        &["check", "m.json", "--format", "json=r1", "--format", "sarif=r1link"],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(!d.join("r1").exists());
    let before = std::fs::read(d.join("m.json")).expect("read");
    let o = run_env(
        &["check", "m.json", "--format", "github"],
        d,
        &[("GITHUB_STEP_SUMMARY", &d.join("m.json"))],
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert_eq!(
        std::fs::read(d.join("m.json")).expect("read"),
        before,
        "the manifest is untouched"
    );
}

/// `diff --base REV DIR`: a manifest that does not parse on either side is
/// a broken manifest (exit 2, its S001), not another product's file
/// compared as absent (it was "file removed", access lowered, exit 0).
#[test]
fn diff_base_over_a_folder_fails_on_a_broken_manifest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir(d.join("app")).expect("mkdir");
    git(d, &["init", "-q"]);
    std::fs::write(
        d.join("app/manifest.json"),
        r#"{"schema_version":"4.1","permissions":{"project":{"rfi":"readonly"}}}"#,
    )
    .expect("write");
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    std::fs::write(
        d.join("app/manifest.json"),
        r#"{"schema_version":"4.1","permissions":{"project":{"rfi":"admin"}},}"#,
    )
    .expect("write");
    let o = run(
        &[
            "diff",
            "--base",
            "HEAD",
            ".",
            "--fail-on-escalation",
            "--format",
            "json",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}{}", out(&o), err(&o));
    assert!(err(&o).contains("S001"), "{}", err(&o));
}
