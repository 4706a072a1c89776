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

/// `usage manifest.json --activity report.csv --no-config --format FORMAT`
/// in `dir`: exit code, stdout, stderr.
fn usage_format(dir: &Path, format: &str) -> (i32, String, String) {
    run(bin(dir).args([
        "usage",
        "manifest.json",
        "--activity",
        "report.csv",
        "--no-config",
        "--format",
        format,
    ]))
}

/// [`usage_configured`] without any config.
fn usage(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value, String) {
    usage_configured(dir, &[&["--no-config"], extra].concat())
}

/// The active findings of a usage JSON report (suppressed ones are listed
/// too, marked `suppressed`).
fn findings(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| f.get("suppressed").is_none())
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
        &format!("{HEADER}2026-11-01,403,GET,/v1.0/projects/:project_id/punch_item_templates,4\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,2\n"),
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
    // Listed, marked with the acceptance's reason, as `check` lists it;
    // counted in the other reports.
    let all = v["findings"].as_array().expect("findings");
    assert!(
        all.iter()
            .any(|f| f["code"] == "U001" && f["suppressed"].to_string().contains("monthly daily log export")),
        "{v}"
    );
    let (_, human, _) = run(bin(dir.path()).args(["usage", "manifest.json", "--activity", "report.csv"]));
    assert!(human.contains("1 finding suppressed"), "{human}");
    // `check` does not run the U rules: the entry is not stale there.
    let (_, out, err) = run(bin(dir.path()).args(["check", "manifest.json", "--format", "concise"]));
    assert!(!out.contains("X001") && !err.contains("X001"), "{out}{err}");
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

const GRANTS: &str =
    r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly", "daily_log": "standard"}}}"#;

/// Any bytes in any field, non-ASCII and invalid UTF-8 included, never
/// panic: routes ending in a multi-byte character at the place a pattern's
/// `.pdf`-like suffix is compared, controls, bidi, lone surrogates' bytes.
#[test]
fn any_bytes_in_a_route_never_panic() {
    let mut routes: Vec<Vec<u8>> = Vec::new();
    for tail in [
        "é",
        "€",
        "😀",
        "\u{202e}",
        "\u{200b}",
        "pdf",
        "ü.pdf",
        "a.pdfé",
        ":id.pdf€",
    ] {
        routes.push(format!("/v1.0/projects/:project_id/documents/{tail}").into_bytes());
        routes.push(format!("/rest/v1.0/companies/:company_id/files/x{tail}").into_bytes());
    }
    routes.push(b"/v1.0/projects/\xff\xfe/rfis".to_vec());
    routes.push(b"/v1.0/\x1b[31mred\x07".to_vec());
    for route in routes {
        let mut csv = HEADER.as_bytes().to_vec();
        csv.extend_from_slice(b"2026-11-01,200,GET,\"");
        csv.extend_from_slice(&route);
        csv.extend_from_slice(b"\",3\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,1\n");
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("manifest.json"), GRANTS).expect("write");
        std::fs::write(dir.path().join("report.csv"), &csv).expect("write");
        for format in ["human", "json", "markdown"] {
            let (code, out, err) = usage_format(dir.path(), format);
            assert!(code == 0 || code == 1 || code == 2, "{route:?} {format}: {code} {err}");
            assert!(!err.contains("panicked"), "{route:?}: {err}");
            if format != "json" {
                // (Markdown breaks `@mentions` with a zero-width space of its own.)
                let zero_width = if format == "human" { "\u{200b}" } else { "" };
                for bad in ['\u{1b}', '\u{7}', '\u{202e}'].into_iter().chain(zero_width.chars()) {
                    assert!(
                        !out.contains(bad) && !err.contains(bad),
                        "{route:?} {format}: raw {bad:?}"
                    );
                }
            }
        }
    }
}

/// Counts are summed with checked arithmetic: past 2^64 - 1 is exit 2
/// naming the line, within one route and across routes.
#[test]
fn a_sum_past_2_64_is_exit_2_naming_the_line() {
    let max = u64::MAX;
    for rows in [
        format!("2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,{max}\n2026-11-02,200,GET,/v1.0/projects/:project_id/rfis,2\n"),
        format!("2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,{max}\n2026-11-01,403,POST,/v1.0/x,1\n"),
    ] {
        let dir = scratch(GRANTS, &format!("{HEADER}{rows}"));
        let (code, _, err) = usage(dir.path(), &[]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("report.csv:3:") && err.contains("2^64"), "{err}");
    }
    let dir = scratch(
        GRANTS,
        &format!(
            "{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,{}\n",
            max - 1
        ),
    );
    let (_, v, err) = usage(dir.path(), &[]);
    assert_eq!(v["activity"]["calls"], serde_json::json!(max - 1), "{err}");
}

/// A report without calls is exit 2 and never a list of unused grants; its
/// `--fix --unsafe-fixes` touches nothing.
#[test]
fn an_empty_report_is_exit_2() {
    for csv in [
        HEADER.to_string(),
        HEADER.trim_end().to_string(),
        format!("{HEADER}\n\n"),
        format!("{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,0\n"),
    ] {
        let dir = scratch(GRANTS, &csv);
        let (code, v, err) = usage(dir.path(), &["--fix", "--unsafe-fixes"]);
        assert_eq!(code, 2, "{csv:?}: {v} {err}");
        assert!(err.contains("holds no calls"), "{csv:?}: {err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("manifest.json")).expect("read"),
            GRANTS
        );
    }
}

