//! Inputs the fuzzer found a problem with (tests/data/fuzz-regressions/,
//! one file each, named after what it found), and every fixture, through
//! the fuzz oracle itself (fuzz/src/oracle.rs): lint, every emitter, every
//! fix, and the checks on each output.

#[path = "../fuzz/src/oracle.rs"]
mod oracle;

mod common;

use std::path::Path;

fn run_all(files: &[std::path::PathBuf]) {
    let mut failed = Vec::new();
    for path in files {
        let bytes = std::fs::read(path).expect("readable");
        if std::panic::catch_unwind(|| oracle::check(&bytes)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "the oracle fails on: {failed:#?}");
}

#[test]
fn fuzz_findings_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/fuzz-regressions")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regression inputs in {}", dir.display());
    run_all(&files);
}

#[test]
fn every_fixture_passes_the_fuzz_oracle() {
    run_all(&common::json_files(&common::root().join("fixtures")));
}
