//! The floor of `bench/run.sh`: what any validator must at least do, with
//! nothing else. Reads every `*.json` file under the given directories (a
//! file named on the command line is read whatever its name),
//! parses it with serde_json and validates it with one `jsonschema`
//! validator compiled once from `schemas/manifest.schema.json`, on one
//! thread. Prints the number of files, invalid files and unparsable files.
//!
//! `cargo run --release --example floor -- DIR_OR_FILE...`

use std::path::{Path, PathBuf};

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

fn main() -> std::process::ExitCode {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/manifest.schema.json");
    let schema: serde_json::Value = match std::fs::read(&schema_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
    {
        Some(s) => s,
        None => {
            eprintln!("floor: cannot read {}", schema_path.display());
            return std::process::ExitCode::from(2);
        }
    };
    let validator = match jsonschema::draft202012::options().build(&schema) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("floor: bad schema: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        if path.is_file() {
            files.push(path.to_path_buf());
        } else {
            json_files(path, &mut files);
        }
    }
    files.sort();
    let (mut invalid, mut unparsable) = (0usize, 0usize);
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else { continue };
        match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(v) => invalid += usize::from(!validator.is_valid(&v)),
            Err(_) => unparsable += 1,
        }
    }
    println!("{} files, {invalid} invalid, {unparsable} not JSON", files.len());
    std::process::ExitCode::SUCCESS
}