/// Malformed reports: a field over 8 KB (a route, a header), a row with
/// no line end for megabytes, a quote never closed, CR-only line ends:
/// exit 2, the line named, nothing echoed past 200 characters.
#[test]
fn malformed_reports_are_exit_2_with_a_bounded_message() {
    let long = "r".repeat(9 * 1024);
    let huge_header = format!(
        "Date,Response Code,HTTP Method,Normalized Route,Count,{}\n",
        "h".repeat(5 << 20)
    );
    let cases: Vec<(String, &str, &str)> = vec![
        (
            format!("{HEADER}2026-11-01,200,GET,/v1.0/{long},1\n"),
            ":2:",
            "longer than 8 KB",
        ),
        (
            format!("Date,Response Code,HTTP Method,Normalized Route,Count,{long}\n"),
            ":1:",
            "longer than 8 KB",
        ),
        (huge_header, ":1:", "64 KB"),
        (
            format!("{HEADER}2026-11-01,200,GET,\"/v1.0/projects/:project_id/rfis,1\n2026-11-02,200,GET,/x,1\n"),
            ":2:",
            "never closed",
        ),
        (
            format!("{HEADER}2026-11-01,200,GET,\"/v1.0/{}", "q,\n".repeat(40_000)),
            ":2:",
            "not closed",
        ),
        (
            format!(
                "{}\r2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,1\r",
                HEADER.trim_end()
            ),
            ":1:",
            "CR-only",
        ),
        (
            format!("{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,1\r2026-11-01,200,GET,/x,1\n"),
            ":2:",
            "CR-only",
        ),
    ];
    for (csv, line, says) in cases {
        let dir = scratch(GRANTS, &csv);
        let (code, _, err) = usage(dir.path(), &[]);
        assert_eq!(code, 2, "{says}: {}", &err[..err.len().min(300)]);
        assert!(
            err.contains(&format!("report.csv{line}")),
            "{says}: {}",
            &err[..err.len().min(300)]
        );
        assert!(err.contains(says), "{says}: {}", &err[..err.len().min(300)]);
        assert!(err.len() < 1000, "{says}: a message of {} bytes", err.len());
    }
    // A header without a column echoes what it has, sanitised and cut.
    let dir = scratch(GRANTS, &format!("Date,Count,\u{1b}[2J{}\n", "x".repeat(300)));
    let (code, _, err) = usage(dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(!err.contains('\u{1b}') && err.len() < 600, "{err}");
}

/// A report with many distinct unmapped routes: the human and Markdown
/// reports list the 20 with the most calls and say how many more; JSON
/// lists all; U004 is 20 findings and one for the rest.
#[test]
fn many_unmapped_routes_are_listed_20_at_a_time() {
    let mut csv = HEADER.to_string();
    for i in 0..250 {
        csv.push_str(&format!(
            "2026-11-01,200,GET,/v1.0/projects/:project_id/mystery_{i},{}\n",
            i + 1
        ));
    }
    csv.push_str("2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,1\n");
    let dir = scratch(GRANTS, &csv);
    let (_, v, _) = usage(dir.path(), &[]);
    assert_eq!(v["unmapped"].as_array().map(Vec::len), Some(250));
    let u004: Vec<_> = findings(&v).into_iter().filter(|f| f.0 == "U004").collect();
    assert_eq!(u004.len(), 21, "{u004:?}");
    assert!(u004.iter().any(|f| f.2.contains("mystery_249")), "the most calls first");
    assert!(u004.iter().any(|f| f.2.starts_with("230 more routes")), "{u004:?}");
    let (_, human, _) = usage_format(dir.path(), "human");
    let listed = human
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains("GET /v1.0/projects/:project_id/mystery_"))
        .count();
    assert_eq!(listed, 20, "{human}");
    assert!(human.contains("and 230 more"), "{human}");
    let (_, md, _) = usage_format(dir.path(), "markdown");
    assert!(md.contains("230 more unmapped routes"), "{md}");
}

