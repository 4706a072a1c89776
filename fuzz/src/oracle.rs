//! The fuzz oracle: the whole pipeline on one input, panicking on any broken
//! promise. Shared by the fuzz targets and by the regression tests of the
//! main crate (tests/fuzz_regressions.rs includes this file), so it uses
//! only `procore_manifest`, `serde_json` and std.
//!
//! What it checks, for any bytes:
//! - `lint_bytes` does not panic; every span and fix edit lies inside the
//!   file, on character boundaries of the report's text (a lossy copy for
//!   a file that is not UTF-8: emitters slice it);
//! - every emitter (human, json, concise, sarif, github, junit, gitlab)
//!   runs through `Emitter::emit`; json, sarif and gitlab parse as JSON and
//!   list every finding they should; github has one line per active finding,
//!   each starting with `::`; concise one line per active finding; human
//!   and concise (no color) and junit hold no control character but line
//!   breaks (junit: tabs and line breaks, as XML allows);
//! - for UTF-8 input, `syntax::parse` (with its fast path for valid JSON)
//!   and `syntax::parse_reference` (jsonc-parser only) give the same tree
//!   or the same error;
//! - for UTF-8 input, `fix::fix_source` with unsafe fixes does not panic,
//!   and its text still parses when the original did; its report passes the
//!   same checks.

use procore_manifest::diagnostics::Applicability;
use procore_manifest::output::concise::Concise;
use procore_manifest::output::github::Github;
use procore_manifest::output::gitlab::Gitlab;
use procore_manifest::output::human::Human;
use procore_manifest::output::json::Json;
use procore_manifest::output::junit::Junit;
use procore_manifest::output::sarif::Sarif;
use procore_manifest::output::{EmitContext, Emitter};
use procore_manifest::workspace::paths::SourceRoot;
use procore_manifest::{fix, lint_bytes, syntax, FileReport, Settings};

/// The path every input is linted as.
pub const PATH: &str = "apps/fuzz/manifest.json";

/// Run everything on `bytes`; panics on a broken promise.
pub fn check(bytes: &[u8]) {
    let settings = Settings::default();
    let report = lint_bytes(PATH, bytes, &settings);
    let utf8 = std::str::from_utf8(bytes).ok();
    check_report(&report, bytes.len());
    check_outputs(&report);
    if let Some(text) = utf8 {
        // The fast path for valid JSON builds what the jsonc-parser path does.
        let (fast, reference) = (syntax::Arena::default(), syntax::Arena::default());
        let tree = syntax::parse(text, &fast);
        assert_eq!(
            tree,
            syntax::parse_reference(text, &reference),
            "the fast and the jsonc-parser paths disagree"
        );
        let parsed = tree.is_ok();
        let out = fix::fix_source(PATH, text, &settings, Applicability::Unsafe);
        if parsed {
            if let Err(e) = syntax::parse(&out.text, &syntax::Arena::default()) {
                panic!(
                    "the fixes made invalid JSON ({}): {:?}\n--- fixed text:\n{}",
                    e.message, e.span, out.text
                );
            }
        }
        if out.applied > 0 {
            check_report(&out.report, out.text.len());
            check_outputs(&out.report);
        }
    }
}

/// Spans are byte offsets into the file (`len` bytes); emitters read them
/// in the report's text (a lossy copy when the file is not UTF-8), where
/// they must fall on character boundaries.
fn check_report(r: &FileReport, len: usize) {
    let inside = |start: u32, end: u32, what: &str| {
        let (s, e) = (start as usize, end as usize);
        assert!(
            s <= e && e <= len,
            "{what}: span {s}..{e} outside the file (length {len})"
        );
        assert!(
            r.text.is_char_boundary(s) && r.text.is_char_boundary(e),
            "{what}: span {s}..{e} splits a character of the report's text"
        );
    };
    for d in &r.diagnostics {
        let what = format!("{} at {}", d.rule.code, d.pointer);
        inside(d.span.start, d.span.end, &what);
        for rel in &d.related {
            inside(rel.span.start, rel.span.end, &format!("{what} (related)"));
        }
        if let Some(f) = &d.fix {
            for e in &f.edits {
                inside(e.span.start, e.span.end, &format!("{what} (fix edit)"));
            }
        }
    }
}

fn render(emitter: &mut dyn Emitter, r: &FileReport, color: bool) -> String {
    let cx = EmitContext { color, width: 100 };
    let mut buf = Vec::new();
    emitter
        .emit(&mut buf, std::slice::from_ref(r), &cx)
        .expect("writing to a Vec does not fail");
    String::from_utf8(buf).expect("a report is UTF-8")
}

fn json(format: &str, text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{format} output is not JSON ({e}):\n{text}"))
}

/// The SARIF report parsed, without its head (tool and rule descriptors,
/// about 90 KB, the same for every input: parsed whole once per process,
/// then checked to be byte-identical). Parsing it each time would be most
/// of the fuzzer's time.
fn sarif(text: &str) -> serde_json::Value {
    const HEAD_END: &str = "\n      \"results\": [";
    static HEAD: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let end = text
        .find(HEAD_END)
        .unwrap_or_else(|| panic!("sarif output without results:\n{text}"))
        + HEAD_END.len();
    let head = HEAD.get_or_init(|| {
        json("sarif", text);
        text[..end].to_string()
    });
    assert_eq!(&text[..end], head.as_str(), "sarif: the head changed between inputs");
    json("sarif", &format!("{{\"runs\": [{{\"results\": [{}", &text[end..]))
}

/// No control character but `\n` (and those in `allowed`).
fn assert_printable(format: &str, text: &str, allowed: &[char]) {
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && c != '\n' && !allowed.contains(&c))
    {
        panic!("{format} output holds the control character {c:?}:\n{text}");
    }
}

fn check_outputs(r: &FileReport) {
    let root = || SourceRoot::new("/fuzz", "/fuzz");
    let active = r.diagnostics.iter().filter(|d| d.is_active()).count();

    let human = render(&mut Human::new(false), r, false);
    assert_printable("human", &human, &[]);
    // With color: must not panic (escapes are expected there).
    render(&mut Human::new(false), r, true);

    let v = json("json", &render(&mut Json::default(), r, false));
    assert_eq!(
        v["files"][0]["diagnostics"].as_array().map(Vec::len),
        Some(r.diagnostics.len()),
        "json: one entry per finding"
    );

    let concise = render(&mut Concise, r, false);
    assert_printable("concise", &concise, &[]);
    assert_eq!(
        concise.lines().count(),
        active,
        "concise: one line per active finding:\n{concise}"
    );

    let v = sarif(&render(&mut Sarif::with_root(root()), r, false));
    assert_eq!(
        v["runs"][0]["results"].as_array().map(Vec::len),
        Some(r.diagnostics.len()),
        "sarif: one result per finding"
    );

    let github = render(&mut Github::with_root(root()), r, false);
    // Past GitHub's per-step limits, one notice says how many are not shown.
    let annotations = github
        .lines()
        .filter(|l| !l.starts_with("::notice title=procore-manifest::"))
        .count();
    assert_eq!(annotations, active, "github: one line per active finding:\n{github}");
    for line in github.lines() {
        assert!(line.starts_with("::"), "github: a line that is not a command: {line:?}");
    }
    assert_printable("github", &github, &[]);

    let junit = render(&mut Junit::new(), r, false);
    assert_printable("junit", &junit, &['\t', '\r']);

    let v = json("gitlab", &render(&mut Gitlab::with_root(root()), r, false));
    assert_eq!(
        v.as_array().map(Vec::len),
        Some(active),
        "gitlab: one issue per active finding"
    );
}
