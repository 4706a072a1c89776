//! The CI report formats: concise, sarif, github, junit, gitlab. Snapshots
//! over representative fixtures, the SARIF of every fixture against the
//! official SARIF 2.1.0 schema and GitHub code scanning's constraints,
//! command injection in the github format, XML escaping in junit, secrets,
//! and fingerprints that survive edits elsewhere in the file.

mod common;

use procore_manifest::diagnostics::Suppression;
use procore_manifest::output::concise::Concise;
use procore_manifest::output::github::Github;
use procore_manifest::output::gitlab::Gitlab;
use procore_manifest::output::junit::Junit;
use procore_manifest::output::sarif::Sarif;
use procore_manifest::output::Emitter;
use procore_manifest::rules::registry::RULES;
use procore_manifest::workspace::paths::SourceRoot;
use procore_manifest::{lint_bytes, lint_source, FileReport, Settings};
use serde_json::Value;
use std::collections::BTreeSet;

const FORMATS: &[&str] = &["concise", "sarif", "github", "junit", "gitlab"];

const SNAPSHOT_FIXTURES: &[&str] = &[
    "valid/v41-complete.manifest.json",
    "R001/company-directory-admin.manifest.json",
    "S002/duplicate-level.manifest.json",
    "C004/unknown-builtin.manifest.json",
    "S001/invalid-utf8.manifest.json",
];

/// The secret values of fixtures/R007 (the list of tests/secrets.rs).
const SECRETS: &[&str] = &[
    "sk_live_51HxQzTopSecretValue",
    "abc123SECRETTOKEN",
    "AKIAsecretkeyvalue1234",
];

/// Paths relative to the crate root, whatever repository it sits in.
fn source_root() -> SourceRoot {
    SourceRoot::new(common::root(), common::root())
}

fn emitter(format: &str) -> Box<dyn Emitter> {
    match format {
        "concise" => Box::new(Concise),
        "sarif" => Box::new(Sarif::with_root(source_root())),
        "github" => Box::new(Github::with_root(source_root())),
        "junit" => Box::new(Junit::new()),
        "gitlab" => Box::new(Gitlab::with_root(source_root())),
        other => panic!("unknown format {other}"),
    }
}

/// A report in `format`, with the tool version and the absolute source root redacted.
fn render(format: &str, reports: &[FileReport]) -> String {
    let out = common::render(emitter(format).as_mut(), reports);
    let root_uri = source_root_uri();
    out.replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[VERSION]\"",
    )
    .replace(&root_uri, "file:///[SRCROOT]/")
}

fn source_root_uri() -> String {
    source_root().root_uri().expect("root uri")
}

fn fixture(name: &str) -> FileReport {
    common::lint_fixture(&common::root().join("fixtures").join(name))
}

fn all_fixtures() -> Vec<FileReport> {
    common::json_files(&common::root().join("fixtures"))
        .iter()
        .map(|p| common::lint_fixture(p))
        .collect()
}

fn sarif_value(reports: &[FileReport]) -> Value {
    let text = render("sarif", reports);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("SARIF is not JSON: {e}\n{text}"))
}

// ---------------------------------------------------------------------------
// Snapshots.