/// The route map's levels (issue 30), one case per class: the grant, the
/// calls, and the findings `usage` must give (code, severity) or must not.
#[test]
fn levels_where_procore_documents_them() {
    struct Case {
        what: &'static str,
        grant: &'static str,
        rows: &'static str,
        expect: &'static [(&'static str, &'static str)],
    }
    let cases = [
        Case {
            what: "a recycle bin needs Admin",
            grant: r#""project": {"incidents": "admin"}"#,
            rows: "200,GET,/v1.0/projects/:project_id/recycle_bin/incidents,3",
            expect: &[],
        },
        Case {
            what: "an Incident delete needs Admin",
            grant: r#""project": {"incidents": "admin"}"#,
            rows: "200,DELETE,/v1.0/projects/:project_id/incidents/:id,2",
            expect: &[],
        },
        Case {
            what: "Directory user management needs Admin (and U003 says what it costs)",
            grant: r#""company": {"directory": "standard"}"#,
            rows: "403,POST,/v1.0/companies/:company_id/users,2",
            expect: &[("U003", "error")],
        },
        Case {
            what: "a purchase order needs Admin",
            grant: r#""project": {"commitments": "standard"}"#,
            rows: "403,POST,/v1.0/purchase_order_contracts,1",
            expect: &[("U003", "error")],
        },
        Case {
            what: "company timecard entries need Admin",
            grant: r#""company": {"timecard": "admin"}"#,
            rows: "200,POST,/v1.0/companies/:company_id/timecard_entries,9",
            expect: &[],
        },
        Case {
            what: "the company Admin tool offers only Admin: a read needs it",
            grant: r#""company": {"admin": "admin"}"#,
            rows: "200,GET,/v1.0/companies/:company_id/project_types,4",
            expect: &[],
        },
        Case {
            what: "a read sent as POST needs Read-Only, surely",
            grant: r#""project": {"budgeting": "standard"}"#,
            rows: "200,POST,/v1.0/budget_views/:budget_view_id/budget_details,5",
            expect: &[("U002", "warning")],
        },
        Case {
            what: "a write whose level Procore does not document: U002 cannot be sure",
            grant: r#""project": {"rfi": "admin"}"#,
            rows: "200,POST,/v1.0/projects/:project_id/rfis,5",
            expect: &[("U002", "info")],
        },
        Case {
            what: "reads alone: lowering is sure",
            grant: r#""project": {"rfi": "admin"}"#,
            rows: "200,GET,/v1.0/projects/:project_id/rfis,5",
            expect: &[("U002", "warning")],
        },
        Case {
            what: "sending an RFI to the recycle bin is its delete: Admin",
            grant: r#""project": {"rfi": "standard"}"#,
            rows: "403,PATCH,/v1.0/projects/:project_id/rfis/:id/recycle,2",
            expect: &[("U003", "error")],
        },
        Case {
            what: "a tool's configuration (a bare `configuration` segment) needs Admin",
            grant: r#""project": {"incidents": "standard"}"#,
            rows: "403,PATCH,/v1.0/projects/:project_id/incidents/configuration,1",
            expect: &[("U003", "error")],
        },
        Case {
            what: "permission template assignments are Directory management: Admin",
            grant: r#""project": {"directory": "standard"}"#,
            rows: "403,PATCH,/v1.0/projects/:project_id/permission_template_assignments,1",
            expect: &[("U003", "error")],
        },
        Case {
            what: "a project's list of submittal responses is configuration: Admin",
            grant: r#""project": {"submittal_log": "admin"}"#,
            rows: "200,POST,/v1.0/projects/:project_id/submittal_responses,1",
            expect: &[],
        },
        Case {
            what: "an RFQ response is a bidder's answer, no configuration: not Admin",
            grant: r#""project": {"commitments": "admin"}"#,
            rows: "200,POST,/v1.0/rfqs/:rfq_id/responses,1",
            expect: &[("U002", "info")],
        },
        Case {
            what: "updating a project needs the project Admin tool, not company Portfolio",
            grant: r#""project": {"admin": "admin"}"#,
            rows: "403,PATCH,/v1.0/projects/:id,1",
            expect: &[],
        },
        Case {
            what: "listing projects needs no tool (the projects the caller was added to)",
            grant: r#""project": {"rfi": "readonly"}"#,
            rows: "200,GET,/v1.0/projects,50\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,5",
            expect: &[],
        },
        Case {
            what: "every version of List projects needs no tool",
            grant: r#""project": {"rfi": "readonly"}"#,
            rows: "200,GET,/v1.1/projects,5\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,5",
            expect: &[],
        },
        Case {
            what: "a PDF export sent as POST reads: Read-Only, not Directory Admin",
            grant: r#""project": {"directory": "readonly"}"#,
            rows: "403,POST,/v1.0/projects/:project_id/users/pdf,4\n2026-11-01,200,GET,/v1.0/projects/:project_id/users,4",
            expect: &[],
        },
        Case {
            what: "adding a party to a project is Directory management: Admin",
            grant: r#""project": {"directory": "standard"}"#,
            rows: "403,POST,/v1.0/projects/:project_id/project_memberships,1",
            expect: &[("U003", "error")],
        },
        Case {
            what: "syncing projects is a Portfolio project write: Admin",
            grant: r#""company": {"home": "standard"}"#,
            rows: "403,PATCH,/v1.0/projects/sync,1",
            expect: &[("U003", "error")],
        },
        Case {
            what: "a bulk delete of coordination issues sent as POST: Admin",
            grant: r#""project": {"coordination_issues": "standard"}"#,
            rows: "403,POST,/v1.0/coordination_issues/bulk_delete,1",
            expect: &[("U003", "error")],
        },
        Case {
            what: "identity calls need no tool and are never unmapped",
            grant: r#""project": {"rfi": "readonly"}"#,
            rows: "200,GET,/v1.0/me,5\n2026-11-01,200,GET,/v1.1/companies/:company_id/me,1\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,5",
            expect: &[],
        },
    ];
    for case in cases {
        let manifest = format!(r#"{{"schema_version": "4.1", "permissions": {{{}}}}}"#, case.grant);
        let dir = scratch(&manifest, &format!("{HEADER}2026-11-01,{}\n", case.rows));
        let (_, v, err) = usage(dir.path(), &[]);
        let got: Vec<(String, String)> = findings(&v).into_iter().map(|(c, s, _)| (c, s)).collect();
        let want: Vec<(String, String)> = case
            .expect
            .iter()
            .map(|(c, s)| (c.to_string(), s.to_string()))
            .collect();
        assert_eq!(got, want, "{}: {v}{err}", case.what);
        if case.what.starts_with("Directory user management") {
            let help = v["findings"][0]["help"].as_str().unwrap_or("");
            assert!(
                help.contains("advise against") && help.contains("every company and project tool"),
                "{help}"
            );
        }
        if case.what.starts_with("a write whose level") {
            assert!(
                v["findings"][0]["message"].as_str().unwrap_or("").contains("not sure"),
                "{v}"
            );
        }
    }
}

/// Every level the map says a call needs is one its tool offers, and every
/// U002 fix gives a manifest `check` accepts without P004.
#[test]
fn every_needed_level_is_one_the_tool_offers() {
    use procore_manifest::catalog::{Catalog, Extras};
    use procore_manifest::usage::calls::offered;
    let extras = Extras::default();
    let catalog = Catalog::new(&extras);
    let mut checked = 0;
    for r in builtin().iter().filter(|r| !r.needs_no_tool()) {
        let tool = catalog.canonical_key(r.scope, &r.tool).to_string();
        let Some(t) = catalog.tool(r.scope, &tool) else {
            panic!(
                "{} {}: tool `{}` is not in the catalog",
                r.scope.as_str(),
                r.route,
                r.tool
            );
        };
        for m in &r.methods {
            let need = offered(&catalog, r.scope, &tool, r.needed(m));
            assert!(
                t.offers(need),
                "{m} {}: {} does not offer {}",
                r.route,
                tool,
                need.as_str()
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
    // The company Admin tool: a U002 never lowers it to a level it lacks.
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"company": {"admin": "admin", "directory": "admin"}}}"#,
        &format!("{HEADER}2026-11-01,200,GET,/v1.0/companies/:company_id/project_types,4\n2026-11-01,200,GET,/v1.0/companies/:company_id/users,4\n"),
    );
    let (_, v, _) = usage(dir.path(), &["--fix", "--unsafe-fixes"]);
    let fixed = std::fs::read_to_string(dir.path().join("manifest.json")).expect("read");
    assert!(
        fixed.contains(r#""admin": "admin""#) && fixed.contains(r#""directory": "readonly""#),
        "{fixed}\n{v}"
    );
    let (code, out, err) = run(bin(dir.path()).args(["check", "manifest.json", "--no-config", "--format", "concise"]));
    assert!(!out.contains("P004"), "{code} {out}{err}");
}

/// A HEAD is its route's GET: mapped, read-only.
#[test]
fn a_head_is_the_get_of_its_route() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
        &format!("{HEADER}2026-11-01,200,HEAD,/v1.0/projects/:project_id/rfis,5\n2026-11-01,200,head,/v1.0/projects/:project_id/rfis,1\n"),
    );
    let (code, v, err) = usage(dir.path(), &["--fail-on", "info"]);
    assert_eq!(code, 0, "{v} {err}");
    assert!(v["unmapped"].as_array().is_some_and(|u| u.is_empty()), "{v}");
    let rfi = v["tools"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["key"] == "rfi"))
        .cloned();
    assert_eq!(
        rfi.as_ref().map(|t| t["needed"].clone()),
        Some("readonly".into()),
        "{v}"
    );
}

