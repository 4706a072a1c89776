//! The language server in process (`Connection::memory`), and once over the
//! built binary's stdio.

mod common;

use common::lsp_client::{codes, uri_in, Client};
use lsp_types as lsp;
use procore_manifest::lsp::Ending;
use serde_json::{json, Value};

const ADMIN: &str = "{\n  \"schema_version\": \"4.1\",\n  \"app_manifest\": { \"name\": \"Café 😀 Sync\" }, \"permissions\": { \"company\": { \"directory\": \"admin\" }, \"project\": { \"rfi\": \"Read Only\" } }\n}\n";

#[test]
fn diagnostics_with_utf16_ranges_codes_and_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    c.open(&uri, ADMIN);
    let (d, version) = c.diagnostics(&uri);
    assert_eq!(version, Some(1));
    assert_eq!(codes(&d), ["I001", "R001", "P001"]);
    let r001 = &d[1];
    // Line 3 (0-based 2): `  "app_manifest": { "name": "Café 😀 Sync" }, "permissions": { "company": { "directory": "admin"`
    let line = ADMIN.lines().nth(2).expect("line");
    let byte = line.find("\"admin\"").expect("admin");
    let utf16 = line[..byte].encode_utf16().count();
    assert_eq!(r001["range"]["start"], json!({ "line": 2, "character": utf16 }));
    assert_eq!(r001["range"]["end"]["character"], utf16 + 7);
    assert_ne!(
        utf16,
        line[..byte].chars().count(),
        "the emoji makes UTF-16 differ from characters"
    );
    assert_eq!(r001["source"], "procore-manifest");
    assert!(r001["codeDescription"]["href"]
        .as_str()
        .unwrap_or("")
        .ends_with("docs/rules.md#r001"));
    assert_eq!(r001["severity"], 1);
    c.stop();
}

#[test]
fn typing_half_json_gives_s001_and_close_clears() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    c.open(&uri, "{\n  \"schema_version\": \"4.1\",\n  \"permissions\": { \"compa");
    let (d, _) = c.diagnostics(&uri);
    assert_eq!(codes(&d), ["S001"]);
    assert_eq!(d[0]["range"]["start"]["line"], 2);
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    let (d, _) = c.diagnostics(&uri);
    assert!(d.is_empty());
    c.stop();
}

#[test]
fn not_a_manifest_gets_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "package.json");
    c.open(&uri, "{\"name\": \"x\", \"version\": \"1\"}");
    let (d, _) = c.diagnostics(&uri);
    assert!(d.is_empty());
    let uri = uri_in(dir.path(), "extension-manifest.json");
    c.open(&uri, "{\"manifest_version\": 3}");
    assert!(c.diagnostics(&uri).0.is_empty());
    // The file's name decides, not the folders above it.
    let tsconfig = uri_in(&dir.path().join("manifest-tools/app"), "tsconfig.json");
    c.open(&tsconfig, "{\n  // comment\n  \"compilerOptions\": {}\n}\n");
    assert!(c.diagnostics(&tsconfig).0.is_empty());
    // The walk takes `*.json` only: a half-typed web app manifest (opened
    // as JSON), an Android or a JAR manifest get no S001 for their name.
    for (name, text) in [
        ("site.webmanifest", "{\"name\": \"My PWA\", \"icons\": [],"),
        (
            "AndroidManifest.xml",
            "<?xml version=\"1.0\"?>\n<manifest package=\"x\"/>\n",
        ),
        ("MANIFEST.MF", "Manifest-Version: 1.0\n"),
        // Not even a Procore manifest without `.json`: the walk never takes it.
        (
            "manifest",
            "{\"schema_version\": \"4.1\", \"permissions\": {\"company\": {\"directory\": \"admin\"}}}",
        ),
    ] {
        let uri = uri_in(dir.path(), name);
        c.open(&uri, text);
        assert!(c.diagnostics(&uri).0.is_empty(), "{name}");
    }
    // The config file is TOML, not a manifest.
    let config = uri_in(&dir.path().join("manifest-tools"), "procore-manifest.toml");
    c.open(&config, "[rules]\nignore = [\"P002\"]\n");
    assert!(c.diagnostics(&config).0.is_empty());
    // No hover or completion in files that are not manifests either.
    let mut c = c;
    let pkg = uri_in(dir.path(), "package.json");
    for method in ["textDocument/hover", "textDocument/completion"] {
        let r = c.request(
            method,
            json!({ "textDocument": { "uri": pkg }, "position": { "line": 0, "character": 1 } }),
        );
        assert!(r.is_null(), "{method}: {r}");
    }
    c.stop();
}

#[test]
fn duplicate_key_has_related_information_and_unused_tag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    c.open(
        &uri,
        "{\"schema_version\": \"4.1\", \"permissions\": {\"project\": {\"rfi\": \"readonly\", \"rfi\": \"none\"}}}",
    );
    let (d, _) = c.diagnostics(&uri);
    let s002 = d.iter().find(|x| x["code"] == "S002").expect("S002");
    assert_eq!(s002["relatedInformation"][0]["message"], "`rfi` first defined here");
    let p006 = d.iter().find(|x| x["code"] == "P006").expect("P006");
    assert_eq!(p006["tags"], json!([1]));
    c.stop();
}