/// The SARIF report with the rule descriptors (the same in every report,
/// snapshotted once in `sarif_rule_descriptors`) elided.
fn sarif_without_rules(reports: &[FileReport]) -> String {
    let mut v = sarif_value(reports);
    let rules = &mut v["runs"][0]["tool"]["driver"]["rules"];
    assert_eq!(rules.as_array().map_or(0, Vec::len), RULES.len());
    *rules = Value::String("[every rule of the registry]".into());
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

#[test]
fn snapshots() {
    for name in SNAPSHOT_FIXTURES {
        let report = fixture(name);
        let reports = std::slice::from_ref(&report);
        let stem = name.trim_end_matches(".manifest.json").replace('/', "__");
        for format in FORMATS {
            let out = if *format == "sarif" {
                sarif_without_rules(reports)
            } else {
                render(format, reports)
            };
            insta::assert_snapshot!(format!("{format}@{stem}"), out);
        }
    }
}

#[test]
fn sarif_rule_descriptors() {
    let v = sarif_value(&[]);
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules");
    let pick: Vec<&Value> = rules
        .iter()
        .filter(|r| matches!(r["id"].as_str(), Some("S001" | "R001" | "R006" | "P006")))
        .collect();
    insta::assert_snapshot!(serde_json::to_string_pretty(&pick).unwrap());
    let driver = &v["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "procore-manifest");
    assert_eq!(driver["version"], "[VERSION]");
    assert!(driver["informationUri"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://")));
}

#[test]
fn several_files_in_one_report() {
    let reports: Vec<FileReport> = SNAPSHOT_FIXTURES.iter().map(|n| fixture(n)).collect();
    insta::assert_snapshot!("sarif@several", sarif_without_rules(&reports));
    insta::assert_snapshot!("gitlab@several", render("gitlab", &reports));
    insta::assert_snapshot!("junit@several", render("junit", &reports));
    insta::assert_snapshot!("concise@several", render("concise", &reports));
}

#[test]
fn clean_runs() {
    // No file at all, and one file without findings.
    let sarif = sarif_value(&[]);
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(sarif["runs"][0]["artifacts"], serde_json::json!([]));
    let gitlab: Value = serde_json::from_str(&render("gitlab", &[])).unwrap();
    assert_eq!(gitlab, serde_json::json!([]));
    assert_eq!(render("github", &[]), "");
    assert_eq!(render("concise", &[]), "");
    let junit = render("junit", &[]);
    assert_eq!(
        junit,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"procore-manifest\">\n</testsuites>\n"
    );
    let clean = fixture("valid/v41-complete.manifest.json");
    assert!(clean.diagnostics.is_empty());
    let sarif = sarif_value(std::slice::from_ref(&clean));
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(sarif["runs"][0]["artifacts"][0]["properties"]["risk"], "low");
}

// ---------------------------------------------------------------------------
// SARIF: the official schema and GitHub code scanning's constraints.

fn sarif_validator() -> jsonschema::Validator {
    let path = common::root().join("tests/data/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("vendored schema")).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, v: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: SARIF schema errors:\n{}", errors.join("\n"));
    assert_github_constraints(v, what);
}

/// What GitHub code scanning requires beyond the schema (and what the docs
/// promises): one run, a results array, rule ids from the driver, 1-based
/// regions, string security-severity, fingerprints, relative artifact URIs.
fn assert_github_constraints(v: &Value, what: &str) {
    assert_eq!(v["version"], "2.1.0", "{what}");
    assert_eq!(v["$schema"], "https://json.schemastore.org/sarif-2.1.0.json", "{what}");
    let runs = v["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "{what}: exactly one run");
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints", "{what}");
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("file:///") && u.ends_with('/')),
        "{what}: originalUriBaseIds"
    );
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().expect("rule id")).collect();
    assert_eq!(
        ids,
        RULES.iter().map(|r| r.code).collect::<Vec<_>>(),
        "{what}: every rule"
    );
    for r in rules {
        let id = r["id"].as_str().unwrap();
        for key in [
            "name",
            "shortDescription",
            "fullDescription",
            "help",
            "defaultConfiguration",
        ] {
            assert!(!r[key].is_null(), "{what}: rule {id} lacks {key}");
        }
        assert!(r["help"]["markdown"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(matches!(
            r["defaultConfiguration"]["level"].as_str(),
            Some("error" | "warning" | "note")
        ));
        let expected = match id {
            "R001" | "R002" | "R007" => Some("9.0"),
            "R003" | "R004" | "R005" => Some("7.0"),
            "R006" => Some("5.0"),
            _ => None,
        };
        let got = &r["properties"]["security-severity"];
        match expected {
            Some(s) => {
                assert_eq!(got.as_str(), Some(s), "{what}: {id} security-severity (a string)");
                let tags = r["properties"]["tags"].as_array().expect("tags");
                assert!(tags.iter().any(|t| t == "security"), "{what}: {id} tagged security");
            }
            None => assert!(got.is_null(), "{what}: {id} has no security-severity"),
        }
    }
    let artifacts = run["artifacts"].as_array().expect("artifacts");
    for a in artifacts {
        let uri = a["location"]["uri"].as_str().expect("artifact uri");
        assert!(
            !uri.starts_with('/') && !uri.starts_with("file:"),
            "{what}: {uri} relative"
        );
        assert!(!uri.contains(' ') && !uri.contains('\\'), "{what}: {uri} encoded");
        assert!(a["properties"]["risk"].is_string() || a["properties"]["risk"].is_null());
    }
    let results = run["results"].as_array().expect("results is an array");
    for res in results {
        let id = res["ruleId"].as_str().expect("ruleId");
        let index = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids.get(index), Some(&id), "{what}: ruleIndex of {id}");
        assert!(matches!(res["level"].as_str(), Some("error" | "warning" | "note")));
        assert!(res["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        let locations = res["locations"].as_array().expect("locations");
        assert_eq!(locations.len(), 1, "{what}: one location");
        let pl = &locations[0]["physicalLocation"];
        let uri = pl["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(
            !uri.starts_with('/') && !uri.starts_with("file:"),
            "{what}: {uri} relative"
        );
        let index = pl["artifactLocation"]["index"].as_u64().expect("artifact index") as usize;
        assert_eq!(artifacts[index]["location"]["uri"], uri, "{what}: artifact index");
        let region = &pl["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().is_some_and(|n| n >= 1), "{what}: {key} 1-based");
        }
        let (sl, sc, el, ec) = (
            region["startLine"].as_u64().unwrap(),
            region["startColumn"].as_u64().unwrap(),
            region["endLine"].as_u64().unwrap(),
            region["endColumn"].as_u64().unwrap(),
        );
        assert!(el > sl || (el == sl && ec >= sc), "{what}: region order");
        assert!(
            res["partialFingerprints"]["procoreManifest/v1"]
                .as_str()
                .is_some_and(|f| f.len() == 16 && f.bytes().all(|b| b.is_ascii_hexdigit())),
            "{what}: partialFingerprints"
        );
    }
}

#[test]
fn sarif_of_every_fixture_is_valid() {
    let validator = sarif_validator();
    let reports = all_fixtures();
    let all = sarif_value(&reports);
    assert_valid_sarif(&validator, &all, "all fixtures");
    let diagnostics: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    assert_eq!(all["runs"][0]["results"].as_array().unwrap().len(), diagnostics);
    assert_eq!(all["runs"][0]["artifacts"].as_array().unwrap().len(), reports.len());
    for r in &reports {
        let v = sarif_value(std::slice::from_ref(r));
        assert_valid_sarif(&validator, &v, &r.path);
    }
    // Fingerprints are unique within the run.
    let fps: Vec<&str> = all["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["procoreManifest/v1"].as_str().unwrap())
        .collect();
    assert_eq!(
        fps.iter().collect::<BTreeSet<_>>().len(),
        fps.len(),
        "duplicate fingerprints"
    );
}

#[test]
fn the_schema_rejects_what_github_would() {
    // The validator is live: a SARIF log without a version fails it.
    let validator = sarif_validator();
    let mut v = sarif_value(&[fixture("R001/company-directory-admin.manifest.json")]);
    assert!(validator.is_valid(&v));
    v["runs"][0]["results"][0]["level"] = Value::String("fatal".into());
    assert!(!validator.is_valid(&v));
}

#[test]
fn sarif_keeps_suppressed_findings_and_says_why() {
    let mut r = fixture("R001/company-directory-admin.manifest.json");
    let mut b = fixture("S002/duplicate-level.manifest.json");
    r.diagnostics[0].suppressed = Some(Box::new(Suppression::Allow {
        reason: "approved in SR-142".into(),
    }));
    for d in &mut b.diagnostics {
        d.suppressed = Some(Box::new(Suppression::Baseline));
    }
    let reports = [r, b];
    let v = sarif_value(&reports);
    assert_valid_sarif(&sarif_validator(), &v, "suppressed");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        reports.iter().map(|r| r.diagnostics.len()).sum::<usize>()
    );
    let allow = &results[0]["suppressions"];
    assert_eq!(
        allow,
        &serde_json::json!([{ "kind": "external", "status": "accepted", "justification": "approved in SR-142" }])
    );
    for res in &results[1..] {
        assert_eq!(res["suppressions"][0]["justification"], "baselined");
    }
    // The other formats leave them out.
    for format in ["concise", "github", "junit", "gitlab"] {
        let out = render(format, &reports);
        for res in results {
            let code = res["ruleId"].as_str().unwrap();
            assert!(!out.contains(&format!("[{code}]")), "{format}: {out}");
            assert!(!out.contains(&format!("title={code} ")), "{format}: {out}");
            assert!(!out.contains(&format!("\"check_name\": \"{code}\"")), "{format}: {out}");
            assert!(!out.contains(&format!("type=\"{code}\"")), "{format}: {out}");
        }
    }
    let junit = render("junit", &reports);
    assert_eq!(
        junit.matches("name=\"procore-manifest\" classname=").count(),
        2,
        "{junit}"
    );
}

#[test]
fn sarif_uris_are_relative_and_encoded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("my apps")).unwrap();
    let file = dir.path().join("my apps/ü#1.manifest.json");
    std::fs::write(
        &file,
        r#"{"schema_version": "4.1", "permissions": {"company": {"directory": "admin"}}}"#,
    )
    .unwrap();
    let root = SourceRoot::new(dir.path(), dir.path());
    let reports = [
        lint_bytes(
            "my apps/ü#1.manifest.json",
            &std::fs::read(&file).unwrap(),
            &Settings::default(),
        ),
        // Absolute and with `..`: the same file, relative to the root.
        lint_bytes(
            &dir.path()
                .join("my apps/../my apps/ü#1.manifest.json")
                .to_string_lossy(),
            &std::fs::read(&file).unwrap(),
            &Settings::default(),
        ),
        lint_source("-", "{}", &Settings::default()),
    ];
    let out = common::render(&mut Sarif::with_root(root), &reports);
    let v: Value = serde_json::from_str(&out).unwrap();
    let artifacts = &v["runs"][0]["artifacts"];
    assert_eq!(artifacts[0]["location"]["uri"], "my%20apps/%C3%BC%231.manifest.json");
    assert_eq!(artifacts[0]["location"]["uriBaseId"], "%SRCROOT%");
    // The same file named twice is one artifact.
    assert_eq!(artifacts.as_array().unwrap().len(), 2);
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .all(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] != 2));
    assert_eq!(artifacts[1]["location"], serde_json::json!({ "uri": "-" }));
    assert!(artifacts[1]["properties"]["risk"].is_string());
    assert_valid_sarif(&sarif_validator(), &v, "encoded");
}

#[test]
fn sarif_uris_are_relative_to_the_work_tree_top_level() {
    // A `.git` entry marks the top level; the current directory is below it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("apps/sync")).unwrap();
    std::fs::write(dir.path().join(".git"), "gitdir: elsewhere\n").unwrap();
    let found = SourceRoot::discover_from(&dir.path().join("apps"));
    let loc = found.locate("sync/manifest.json");
    assert_eq!(loc.path, "apps/sync/manifest.json");
    assert!(loc.relative);
    assert_eq!(found.locate("../top.json").path, "top.json");
    let outside = found.locate("../../outside.json");
    assert_eq!(outside.path, "../outside.json");
    // Without a work tree: relative to the current directory.
    let plain = tempfile::tempdir().unwrap();
    std::fs::create_dir(plain.path().join("apps")).unwrap();
    let found = SourceRoot::discover_from(&plain.path().join("apps"));
    if found.root_uri() == SourceRoot::new(plain.path().join("apps"), plain.path()).root_uri() {
        assert_eq!(found.locate("m.json").path, "m.json");
    }
}

// ---------------------------------------------------------------------------
// github: no injection, no columns on multi-line ranges.

#[test]
fn github_commands_cannot_be_injected() {
    let text = "{\n  \"schema_version\": \"4.1\",\n  \"a\\n::error::x\": 1,\n  \"b\\r\\n::warning::y\": 1,\n  \"permissions\": { \"company\": { \"dir\\u001b[31mectory\": \"read%0A::error::only\" } }\n}\n";
    for path in ["m.json", "we,ird:dir/m%0A::error::.json"] {
        let r = lint_source(path, text, &Settings::default());
        let active = r.diagnostics.iter().filter(|d| d.is_active()).count();
        assert!(active >= 4, "{:?}", r.diagnostics);
        let out = render("github", std::slice::from_ref(&r));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), active, "one line per finding:\n{out}");
        assert!(!out.contains('\r') && !out.contains('\u{1b}'), "{out:?}");
        for line in &lines {
            assert!(
                line.starts_with("::error file=")
                    || line.starts_with("::warning file=")
                    || line.starts_with("::notice file="),
                "{line}"
            );
            // The command ends at the first `::` after the properties; the
            // properties hold no raw `:` or `,` from the path.
            let props = &line[2..line[2..].find("::").unwrap() + 2];
            let file = props.split(',').next().unwrap().split_once(" file=").expect("file=").1;
            assert!(!file.contains(':'), "{props}");
        }
        assert!(out.contains("%250A::error::only"), "{out}");
        assert!(out.contains("a\\u{a}::error::x"), "{out}");
        if path.contains(',') {
            assert!(
                out.contains("file=we%2Cird%3Adir/m%250A%3A%3Aerror%3A%3A.json,"),
                "{out}"
            );
        }
    }
}