/// Another product's file is said and refused (exit 2), as `permissions`
/// refuses it.
#[test]
fn a_file_without_procore_evidence_is_refused() {
    let dir = scratch(
        r#"{"name": "my-package", "version": "1.0.0"}"#,
        &format!("{HEADER}2026-11-01,200,GET,/v1.0/me,1\n"),
    );
    let (code, _, err) = usage(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("shows no Procore evidence"), "{err}");
}

/// What the report's fields hold reaches no stream raw: bidi and
/// zero-width characters escaped in every format (`\u202e` in JSON, which
/// reads back the same), a 5,000-character route cut with `…` where people
/// read it; and findings about the whole manifest sit at its opening brace,
/// after a BOM.
#[test]
fn report_fields_are_escaped_and_cut_and_positions_skip_a_bom() {
    let long = format!("/v1.0/{}", "x".repeat(5_000));
    let csv = format!(
        "{HEADER}2026-11-01,200,GET,/v1.0/evil\u{202e}gnp.exe\u{200b},3\n2026-11-01,200,GET\u{202e},{long},2\n"
    );
    let dir = scratch(
        "\u{feff}{\"schema_version\": \"4.1\", \"permissions\": {\"project\": {\"rfi\": \"readonly\"}}}",
        &csv,
    );
    let (_, json, _) = usage_format(dir.path(), "json");
    assert!(!json.contains('\u{202e}') && !json.contains('\u{200b}'), "{json}");
    assert!(json.contains("\\u202e"), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let routes: Vec<&str> = v["unmapped"]
        .as_array()
        .expect("unmapped")
        .iter()
        .filter_map(|u| u["route"].as_str())
        .collect();
    assert!(
        routes.contains(&"/v1.0/evil\u{202e}gnp.exe\u{200b}"),
        "the data reads back whole: {routes:?}"
    );
    assert!(routes.contains(&long.as_str()), "JSON lists the route whole");
    for f in v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "U004")
    {
        assert_eq!(f["span"]["offset"], 3, "{f}");
        assert_eq!(f["span"]["start"]["column"], 1, "{f}");
        assert!(f["message"].as_str().is_some_and(|m| m.chars().count() < 400), "{f}");
    }
    for format in ["human", "markdown"] {
        let (_, out, _) = usage_format(dir.path(), format);
        assert!(
            !out.contains('\u{202e}') && !out.contains('\u{200b}'),
            "{format}: {out}"
        );
        assert!(
            out.contains('…') && out.lines().all(|l| l.chars().count() < 600),
            "{format}: {out}"
        );
    }
}

/// A granted tool the route map knows no route of: the table says so, and
/// no U001 claims it unused.
#[test]
fn a_tool_without_known_routes_is_said_not_called_unused() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"company": {"concierge": "readonly"}, "project": {"rfi": "readonly"}}}"#,
        &format!("{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,5\n"),
    );
    let (_, v, _) = usage(dir.path(), &[]);
    assert!(!findings(&v).iter().any(|f| f.0 == "U001"), "{v}");
    let (_, human, _) = usage_format(dir.path(), "human");
    let line = human.lines().find(|l| l.contains("concierge")).unwrap_or_default();
    assert!(line.contains("no known routes"), "{human}");
}

