//! Hostile inputs and targets (issue classes "Output files and
//! streams"): no hang on a FIFO or device, bounded inputs, files written
//! where asked without replacing links, devices or FIFOs, clear messages.

#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const ADMIN: &str = "fixtures/R001/company-directory-admin.manifest.json";
const FIXABLE: &str = "fixtures/P001/spellings.manifest.json";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
}

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// Wait for a child at most `secs` seconds (reading its output meanwhile,
/// so a big report never blocks it); kill it and fail when it hangs.
fn finish(mut child: Child, secs: u64, what: &str) -> Output {
    fn drain(pipe: Option<impl std::io::Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    }
    let (out, err) = (drain(child.stdout.take()), drain(child.stderr.take()));
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return Output {
                status,
                stdout: out.join().expect("stdout"),
                stderr: err.join().expect("stderr"),
            };
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what}: still running after {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn run(args: &[&str], dir: &Path) -> Output {
    run_within(args, dir, 20)
}

/// [`run`] with a deadline of `secs` seconds.
fn run_within(args: &[&str], dir: &Path, secs: u64) -> Output {
    let child = bin()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    finish(child, secs, &args.join(" "))
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo").success();
    assert!(ok, "mkfifo");
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn config_and_baseline_never_hang_on_a_fifo_or_device() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let manifest = repo(ADMIN);
    let m = manifest.to_str().expect("utf-8");
    for source in ["/dev/zero", fifo.to_str().expect("utf-8")] {
        for flag in ["--config", "--baseline"] {
            let o = run(&["check", m, flag, source], dir.path());
            assert_eq!(o.status.code(), Some(2), "{flag} {source}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("not a regular file"),
                "{flag} {source}: {}",
                stderr(&o)
            );
        }
    }
}

#[test]
fn config_and_baseline_are_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big.toml");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(17 * 1024 * 1024).expect("size");
    let m = repo(ADMIN);
    for flag in ["--config", "--baseline"] {
        let o = run(
            &["check", m.to_str().expect("utf-8"), flag, big.to_str().expect("utf-8")],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(2), "{flag}: {}", stderr(&o));
        assert!(stderr(&o).contains("larger than 16 MB"), "{flag}: {}", stderr(&o));
    }
}

#[test]
fn threads_are_bounded() {
    let root = repo("");
    let o = run(&["check", "fixtures/R001", "--threads", "100000"], &root);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--threads"), "{}", stderr(&o));
    let o = run(&["check", "fixtures/R001", "--threads", "256"], &root);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn a_baseline_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = repo(ADMIN);
    let base = dir.path().join("baseline.json");
    let o = run(
        &[
            "check",
            m.to_str().expect("utf-8"),
            "--write-baseline",
            base.to_str().expect("utf-8"),
        ],
        dir.path(),
    );
    assert!(o.status.code().is_some(), "{}", stderr(&o));
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&base).expect("baseline"));
    std::fs::write(&base, bytes).expect("write");
    let o = run(
        &[
            "check",
            m.to_str().expect("utf-8"),
            "--baseline",
            base.to_str().expect("utf-8"),
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn reports_go_through_devices_fifos_and_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = repo(ADMIN);
    let m = m.to_str().expect("utf-8");
    // A character device is written through, never replaced.
    let o = run(&["check", m, "--format", "sarif=/dev/null"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let meta = std::fs::symlink_metadata("/dev/null").expect("/dev/null");
    assert!(!meta.is_file(), "/dev/null was replaced by a regular file");
    // A symlink to a regular file: the target is replaced, the link stays.
    let target = dir.path().join("target.sarif");
    std::fs::write(&target, "old").expect("write");
    let link = dir.path().join("link.sarif");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let o = run(&["check", m, "--format", "sarif=link.sarif"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert!(std::fs::read_to_string(&target)
        .expect("target")
        .contains("\"version\": \"2.1.0\""));
    // A symlink to a device is written through.
    let devlink = dir.path().join("dev.json");
    std::os::unix::fs::symlink("/dev/null", &devlink).expect("symlink");
    let o = run(
        &["check", m, "--format", "json=dev.json", "--write-baseline", "dev.json"],
        dir.path(),
    );
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&devlink)
        .expect("link")
        .file_type()
        .is_symlink());
    // A FIFO gets the report, and stays a FIFO.
    let fifo = dir.path().join("report.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read fifo"))
    };
    let o = run(&["check", m, "--format", "json=report.fifo"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = reader.join().expect("reader");
    assert!(text.contains("\"R001\""), "{text}");
    assert!(std::fs::symlink_metadata(&fifo)
        .expect("fifo")
        .file_type()
        .is_fifo_like());
    // Nothing else was left in the directory (no temporary files).
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["dev.json", "link.sarif", "report.fifo", "target.sarif"]);
}

trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}

impl FifoLike for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

fn copy_fixable(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::copy(repo(FIXABLE), &p).expect("copy");
    p
}

#[test]
fn fix_follows_symlinks_keeps_hard_links_and_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string(repo(FIXABLE)).expect("fixture");
    // Through a symlink: the target is fixed, the link stays a link.
    let target = copy_fixable(dir.path(), "target.manifest.json");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let link = dir.path().join("link.manifest.json");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let o = run(&["check", "--fix", "link.manifest.json"], dir.path());
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    let fixed = std::fs::read_to_string(&target).expect("target");
    assert_ne!(fixed, original, "the target was not fixed");
    assert_eq!(std::fs::metadata(&target).expect("meta").mode() & 0o777, 0o640);
    // A hard link: both names see the fix.
    let a = copy_fixable(dir.path(), "a.manifest.json");
    let b = dir.path().join("b.manifest.json");
    std::fs::hard_link(&a, &b).expect("hard link");
    let o = run(&["check", "--fix", "a.manifest.json"], dir.path());
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&a).expect("a").nlink(), 2);
    assert_eq!(std::fs::read_to_string(&b).expect("b"), fixed);
}