#[test]
fn github_drops_columns_on_multi_line_ranges() {
    let mut multi = 0;
    for r in all_fixtures() {
        let out = render("github", std::slice::from_ref(&r));
        let out: String = out
            .lines()
            .filter(|l| !l.starts_with("::notice title=procore-manifest::"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(
            out.lines().count(),
            r.diagnostics.iter().filter(|d| d.is_active()).count()
        );
        for line in out.lines() {
            let props = &line[..line[2..].find("::").unwrap() + 2];
            let get = |k: &str| {
                props
                    .split([',', ' '])
                    .find_map(|p| p.strip_prefix(&format!("{k}=")))
                    .map(str::to_string)
            };
            let (l, el) = (get("line").unwrap(), get("endLine").unwrap());
            if l == el {
                assert!(get("col").is_some() && get("endColumn").is_some(), "{line}");
            } else {
                multi += 1;
                assert!(get("col").is_none() && get("endColumn").is_none(), "{line}");
            }
        }
    }
    assert!(multi > 0, "no fixture has a multi-line finding");
}

// ---------------------------------------------------------------------------
// junit: escaping and well-formedness.

/// A small XML well-formedness check for what the emitter writes: tags
/// balance, attribute values are quoted and hold no `<`, `&` only starts a
/// known entity, no character XML 1.0 forbids.
fn assert_well_formed(xml: &str) {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    for c in body.chars() {
        assert!(
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..),
            "forbidden character {c:?}"
        );
    }
    let entity_ok = |s: &str| {
        s.match_indices('&').all(|(i, _)| {
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| s[i..].starts_with(e))
        })
    };
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        assert!(entity_ok(text) && !text.contains('>'), "bad text {text:?}");
        let close = rest[open..].find('>').expect("tag closes") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "bad tag {tag:?}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "unbalanced </{name}>");
        } else {
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name = tag.split_whitespace().next().expect("tag name");
            // Attributes: name="value" pairs.
            let mut attrs = tag[name.len()..].trim();
            while !attrs.is_empty() {
                let eq = attrs.find("=\"").expect("attribute =\"");
                assert!(attrs[..eq].chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
                let end = attrs[eq + 2..].find('"').expect("attribute closes") + eq + 2;
                let value = &attrs[eq + 2..end];
                assert!(entity_ok(value) && !value.contains('<'), "bad value {value:?}");
                attrs = attrs[end + 1..].trim_start();
            }
            if !self_closing {
                stack.push(name.to_string());
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(rest.trim().is_empty() && stack.is_empty(), "unclosed {stack:?}");
}

#[test]
fn junit_escapes_and_is_well_formed() {
    let text = "{\n  \"schema_version\": \"4.1\",\n  \"<&\\\"'>\\u0001\": 1,\n  \"permissions\": { \"company\": { \"dir\\u001b[31mectory\": \"admin\" } }\n}\n";
    let r = lint_source("a<b>&\"c'.json", text, &Settings::default());
    let out = render("junit", std::slice::from_ref(&r));
    assert_well_formed(&out);
    assert!(out.contains("&lt;&amp;&quot;&apos;&gt;"), "{out}");
    assert!(out.contains("name=\"a&lt;b&gt;&amp;&quot;c&apos;.json\""), "{out}");
    assert!(!out.contains('\u{1}') && !out.contains('\u{1b}'), "{out:?}");
    for r in all_fixtures() {
        assert_well_formed(&render("junit", std::slice::from_ref(&r)));
    }
    assert_well_formed(&render("junit", &all_fixtures()));
}

#[test]
fn junit_counts() {
    let reports: Vec<FileReport> = SNAPSHOT_FIXTURES.iter().map(|n| fixture(n)).collect();
    let out = render("junit", &reports);
    let active: Vec<_> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().filter(|d| d.is_active()))
        .collect();
    let failures = active
        .iter()
        .filter(|d| d.severity >= procore_manifest::Severity::Warning)
        .count();
    let clean = reports.iter().filter(|r| r.diagnostics.is_empty()).count();
    // The suites' own counts add up to the run's (the root holds none: it
    // is written before the first suite).
    let sum = |attr: &str| -> usize {
        out.lines()
            .filter(|l| l.starts_with("  <testsuite "))
            .map(|l| {
                let at = l.find(&format!(" {attr}=\"")).expect(attr) + attr.len() + 3;
                l[at..l[at..].find('"').unwrap() + at].parse::<usize>().unwrap()
            })
            .sum()
    };
    assert_eq!(sum("tests"), active.len() + clean);
    assert_eq!(sum("failures"), failures);
    assert!(out.contains("<testsuites name=\"procore-manifest\">\n"));
    assert_eq!(out.matches("<testsuite ").count(), reports.len());
    assert_eq!(out.matches("<failure ").count(), failures);
    assert_eq!(out.matches("<property name=\"risk\"").count(), reports.len());
}

// ---------------------------------------------------------------------------
// Secrets and fingerprints.

#[test]
fn no_new_format_echoes_a_secret() {
    for path in common::json_files(&common::root().join("fixtures/R007")) {
        let report = common::lint_fixture(&path);
        for format in FORMATS {
            let out = render(format, std::slice::from_ref(&report));
            for s in SECRETS {
                assert!(
                    !out.contains(s),
                    "{format} of {}: contains the secret {s}",
                    path.display()
                );
            }
        }
    }
}

fn fingerprints_of(r: &FileReport) -> (Vec<String>, Vec<String>) {
    let sarif = sarif_value(std::slice::from_ref(r));
    let s = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            x["partialFingerprints"]["procoreManifest/v1"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let gitlab: Value = serde_json::from_str(&render("gitlab", std::slice::from_ref(r))).unwrap();
    let g = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["fingerprint"].as_str().unwrap().to_string())
        .collect();
    (s, g)
}

#[test]
fn fingerprints_survive_edits_elsewhere() {
    for name in [
        "R001/company-directory-admin.manifest.json",
        "S002/duplicate-level.manifest.json",
        "C004/unknown-builtin.manifest.json",
        "R007/secrets.manifest.json",
    ] {
        let path = common::root().join("fixtures").join(name);
        let bytes = std::fs::read(&path).unwrap();
        let shown = format!("fixtures/{name}");
        let before = lint_bytes(&shown, &bytes, &Settings::default());
        let moved = lint_bytes(&shown, &[b"\n\n\n".as_slice(), &bytes].concat(), &Settings::default());
        assert!(!before.diagnostics.is_empty(), "{name}");
        let lines = |r: &FileReport| -> Vec<u32> {
            r.diagnostics
                .iter()
                .map(|d| r.lines().position(&r.text, d.span.start as usize).line)
                .collect()
        };
        assert_ne!(lines(&before), lines(&moved), "{name}: the findings moved");
        let (s1, g1) = fingerprints_of(&before);
        let (s2, g2) = fingerprints_of(&moved);
        assert_eq!(s1, s2, "{name}: SARIF partialFingerprints");
        assert_eq!(g1, g2, "{name}: GitLab fingerprints");
        assert_eq!(s1, g1, "{name}: one scheme");
        // Another file, another fingerprint.
        let elsewhere = lint_bytes("elsewhere/manifest.json", &bytes, &Settings::default());
        assert!(fingerprints_of(&elsewhere).0.iter().all(|f| !s1.contains(f)), "{name}");
    }
}

#[test]
fn gitlab_report_shape() {
    let reports = all_fixtures();
    let v: Value = serde_json::from_str(&render("gitlab", &reports)).unwrap();
    let issues = v.as_array().unwrap();
    let active: Vec<_> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().filter(|d| d.is_active()).map(move |d| (r, d)))
        .collect();
    assert_eq!(issues.len(), active.len());
    for (issue, (r, d)) in issues.iter().zip(&active) {
        assert_eq!(issue["check_name"], d.rule.code);
        assert!(issue["description"].as_str().unwrap().starts_with(d.rule.code));
        let sev = issue["severity"].as_str().unwrap();
        let expected = match (d.severity, d.rule.code) {
            (procore_manifest::Severity::Error, "R001" | "R002" | "R007") => "critical",
            (procore_manifest::Severity::Error, _) => "major",
            (procore_manifest::Severity::Warning, _) => "minor",
            (procore_manifest::Severity::Info, _) => "info",
        };
        assert_eq!(sev, expected, "{}", d.rule.code);
        assert_eq!(issue["location"]["path"], r.path.as_str());
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let fps: BTreeSet<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(fps.len(), issues.len(), "fingerprints are unique");
}

#[test]
fn concise_lines() {
    let reports = all_fixtures();
    let out = render("concise", &reports);
    let active: usize = reports
        .iter()
        .map(|r| r.diagnostics.iter().filter(|d| d.is_active()).count())
        .sum();
    let lines: Vec<&str> = out.lines().collect();
    // One line per finding and nothing else: no summary line.
    assert_eq!(lines.len(), active);
    assert!(active > 0);
    for line in &lines {
        let (_, rest) = line.split_once(": ").expect("path:line:col: ");
        assert!(
            rest.starts_with("error[") || rest.starts_with("warning[") || rest.starts_with("info["),
            "{line}"
        );
    }
    assert_eq!(render("concise", &[]), "");
}

// ---------------------------------------------------------------------------
// Through the command line.

fn cli() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("procore-manifest").expect("binary built");
    c.env_remove("NO_COLOR").env("COLUMNS", "100");
    c
}

