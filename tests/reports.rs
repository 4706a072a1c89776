//! Reports where reviewers look: markdown, the GitHub job summary
//! and annotation limits, rdjson with suggestions, --statistics,
//! --exit-zero, --write-baseline's exit code, --diff for git apply and
//! patch, concise did-you-mean, --show-suppressed.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn bin(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_procore-manifest"));
    c.current_dir(dir);
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let out: Output = c.output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn root() -> &'static Path {
    common::root()
}

#[test]
fn markdown_report_snapshot_and_literal_rendering() {
    let (code, out, _) = run(bin(root()).args([
        "check",
        "--no-config",
        "--format",
        "markdown",
        "fixtures/R001/company-directory-admin.manifest.json",
        "fixtures/C010/duplicate-view.manifest.json",
    ]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("markdown_report", out);
    // Hostile manifest text renders literally.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("manifest.json"),
        r#"{"schema_version": "4.1", "permissions": {"company": {"<img src=x onerror=alert(1)>": "**bold** @admin https://evil.example/x | `tick`"}}}"#,
    )
    .expect("write");
    let (_, md, _) = run(bin(dir.path()).args(["check", "--no-config", "--format", "markdown", "manifest.json"]));
    let mut o = comrak::Options::default();
    o.extension.table = true;
    o.extension.autolink = true;
    o.render.r#unsafe = true;
    let html = comrak::markdown_to_html(&md, &o);
    for tag in ["<img", "<a ", "<em>", "<strong>bold"] {
        assert!(!html.contains(tag), "{tag} in:\n{html}");
    }
}

#[test]
fn github_job_summary_and_annotation_limits() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Twelve files with an error each: more than GitHub shows per step.
    for i in 0..12 {
        std::fs::write(
            dir.path().join(format!("m{i}.manifest.json")),
            r#"{"schema_version": "4.1", "permissions": {"company": {"directory": "admin"}}}"#,
        )
        .expect("write");
    }
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("write");
    let (code, out, _) = run(bin(dir.path()).env("GITHUB_STEP_SUMMARY", &summary).args([
        "check",
        "--no-config",
        "--format",
        "github",
        ".",
    ]));
    assert_eq!(code, 1);
    assert_eq!(out.matches("::error ").count(), 12);
    let notice = out.lines().last().expect("a last line");
    assert!(
        notice.starts_with("::notice title=procore-manifest::")
            && notice.contains("4 annotations will not be shown")
            && notice.contains("the job summary lists them"),
        "{notice}"
    );
    let md = std::fs::read_to_string(&summary).expect("summary");
    assert!(md.starts_with("earlier step\n## procore-manifest"), "{md}");
    assert_eq!(md.matches("| R001 |").count(), 12, "{md}");
    // Without the variable, no summary and no file.
    let (_, out, _) = run(bin(dir.path()).env_remove("GITHUB_STEP_SUMMARY").args([
        "check",
        "--no-config",
        "--format",
        "github",
        "m0.manifest.json",
    ]));
    assert!(!out.contains("::notice"), "{out}");
}