#[test]
fn quick_fixes_acceptance_and_docs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(
        json!({ "workspace": { "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] } } }),
    );
    let uri = uri_in(dir.path(), "manifest.json");
    c.open(&uri, ADMIN);
    let (d, _) = c.diagnostics(&uri);
    let p001 = d.iter().find(|x| x["code"] == "P001").expect("P001").clone();
    let actions = c.code_actions(&uri, &p001);
    let actions = actions.as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").starts_with("Fix P001"))
        .expect("fix");
    assert_eq!(fix["isPreferred"], true);
    let edit = &fix["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "\"readonly\"");
    // The risk acceptance creates procore-manifest.toml beside the manifest.
    let accept = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap_or("")
                .starts_with("Record a risk acceptance")
        })
        .expect("accept");
    let ops = accept["edit"]["documentChanges"].as_array().expect("ops");
    assert_eq!(ops[0]["kind"], "create");
    assert!(ops[0]["uri"].as_str().unwrap_or("").ends_with("/procore-manifest.toml"));
    let entry = ops[1]["edits"][0]["newText"].as_str().expect("entry");
    assert!(
        entry.contains("rule = \"P001\"")
            && entry.contains("reason = \"\"")
            && entry.contains("pointer = \"/permissions/project/rfi\""),
        "{entry}"
    );
    let docs = actions
        .iter()
        .find(|a| a["title"] == "Show the documentation of P001")
        .expect("docs");
    let explained = c.request("workspace/executeCommand", docs["command"].clone());
    assert!(explained.as_str().unwrap_or("").contains("invalid-permission-level"));
    // The text changed since the diagnostic was published: its edits would
    // land in the wrong place, so only the other actions are offered.
    c.change(&uri, 2, &format!("\n\n{ADMIN}"));
    let actions = c.code_actions(&uri, &p001);
    let titles: Vec<&str> = actions
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(!titles.iter().any(|t| t.starts_with("Fix P001")), "{titles:?}");
    assert!(titles.contains(&"Show the documentation of P001"), "{titles:?}");
    // Unsafe fixes are offered but not preferred.
    c.change(
        &uri,
        3,
        "{\"schema_version\": \"4.1\", \"permissions\": {\"project\": {\"budget\": \"readonly\"}}}",
    );
    let d = c.diagnostics_at(&uri, 3);
    let p007 = d.iter().find(|x| x["code"] == "P007").expect("P007").clone();
    let actions = c.code_actions(&uri, &p007);
    let fix = actions
        .as_array()
        .expect("a")
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains("(unsafe)"))
        .expect("unsafe fix")
        .clone();
    assert_eq!(fix["isPreferred"], false);
    c.stop();
}

/// An acceptance recorded for a manifest in a folder whose name holds glob
/// and URI metacharacters, at a pointer with a control character: offered,
/// valid TOML, and its `files` glob matches that manifest only.
#[test]
fn acceptance_survives_odd_paths_and_pointers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("apps/[v2]^a|b");
    std::fs::create_dir_all(&folder).expect("mkdir");
    // The config one folder up: the entry's `files` names the odd folder.
    std::fs::write(dir.path().join("apps/procore-manifest.toml"), "").expect("config");
    let mut c = Client::start(json!({}));
    // As a client sends it: the characters a URI may not hold encoded.
    let uri = uri_in(&folder, "manifest.json")
        .replace('[', "%5B")
        .replace(']', "%5D")
        .replace('^', "%5E")
        .replace('|', "%7C");
    c.open(
        &uri,
        "{\"schema_version\": \"4.1\", \"permissions\": {\"company\": {\"docu\\u007fments\": \"admin\"}}}",
    );
    let (d, _) = c.diagnostics(&uri);
    let r003 = d.iter().find(|x| x["code"] == "R003").expect("R003").clone();
    let actions = c.code_actions(&uri, &r003);
    let accept = actions
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap_or("")
                .starts_with("Record a risk acceptance")
        })
        .unwrap_or_else(|| panic!("no acceptance in {actions}"))
        .clone();
    let entry = accept["edit"]["changes"]
        .as_object()
        .and_then(|m| m.values().next())
        .and_then(|edits| edits[0]["newText"].as_str())
        .unwrap_or_else(|| panic!("no edit in {accept}"));
    let table: toml::Table = toml::from_str(entry).unwrap_or_else(|e| panic!("{e}: {entry}"));
    let allow = &table["allow"][0];
    assert_eq!(
        allow["pointer"].as_str(),
        Some("/permissions/company/docu\u{7f}ments"),
        "{entry}"
    );
    let files = allow["files"].as_str().expect("files");
    let glob = globset::Glob::new(files).expect("a glob").compile_matcher();
    assert!(glob.is_match("[v2]^a|b/manifest.json"), "{files}");
    assert!(!glob.is_match("v/manifest.json"), "{files}");
    c.stop();
}

#[test]
fn acceptance_is_appended_to_an_existing_config_and_empty_reason_is_x002() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("procore-manifest.toml"),
        "[rules]\nignore = [\"I001\"]\n",
    )
    .expect("write");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    c.open(&uri, ADMIN);
    let (d, _) = c.diagnostics(&uri);
    assert_eq!(codes(&d), ["R001", "P001"], "the config's ignore applies");
    let r001 = d[0].clone();
    let actions = c.code_actions(&uri, &r001);
    let accept = actions
        .as_array()
        .expect("a")
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").starts_with("Record"))
        .expect("accept")
        .clone();
    let cfg_uri = uri_in(dir.path(), "procore-manifest.toml");
    let edit = &accept["edit"]["changes"][&cfg_uri][0];
    assert_eq!(edit["range"]["start"], json!({ "line": 2, "character": 0 }));
    // The user applies it and saves: the empty reason is a config error, shown as X002.
    let new_text = format!(
        "[rules]\nignore = [\"I001\"]\n{}",
        edit["newText"].as_str().expect("text")
    );
    std::fs::write(dir.path().join("procore-manifest.toml"), &new_text).expect("write");
    c.notify("textDocument/didSave", json!({ "textDocument": { "uri": cfg_uri } }));
    let (d, _) = c.diagnostics(&uri);
    assert_eq!(d[0]["code"], "X002");
    assert!(d[0]["message"].as_str().unwrap_or("").contains("non-empty `reason`"));
    // With a reason, the finding is accepted and disappears.
    std::fs::write(
        dir.path().join("procore-manifest.toml"),
        new_text.replace("reason = \"\"", "reason = \"SR-142\""),
    )
    .expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [ { "uri": cfg_uri, "type": 2 } ] }),
    );
    let (d, _) = c.diagnostics(&uri);
    assert_eq!(codes(&d), ["P001"]);
    c.stop();
}

