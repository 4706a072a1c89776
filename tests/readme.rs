//! The README's commands work as written: every line of its "Use" block runs
//! (in a scratch repository shaped like the examples: apps/sync/manifest.json
//! with history on origin/main, a manifest.json at the top) and ends with 0
//! or 1, never a failure of the run; the schema association it documents is
//! what `schema` prints; every YAML block that is a GitHub workflow names
//! upload-sarif v4 (v3 is deprecated) and the config example parses.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

fn readme() -> String {
    std::fs::read_to_string(common::root().join("README.md")).expect("README")
}

/// The lines of the first ```sh block after `heading`.
fn sh_block(text: &str, heading: &str) -> Vec<String> {
    let start = text.find(heading).expect("heading");
    let block = &text[start..];
    let open = block.find("```sh\n").expect("a sh block") + 6;
    let close = block[open..].find("```").expect("closed") + open;
    block[open..close]
        .lines()
        .map(|l| l.split("  #").next().unwrap_or(l).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = common::root();
    std::fs::create_dir_all(dir.path().join("apps/sync")).expect("mkdir");
    std::fs::copy(
        root.join("fixtures/P001/spellings.manifest.json"),
        dir.path().join("apps/sync/manifest.json"),
    )
    .expect("copy");
    std::fs::copy(
        root.join("fixtures/R001/company-directory-admin.manifest.json"),
        dir.path().join("manifest.json"),
    )
    .expect("copy");
    std::fs::copy(root.join("fixtures/usage/activity.csv"), dir.path().join("report.csv")).expect("copy");
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
            .output()
            .expect("git")
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
    dir
}

#[test]
fn every_use_command_runs() {
    let lines = sh_block(&readme(), "## Use");
    assert!(lines.len() >= 10, "{lines:?}");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_procore-manifest"))
        .parent()
        .expect("dir")
        .to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    for line in lines {
        let dir = scratch();
        let out = Command::new("sh")
            .args(["-c", &line])
            .current_dir(dir.path())
            .env("PATH", &path)
            .stdin(Stdio::null())
            .output()
            .expect("sh");
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "`{line}` exited {code:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn workflow_snippets_use_current_actions() {
    let text = readme();
    let mut workflows = 0;
    for block in text.split("```yaml\n").skip(1) {
        let block = &block[..block.find("```").expect("closed")];
        if block.contains("codeql-action/upload-sarif") {
            workflows += 1;
            assert!(block.contains("upload-sarif@v4"), "{block}");
        }
        for line in block.lines().filter(|l| l.contains("actions/checkout@")) {
            assert!(line.contains("actions/checkout@v5"), "{line}");
        }
    }
    assert!(workflows >= 1, "the README shows the SARIF upload");
}

#[test]
fn the_config_example_parses() {
    let text = readme();
    let start = text.find("## Configuration").expect("section");
    let block = &text[start..];
    let open = block.find("```toml\n").expect("toml block") + 8;
    let close = block[open..].find("```").expect("closed") + open;
    let config = &block[open..close];
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("procore-manifest.toml"), config).expect("write");
    std::fs::copy(
        common::root().join("fixtures/valid/v41-complete.manifest.json"),
        dir.path().join("manifest.json"),
    )
    .expect("copy");
    let out = Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
        .args(["check", "manifest.json"])
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The worked example of "Least privilege from real traffic" is what the
/// command prints today, table for table.
#[test]
fn the_usage_example_is_the_real_output() {
    let text = readme();
    let lines = sh_block(&text, "## Least privilege from real traffic");
    let args: Vec<&str> = lines[0].split_whitespace().skip(1).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
        .args(&args)
        .current_dir(common::root())
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let start = text.find("## Least privilege from real traffic").expect("section");
    let block = &text[start..];
    let open = block.find("```text\n").expect("a text block") + 8;
    let close = block[open..].find("```").expect("closed") + open;
    let shown = &block[open..close];
    assert!(
        stdout.contains(shown),
        "README shows:\n{shown}\nthe command prints:\n{stdout}"
    );
}
