//! The floors of ARCHITECTURE.md, enforced: every `crate::` import in
//! `src/` points down (or sideways within a floor), the two front ends never
//! import each other, nothing outside `src/cli` imports `crate::cli`, the
//! core never imports `output` or `workspace`, and no source file is over
//! 400 lines.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The floors, bottom to top: a module may import its own floor and those
/// below. `cli` and `lsp` share the top floor: the command line only starts
/// the server (`crate::lsp::run()`), the server never imports the command line.
const FLOORS: &[&[&str]] = &[
    &["span", "source", "text", "vocab", "hash"],
    &["syntax"],
    &[
        "model",
        "secrets",
        "catalog",
        "diagnostics",
        "settings",
        "schema",
        "rules",
        "risk",
        "fix",
        "diff",
        "usage",
        "lint",
    ],
    &["workspace"],
    &["output"],
    &["cli", "lsp"],
];

/// Items the crate root re-exports, by the module that defines them.
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("Diagnostic", "diagnostics"),
    ("Severity", "diagnostics"),
    ("Settings", "settings"),
    ("lint_bytes", "lint"),
    ("lint_parsed", "lint"),
    ("lint_source", "lint"),
    ("whole_file", "lint"),
    ("FileReport", "lint"),
    ("Parsed", "lint"),
    ("declare_rule", "rules"),
];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`None`: the crate root files).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy().into_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// Every top-level module a file's text names through `crate::`, including
/// grouped imports (`use crate::{a, b::c}`) and root re-exports.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        // `$crate::` in macros names the crate too.
        rest = &rest[i + "crate::".len()..];
        let names: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            group[..end]
                .split(',')
                .map(|s| s.trim().split("::").next().unwrap_or("").to_string())
                .collect()
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            vec![rest[..end].to_string()]
        };
        for name in names.into_iter().filter(|n| !n.is_empty()) {
            let module = ROOT_ITEMS
                .iter()
                .find(|(item, _)| *item == name)
                .map_or(name.clone(), |(_, m)| m.to_string());
            out.insert(module);
        }
    }
    out
}

#[test]
fn imports_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else { continue };
        let shown = file.strip_prefix(&src).unwrap_or(file).display().to_string();
        let Some(floor) = floor_of(&module) else {
            problems.push(format!(
                "{shown}: module `{module}` is on no floor (add it to ARCHITECTURE.md and this test)"
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read");
        for imported in imports(&text) {
            if imported == module {
                continue;
            }
            match floor_of(&imported) {
                None => problems.push(format!("{shown}: imports `crate::{imported}`, which is on no floor")),
                Some(f) if f > floor => problems.push(format!(
                    "{shown}: `{module}` (floor {floor}) imports `{imported}` (floor {f}), which is above it"
                )),
                // The command line starts the language server (`procore-manifest
                // lsp`) and uses nothing else of it; the server never imports
                // the command line.
                Some(f) if f == FLOORS.len() - 1 => {
                    let starts_server_only = module == "cli"
                        && text.matches("crate::lsp::").count() == text.matches("crate::lsp::run()").count();
                    if !starts_server_only {
                        problems.push(format!(
                            "{shown}: the front ends do not import each other (`{module}` imports `{imported}`)"
                        ))
                    }
                }
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "layering violations:\n{}", problems.join("\n"));
}

#[test]
fn the_core_never_imports_output_or_workspace() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        let module = module_of(&src, &file).unwrap_or_default();
        let found = imports(&text);
        if matches!(module.as_str(), "rules" | "schema" | "diagnostics" | "model" | "syntax") {
            for bad in ["output", "workspace", "cli", "lsp"] {
                assert!(!found.contains(bad), "{}: imports crate::{bad}", file.display());
            }
        }
        if module != "cli" {
            assert!(
                !found.contains("cli"),
                "{}: only src/cli imports crate::cli",
                file.display()
            );
        }
    }
}

#[test]
fn no_source_file_over_400_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).expect("read").lines().count();
            (n > 400).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files:\n{}", long.join("\n"));
}

#[test]
fn the_import_scanner_sees_every_form() {
    let found = imports(
        "use crate::{lint_source, rules::Checker};\nlet x = crate::output::human::Human;\n$crate::rules::RuleMeta",
    );
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["lint", "output", "rules"]);
}