#[test]
fn hover_on_tool_level_placeholder_and_diagnostic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    let text = "{\n\"schema_version\": \"4.1\",\n\"fullscreen\": {\"uuid\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"source_url\": \"https://a.acme.io/?c={{procore.company.id}}\"},\n\"permissions\": {\"company\": {\"directory\": \"admin\"}}\n}";
    c.open(&uri, text);
    c.diagnostics(&uri);
    let at = |line: u32, needle: &str| {
        let l = text.lines().nth(line as usize).expect("line");
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": l.find(needle).expect("needle") + 2 } })
    };
    let h = c.request("textDocument/hover", at(3, "directory"));
    let v = h["contents"]["value"].as_str().expect("hover");
    assert!(
        v.contains("**Directory**")
            && v.contains("company level")
            && v.contains("Catalog confidence: medium")
            && v.contains("Risk of this grant: critical"),
        "{v}"
    );
    let h = c.request("textDocument/hover", at(3, "\"admin\""));
    let v = h["contents"]["value"].as_str().unwrap_or("");
    assert!(v.contains("**Admin**: full control"), "{v}");
    // The finding on the level comes after the level: its rule's
    // documentation is reachable by hover.
    assert!(v.contains("**R001 (admin-on-company-directory)**"), "{v}");
    let h = c.request("textDocument/hover", at(2, "{{procore"));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .contains("the id of the company"),
        "{h}"
    );
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(h["contents"]["value"].as_str().unwrap_or("").contains("I001"), "{h}");
    // Absurd positions are clamped, not a crash.
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 9999, "character": 9999 } }),
    );
    assert!(h.get("error").is_none());
    c.stop();
}

#[test]
fn completion_in_every_context() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    c.open(&uri, "{}");
    let mut complete = |text: &str| -> Vec<String> {
        c.change(&uri, 2, text);
        let pos = {
            let last = text.lines().count() - 1;
            let col = text.lines().last().expect("line").encode_utf16().count();
            json!({ "line": last, "character": col })
        };
        let r = c.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": pos }),
        );
        r.as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["label"].as_str().map(str::to_string))
            .collect()
    };
    let tools =
        complete("{\"schema_version\": \"4.1\", \"permissions\": {\"company\": {\"documents\": \"readonly\", \"");
    assert!(
        tools.contains(&"directory".to_string())
            && !tools.contains(&"documents".to_string())
            && !tools.contains(&"portfolio".to_string()),
        "{tools:?}"
    );
    let levels = complete("{\"permissions\": {\"company\": {\"admin\": \"");
    assert_eq!(levels, ["admin"], "the company Admin tool offers only None or Admin");
    let views = complete("{\"sidepanel\": {\"views\": [\"");
    assert!(views.contains(&"rfi.detail".to_string()));
    let vars = complete("{\"fullscreen\": {\"source_url\": \"https://a.io/?c={{");
    assert!(vars.contains(&"procore.project.id".to_string()));
    let top = complete("{\"schema_version\": \"4.1\", \"");
    assert!(
        top.contains(&"permissions".to_string())
            && top.contains(&"sidepanel".to_string())
            && !top.contains(&"components".to_string())
    );
    let top3 = complete("{\"schema_version\": \"3.2\", \"");
    assert!(top3.contains(&"components".to_string()));
    c.stop();
}

/// Every item carries the edit that keeps the JSON valid: quotes outside a
/// string, the typed text replaced inside one, `{{…}}` completed in a URL.
#[test]
fn completion_edits_keep_the_json_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    c.open(&uri, "{}");
    let mut version = 1;
    let mut edit_of = |text: &str, label: &str| -> Value {
        version += 1;
        c.change(&uri, version, text);
        let col = text.encode_utf16().count();
        let r = c.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": col } }),
        );
        r.as_array()
            .into_iter()
            .flatten()
            .find(|i| i["label"] == label)
            .unwrap_or_else(|| panic!("no {label} in {r}"))["textEdit"]
            .clone()
    };
    let at = |col: usize| json!({ "start": { "line": 0, "character": col }, "end": { "line": 0, "character": col } });
    let text = "{\"schema_version\": \"4.1\", \"permissions\": {\"company\": {\"directory\": ";
    let e = edit_of(text, "admin");
    assert_eq!(e["newText"], "\"admin\"");
    assert_eq!(e["range"], at(text.len()));
    let text = "{\"schema_version\": \"4.1\", \"perm";
    let e = edit_of(text, "permissions");
    assert_eq!(e["newText"], "permissions");
    assert_eq!(e["range"]["start"]["character"], text.len() - 4);
    assert_eq!(e["range"]["end"]["character"], text.len());
    let text = "{\"fullscreen\": {\"source_url\": \"https://a.io/?c={{procore.";
    let e = edit_of(text, "procore.company.id");
    assert_eq!(e["newText"], "procore.company.id}}");
    assert_eq!(e["range"]["start"]["character"], text.len() - "procore.".len());
    // A bare word typed outside a string is replaced (`re"readonly"` was
    // invalid JSON), for a value and for a key.
    for (text, label, word) in [
        (
            "{\"schema_version\": \"4.1\", \"permissions\": {\"company\": {\"documents\": re",
            "readonly",
            "re",
        ),
        (
            "{\"schema_version\": \"4.1\", \"permissions\": {\"company\": {doc",
            "documents",
            "doc",
        ),
        ("{\"schema_version\": \"4.1\", perm", "permissions", "perm"),
        (
            "{\"schema_version\": \"4.1\", \"permissions\": {\"project\": {\"rfi\": ré",
            "readonly",
            "ré",
        ),
    ] {
        let e = edit_of(text, label);
        let units = |s: &str| s.encode_utf16().count();
        assert_eq!(e["newText"], format!("\"{label}\""), "{text}");
        assert_eq!(e["range"]["start"]["character"], units(text) - units(word), "{text}");
        assert_eq!(e["range"]["end"]["character"], units(text), "{text}");
    }
    c.stop();
}