#[test]
fn rdjson_has_suggestions_and_the_shape_of_reviewdogs_format() {
    let (code, out, _) = run(bin(root()).args([
        "check",
        "--no-config",
        "--format",
        "rdjson",
        "fixtures/C010/duplicate-view.manifest.json",
        "fixtures/P001/spellings.manifest.json",
    ]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/rdjson-shape.schema.json")).expect("schema");
    let validator = jsonschema::draft202012::new(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let with_suggestions: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d.get("suggestions").is_some())
        .collect();
    assert!(with_suggestions.iter().any(|d| d["code"]["value"] == "C010"));
    assert!(with_suggestions.iter().any(|d| d["code"]["value"] == "P001"));
    insta::assert_snapshot!("rdjson_report", out);
}

#[test]
fn statistics_in_text_and_json() {
    let (code, out, _) =
        run(bin(root()).args(["check", "--no-config", "--statistics", "fixtures/P001", "fixtures/R001"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("statistics_text", out);
    let (_, out, _) = run(bin(root()).args([
        "check",
        "--no-config",
        "--statistics",
        "--format",
        "json",
        "fixtures/P001",
        "fixtures/R001",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["version"], 1);
    let counts: Vec<u64> = v["statistics"]
        .as_array()
        .expect("statistics")
        .iter()
        .map(|s| s["count"].as_u64().expect("count"))
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most frequent first: {counts:?}"
    );
}

#[test]
fn exit_zero_and_write_baseline_exit_codes() {
    let (code, _, _) = run(bin(root()).args(["check", "--no-config", "--exit-zero", "fixtures/R001"]));
    assert_eq!(code, 0);
    let dir = tempfile::tempdir().expect("tempdir");
    let base = dir.path().join("baseline.json");
    let (code, _, err) = run(bin(root())
        .args(["check", "--no-config", "fixtures/R001", "--write-baseline"])
        .arg(&base));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("recorded") && err.contains("findings"), "{err}");
    assert!(base.exists());
}

#[test]
fn concise_keeps_the_did_you_mean() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("manifest.json"),
        r#"{"schema_version": "4.1", "permissions": {"project": {"submittals": "readonly"}}}"#,
    )
    .expect("write");
    let (_, out, _) = run(bin(dir.path()).args(["check", "--no-config", "--format", "concise", "manifest.json"]));
    let line = out.lines().find(|l| l.contains("[P002]")).expect("P002");
    assert!(line.contains("; did you mean `submittal"), "{line}");
}

#[test]
fn show_suppressed_names_each_accepted_or_baselined_finding() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("manifest.json"),
        r#"{"schema_version": "4.1", "permissions": {"company": {"directory": "admin", "documents": "admin"}}}"#,
    )
    .expect("write");
    std::fs::write(
        dir.path().join("procore-manifest.toml"),
        "[rules]\nignore = [\"I001\"]\n[[allow]]\nrule = \"R001\"\nreason = \"SR-142\"\n",
    )
    .expect("write");
    let (_, out, _) = run(bin(dir.path()).args(["check", "--show-suppressed", "--color", "never", "manifest.json"]));
    assert!(
        out.contains("suppressed error[R001] at manifest.json:1:") && out.contains("accepted: SR-142"),
        "{out}"
    );
    let (_, out, _) = run(bin(dir.path()).args(["check", "--color", "never", "manifest.json"]));
    assert!(!out.contains("suppressed error[R001]"), "{out}");
}

#[test]
fn the_diff_applies_with_git_and_patch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixable = std::fs::read_to_string(root().join("fixtures/P001/spellings.manifest.json")).expect("fixture");
    std::fs::create_dir_all(dir.path().join("apps")).expect("mkdir");
    std::fs::write(dir.path().join("apps/manifest.json"), &fixable).expect("write");
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("git")
    };
    git(&["init", "-q"]);
    // Names with a space (a tab ends them for patch) or a quote (C-quoted,
    // as git writes them) apply too.
    std::fs::write(dir.path().join("apps/my app.json"), &fixable).expect("write");
    std::fs::write(dir.path().join("apps/q\"x.json"), &fixable).expect("write");
    std::fs::write(dir.path().join("apps/cr.json"), fixable.replace('\n', "\r")).expect("write");
    // Names the reports show escaped (`\x09`, `\x5C`, `\xFF`): the
    // headers name the real file, C-quoted as git writes it.
    use std::os::unix::ffi::OsStrExt;
    let odd = [
        &b"apps/t\tab.json"[..],
        b"apps/d\x7Fel.json",
        b"apps/e\\x41.json",
        b"apps/b\xFFyte.json",
    ];
    for name in odd {
        std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(name)), &fixable).expect("write");
    }
    let odd_headers = [
        "--- \"a/apps/t\\tab.json\"\n",
        "--- \"a/apps/d\\177el.json\"\n",
        "--- \"a/apps/e\\\\x41.json\"\n",
        "--- \"a/apps/b\\377yte.json\"\n",
    ];
    let absolute = dir.path().join("apps/manifest.json");
    for (target, header) in [
        (
            std::ffi::OsString::from("apps/manifest.json"),
            "--- a/apps/manifest.json\n+++ b/apps/manifest.json\n",
        ),
        (
            absolute.into_os_string(),
            "--- a/apps/manifest.json\n+++ b/apps/manifest.json\n",
        ),
        (
            "apps/my app.json".into(),
            "--- a/apps/my app.json\t\n+++ b/apps/my app.json\t\n",
        ),
        (
            "apps/q\"x.json".into(),
            "--- \"a/apps/q\\\"x.json\"\n+++ \"b/apps/q\\\"x.json\"\n",
        ),
        // Bare CR line ends (valid JSON white space): lines end at LF.
        ("apps/cr.json".into(), "--- a/apps/cr.json\n+++ b/apps/cr.json\n"),
    ]
    .into_iter()
    .chain(
        odd.iter()
            .zip(odd_headers)
            .map(|(n, h)| (std::ffi::OsStr::from_bytes(n).to_os_string(), h)),
    ) {
        let (code, diff, err) = run(bin(dir.path()).args(["check", "--no-config", "--diff"]).arg(&target));
        assert_eq!(code, 1, "{err}");
        assert!(diff.starts_with(header), "{diff}");
        std::fs::write(dir.path().join("fix.diff"), &diff).expect("write");
        let check = git(&["apply", "--check", "fix.diff"]);
        assert!(
            check.status.success(),
            "git apply: {}",
            String::from_utf8_lossy(&check.stderr)
        );
        let patch = Command::new("patch")
            .args(["-p1", "--dry-run", "-i", "fix.diff"])
            .current_dir(dir.path())
            .output()
            .expect("patch");
        assert!(
            patch.status.success(),
            "patch: {}",
            String::from_utf8_lossy(&patch.stdout)
        );
    }
}

