//! `usage MANIFEST --activity REPORT.csv`: least privilege from real
//! traffic. Reports are made here (never a real customer's).

mod common;

use procore_manifest::usage::routes::{builtin, RouteMap};
use std::path::Path;
use std::process::Command;

fn bin(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_procore-manifest"));
    c.current_dir(dir);
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const ARGS: [&str; 5] = [
    "usage",
    "fixtures/usage/manifest.json",
    "--activity",
    "fixtures/usage/activity.csv",
    "--no-config",
];

#[test]
fn the_worked_example_in_every_format() {
    let root = common::root();
    let (code, human, _) = run(bin(root).args(ARGS));
    assert_eq!(code, 1, "U003 is an error");
    insta::assert_snapshot!("usage_human", human);
    let (_, json, _) = run(bin(root).args(ARGS).args(["--format", "json"]));
    insta::assert_snapshot!("usage_json", json);
    let (_, md, _) = run(bin(root).args(ARGS).args(["--format", "markdown"]));
    insta::assert_snapshot!("usage_markdown", md);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["version"], 1);
    assert_eq!(v["activity"]["days"], 4);
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    for code in ["U001", "U002", "U003", "U004"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert_eq!(v["risk"]["before"], "critical");
    assert_eq!(v["risk"]["after"], "low");
    let (code, _, _) = run(bin(root).args(ARGS).args(["--fail-on", "never"]));
    assert_eq!(code, 0);
}

fn scratch(manifest: &str, csv: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("manifest.json"), manifest).expect("write");
    std::fs::write(dir.path().join("report.csv"), csv).expect("write");
    dir
}

/// `usage manifest.json --activity report.csv --format json` in `dir`,
/// under its config if it has one; the report parsed (null if it is not
/// JSON).
fn usage_configured(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value, String) {
    let (code, out, err) = run(bin(dir)
        .args(["usage", "manifest.json", "--activity", "report.csv", "--format", "json"])
        .args(extra));
    (code, serde_json::from_str(&out).unwrap_or(serde_json::Value::Null), err)
}

/// [`usage_configured`] without any config.
fn usage(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value, String) {
    usage_configured(dir, &[&["--no-config"], extra].concat())
}

fn findings(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["code"].as_str().unwrap_or("").to_string(),
                        f["severity"].as_str().unwrap_or("").to_string(),
                        f["message"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

const HEADER: &str = "Date,Response Code,HTTP Method,Normalized Route,Count\n";

#[test]
fn a_403_on_a_granted_tool_at_the_needed_level_is_no_finding() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "standard"}}}"#,
        &format!("{HEADER}2026-11-01,403,POST,/v1.0/projects/:project_id/rfis,5\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,5\n"),
    );
    let (code, v, err) = usage(dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(findings(&v).is_empty(), "{v}");
}

#[test]
fn a_low_confidence_mapping_says_so_and_is_at_most_a_warning() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
        &format!("{HEADER}2026-11-01,403,GET,/v2.0/companies/:company_id/projects/:project_id/calendars,4\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,2\n"),
    );
    let (code, v, err) = usage(dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let f = findings(&v);
    let u003 = f.iter().find(|(c, _, _)| c == "U003").expect("U003");
    assert_eq!(u003.1, "warning");
    assert!(u003.2.contains("low-confidence"), "{}", u003.2);
}

#[test]
fn tolerant_csv_bom_crlf_order_quotes_extra_columns() {
    let manifest = r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "admin"}}}"#;
    let plain = scratch(
        manifest,
        &format!("{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,5\n"),
    );
    let odd = scratch(
        manifest,
        "\u{feff} count ,\"normalized route\",HTTP_METHOD,Date,response code,Extra\r\n\"5\",\"/v1.0/projects/:project_id/rfis\",get,2026-11-01,200,x\r\n",
    );
    let (_, a, _) = usage(plain.path(), &[]);
    let (_, b, _) = usage(odd.path(), &[]);
    assert_eq!(findings(&a), findings(&b));
    assert_eq!(findings(&a)[0].0, "U002");
}

#[test]
fn a_bad_report_is_exit_2_naming_the_line() {
    let manifest = r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "admin"}}}"#;
    for (csv, line) in [
        (
            "Date,HTTP Method,Normalized Route,Count\n2026-11-01,GET,/x,1\n".to_string(),
            ":1:",
        ),
        (
            format!("{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,5\n2026-11-01,ok,GET,/x,1\n"),
            ":3:",
        ),
        (format!("{HEADER}2026-11-01,200,GET,/x,many\n"), ":2:"),
    ] {
        let dir = scratch(manifest, &csv);
        let (code, _, err) = usage(dir.path(), &[]);
        assert_eq!(code, 2, "{csv}");
        assert!(err.contains(&format!("report.csv{line}")), "{err}");
    }
}