/// Nothing is offered outside the root object (after its `}`, a member
/// would make the file invalid), and a configuration property named like a
/// credential is never offered (R007 reports it; no output shows it).
#[test]
fn completion_offers_nothing_outside_the_root_and_no_secret() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    let token = "ghp_0123456789abcdefABCDEF0123456789abcd";
    let texts = [
        "{\"schema_version\": \"4.1\", \"permissions\": {}} ".to_string(),
        format!(
            "{{\"schema_version\": \"4.1\", \"fullscreen\": {{\"source_url\": \"https://app.acme.io/f?r={{{{\", \"user_configuration\": {{\"schema\": {{\"type\": \"object\", \"properties\": {{\"{token}\": {{\"type\": \"string\"}}, \"region\": {{\"type\": \"string\"}}}}}}}}}}}}"
        ),
    ];
    c.open(&uri, &texts[0]);
    let r = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": texts[0].len() } }),
    );
    assert!(r.as_array().is_none_or(Vec::is_empty), "{r}");
    c.change(&uri, 2, &texts[1]);
    let col = texts[1].find("{{").expect("placeholder") + 2;
    let r = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": col } }),
    );
    assert!(r.to_string().contains("region"), "{r}");
    assert!(!r.to_string().contains(token), "{r}");
    c.stop();
}

#[test]
fn a_burst_of_changes_publishes_only_the_latest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    // Queue everything before the server can read it.
    c.open(&uri, "{");
    for v in 2..=50 {
        c.change(&uri, v, &format!("{{\"schema_version\": \"4.1\", \"n\": {v}}}"));
    }
    let mut versions = Vec::new();
    loop {
        let (_, v) = c.diagnostics(&uri);
        versions.push(v.unwrap_or(0));
        if v == Some(50) {
            break;
        }
    }
    assert!(
        versions.len() < 49,
        "stale versions were linted one by one: {versions:?}"
    );
    c.stop();
}

#[test]
fn errors_not_crashes() {
    std::env::set_var("PROCORE_MANIFEST_LSP_TEST", "1");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let r = c.request("textDocument/nonsense", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = c.request("procore-manifest/testPanic", json!({}));
    assert_eq!(r["error"]["code"], -32603);
    let r = c.request("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(r["error"]["code"], -32602);
    // Still serving, and a 5 MB document is handled.
    let uri = uri_in(dir.path(), "manifest.json");
    let views: Vec<String> = (0..2_000).map(|i| format!("\"v{i}.detail\"")).collect();
    let big = format!(
        "{{\"schema_version\": \"4.1\", \"sidepanel\": {{\"uuid\": \"7c9e6679-7425-40de-944b-e07fc1f90ae7\", \"source_url\": \"https://a.acme.io\", \"description\": \"{}\", \"views\": [{}]}}}}",
        "lorem ".repeat(900_000),
        views.join(",")
    );
    assert!(big.len() > 5_000_000);
    c.open(&uri, &big);
    let (d, _) = c.diagnostics(&uri);
    // 2,000 findings or more: the first ones and a note saying how many more.
    assert_eq!(d.len(), procore_manifest::lsp::MAX_PUBLISHED + 1, "{}", d.len());
    assert!(d[d.len() - 1]["message"]
        .as_str()
        .unwrap_or("")
        .contains("more findings"));
    c.stop();
}

#[test]
fn over_stdio_with_the_built_binary() {
    use std::io::{BufRead, BufReader, Read, Write};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut send = |v: Value| {
        let b = v.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{b}", b.len()).expect("write");
        stdin.flush().expect("flush");
    };
    let mut recv = || -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).expect("header");
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.trim().parse().expect("length");
            }
        }
        let mut buf = vec![0; len];
        stdout.read_exact(&mut buf).expect("body");
        serde_json::from_slice(&buf).expect("json")
    };
    let uri = uri_in(dir.path(), "manifest.json");
    send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }));
    assert!(recv()["result"]["capabilities"]["completionProvider"].is_object());
    send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    send(
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": uri, "languageId": "json", "version": 1, "text": ADMIN } } }),
    );
    let d = recv();
    assert_eq!(d["method"], "textDocument/publishDiagnostics");
    let diags = d["params"]["diagnostics"].as_array().expect("d").clone();
    assert!(codes(&diags).contains(&"R001".to_string()));
    send(
        json!({ "jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": { "textDocument": { "uri": uri }, "range": diags[0]["range"], "context": { "diagnostics": diags } } }),
    );
    assert!(recv()["result"].as_array().is_some_and(|a| !a.is_empty()));
    send(
        json!({ "jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": { "textDocument": { "uri": uri }, "position": { "line": 2, "character": 90 } } }),
    );
    assert!(recv().get("result").is_some());
    send(
        json!({ "jsonrpc": "2.0", "id": 4, "method": "textDocument/completion", "params": { "textDocument": { "uri": uri }, "position": { "line": 0, "character": 1 } } }),
    );
    assert!(recv().get("result").is_some());
    send(json!({ "jsonrpc": "2.0", "id": 5, "method": "shutdown" }));
    assert!(recv()["result"].is_null());
    send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    let status = child.wait().expect("exit");
    assert_eq!(status.code(), Some(0));
}

#[allow(dead_code)]
fn _types_used(_: lsp::Diagnostic) {}

/// The lifecycle of the LSP specification: `exit` without `shutdown` ends
/// with 1; after `shutdown`, requests get InvalidRequest and notifications
/// are ignored; a second `initialize` is an InvalidRequest.
#[test]
fn lifecycle_shutdown_and_exit() {
    let ending = Client::start(json!({})).end_with(|c| c.notify("exit", Value::Null));
    assert_eq!(ending, Ok(Ending::ExitWithoutShutdown));

    let ending = Client::start(json!({})).end_with(|c| {
        let again = c.request("initialize", json!({ "capabilities": {} }));
        assert_eq!(again["error"]["code"], -32600, "{again}");
        assert!(c.request("shutdown", Value::Null).is_null());
        let late = c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///m.json" }, "position": { "line": 0, "character": 0 } }),
        );
        assert_eq!(late["error"]["code"], -32600, "{late}");
        c.notify("$/cancelRequest", json!({ "id": 1 }));
        c.notify("exit", Value::Null);
    });
    assert_eq!(ending, Ok(Ending::Clean));
}