/// Only the blocks the service account receives grant it anything: a 3.x
/// grant inside an authorization_code instance explains no 403, and the
/// missing grant belongs in the client_credentials instance.
#[test]
fn misplaced_blocks_grant_the_service_account_nothing() {
    let v3 = r#"{"schema_version": "3.2", "components": {"oauth": {"instances": [
        {"grant_type": "authorization_code", "permissions": {"project": {"daily_log": "standard"}}},
        {"grant_type": "client_credentials"}]}}}"#;
    let rows = format!("{HEADER}2026-11-01,403,GET,/v1.0/projects/:project_id/accident_logs,4\n");
    let dir = scratch(v3, &rows);
    let (code, v, err) = usage(dir.path(), &[]);
    assert_eq!(code, 1, "{err}");
    let u003 = v["findings"]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["code"] == "U003"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(u003["pointer"], "/components/oauth/instances/1", "{v}");
    assert!(
        u003["help"]
            .as_str()
            .unwrap_or("")
            .contains("of the client_credentials oauth instance"),
        "{u003}"
    );
    // 4.1: a leftover oauth block beside the top-level one grants nothing.
    let v41 = r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}},
        "components": {"oauth": {"instances": [{"grant_type": "client_credentials",
        "permissions": {"project": {"daily_log": "standard"}}}]}}}"#;
    let rows = format!("{HEADER}2026-11-01,403,GET,/v1.0/projects/:project_id/accident_logs,4\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,1\n");
    let dir = scratch(v41, &rows);
    let (_, v, _) = usage(dir.path(), &[]);
    let u003: Vec<_> = v["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["code"] == "U003").cloned().collect())
        .unwrap_or_default();
    assert_eq!(u003.len(), 1, "{v}");
    assert_eq!(u003[0]["pointer"], "/permissions/project", "{v}");
}

/// The config's selection, severities and fail-on, as `check` reads them;
/// a selection written for `check` that names no U rule leaves them on.
#[test]
fn usage_reads_the_configs_selection_severity_and_fail_on() {
    let manifest =
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly", "change_orders": "admin"}}}"#;
    let rows = format!(
        "{HEADER}2026-11-01,403,GET,/v1.0/projects/:project_id/submittals,3\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,1\n2026-11-01,200,GET,/v1.0/change_order_packages,1\n"
    );
    let dir = scratch(manifest, &rows);
    let config = dir.path().join("procore-manifest.toml");
    let codes =
        |v: &serde_json::Value| -> Vec<(String, String)> { findings(v).into_iter().map(|(c, s, _)| (c, s)).collect() };
    // select = ["P", "R"] is about `check`: usage still runs its rules.
    std::fs::write(&config, "[rules]\nselect = [\"P\", \"R\"]\n").expect("write");
    let (code, v, err) = usage_configured(dir.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert!(codes(&v).iter().any(|(c, _)| c == "U003"), "{v}");
    // Naming U rules decides; every one off is said.
    std::fs::write(&config, "[rules]\nignore = [\"U\"]\n").expect("write");
    let (code, v, err) = usage_configured(dir.path(), &[]);
    assert_eq!((code, codes(&v)), (0, vec![]), "{err}");
    assert!(err.contains("turns every usage rule (U001-U004) off"), "{err}");
    std::fs::write(&config, "[rules]\nselect = [\"ALL\"]\nignore = [\"U003\"]\n").expect("write");
    let (_, v, _) = usage_configured(dir.path(), &[]);
    assert!(!codes(&v).iter().any(|(c, _)| c == "U003"), "{v}");
    // A low-confidence finding stays at most a warning whatever the
    // config's severity asks (change orders map at low confidence).
    std::fs::write(&config, "[rules]\nseverity = { U002 = \"error\", U003 = \"error\" }\n").expect("write");
    let (_, v, _) = usage_configured(dir.path(), &[]);
    let got = codes(&v);
    assert!(got.contains(&("U003".into(), "error".into())), "{v}");
    assert!(got.contains(&("U002".into(), "warning".into())), "low confidence: {v}");
    // fail-on from the config, and the command line's over it.
    std::fs::write(&config, "fail-on = \"never\"\n").expect("write");
    assert_eq!(usage_configured(dir.path(), &[]).0, 0);
    assert_eq!(usage_configured(dir.path(), &["--fail-on", "error"]).0, 1);
}

/// Among the config's routes the most literal pattern wins, as in the
/// built-in map (not the first in key order).
#[test]
fn the_most_literal_config_route_wins() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly", "daily_log": "readonly"}}}"#,
        &format!("{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/my_items,2\n"),
    );
    std::fs::write(
        dir.path().join("procore-manifest.toml"),
        "[usage.routes]\n\"GET /v1.0/projects/:project_id/:anything\" = { scope = \"project\", tool = \"daily_log\", level = \"readonly\" }\n\"GET /v1.0/projects/:project_id/my_items\" = { scope = \"project\", tool = \"rfi\", level = \"readonly\" }\n",
    )
    .expect("write");
    let (_, v, err) = usage_configured(dir.path(), &[]);
    let tools = v["tools"].as_array().cloned().unwrap_or_default();
    let calls = |key: &str| tools.iter().find(|t| t["key"] == key).map(|t| t["calls_ok"].clone());
    assert_eq!(calls("rfi"), Some(serde_json::json!(2)), "{v}{err}");
    assert_eq!(calls("daily_log"), Some(serde_json::json!(0)), "{v}");
}

/// The table's verdict is the findings' own: "missing" only where U003
/// reports, never "ok" for a tool granted below what its calls need.
#[test]
fn the_verdict_column_agrees_with_the_findings() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly", "commitments": "standard"}}}"#,
        &format!(
            "{HEADER}2026-11-01,403,GET,/v1.0/projects/:project_id/rfis,2\n2026-11-01,200,POST,/v1.0/projects/:project_id/rfis,1\n2026-11-01,200,POST,/v1.0/purchase_order_contracts,1\n"
        ),
    );
    let (_, v, _) = usage(dir.path(), &[]);
    assert!(!findings(&v).iter().any(|(c, _, _)| c == "U003"), "{v}");
    let (_, human, _) = usage_format(dir.path(), "human");
    let row = |key: &str| {
        human
            .lines()
            .find(|l| l.trim_start().starts_with(key))
            .unwrap_or("")
            .to_string()
    };
    assert!(!row("rfi").contains("missing"), "{human}");
    assert!(row("commitments").contains("below the map's level"), "{human}");
}