#[test]
fn fix_refuses_a_read_only_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string(repo(FIXABLE)).expect("fixture");
    let p = copy_fixable(dir.path(), "ro.manifest.json");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let o = run(&["check", "--fix", "ro.manifest.json"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ro.manifest.json") && stderr(&o).contains("read-only"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&p).expect("read"), original);
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
}

#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("blocked.fifo");
    mkfifo(&fifo);
    let m = repo(ADMIN);
    // The sarif report's temporary file exists while opening the FIFO
    // (which nobody reads) blocks the run: then it is interrupted.
    let child = bin()
        .args([
            "check",
            m.to_str().expect("utf-8"),
            "--format",
            "sarif=out.sarif",
            "--format",
            "json=blocked.fifo",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let tmp_exists = || {
        std::fs::read_dir(dir.path())
            .expect("dir")
            .any(|e| e.expect("entry").file_name().to_string_lossy().ends_with(".tmp"))
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while !tmp_exists() {
        assert!(Instant::now() < deadline, "the temporary file never appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: kill(2) on the child's own pid, which is still running.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(sent, 0);
    let out = finish(child, 20, "interrupted run");
    assert_eq!(out.status.code(), Some(128 + 15));
    assert!(!tmp_exists(), "a temporary file was left behind");
    assert!(!dir.path().join("out.sarif").exists());
}

#[test]
fn a_utf16_file_without_a_byte_order_mark_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "{\"schema_version\": \"4.1\", \"permissions\": {}}";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.path().join("u16.manifest.json"), bytes).expect("write");
    let o = run(&["check", "u16.manifest.json", "--format", "concise"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("S001") && out.contains("UTF-16"), "{out}");
}

#[test]
fn config_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(repo(ADMIN), dir.path().join("m.manifest.json")).expect("copy");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"fail-on = \"error\"\n\xFF\n".to_vec(), "procore-manifest.toml:2:1"),
        (
            format!("fail-on = \"error\"\n[{}b]\n", "a.".repeat(20_000)).into_bytes(),
            "procore-manifest.toml:2:",
        ),
        (
            format!("x = {}1{}\n", "{a = ".repeat(20_000), "}".repeat(20_000)).into_bytes(),
            "procore-manifest.toml:1:",
        ),
    ];
    for (bytes, at) in cases {
        std::fs::write(dir.path().join("procore-manifest.toml"), &bytes).expect("write");
        let o = run(&["check", "m.manifest.json"], dir.path());
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains(at), "expected {at} in: {}", &e[..e.len().min(400)]);
        assert!(e.len() < 10_000, "the message holds the whole line: {} bytes", e.len());
    }
}

#[test]
fn file_names_that_are_not_utf8_are_escaped_not_replaced() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let name = std::ffi::OsStr::from_bytes(b"bad\xFFname.manifest.json");
    std::fs::copy(repo(ADMIN), dir.path().join(name)).expect("copy");
    let o = run(&["check", ".", "--format", "concise"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("bad\\xFFname.manifest.json:"), "{out}");
    let o = run(&["check", ".", "--format", "sarif"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("bad%FFname.manifest.json"), "{out}");
}

/// A key repeated 200,000 times, at the root (where the schema
/// view picks each known key's last member) and inside an object (where it
/// sees each key once): linear, so done well within the deadline even in a
/// debug build; a scan per member was quadratic (hours).
#[test]
fn a_key_repeated_200_000_times_is_linear() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 200_000;
    let root = vec![r#""schema_version": "4.1""#; n].join(",\n");
    let nested = vec![r#""documents": "readonly""#; n].join(",\n");
    let text = format!(
        "{{{root},\n\"app_manifest\": {{\"name\": \"x\"}},\n\"permissions\": {{\"company\": {{{nested}}}}}}}\n"
    );
    let path = dir.path().join("repeated.json");
    std::fs::write(&path, text).expect("write");
    let file = path.to_str().expect("utf-8");
    let args = ["check", file, "--format", "concise", "--select", "S002,S003"];
    let o = run_within(&args, dir.path(), 120);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let duplicates = out.lines().filter(|l| l.contains("[S002]")).count();
    assert_eq!(duplicates, 2 * (n - 1), "every repeat is one S002");
    let head: String = out.chars().take(2000).collect();
    assert!(
        !out.contains("[S003]"),
        "the last of each repeated key is valid: {head}"
    );
}