/// `shutdown` and `exit` written at once (as some clients do on quit): exit
/// code 0; `exit` alone: 1.
#[test]
fn exit_codes_over_stdio() {
    let (_, code) = stdio_session(&(stdio_start() + &stdio_stop()));
    assert_eq!(code, Some(0));
    let exit = frame(json!({ "jsonrpc": "2.0", "method": "exit" }));
    let (_, code) = stdio_session(&(stdio_start() + &exit));
    assert_eq!(code, Some(1));
}

/// Requests gone wrong are answered InvalidRequest (with their id when
/// it is one), never dropped; a request before `initialize` is answered
/// in plain words; `initialize` params lsp-types cannot read whole (a raw
/// `[` in a URI, `trace: "compact"`, `processId` as a string) keep the
/// client's options.
#[test]
fn malformed_requests_and_odd_initialize_params_over_stdio() {
    let input = frame(json!({ "jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {} }))
        + &frame(json!({ "jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {
            "processId": "1234", "trace": "compact", "rootUri": "file:///tmp/a[1]",
            "capabilities": { "workspace": { "workspaceEdit": { "resourceOperations": ["create", "teleport"] } } },
            "initializationOptions": { "select": ["R003"] } } }))
        + &frame(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }))
        + &frame(json!({ "jsonrpc": "2.0", "id": 7, "method": 5 }))
        + &frame(json!({ "jsonrpc": "2.0", "id": {"a": 1}, "method": "textDocument/hover" }))
        + &frame(json!({ "jsonrpc": "2.0", "id": 1.5, "method": "textDocument/hover" }))
        + &frame(
            json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
            "uri": "file:///tmp/pm-odd/manifest.json", "languageId": "json", "version": 1,
            "text": "{\"schema_version\": \"4.1\", \"permissions\": {\"company\": {\"documents\": \"admin\"}}}" } } }),
        )
        + &stdio_stop();
    let (messages, code) = stdio_session(&input);
    assert_eq!(code, Some(0));
    let answer = |id: Value| {
        messages
            .iter()
            .find(|m| m["id"] == id && (m.get("result").is_some() || m.get("error").is_some()))
    };
    let early = answer(json!(1)).expect("the early request is answered");
    assert_eq!(early["error"]["code"], -32002, "{early}");
    let said = early["error"]["message"].as_str().unwrap_or_default();
    assert!(said.contains("`initialize`") && !said.contains("Request {"), "{said}");
    assert_eq!(answer(json!(7)).expect("method 5")["error"]["code"], -32600);
    let nulls = messages
        .iter()
        .filter(|m| m["id"].is_null() && m["error"]["code"] == -32600)
        .count();
    assert_eq!(nulls, 2, "{messages:?}");
    // `select = ["R003"]` held though lsp-types could not read the params
    // (I001 and S003 would be there too without it).
    let codes: Vec<String> = messages
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .flat_map(|m| m["params"]["diagnostics"].as_array().cloned().unwrap_or_default())
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect();
    assert_eq!(codes, ["R003"]);
}

/// A request waiting for a long lint is answered RequestCancelled when the
/// client cancels it, and `shutdown` answers the others so, without
/// waiting for the lint to end.
#[test]
fn cancel_and_shutdown_answer_requests_waiting_for_a_long_lint() {
    let grants: Vec<String> = (0..60_000).map(|i| format!("\"tool_{i}\": \"admin\"")).collect();
    let big = format!(
        "{{\"schema_version\": \"4.1\", \"permissions\": {{\"company\": {{{}}}}}}}",
        grants.join(", ")
    );
    let uri = "file:///tmp/pm-cancel/manifest.json";
    let hover = |id: i64| {
        frame(
            json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
            "textDocument": { "uri": uri }, "position": { "line": 0, "character": 3 } } }),
        )
    };
    let input = stdio_start()
        + &frame(
            json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
            "uri": uri, "languageId": "json", "version": 1, "text": big } } }),
        )
        + &hover(5)
        + &hover(6)
        + &frame(json!({ "jsonrpc": "2.0", "method": "$/cancelRequest", "params": { "id": 5 } }))
        + &stdio_stop();
    let (messages, code) = stdio_session(&input);
    assert_eq!(code, Some(0));
    let answer = |id: i64| messages.iter().find(|m| m["id"] == id).cloned().unwrap_or_default();
    assert_eq!(answer(5)["error"]["code"], -32800, "{}", answer(5));
    // Answered: with the hover once the lint ended within the grace, or
    // cancelled by shutdown.
    let six = answer(6);
    assert!(six.get("result").is_some() || six["error"]["code"] == -32800, "{six}");
    assert!(answer(99).get("result").is_some(), "shutdown is answered");
}

/// One LSP message framed for stdio.
fn frame(v: Value) -> String {
    let b = v.to_string();
    format!("Content-Length: {}\r\n\r\n{b}", b.len())
}

/// Run the built binary's server on `input` (written at once, then stdin
/// closed): every message it wrote, and its exit code.
fn stdio_session(input: &str) -> (Vec<Value>, Option<i32>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut messages = Vec::new();
    loop {
        let mut len = 0;
        let mut line = String::new();
        while stdout.read_line(&mut line).expect("header") > 0 && line != "\r\n" {
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.trim().parse().expect("length");
            }
            line.clear();
        }
        if len == 0 {
            break;
        }
        let mut buf = vec![0; len];
        stdout.read_exact(&mut buf).expect("body");
        messages.push(serde_json::from_slice(&buf).expect("json"));
    }
    (messages, child.wait().expect("exit").code())
}

fn stdio_start() -> String {
    frame(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }))
        + &frame(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }))
}

fn stdio_stop() -> String {
    frame(json!({ "jsonrpc": "2.0", "id": 99, "method": "shutdown" }))
        + &frame(json!({ "jsonrpc": "2.0", "method": "exit" }))
}