/// U004's findings come most calls first in every format, not in the
/// alphabetical order of their messages.
#[test]
fn unmapped_route_findings_keep_their_order_by_calls() {
    let mut csv = HEADER.to_string();
    for (i, calls) in [(7, 90), (10, 80), (25, 70), (3, 60)] {
        csv.push_str(&format!("2026-11-01,200,GET,/v1.0/unk{i},{calls}\n"));
    }
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
        &csv,
    );
    let (_, v, _) = usage(dir.path(), &[]);
    let order: Vec<String> = findings(&v)
        .into_iter()
        .filter(|f| f.0 == "U004")
        .map(|f| f.2)
        .collect();
    let want = ["unk7`", "unk10`", "unk25`", "unk3`"];
    assert_eq!(order.len(), want.len(), "{order:?}");
    for (got, want) in order.iter().zip(want) {
        assert!(got.contains(want), "{order:?}");
    }
    let (_, human, _) = usage_format(dir.path(), "human");
    let at = |s: &str| human.find(&format!("/v1.0/{s}:")).unwrap_or(usize::MAX);
    assert!(
        at("unk7`") < at("unk10`") && at("unk10`") < at("unk25`") && at("unk25`") < at("unk3`"),
        "{human}"
    );
}

/// A value that is no level grants nothing (the risk rating reads it as the
/// worst case; a 403 is not explained away by it).
#[test]
fn a_value_that_is_no_level_grants_nothing() {
    let rows = format!("{HEADER}2026-10-27,403,GET,/v1.0/projects/:project_id/observation_types,3\n");
    for value in ["null", "\"\"", "{}", "3", "true", "[\"readonly\"]", "\"read\""] {
        let manifest =
            format!(r#"{{"schema_version": "4.1", "permissions": {{"project": {{"observations": {value}}}}}}}"#);
        let dir = scratch(&manifest, &rows);
        let (code, v, err) = usage(dir.path(), &[]);
        let got: Vec<(String, String)> = findings(&v).into_iter().map(|(c, s, _)| (c, s)).collect();
        assert_eq!(
            got,
            vec![("U003".to_string(), "error".to_string())],
            "{value}: {v}{err}"
        );
        assert_eq!(code, 1, "{value}");
    }
}

/// What U003 rests on is its 403 calls: a low-confidence call of the same
/// tool that succeeded does not weaken it; several missing tools at one
/// place come most 403s first.
#[test]
fn u003_rests_on_its_403s_and_comes_most_first() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
        // Company Admin: configurable field sets map at medium confidence,
        // submittal statuses at low.
        &format!(
            "{HEADER}2026-11-01,403,GET,/v1.0/companies/:company_id/configurable_field_sets,40\n2026-11-01,200,GET,/v1.0/companies/:company_id/submittal_statuses,1\n"
        ),
    );
    let (code, v, _) = usage(dir.path(), &[]);
    let u003: Vec<_> = findings(&v).into_iter().filter(|f| f.0 == "U003").collect();
    assert_eq!(u003.len(), 1, "{v}");
    assert_eq!(u003[0].1, "error", "{v}");
    assert!(!u003[0].2.contains("low-confidence"), "{v}");
    assert_eq!(code, 1);
    let mut csv = HEADER.to_string();
    for (route, calls) in [
        ("rfis", 2),
        ("observation_types", 100),
        ("accident_logs", 30),
        ("schedule/calendar_items", 9),
    ] {
        csv.push_str(&format!(
            "2026-11-01,403,GET,/v1.0/projects/:project_id/{route},{calls}\n"
        ));
    }
    let dir = scratch(r#"{"schema_version": "4.1", "permissions": {"project": {}}}"#, &csv);
    let (_, v, _) = usage(dir.path(), &[]);
    let counts: Vec<String> = findings(&v)
        .into_iter()
        .filter(|f| f.0 == "U003")
        .map(|f| f.2.split(' ').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(counts, ["100", "30", "9", "2"], "{v}");
}

/// A config `ignore` naming one U rule turns that one off, not the others;
/// a U002 that is not sure of the lower level stays at most a warning.
#[test]
fn ignoring_one_usage_rule_keeps_the_others_and_unsure_stays_a_warning() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "admin", "daily_log": "readonly"}}}"#,
        &format!(
            "{HEADER}2026-11-01,200,POST,/v1.0/projects/:project_id/rfis,1\n2026-11-01,403,GET,/v1.0/projects/:project_id/observation_types,2\n"
        ),
    );
    std::fs::write(
        dir.path().join("procore-manifest.toml"),
        "[rules]\nselect = [\"P\", \"R\"]\nignore = [\"U001\"]\nseverity = { U002 = \"error\" }\n",
    )
    .expect("write");
    let (code, v, err) = usage_configured(dir.path(), &[]);
    let got: Vec<(String, String)> = findings(&v).into_iter().map(|(c, s, _)| (c, s)).collect();
    assert!(!err.contains("turns every usage rule"), "{err}");
    assert!(got.contains(&("U003".into(), "error".into())), "{v}");
    assert!(
        got.contains(&("U002".into(), "warning".into())),
        "not sure: at most a warning: {v}"
    );
    assert!(!got.iter().any(|(c, _)| c == "U001"), "{v}");
    assert_eq!(code, 1);
}