/// A job summary past GitHub's 1 MiB is dropped whole by GitHub: ours
/// stays within it and says how many findings it leaves out.
#[test]
fn the_job_summary_stays_within_githubs_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let members: Vec<String> = (0..8_000)
        .map(|i| format!("\"x-unknown-member-with-a-long-name-{i:05}\": {i}"))
        .collect();
    std::fs::write(
        dir.path().join("m.manifest.json"),
        format!("{{\"schema_version\": \"4.1\", {}}}", members.join(", ")),
    )
    .expect("write");
    let summary = dir.path().join("summary.md");
    let (_, _, err) = run(bin(dir.path()).env("GITHUB_STEP_SUMMARY", &summary).args([
        "check",
        "--no-config",
        "--format",
        "github",
        ".",
    ]));
    let md = std::fs::read_to_string(&summary).expect("summary");
    assert!(md.len() <= 1024 * 1024, "{} bytes; {err}", md.len());
    assert!(
        md.contains("more findings are not listed"),
        "{}",
        &md[md.len().saturating_sub(500)..]
    );
    assert!(md.contains("**Checked 1 file"), "the totals are kept");
}

/// The "not shown" annotation is itself of a level with room left: with
/// more than ten notices it is a warning, so GitHub shows it.
#[test]
fn the_not_shown_annotation_has_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Fifteen files with an info finding each (P006: a "none" grant) and
    // no error.
    for i in 0..15 {
        std::fs::write(
            dir.path().join(format!("m{i}.manifest.json")),
            r#"{"schema_version": "4.1", "post_installation_instruction": {"notes": "Open the app.", "page": {"url": "https://acme.io/setup", "label": "Setup"}}, "permissions": {"project": {"rfi": "none"}}}"#,
        )
        .expect("write");
    }
    let (_, out, _) = run(bin(dir.path()).env_remove("GITHUB_STEP_SUMMARY").args([
        "check",
        "--no-config",
        "--format",
        "github",
        ".",
    ]));
    let last = out.lines().last().expect("a last line");
    assert!(out.matches("::notice ").count() >= 15, "{out}");
    assert!(
        last.contains("will not be shown") && !last.starts_with("::notice"),
        "{last}"
    );
}

/// `--diff` masks secrets in the lines it shows: where that makes the
/// patch differ from the file, the run says git apply will not take it.
#[test]
fn the_diff_says_when_a_masked_line_keeps_it_from_applying() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("m.json"),
        "{\n  \"schema_version\": \"4.1\",\n  \"webhook_secret\": \"s3cr3t-value-123\",\n  \"permissions\": {\"project\": {\"rfi\": \"ADMIN\"}}\n}\n",
    )
    .expect("write");
    let (code, diff, err) = run(bin(dir.path()).args(["check", "--no-config", "--diff", "m.json"]));
    assert_eq!(code, 1, "{err}");
    assert!(!diff.contains("s3cr3t-value-123"), "{diff}");
    assert!(err.contains("git apply and patch will not take it"), "{err}");
    let far = (0..12).map(|i| format!("  \"x{i}\": {i},\n")).collect::<String>();
    std::fs::write(
        dir.path().join("m.json"),
        format!("{{\n  \"webhook_secret\": \"s3cr3t-value-123\",\n{far}  \"schema_version\": \"4.1\",\n  \"permissions\": {{\"project\": {{\"rfi\": \"ADMIN\"}}}}\n}}\n"),
    )
    .expect("write");
    let (_, _, err) = run(bin(dir.path()).args(["check", "--no-config", "--diff", "m.json"]));
    assert!(!err.contains("will not take it"), "a secret far from the hunk: {err}");
}