/// Over stdio a burst of edits written at once is linted once or a few
/// times, not once per edit, and the last publish is for the latest text.
#[test]
fn a_burst_over_stdio_is_gathered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let uri = uri_in(dir.path(), "manifest.json");
    let mut input = stdio_start()
        + &frame(
            json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": uri, "languageId": "json", "version": 1, "text": ADMIN } } }),
        );
    for v in 2..=51 {
        let text = ADMIN.replace("Read Only", &format!("Read Only {v}"));
        input += &frame(
            json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": { "textDocument": { "uri": uri, "version": v }, "contentChanges": [ { "text": text } ] } }),
        );
    }
    let (messages, code) = stdio_session(&(input + &stdio_stop()));
    assert_eq!(code, Some(0));
    let versions: Vec<i64> = messages
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert_eq!(versions.last(), Some(&51), "{versions:?}");
    assert!(
        versions.len() <= 10,
        "51 versions, {} lints: {versions:?}",
        versions.len()
    );
}

/// A message that is not JSON-RPC gets a ParseError or an InvalidRequest
/// (id null) and the server reads on; LF-only header lines are accepted.
#[test]
fn malformed_messages_are_answered_not_fatal() {
    let truncated = "{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"foo\"";
    let input = stdio_start()
        + &format!("Content-Length: {}\r\n\r\n{truncated}", truncated.len())
        + &format!("Content-Length: {}\n\n{}", 9, "[1, 2, 3]")
        + &frame(json!({ "jsonrpc": "2.0", "id": 7, "method": "procore-manifest/unknown" }))
        + &stdio_stop();
    let (messages, code) = stdio_session(&input);
    // The cut-off text is no JSON (ParseError); `[1, 2, 3]` is JSON but
    // no message (InvalidRequest).
    let code_of = |c: i64| {
        messages
            .iter()
            .filter(|m| m["error"]["code"] == c && m["id"].is_null())
            .count()
    };
    assert_eq!((code_of(-32700), code_of(-32600)), (1, 1), "{messages:?}");
    let unknown = messages.iter().find(|m| m["id"] == 7).expect("an answer to id 7");
    assert_eq!(unknown["error"]["code"], -32601);
    assert!(messages.iter().any(|m| m["id"] == 99 && m["result"].is_null()));
    assert_eq!(code, Some(0));
    // A frame without a length cannot be skipped: answered, and the session
    // ends as a failure.
    let (messages, code) = stdio_session(&(stdio_start() + "Content-Type: x\r\n\r\n{}" + &stdio_stop()));
    assert!(messages.iter().any(|m| m["error"]["code"] == -32700), "{messages:?}");
    assert_eq!(code, Some(1));
}

/// URIs as Helix and Zed send them (`[`, `]`, `|` left unencoded, which
/// lsp-types' strict URI type rejects) still reach the document, and the
/// server names the document as the client did (a client matching URIs as
/// strings showed nothing when diagnostics came under the encoded form).
#[test]
fn unencoded_brackets_in_a_uri() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    // The url crate leaves these characters as they are, like the editors.
    let raw = uri_in(&dir.path().join("br[1]|x"), "manifest.json");
    assert!(raw.contains("br[1]|x"), "{raw}");
    c.open(&raw, ADMIN);
    let (d, _) = c.diagnostics(&raw);
    assert!(codes(&d).contains(&"R001".to_string()), "{d:?}");
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": raw }, "position": { "line": 2, "character": 90 } }),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    assert!(hover["contents"]["value"].is_string(), "{hover}");
    // Code actions' edits name the document the client's way too.
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": raw }, "range": d[0]["range"], "context": { "diagnostics": d } }),
    );
    let text = actions.to_string();
    assert!(!text.contains("%5B") && !text.contains("%7C"), "{text}");
    c.stop();
}

#[test]
fn a_recognised_manifest_keeps_its_diagnostics_while_half_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Client::start(json!({}));
    // The name says nothing: the content shows Procore evidence.
    let uri = uri_in(dir.path(), "data.json");
    c.open(&uri, ADMIN);
    let (d, _) = c.diagnostics(&uri);
    assert!(codes(&d).contains(&"R001".to_string()), "{d:?}");
    // Half typed, with no member name left: still a manifest, so S001.
    c.change(&uri, 2, "{\"sche");
    let (d, _) = c.diagnostics(&uri);
    assert_eq!(codes(&d), ["S001"], "{d:?}");
    // A document never recognised stays silent when half typed.
    let other = uri_in(dir.path(), "other.json");
    c.open(&other, "{\"na");
    let (d, _) = c.diagnostics(&other);
    assert!(d.is_empty(), "{d:?}");
    c.stop();
}

#[test]
fn completion_leaves_out_keys_written_after_the_cursor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    let text = "{\"schema_version\": \"4.1\", \"permissions\": {\"project\": {\"\", \"rfi\": \"readonly\", \"submittals\": \"standard\"}}}";
    c.open(&uri, text);
    let _ = c.diagnostics(&uri);
    let at = text.find("\"\",").expect("slot") + 1;
    let r = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": at } }),
    );
    let labels: Vec<String> = r
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["label"].as_str().map(str::to_string))
        .collect();
    assert!(labels.contains(&"observations".to_string()), "{labels:?}");
    assert!(
        !labels.contains(&"rfi".to_string()) && !labels.contains(&"submittals".to_string()),
        "{labels:?}"
    );
    c.stop();
}

/// A document of `n` unknown members: long to lint (S003 for each).
fn pathological(n: usize) -> String {
    let members: Vec<String> = (0..n).map(|i| format!("\"unknown_{i}\": {i}")).collect();
    format!(
        "{{\"schema_version\": \"4.1\", \"permissions\": {{\"project\": {{\"rfi\": \"readonly\"}}}}, {}}}",
        members.join(", ")
    )
}

#[test]
fn a_long_lint_does_not_hold_up_another_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Client::start(json!({}));
    let big = uri_in(dir.path(), "big.manifest.json");
    let small = uri_in(dir.path(), "small.manifest.json");
    c.open(&big, &pathological(50_000));
    c.open(&small, ADMIN);
    // The small document's diagnostics come first.
    let first = loop {
        match c
            .conn
            .receiver
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("a message")
        {
            lsp_server::Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                break n.params["uri"].as_str().unwrap_or_default().to_string();
            }
            _ => {}
        }
    };
    assert_eq!(first, small);
    let (d, _) = c.diagnostics(&big);
    assert!(d.len() > 1000);
    c.stop();
}