/// A credential in a report's route (a token pasted into a path or a
/// query) is never echoed, in any format; the route's statuses stay one
/// entry.
#[test]
fn a_credential_in_a_route_is_never_echoed() {
    let token = "ghp_R8x2Kq9LmZ4vT7nB3cW6yH1pD5sF0gJ2aE4u";
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
        &format!(
            "{HEADER}2026-11-01,200,GET,/v1.0/hooks/{token},3\n2026-11-01,403,GET,/v1.0/hooks/{token},2\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,1\n2026-11-01,200,GET,/v1.0/y?access_token=9f8e7d6c5b4a39281706f5e4d3c2b1a0,1\n2026-11-01,200,GET,/v1.0/z/{token}?access_token=0a1b2c3d4e5f60718293a4b5c6d7e8f9,1\n"
        ),
    );
    let (_, v, _) = usage(dir.path(), &[]);
    assert_eq!(v["unmapped"].as_array().map(Vec::len), Some(3), "{v}");
    assert_eq!(v["unmapped"][0]["calls"], 5, "{v}");
    for format in ["human", "json", "markdown"] {
        let (_, out, err) = usage_format(dir.path(), format);
        assert!(!out.contains(token) && !err.contains(token), "{format}: {out}");
        assert!(!out.contains("9f8e7d6c5b4a39281706f5e4d3c2b1a0"), "{format}: {out}");
        assert!(
            !out.contains("0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
            "a path and a query token: {format}: {out}"
        );
        assert!(out.contains("/v1.0/hooks/"), "{format}: {out}");
    }
}

/// The rating after the suggestions counts the grants U003 asks for, not
/// only the removals and lowerings; a tool whose calls need more than its
/// grant and all failed otherwise is not "ok".
#[test]
fn risk_after_counts_the_grants_asked_for_and_failed_calls_are_not_ok() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"company": {"directory": "readonly"}}}"#,
        &format!(
            "{HEADER}2026-11-01,200,GET,/v1.0/companies/:company_id/users,5\n2026-11-01,403,POST,/v1.0/companies/:company_id/users,2\n"
        ),
    );
    let (_, v, _) = usage(dir.path(), &[]);
    assert_eq!(v["risk"]["before"], "low", "{v}");
    assert_eq!(v["risk"]["after"], "critical", "U003 asks for Directory Admin: {v}");
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
        &format!("{HEADER}2026-11-01,500,POST,/v1.0/projects/:project_id/rfis,3\n"),
    );
    let (_, human, _) = usage_format(dir.path(), "human");
    let row = human.lines().find(|l| l.trim_start().starts_with("rfi")).unwrap_or("");
    assert!(row.contains("no call succeeded") && !row.contains(" ok"), "{human}");
}

/// A row of no calls (Count 0) is no call: no U003 on "0 calls", and no use
/// that would silence U001.
#[test]
fn a_row_of_no_calls_is_no_call() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly", "daily_log": "readonly"}}}"#,
        &format!(
            "{HEADER}2026-11-01,403,GET,/v1.0/projects/:project_id/observation_types,0\n2026-11-01,200,GET,/v1.0/projects/:project_id/accident_logs,0\n2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,3\n"
        ),
    );
    let (code, v, _) = usage(dir.path(), &[]);
    let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, ["U001"], "daily_log unused, no U003: {v}");
    assert_eq!(code, 0);
}

const RFI: &str = "/v1.0/projects/:project_id/rfis";

fn human(dir: &Path) -> (i32, String, String) {
    usage_format(dir, "human")
}

/// A success says the grant was enough only for the calls that succeeded:
/// a GET's 200 does not make the failed POST's level ok. 3xx answers are
/// no successes (`calls_ok` counts 2xx).
#[test]
fn only_2xx_successes_of_the_calls_that_need_more_say_ok() {
    let m = r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#;
    let dir = scratch(
        m,
        &format!("{HEADER}2026-11-01,200,GET,{RFI},4\n2026-11-01,500,POST,{RFI},4\n"),
    );
    let (_, out, err) = human(dir.path());
    assert!(out.contains("below the map's level (no call succeeded)"), "{out}{err}");
    let dir = scratch(
        m,
        &format!("{HEADER}2026-11-01,200,GET,{RFI},4\n2026-11-01,201,POST,{RFI},4\n"),
    );
    let (_, out, _) = human(dir.path());
    assert!(out.contains("ok (below the map's level)"), "{out}");
    for status in ["301", "302", "304"] {
        let dir = scratch(m, &format!("{HEADER}2026-11-01,{status},GET,{RFI},4\n"));
        let (_, v, err) = usage(dir.path(), &[]);
        let rfi = v["tools"]
            .as_array()
            .and_then(|t| t.iter().find(|t| t["key"] == "rfi"))
            .cloned();
        assert_eq!(rfi.map(|t| t["calls_ok"].clone()), Some(0.into()), "{status}: {v}{err}");
    }
}