#[test]
fn the_unsafe_fixes_apply_with_fix_and_unsafe_fixes() {
    let manifest =
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "admin", "submittal_log": "standard"}}}"#;
    let csv = format!("{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,5\n");
    let dir = scratch(manifest, &csv);
    let (_, _, err) = usage(dir.path(), &["--fix"]);
    assert!(err.contains("--unsafe-fixes"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("manifest.json")).expect("read"),
        manifest
    );
    let (_, _, err) = usage(dir.path(), &["--fix", "--unsafe-fixes"]);
    assert!(err.contains("applied 2 fixes"), "{err}");
    let fixed = std::fs::read_to_string(dir.path().join("manifest.json")).expect("read");
    assert_eq!(
        fixed,
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#
    );
    let (code, v, _) = usage(dir.path(), &[]);
    assert_eq!(code, 0);
    assert!(findings(&v).is_empty(), "{v}");
}

#[test]
fn config_routes_come_first() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
        &format!("{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/mystery_items,5\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,1\n"),
    );
    std::fs::write(
        dir.path().join("procore-manifest.toml"),
        "[usage]\nroutes = { \"GET /v1.0/projects/:project_id/mystery_items\" = { scope = \"project\", tool = \"rfi\", level = \"readonly\" } }\n",
    )
    .expect("write");
    let (code, v, err) = usage_configured(dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(v["unmapped"].as_array().is_some_and(Vec::is_empty), "{v}");
}

/// Every pattern of the route map matches the routes made from it, and a
/// call of each of its methods maps to the same scope and tool.
#[test]
fn every_route_pattern_matches_its_routes() {
    let map = RouteMap::new(&[]);
    let routes = builtin();
    assert!(routes.len() > 100, "{}", routes.len());
    for (i, r) in routes.iter().enumerate() {
        for variant in 0..2 {
            let concrete: Vec<String> = r
                .route
                .split('/')
                .map(|seg| match seg.strip_prefix(':') {
                    Some(param) => {
                        let suffix = param.find('.').map_or("", |d| &param[d..]);
                        if variant == 0 {
                            format!("{}{suffix}", 1000 + i)
                        } else {
                            format!(":{}{suffix}", param.split('.').next().unwrap_or("x"))
                        }
                    }
                    None => seg.to_string(),
                })
                .collect();
            let concrete = concrete.join("/");
            assert!(r.matches(&concrete), "{} does not match {concrete}", r.route);
            for m in &r.methods {
                let found = map.find(m, &concrete).expect("a route");
                assert_eq!(
                    (found.scope, found.tool.as_str()),
                    (r.scope, r.tool.as_str()),
                    "{m} {concrete}"
                );
            }
        }
    }
}

/// A legacy key stands for its successor: `budget` covers the `budgeting`
/// routes, so its calls neither look unused nor missing.
#[test]
fn a_legacy_key_counts_for_its_successor() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"budget": "readonly"}}}"#,
        &format!("{HEADER}2026-11-01,200,GET,/v1.0/budget_line_items/:id,3\n"),
    );
    let (code, v, err) = usage(dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let f = findings(&v);
    assert!(!f.iter().any(|(c, _, _)| c == "U001" || c == "U003"), "{v}");
}

/// A config route's `level` is the level its calls need, whatever the
/// method: a POST declared `readonly` (a search endpoint) keeps a Read-Only
/// grant enough, and a GET declared `admin` makes Standard too low.
#[test]
fn a_config_routes_level_is_honoured() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly", "daily_log": "standard"}}}"#,
        &format!("{HEADER}2026-11-01,200,POST,/v1.0/projects/:project_id/rfi_search,5\n2026-11-01,403,GET,/v1.0/projects/:project_id/daily_log_admin,2\n"),
    );
    std::fs::write(
        dir.path().join("procore-manifest.toml"),
        "[usage.routes]\n\"POST /v1.0/projects/:project_id/rfi_search\" = { scope = \"project\", tool = \"rfi\", level = \"readonly\" }\n\"GET /v1.0/projects/:project_id/daily_log_admin\" = { scope = \"project\", tool = \"daily_log\", level = \"admin\" }\n",
    )
    .expect("write");
    let (code, v, err) = usage_configured(dir.path(), &[]);
    assert_eq!(code, 1, "{err}");
    let tools = v["tools"].as_array().expect("tools");
    let row = |key: &str| tools.iter().find(|t| t["key"] == key).cloned().expect("row");
    assert_eq!(row("rfi")["needed"], "readonly", "{v}");
    assert_eq!(row("daily_log")["needed"], "admin", "{v}");
    let f = findings(&v);
    assert!(f.iter().any(|(c, _, m)| c == "U003" && m.contains("daily_log")), "{v}");
    assert!(!f.iter().any(|(c, _, _)| c == "U002"), "{v}");
}