#[test]
fn cli_writes_several_ci_reports_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("report.sarif");
    let junit = dir.path().join("junit.xml");
    let gitlab = dir.path().join("gl-code-quality.json");
    let out = cli()
        .current_dir(common::root())
        .args(["check", "fixtures/R001", "--no-config", "--format", "concise"])
        .arg("--format")
        .arg(format!("sarif={}", sarif.display()))
        .arg("--format")
        .arg(format!("junit={}", junit.display()))
        .arg("--format")
        .arg(format!("gitlab={}", gitlab.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(": error[R001] "), "{stdout}");
    assert_eq!(stdout.lines().count(), 4, "concise: one line per finding:\n{stdout}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_valid_sarif(&sarif_validator(), &v, "cli");
    assert_well_formed(&std::fs::read_to_string(&junit).unwrap());
    let gl: Value = serde_json::from_str(&std::fs::read_to_string(&gitlab).unwrap()).unwrap();
    assert!(gl.as_array().unwrap().iter().any(|i| i["severity"] == "critical"));
}

#[test]
fn cli_sarif_uris_are_relative_to_the_work_tree() {
    // From a subdirectory: the URI still starts at the work tree's top level
    // (when the crate is one; else at the current directory).
    let out = cli()
        .current_dir(common::root().join("fixtures"))
        .args([
            "check",
            "R001/company-directory-admin.manifest.json",
            "--no-config",
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = v["runs"][0]["artifacts"][0]["location"]["uri"]
        .as_str()
        .unwrap()
        .to_string();
    let top = common::root()
        .canonicalize()
        .unwrap()
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(std::path::Path::to_path_buf);
    let expected = match top {
        Some(top) => {
            let rel = common::root().canonicalize().unwrap();
            let rel = rel.strip_prefix(&top).unwrap().to_string_lossy().replace('\\', "/");
            let prefix = if rel.is_empty() {
                String::new()
            } else {
                format!("{rel}/")
            };
            format!("{prefix}fixtures/R001/company-directory-admin.manifest.json")
        }
        None => "R001/company-directory-admin.manifest.json".to_string(),
    };
    assert_eq!(uri, expected.replace(' ', "%20"));
    // Standard input keeps its name.
    let out = cli()
        .current_dir(common::root())
        .args(["check", "-", "--no-config", "--format", "sarif"])
        .write_stdin(r#"{"schema_version": "4.1", "permissions": {"company": {"directory": "admin"}}}"#)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["runs"][0]["artifacts"][0]["location"]["uri"], "-");
    assert_valid_sarif(&sarif_validator(), &v, "stdin");
}

#[test]
fn cli_names_every_format() {
    let out = cli()
        .args(["check", "--format", "xml", "fixtures/valid"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("expected one of: human, concise, json, sarif, github, junit, gitlab"),
        "{stderr}"
    );
}

#[test]
fn junit_writes_each_suite_as_its_file_is_reported() {
    // Nothing is held between files: a flood of findings costs JUnit no
    // more memory than the other formats.
    let reports = [
        fixture("R001/company-directory-admin.manifest.json"),
        fixture("valid/v41-complete.manifest.json"),
    ];
    let cx = procore_manifest::output::EmitContext::default();
    let mut junit = Junit::new();
    let mut out = Vec::new();
    junit.begin(&mut out, &cx).unwrap();
    for (i, r) in reports.iter().enumerate() {
        junit.file(&mut out, r, &cx).unwrap();
        let text = String::from_utf8_lossy(&out);
        assert_eq!(text.matches("<testsuite ").count(), i + 1, "{text}");
        assert!(text.ends_with("  </testsuite>\n"), "{text}");
    }
    junit
        .end(&mut out, &procore_manifest::output::Summary::default(), &cx)
        .unwrap();
    assert!(String::from_utf8_lossy(&out).ends_with("</testsuite>\n</testsuites>\n"));
}

/// A run that could not read a walked file says so in SARIF the way the
/// schema defines it: an invocation that did not succeed, with an error
/// notification located on the file.
#[cfg(unix)]
#[test]
fn sarif_with_a_file_that_could_not_be_read_is_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::copy(
        common::root().join("fixtures/R001/company-directory-admin.manifest.json"),
        d.join("a.json"),
    )
    .expect("copy");
    std::os::unix::fs::symlink("l2.json", d.join("l1.json")).expect("symlink");
    std::os::unix::fs::symlink("l1.json", d.join("l2.json")).expect("symlink");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
        .args(["check", ".", "--no-config", "--format", "sarif"])
        .current_dir(d)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).expect("sarif");
    assert_valid_sarif(&sarif_validator(), &v, "a run with an unreadable file");
    let notifications = &v["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notifications.as_array().map(Vec::len), Some(2), "{v}");
}
