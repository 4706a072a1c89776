//! Standard output that goes away or fills up: no command panics (exit
//! 101); a closed pipe ends the output quietly with the command's own exit
//! code, a full disk is exit 2 with a message naming what was not written.

use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_procore-manifest"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

const ADMIN: &str = "fixtures/R001/company-directory-admin.manifest.json";
const OTHER: &str = "fixtures/R002/company-admin-tool.manifest.json";

/// Every command, with the exit code it has when its output is read whole.
fn commands() -> Vec<(Vec<&'static str>, i32)> {
    vec![
        (vec!["rules"], 0),
        (vec!["rules", "--format", "json"], 0),
        (vec!["rules", "--format", "markdown"], 0),
        (vec!["explain", "R007"], 0),
        (vec!["schema"], 0),
        (vec!["schema", "--config"], 0),
        (vec!["permissions", ADMIN], 0),
        (vec!["permissions", ADMIN, "--format", "json"], 0),
        (vec!["diff", OTHER, ADMIN], 0),
        (vec!["diff", OTHER, ADMIN, "--fail-on-escalation"], 1),
        (vec!["check", "fixtures"], 1),
        (vec!["check", "fixtures", "--format", "sarif"], 1),
        (vec!["check", "fixtures", "--format", "json"], 1),
        (vec!["check", "--diff", "fixtures"], 1),
    ]
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    for (args, code) in commands() {
        // The reading end is closed before the command starts: its first
        // write fails with EPIPE.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = bin()
            .args(&args)
            .stdout(Stdio::from(writer))
            .stderr(Stdio::piped())
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.is_empty() || args[0] == "check", "{args:?} said: {stderr}");
    }
}

#[test]
fn a_full_disk_is_exit_2_naming_what_failed() {
    if !std::path::Path::new("/dev/full").exists() {
        return; // not on this system
    }
    for (args, _) in commands() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = bin()
            .args(&args)
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write") && stderr.contains("standard output"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_report_file_that_cannot_be_written_is_named() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let out = bin()
        .args(["check", "fixtures", "--format", "sarif=/dev/full"])
        .stdout(Stdio::null())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("/dev/full"), "{stderr}");
    let meta = std::fs::symlink_metadata("/dev/full").expect("/dev/full");
    assert!(!meta.is_file(), "/dev/full was replaced by a regular file");
}

/// A report or baseline written to a name for the run's own standard
/// output (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`, a symlink to
/// one) goes through that stream: a file it is redirected to is appended
/// to (`>>`) or written in order (`>`), never replaced.
#[cfg(target_os = "linux")]
#[test]
fn a_name_for_standard_output_writes_through_the_redirection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::os::unix::fs::symlink("/dev/stdout", d.join("out-link")).expect("symlink");
    let exe = env!("CARGO_BIN_EXE_procore-manifest");
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(ADMIN);
    let manifest = manifest.to_str().expect("utf-8 path");
    let link = d.join("out-link");
    let link = link.to_str().expect("utf-8 path");
    for name in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", link] {
        for (what, args) in [
            ("--output", format!("--no-config --format json --output {name}")),
            ("report", format!("--no-config --format concise --format json={name}")),
            ("baseline", format!("--no-config --write-baseline {name}")),
        ] {
            let script = format!(
                "echo earlier > log; '{exe}' check '{manifest}' {args} >> log; echo rc=$? >> log; \
                 {{ echo first; '{exe}' check '{manifest}' {args}; echo last; }} > log2"
            );
            let o = Command::new("sh")
                .arg("-c")
                .arg(&script)
                .current_dir(d)
                .output()
                .expect("sh");
            assert!(
                o.status.success(),
                "{name} {what}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let log = std::fs::read_to_string(d.join("log")).expect("log");
            assert!(log.starts_with("earlier\n"), "{name} {what}: {log}");
            assert!(
                log.contains("\"version\": 1"),
                "{name} {what}: the report or baseline: {log}"
            );
            assert!(
                log.trim_end().ends_with("rc=1") || log.trim_end().ends_with("rc=0"),
                "{name} {what}: {log}"
            );
            let log2 = std::fs::read_to_string(d.join("log2")).expect("log2");
            assert!(
                log2.starts_with("first\n") && log2.ends_with("last\n"),
                "{name} {what}: {log2}"
            );
        }
    }
}