/// Calls on a path the map lists under other methods are the tool's use
/// at a level nobody knows: no U001 ("no call used it"), no U002 ("lower
/// it"), and no fix removes or lowers the grant; U004 says which methods
/// the map lists.
#[test]
fn a_method_the_map_does_not_list_on_a_known_path_is_the_tools_use() {
    for (level, extra) in [
        ("standard", ""),
        ("admin", "2026-11-01,200,GET,/v1.0/projects/:project_id/rfis,3\n"),
    ] {
        let m = format!(r#"{{"schema_version": "4.1", "permissions": {{"project": {{"rfi": "{level}"}}}}}}"#);
        let dir = scratch(&m, &format!("{HEADER}2026-11-01,200,PUT,{RFI}/:id,40\n{extra}"));
        let (_, v, err) = usage(dir.path(), &[]);
        let found = findings(&v);
        assert!(
            !found.iter().any(|f| f.0 == "U001" || f.0 == "U002"),
            "{level}: {found:?}{err}"
        );
        let u004 = found.iter().find(|f| f.0 == "U004").expect("U004");
        assert!(
            u004.2.contains("it lists GET, PATCH") && u004.2.contains("`rfi`"),
            "{u004:?}"
        );
        let (_, _, _) = run(bin(dir.path()).args([
            "usage",
            "manifest.json",
            "--activity",
            "report.csv",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
        ]));
        let after = std::fs::read_to_string(dir.path().join("manifest.json")).expect("read");
        assert_eq!(after, m, "the grant stays");
        let (_, out, _) = human(dir.path());
        assert!(
            out.contains("used (a method the map does not list)") || level == "admin",
            "{out}"
        );
    }
}

/// `[usage] routes` keys: `{name}` and `*` stand for a segment as `:name`
/// does; a key that could never match (a space in the path, no leading
/// slash) or that names a route mapped already (another case, a trailing
/// slash, other parameter names) is a config error naming the key.
#[test]
fn config_route_keys_are_read_as_the_report_writes_routes() {
    let m = r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#;
    let csv = format!("{HEADER}2026-11-01,200,GET,/v1.0/projects/:project_id/my_items/7,4\n");
    let route = |key: &str| format!("\"{key}\" = {{ scope = \"project\", tool = \"rfi\", level = \"readonly\" }}");
    for key in [
        "GET /v1.0/projects/{project_id}/my_items/{id}",
        "GET /v1.0/projects/*/my_items/*",
        "get /rest/v1.0/projects/:p/my_items/:id/",
    ] {
        let dir = scratch(m, &csv);
        let toml = format!("[usage]\nroutes = {{ {} }}\n", route(key));
        std::fs::write(dir.path().join("procore-manifest.toml"), toml).expect("write");
        let (code, v, err) = usage_configured(dir.path(), &[]);
        assert_eq!(code, 0, "{key}: {err}");
        assert!(v["unmapped"].as_array().is_some_and(Vec::is_empty), "{key}: {v}");
    }
    for (keys, says) in [
        (vec!["GET /v1.0/x /extra"], "`METHOD"),
        (vec!["GET v1.0/x"], "`METHOD"),
        (vec!["GET /v1.0/x/:id", "get /v1.0/X/{other}/"], "already"),
        (
            vec!["GET /v1.0/files/:id.pdf", "GET /v1.0/files/{file_id}.PDF"],
            "already",
        ),
    ] {
        let dir = scratch(m, &csv);
        let body: Vec<String> = keys.iter().map(|k| route(k)).collect();
        let toml = format!("[usage]\nroutes = {{ {} }}\n", body.join(", "));
        std::fs::write(dir.path().join("procore-manifest.toml"), toml).expect("write");
        let (code, _, err) = run(bin(dir.path()).args(["usage", "manifest.json", "--activity", "report.csv"]));
        assert_eq!(code, 2, "{keys:?}");
        assert!(
            err.contains(says) && err.contains("procore-manifest.toml"),
            "{keys:?}: {err}"
        );
    }
}

/// Every input is read before the run gives up, each failure said; the
/// report may come from standard input (`--activity -`).
#[test]
fn every_failure_is_said_and_the_report_may_be_piped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = run(bin(dir.path()).args(["usage", "missing.json", "--activity", "missing.csv"]));
    assert_eq!(code, 2);
    assert!(err.contains("missing.json") && err.contains("missing.csv"), "{err}");
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly"}}}"#,
        "",
    );
    let mut child = bin(dir.path())
        .args([
            "usage",
            "manifest.json",
            "--activity",
            "-",
            "--no-config",
            "--format",
            "json",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        writeln!(stdin, "{HEADER}2026-11-01,200,GET,{RFI},4").expect("write");
    }
    let out = child.wait_with_output().expect("wait");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["activity"]["calls"], 4, "{v}");
}

/// U001 says how long the report covers; a report whose rows name no
/// date covers no known days.
#[test]
fn a_report_without_dates_says_so() {
    let dir = scratch(
        r#"{"schema_version": "4.1", "permissions": {"project": {"rfi": "readonly", "submittal_log": "readonly"}}}"#,
        &format!("{HEADER},200,GET,{RFI},4\n"),
    );
    let (_, v, _) = usage(dir.path(), &[]);
    let u001 = findings(&v).into_iter().find(|f| f.0 == "U001").expect("U001");
    assert!(
        u001.2.contains("its rows name no date") && !u001.2.contains("0 days"),
        "{u001:?}"
    );
}

/// A path the map knows needs no tool (`/v1.0/me`) names none under
/// another method; a tool the manifest does not grant is "not granted"
/// whatever method its calls use.
#[test]
fn unlisted_methods_on_identity_paths_and_ungranted_tools() {
    let m = r#"{"schema_version": "4.1", "permissions": {"project": {"submittal_log": "readonly"}}}"#;
    let dir = scratch(
        m,
        &format!("{HEADER}2026-11-01,200,PATCH,/v1.0/me,3\n2026-11-01,200,PUT,{RFI}/:id,40\n"),
    );
    let (_, v, err) = usage(dir.path(), &[]);
    let u004: Vec<String> = findings(&v)
        .into_iter()
        .filter(|f| f.0 == "U004")
        .map(|f| f.2)
        .collect();
    let me = u004.iter().find(|m| m.contains("/v1.0/me")).expect("U004 on /me");
    assert!(me.contains("does not know") && !me.contains("tool ``"), "{me}{err}");
    let (_, out, _) = human(dir.path());
    assert!(out.contains("not granted (a method the map does not list)"), "{out}");
}
