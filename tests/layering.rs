//! The floors of ARCHITECTURE.md, enforced: every `crate::` import in
//! `src/` points down (or sideways within a floor), no modules import each
//! other in a cycle (at any depth: the top-level modules, and the children
//! of every module), the two front ends never import each other, nothing
//! outside `src/cli` imports `crate::cli`, the core never imports `output`
//! or `workspace`, every file in `src/` is Rust, and no source file is over
//! 400 lines.

#[path = "layering/scan.rs"]
mod scan;

use scan::ModPath;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, bottom to top: a module may import its own floor and those
/// below. `cli`, `lsp` and `playground` share the top floor: the command line
/// only starts the server (`crate::lsp::run()`), no other front end imports
/// another.
const FLOORS: &[&[&str]] = &[
    &["span", "source", "text", "vocab", "hash", "calendar"],
    &["syntax"],
    &[
        "model",
        "secrets",
        "catalog",
        "rule",
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
    &["cli", "lsp", "playground"],
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
    ("declare_rule", "rule"),
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
    let name = first.strip_suffix(".rs").unwrap_or(&first);
    // A top-level module's tests (`text_tests.rs`, its `#[path]` child)
    // are on its floor.
    let name = name.strip_suffix("_tests").unwrap_or(name).to_string();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// Every top-level module a file's text names through `crate::`, including
/// grouped imports (`use crate::{a, b::c}`) and root re-exports.
/// `here`: the file's module path (for `super::` and `self::`).
fn imports(text: &str, here: &[String]) -> BTreeSet<String> {
    scan::named_paths(text, here)
        .into_iter()
        .filter_map(|p| p.first().cloned())
        .map(|name| {
            ROOT_ITEMS
                .iter()
                .find(|(item, _)| *item == name)
                .map_or(name.clone(), |(_, m)| m.to_string())
        })
        .collect()
}

/// Every file of `src/` by its module path (`src/rules/mod.rs` and
/// `src/rules.rs` are `["rules"]`, `src/lib.rs` is `[]`).
fn modules(src: &Path) -> BTreeMap<ModPath, String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files
        .into_iter()
        .map(|f| (module_path(src, &f), std::fs::read_to_string(&f).expect("read")))
        .collect()
}

/// A file's module path.
fn module_path(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut path: ModPath = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if path.last().is_some_and(|l| l == "mod") || path == ["lib"] || path == ["main"] {
        path.pop();
    }
    path
}

/// The module a named path lands in: its longest prefix that is a module
/// (a file), through the root's re-exports.
fn resolve(mut path: ModPath, known: &BTreeMap<ModPath, String>) -> ModPath {
    if let Some(first) = path.first_mut() {
        if let Some((_, m)) = ROOT_ITEMS.iter().find(|(item, _)| item == first) {
            *first = m.to_string();
        }
    }
    while !path.is_empty() && !known.contains_key(&path) {
        path.pop();
    }
    path
}

/// Edges between the children of `parent`: child `a` imports something in
/// child `b`. The parent's own file is no child.
fn child_graph(parent: &[String], edges: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> BTreeMap<String, BTreeSet<String>> {
    let n = parent.len();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in edges {
        if from.len() <= n || from[..n] != *parent {
            continue;
        }
        for to in targets {
            if to.len() > n && to[..n] == *parent && to[n] != from[n] {
                g.entry(from[n].clone()).or_default().insert(to[n].clone());
            }
        }
    }
    g
}

/// The strongly connected components of more than one node (Tarjan).
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        for w in s.g.get(v).into_iter().flatten() {
            if !s.index.contains_key(w.as_str()) {
                visit(s, w);
                let lw = s.low[w.as_str()];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.stack.contains(&w.as_str()) {
                let iw = s.index[w.as_str()];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        out: Vec::new(),
    };
    let nodes: BTreeSet<&str> = g
        .iter()
        .flat_map(|(k, v)| std::iter::once(k).chain(v))
        .map(String::as_str)
        .collect();
    for v in nodes {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// Every import cycle among the children of any module of `src`, with the
/// edges that make it.
fn module_cycles(src: &Path) -> Vec<String> {
    let known = modules(src);
    let mut edges: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
    for (here, text) in &known {
        let targets = scan::named_paths(text, here)
            .into_iter()
            .map(|p| resolve(p, &known))
            .collect();
        edges.insert(here.clone(), targets);
    }
    let mut parents: BTreeSet<ModPath> = BTreeSet::new();
    for m in known.keys() {
        for n in 0..m.len() {
            parents.insert(m[..n].to_vec());
        }
    }
    let mut out = Vec::new();
    for parent in parents {
        let g = child_graph(&parent, &edges);
        for comp in cycles(&g) {
            let shown = if parent.is_empty() {
                "crate".to_string()
            } else {
                parent.join("::")
            };
            let why: Vec<String> = comp
                .iter()
                .flat_map(|a| {
                    g[a].iter()
                        .filter(|b| comp.contains(b))
                        .map(move |b| format!("{a} -> {b}"))
                })
                .collect();
            out.push(format!("in `{shown}`: {} ({})", comp.join(", "), why.join(", ")));
        }
    }
    out
}

#[test]
fn no_module_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = module_cycles(&src);
    assert!(
        found.is_empty(),
        "modules that import each other:\n{}",
        found.join("\n")
    );
}

/// The cycle finder finds cycles: a tree of files that import each other
/// through every form (`crate::`, `super::`, groups, an inline test module)
/// fails it, and the same tree without the back edges passes.
#[test]
fn the_cycle_finder_fails_on_a_cycle() {
    let dir = std::env::temp_dir().join(format!("layering-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    write("lib.rs", "pub mod a; pub mod b; pub mod c;");
    write("a.rs", "use crate::b::X;");
    write("b/mod.rs", "pub mod x; pub mod y; pub struct X;");
    write(
        "b/x.rs",
        "pub fn f() {} // super::y::Y\nconst S: &str = \"crate::c::Z super::y\"; /* crate::a /* nested */ super::y */",
    );
    write(
        "b/y.rs",
        "pub struct Y;\n#[cfg(test)]\nmod tests { use super::super::x; }",
    );
    write("c.rs", "pub struct Z;");
    assert!(module_cycles(&dir).is_empty(), "{:?}", module_cycles(&dir));
    // A back edge inside `b` (through an inline test module, where
    // `super::super` is `b`) and one between top-level modules.
    write(
        "b/y.rs",
        "pub struct Y;\n#[cfg(test)]\nmod tests { use super::super::{x::{self}}; }\nfn f() { crate::b::x::f() }",
    );
    write("b/x.rs", "use super::y::Y; pub fn f() {}");
    write("c.rs", "use crate::{a as _, b::{x, y::Y}};");
    write("a.rs", "use crate::b::X; fn f() { $crate::c::Z }");
    let found = module_cycles(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("in `crate`: a, c"), "{found:?}");
    assert!(found[1].starts_with("in `b`: x, y"), "{found:?}");
}

/// Every file in `src/` is Rust: no leftovers (`.part`, `.orig`, notes).
#[test]
fn every_file_in_src_is_rust() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_none_or(|e| e != "rs") {
                out.push(path);
            }
        }
    }
    let mut other = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut other);
    assert!(other.is_empty(), "files in src/ that are not Rust: {other:?}");
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
        for imported in imports(&text, &module_path(&src, file)) {
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
        let found = imports(&text, &module_path(&src, &file));
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
        "use crate::{lint_source, rules::Checker};\nlet x = crate::output::human::Human;\n$crate::rules::RuleMeta\nuse super::super::model::X;",
        &["syntax".to_string(), "fast".to_string()],
    );
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["lint", "model", "output", "rules"]
    );
}