#[test]
fn a_newer_text_cancels_the_lint_of_an_older_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    c.open(&uri, &pathological(50_000));
    c.change(&uri, 2, ADMIN);
    // Only the lint of version 2 is published.
    let (d, version) = c.diagnostics(&uri);
    assert_eq!(version, Some(2));
    let codes = codes(&d);
    assert!(
        codes.contains(&"R001".to_string()) && !codes.contains(&"S003".to_string()),
        "{codes:?}"
    );
    c.stop();
}

/// The config's `exclude` holds for open documents as for `check
/// --force-exclude`: an excluded document gets no diagnostics, a
/// document beside it does.
#[test]
fn an_excluded_document_gets_no_diagnostics() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("procore-manifest.toml"), "exclude = [\"vendor/**\"]\n").expect("config");
    let c = Client::start(json!({}));
    let excluded = uri_in(&dir.path().join("vendor/app"), "manifest.json");
    c.open(&excluded, ADMIN);
    assert!(c.diagnostics(&excluded).0.is_empty());
    let kept = uri_in(&dir.path().join("apps/app"), "manifest.json");
    c.open(&kept, ADMIN);
    assert!(codes(&c.diagnostics(&kept).0).contains(&"R001".to_string()));
    c.stop();
}

/// The editor's settings (`initializationOptions`): `ignore` and `select`
/// beat the config, a selector that matches no rule is left out (never
/// turning every rule off), `config` names the config file.
#[test]
fn editor_settings_select_ignore_and_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    let uri = uri_in(dir.path(), "manifest.json");
    // The codes of ADMIN's diagnostics under these settings.
    let codes_with = |options: serde_json::Value| {
        let c = Client::start_with(json!({}), options);
        c.open(&uri, ADMIN);
        let found = codes(&c.diagnostics(&uri).0);
        c.stop();
        (found.contains(&"R001".to_string()), found.contains(&"P001".to_string()))
    };
    assert_eq!(codes_with(json!({ "ignore": ["R001", "", "NOPE"] })), (false, true));
    // A selection that leaves no rule to check a manifest is left out.
    for options in [
        json!({ "ignore": ["ALL"] }),
        json!({ "select": ["X001"] }),
        json!({ "select": ["U"] }),
    ] {
        assert_eq!(codes_with(options.clone()), (true, true), "{options}");
    }
    let config = dir.path().join("team.toml");
    std::fs::write(&config, "[rules]\nignore = [\"P001\"]\n").expect("config");
    assert_eq!(
        codes_with(json!({ "config": config.to_str().expect("utf-8") })),
        (true, false)
    );
}

/// A finding's hover: the rule's summary, why, a short citation of
/// Procore's words; the evidence's links and commits stay in `explain`.
/// A level that is no level gets its finding as its hover (it was empty).
#[test]
fn hover_on_an_invalid_level_is_its_finding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    let text = "{\"schema_version\": \"4.1\", \"permissions\": {\"project\": {\"rfi\": \"full\"}}}";
    c.open(&uri, text);
    c.diagnostics(&uri);
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": text.find("full").expect("full") } }),
    );
    let v = h["contents"]["value"].as_str().unwrap_or("");
    assert!(v.contains("**P001 (invalid-permission-level)**"), "{h}");
    c.stop();
}

/// A grant of a misplaced block (a 4.1 leftover oauth block) says on hover
/// that the service account does not receive it; a received one does not.
#[test]
fn hover_on_a_misplaced_grant_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    let text = "{\"schema_version\": \"4.1\", \"permissions\": {\"project\": {\"rfi\": \"readonly\"}}, \"components\": {\"oauth\": {\"instances\": [{\"grant_type\": \"client_credentials\", \"permissions\": {\"company\": {\"directory\": \"admin\"}}}]}}}";
    c.open(&uri, text);
    c.diagnostics(&uri);
    let hover = |c: &mut Client, needle: &str| {
        let h = c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": text.find(needle).expect("needle") + 1 } }),
        );
        h["contents"]["value"].as_str().unwrap_or("").to_string()
    };
    let misplaced = hover(&mut c, "\"admin\"");
    assert!(misplaced.contains("does not receive it"), "{misplaced}");
    let received = hover(&mut c, "\"readonly\"");
    assert!(!received.contains("does not receive it"), "{received}");
    c.stop();
}

#[test]
fn a_finding_hover_is_short_and_cites_procore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    c.open(&uri, ADMIN);
    let (d, _) = c.diagnostics(&uri);
    let mut shown = Vec::new();
    for x in &d {
        let r = c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": x["range"]["start"] }),
        );
        // On a permission entry the finding follows what the catalog says
        // of the tool (its evidence links): the finding's part is short.
        let whole = r["contents"]["value"].as_str().unwrap_or_default();
        let text = whole.rsplit("\n---\n").next().unwrap_or_default().to_string();
        if text.contains("procore-manifest explain") {
            assert!(!text.contains("https://") && !text.contains("/blob/"), "{text}");
            shown.push(text);
        }
    }
    assert!(!shown.is_empty(), "no finding hover among {d:?}");
    c.stop();
}

/// A client that cannot create files (Neovim 0.7) still gets "Record a risk
/// acceptance" when no config exists: the server writes the new config
/// through its own command, then lints again (X002: the reason is empty).
#[test]
fn acceptance_without_a_config_in_a_client_that_cannot_create_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    c.open(&uri, ADMIN);
    let (d, _) = c.diagnostics(&uri);
    let r001 = d.iter().find(|x| x["code"] == "R001").expect("R001").clone();
    let actions = c.code_actions(&uri, &r001);
    let accept = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap_or("")
                .starts_with("Record a risk acceptance")
        })
        .expect("offered without a config")
        .clone();
    assert!(accept["edit"].is_null(), "{accept}");
    let command = &accept["command"];
    let r = c.request(
        "workspace/executeCommand",
        json!({ "command": command["command"], "arguments": command["arguments"] }),
    );
    assert!(r.as_str().unwrap_or("").contains("Recorded"), "{r}");
    let config = std::fs::read_to_string(dir.path().join("procore-manifest.toml")).expect("config written");
    assert!(
        config.contains("rule = \"R001\"") && config.contains("reason = \"\""),
        "{config}"
    );
    // A second time: the file exists, the command refuses to replace it.
    let again = c.request(
        "workspace/executeCommand",
        json!({ "command": command["command"], "arguments": command["arguments"] }),
    );
    assert!(
        again["error"]["message"].as_str().unwrap_or("").contains("exists"),
        "{again}"
    );
    c.stop();
}