/// The fixes of one run are applied together by the one fix engine:
/// removing any set of neighbouring grants (first, middle, last, all but
/// one) leaves valid JSON with the right commas.
#[test]
fn neighbouring_unused_grants_are_all_removed() {
    let tools = ["rfi", "submittal_log", "daily_log", "drawing_log"];
    let route = |tool: &str| match tool {
        "rfi" => "/v1.0/projects/:project_id/rfis",
        "submittal_log" => "/v1.0/projects/:project_id/submittals",
        "daily_log" => "/v1.0/projects/:project_id/call_logs",
        _ => "/v1.0/projects/:project_id/drawing_areas",
    };
    for used in tools {
        for layout in ["compact", "pretty"] {
            let grants: Vec<String> = tools.iter().map(|t| format!("\"{t}\": \"readonly\"")).collect();
            let manifest = if layout == "compact" {
                format!(
                    r#"{{"schema_version": "4.1", "permissions": {{"project": {{{}}}}}}}"#,
                    grants.join(", ")
                )
            } else {
                format!(
                    "{{\n  \"schema_version\": \"4.1\",\n  \"permissions\": {{\n    \"project\": {{\n      {}\n    }}\n  }}\n}}\n",
                    grants.join(",\n      ")
                )
            };
            let csv = format!("{HEADER}2026-11-01,200,GET,{},5\n", route(used));
            let dir = scratch(&manifest, &csv);
            let (_, v, _) = usage(dir.path(), &[]);
            let unused = findings(&v).iter().filter(|f| f.0 == "U001").count();
            assert_eq!(unused, 3, "{used} {layout}: {v}");
            let (code, _, err) = usage(dir.path(), &["--fix", "--unsafe-fixes"]);
            assert_eq!(code, 0, "{used} {layout}: {err}");
            assert!(err.contains("applied 3 fixes"), "{used} {layout}: {err}");
            let fixed = std::fs::read_to_string(dir.path().join("manifest.json")).expect("read");
            let parsed: serde_json::Value = serde_json::from_str(&fixed).unwrap_or_else(|e| panic!("{e}: {fixed}"));
            assert_eq!(
                parsed["permissions"]["project"],
                serde_json::json!({ used: "readonly" }),
                "{used} {layout}: {fixed}"
            );
        }
    }
}

/// An `[[allow]]` for U001 on a grant kept on purpose (a monthly sync) is
/// honoured by `usage` as by `check`: the finding is suppressed and does
/// not fail the run; an allow for another pointer leaves it.
#[test]
fn an_allow_for_u001_is_honoured() {
    let manifest =
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly", "daily_log": "readonly"}}}"#;
    let csv = format!("{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,5\n");
    let dir = scratch(manifest, &csv);
    let (code, v, _) = usage_configured(dir.path(), &["--fail-on", "warning"]);
    assert_eq!(code, 1, "{v}");
    assert!(findings(&v).iter().any(|f| f.0 == "U001"), "{v}");
    std::fs::write(
        dir.path().join("procore-manifest.toml"),
        "[[allow]]\nrule = \"U001\"\npointer = \"/permissions/project/daily_log\"\nreason = \"monthly daily log export\"\n",
    )
    .expect("write");
    let (code, v, err) = usage_configured(dir.path(), &["--fail-on", "warning"]);
    assert_eq!(code, 0, "{v} {err}");
    assert!(!findings(&v).iter().any(|f| f.0 == "U001"), "{v}");
    // The fix engine leaves an accepted grant alone.
    let (_, _, err) = usage_configured(dir.path(), &["--fix", "--unsafe-fixes"]);
    assert!(!err.contains("applied"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("manifest.json")).expect("read"),
        manifest
    );
    std::fs::write(
        dir.path().join("procore-manifest.toml"),
        "[[allow]]\nrule = \"U001\"\npointer = \"/permissions/project/rfi\"\nreason = \"another grant\"\n",
    )
    .expect("write");
    let (code, v, _) = usage_configured(dir.path(), &["--fail-on", "warning"]);
    assert_eq!(code, 1, "{v}");
}