#[test]
fn a_flood_of_findings_publishes_errors_first_and_says_how_many_more() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    // 1,500 unknown members (a warning each) and one error at the end.
    let members: String = (0..1_500).map(|i| format!("\"extra_{i}\": 1, ")).collect();
    let text = format!(
        "{{\"schema_version\": \"4.1\", {members}\"permissions\": {{\"company\": {{\"directory\": \"admin\"}}}}}}"
    );
    c.open(&uri, &text);
    let (d, _) = c.diagnostics(&uri);
    let max = procore_manifest::lsp::MAX_PUBLISHED;
    assert_eq!(d.len(), max + 1, "the first {max} and one note");
    assert!(
        codes(&d).contains(&"R001".to_string()),
        "the error is kept, though last in the text"
    );
    let note = d.last().expect("note");
    let message = note["message"].as_str().unwrap_or("");
    assert!(message.contains("more findings are not shown"), "{message}");
    let shown: Vec<i64> = d[..max]
        .iter()
        .map(|x| x["range"]["start"]["character"].as_i64().unwrap_or(-1))
        .collect();
    assert!(shown.windows(2).all(|w| w[0] <= w[1]), "in source order");
    c.stop();
}

/// A hover quotes the document (placeholder names, configuration field
/// names): a secret there is masked as the diagnostics mask it, and an
/// unresolved placeholder names the rule whose finding is on it.
#[test]
fn hover_masks_secrets_and_names_the_rule_on_the_placeholder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    let text = "{ \"schema_version\": \"4.1\",\n  \"fullscreen\": { \"uuid\": \"c6a2b3d5-4e7f-4a81-9b02-3c4d5e6f7a81\", \"source_url\": \"https://a.io/x?a={{ghp_abcdefghijklmnopqrstuvwxyz0123456789}}&b={{tok}}&c={{procore.project.idx}}\",\n    \"user_configuration\": { \"schema\": { \"type\": \"object\", \"properties\": { \"tok\": { \"name\": \"xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx\", \"type\": \"string\" } } } } }\n}\n";
    c.open(&uri, text);
    let (d, _) = c.diagnostics(&uri);
    assert!(codes(&d).contains(&"R007".to_string()), "{d:?}");
    let line = text.lines().nth(1).expect("line");
    let mut hover = |needle: &str| {
        let character = line.find(needle).expect("needle") + 3;
        let h = c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": character } }),
        );
        h["contents"]["value"].as_str().unwrap_or("").to_string()
    };
    for (needle, secret) in [("{{ghp_", "ghp_abcdefghij"), ("{{tok}}", "xoxb-123456789012")] {
        let v = hover(needle);
        assert!(!v.is_empty(), "a hover on {needle}");
        assert!(!v.contains(secret), "{needle}: {v}");
        assert!(v.contains("not shown"), "{needle}: {v}");
    }
    let v = hover("{{procore.project.idx");
    assert!(v.contains("(C004)") && !v.contains("(C003)"), "{v}");
    c.stop();
}

/// A document that starts with U+FEFF: the client counts it as a
/// character (LSP positions are UTF-16 code units of the text it sent), so
/// ranges, hovers and quick fixes count it too.
#[test]
fn a_leading_feff_is_a_character_for_the_editor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    let uri = uri_in(dir.path(), "manifest.json");
    let text = "\u{feff}{ \"schema_version\": \"4.1\", \"permissions\": { \"project\": { \"rfi\": \"ADMIN\" } } }";
    c.open(&uri, text);
    let (d, _) = c.diagnostics(&uri);
    let p001 = d.iter().find(|x| x["code"] == "P001").expect("P001").clone();
    let start = text[..text.find("\"ADMIN\"").expect("value")].encode_utf16().count();
    assert_eq!(
        p001["range"]["start"],
        json!({ "line": 0, "character": start }),
        "{p001}"
    );
    assert_eq!(p001["range"]["end"]["character"], start + 7);
    // The quick fix's edit replaces exactly the value.
    let actions = c.code_actions(&uri, &p001);
    let edit = actions
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|a| a["title"].as_str().unwrap_or("").starts_with("Fix P001"))
        })
        .map(|a| a["edit"].to_string())
        .expect("a P001 fix");
    assert!(edit.contains(&format!("\"character\":{start}")), "{edit}");
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": start + 2 } }),
    );
    assert!(
        h["contents"]["value"].as_str().unwrap_or("").contains("**Admin**"),
        "{h}"
    );
    c.stop();
}

/// End of input before `exit` (after `shutdown` or not, or in the middle
/// of a message) is exit 1 with the client-closed message, never 0 and
/// never an internal word.
#[test]
fn end_of_input_before_exit_is_exit_1() {
    for input in [
        stdio_start(),
        stdio_start() + &frame(json!({ "jsonrpc": "2.0", "id": 99, "method": "shutdown" })),
        stdio_start() + "Content-Length: 100\r\n\r\n{\"jsonrpc\"",
    ] {
        let (code, stderr) = stdio_exit(&input);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains("the client closed the connection"), "{stderr}");
        assert!(
            !stderr.contains("fill whole buffer") && !stderr.contains("disconnected"),
            "{stderr}"
        );
    }
}

/// The exit code and stderr of the built binary's server on `input`.
fn stdio_exit(input: &str) -> (Option<i32>, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_procore-manifest"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("exit");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}
