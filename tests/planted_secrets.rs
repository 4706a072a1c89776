//! Secrets planted everywhere never reach any output ("Secrets").
//!
//! Every kind of secret (secret-named members holding strings, numbers,
//! arrays or objects; JWTs, Bearer tokens, well-known token prefixes; URLs
//! with a password or a secret query parameter; a credential written as a
//! key) is planted in every position of a 4.1 and a 3.x manifest, valid and
//! broken three ways. Every output is collected: each format of `check`,
//! `permissions` in four formats, `diff` in three, `--diff`, the baseline
//! entries, and the language server's diagnostics, hover, completion and
//! code actions. Two properties: no output holds the secret's text, and no
//! output changes when the secret is replaced by another of the same shape
//! (so nothing derived from it, a hash or a fingerprint, leaks either).

mod common;

use common::lsp_client::Client;
use procore_manifest::diagnostics::Applicability;
use procore_manifest::output::{self, EmitContext, Emitter};
use procore_manifest::workspace::baseline::BaselineEntry;
use procore_manifest::workspace::paths::SourceRoot;
use procore_manifest::{lint_source, FileReport, Settings};
use proptest::prelude::*;
use serde_json::json;

#[derive(Debug, Clone, Copy)]
enum Kind {
    NamedString(&'static str),
    NamedNumber,
    NamedArray,
    NamedObject,
    Jwt,
    Bearer,
    Prefix(&'static str),
    Aws,
    UrlPassword,
    UrlQuery(&'static str),
}

#[derive(Debug, Clone, Copy)]
enum Place {
    /// 4.1: a member at the top level, under permissions.company, inside a
    /// configuration property; a value as setup notes, source_url, a view,
    /// a level; a key under permissions.company.
    Top,
    Company,
    Property,
    Notes,
    Url,
    View,
    Level,
    Key,
    /// 3.x: a member of an oauth instance; a value as grant_type or iframe_src.
    Instance,
    GrantType,
    IframeSrc,
}

#[derive(Debug, Clone, Copy)]
enum Break {
    None,
    Truncated,
    OpenStringBefore,
    SingleQuotes,
}

/// The secret's JSON text (member or value) and the texts no output may hold.
fn secret(kind: Kind, core: &str, digits: &str) -> (String, Vec<String>) {
    let s = |v: String| (format!("\"{v}\""), vec![core.to_string()]);
    match kind {
        Kind::NamedString(_) | Kind::NamedArray | Kind::NamedObject => {
            let value = match kind {
                Kind::NamedArray => format!("[\"{core}\", 7]"),
                Kind::NamedObject => format!("{{\"inner\": \"{core}\"}}"),
                _ => format!("\"{core}\""),
            };
            (value, vec![core.to_string()])
        }
        Kind::NamedNumber => (digits.to_string(), vec![digits.to_string()]),
        Kind::Jwt => {
            let (a, b) = core.split_at(8);
            (
                format!("\"eyJ{a}.eyJ{b}.{core}\""),
                vec![core.to_string(), format!("eyJ{a}")],
            )
        }
        Kind::Bearer => s(format!("Bearer {core}")),
        Kind::Prefix(p) => s(format!("{p}{core}")),
        Kind::Aws => s(format!("AKIA{}", core.to_ascii_uppercase())),
        Kind::UrlPassword => s(format!("https://user:{core}@app.acme.io/panel")),
        Kind::UrlQuery(name) => s(format!("https://app.acme.io/panel?{name}={core}&x=1")),
    }
}

fn member_name(kind: Kind) -> &'static str {
    match kind {
        Kind::NamedString(n) => n,
        Kind::NamedNumber => "password",
        Kind::NamedArray => "secret",
        Kind::NamedObject => "api_key",
        _ => "note",
    }
}

fn is_named(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::NamedString(_) | Kind::NamedNumber | Kind::NamedArray | Kind::NamedObject
    )
}

const V41: &str = r#"{
  "schema_version": "4.1",
  "app_manifest": { "name": "Acme Sync" },
  "post_installation_instruction": { "notes": @NOTES@, "page": { "url": "https://help.acme.io/setup", "label": "Setup" } },
  "sidepanel": {
    "uuid": "0f8fad5b-d9cb-469f-a165-70867728950e",
    "source_url": @URL@,
    "views": ["rfi.detail", @VIEW@],
    "user_configuration": { "schema": { "properties": { "region": { "name": "Region", "type": "string"@PROP@ } } } }
  },
  "permissions": { "company": { "directory": @LEVEL@@COMPANY@ }, "project": { "rfi": "readonly", "submittal": "Read Only" } }@TOP@
}
"#;

const V3: &str = r#"{
  "schema_version": "3.2",
  "components": {
    "oauth": { "instances": [ { "uuid": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "grant_type": @GT@, "permissions": { "company": { "directory": "admin" } }@INST@ } ] },
    "iframe": { "instances": [ { "uuid": "0f8fad5b-d9cb-469f-a165-70867728950e", "type": "sidepanel", "iframe_src": @SRC@, "views": ["rfi.detail"] } ] }
  }
}
"#;

/// The manifest with the secret planted, or `None` when the kind does not
/// fit the place.
fn plant(kind: Kind, place: Place, value: &str) -> Option<String> {
    let member = format!(", \"{}\": {value}", member_name(kind));
    let named = is_named(kind);
    let fill = |template: &str, slots: &[(&str, &str)]| {
        let mut t = template.to_string();
        for (slot, v) in slots {
            t = t.replace(slot, v);
        }
        t
    };
    let v41 = |notes: &str, url: &str, view: &str, level: &str, prop: &str, company: &str, top: &str| {
        fill(
            V41,
            &[
                ("@NOTES@", notes),
                ("@URL@", url),
                ("@VIEW@", view),
                ("@LEVEL@", level),
                ("@PROP@", prop),
                ("@COMPANY@", company),
                ("@TOP@", top),
            ],
        )
    };
    let (n, u, vw, l) = (
        "\"Connect your account.\"",
        "\"https://app.acme.io/panel?c={{procore.company.id}}\"",
        "\"rfi.list\"",
        "\"readonly\"",
    );
    let v3 = |gt: &str, src: &str, inst: &str| fill(V3, &[("@GT@", gt), ("@SRC@", src), ("@INST@", inst)]);
    let (g, s) = ("\"client_credentials\"", "\"https://app.acme.io/panel\"");
    Some(match place {
        Place::Top if named => v41(n, u, vw, l, "", "", &member),
        Place::Company if named => v41(n, u, vw, l, "", &member, ""),
        Place::Property if named => v41(n, u, vw, l, &member, "", ""),
        Place::Instance if named => v3(g, s, &member),
        Place::Notes if !named => v41(value, u, vw, l, "", "", ""),
        Place::Url if !named => v41(n, value, vw, l, "", "", ""),
        Place::View if !named => v41(n, u, value, l, "", "", ""),
        Place::Level if !named => v41(n, u, vw, value, "", "", ""),
        Place::Key if !named => v41(n, u, vw, l, "", &format!(", {value}: \"readonly\""), ""),
        Place::GrantType if !named => v3(value, s, ""),
        Place::IframeSrc if !named => v3(g, value, ""),
        _ => return None,
    })
}

fn broken(text: &str, how: Break, marker: &str) -> String {
    match how {
        Break::None => text.to_string(),
        Break::Truncated => text.trim_end().trim_end_matches('}').to_string(),
        // An unterminated string on a line before the secret.
        Break::OpenStringBefore => {
            let at = text.find(marker).unwrap_or(text.len() / 2);
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            format!("{}\"open: \"unterminated\n{}", &text[..line_start], &text[line_start..])
        }
        Break::SingleQuotes => text.replace('"', "'"),
    }
}

fn emit(e: &mut dyn Emitter, r: &FileReport) -> String {
    let mut buf = Vec::new();
    let cx = EmitContext {
        color: false,
        width: 100,
    };
    e.emit(&mut buf, std::slice::from_ref(r), &cx).expect("emit");
    String::from_utf8_lossy(&buf).into_owned()
}

/// Every output of the command line's library for one manifest text.
fn cli_outputs(text: &str, clean: &str) -> Vec<(String, String)> {
    let settings = Settings::default();
    let mut out = Vec::new();
    let report = lint_source("apps/sync/manifest.json", text, &settings);
    let root = SourceRoot::new(std::env::temp_dir(), std::env::temp_dir());
    let emitters: Vec<(&str, Box<dyn Emitter>)> = vec![
        ("human", Box::new(output::human::Human::new(false))),
        ("concise", Box::new(output::concise::Concise)),
        ("json", Box::new(output::json::Json::default())),
        ("sarif", Box::new(output::sarif::Sarif::with_root(root.clone()))),
        ("github", Box::new(output::github::Github::with_root(root.clone()))),
        ("junit", Box::new(output::junit::Junit::new())),
        ("gitlab", Box::new(output::gitlab::Gitlab::with_root(root))),
    ];
    for (name, mut e) in emitters {
        out.push((name.to_string(), emit(e.as_mut(), &report)));
    }
    let entries: Vec<BaselineEntry> = report
        .diagnostics
        .iter()
        .map(|d| BaselineEntry::of(&report, d))
        .collect();
    out.push(("baseline".into(), serde_json::to_string(&entries).expect("baseline")));
    let arena = procore_manifest::syntax::Arena::default();
    if let Ok(tree) = procore_manifest::syntax::parse(text, &arena) {
        let m = output::permissions::matrix(&tree, &report, &settings);
        out.push(("permissions table".into(), output::permissions::table(&m)));
        out.push(("permissions markdown".into(), output::permissions::markdown(&m)));
        out.push(("permissions json".into(), output::permissions::json(&m)));
        out.push(("permissions csv".into(), output::permissions::csv(&m)));
        let old_report = lint_source("old.json", clean, &settings);
        let old_tree = procore_manifest::syntax::parse(clean, &arena).expect("clean parses");
        let side = |name: &str, root, report| procore_manifest::diff::Side {
            name: name.into(),
            root: Some(root),
            report: Some(report),
        };
        let d = procore_manifest::diff::compare(
            &side("old", &old_tree, &old_report),
            &side("new", &tree, &report),
            &settings,
        );
        out.push(("diff human".into(), output::diff::human(&d, false)));
        out.push(("diff markdown".into(), output::diff::markdown(&d)));
        out.push(("diff json".into(), output::diff::json(&d)));
        let fixed = procore_manifest::fix::fix_source("m.json", text, &settings, Applicability::Unsafe);
        out.push((
            "--diff".into(),
            procore_manifest::fix::unified_diff("m.json", text, &fixed.text),
        ));
        out.push((
            "fixed report".into(),
            emit(&mut output::json::Json::default(), &fixed.report),
        ));
    }
    out
}

/// The language server's answers for one manifest text.
fn lsp_outputs(text: &str, at: usize) -> Vec<(String, String)> {
    let dir = std::env::temp_dir().join("procore-manifest-planted");
    let uri = url::Url::from_file_path(dir.join("manifest.json"))
        .expect("uri")
        .to_string();
    let mut c = Client::start(
        json!({ "workspace": { "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] } } }),
    );
    c.open(&uri, text);
    let (diagnostics, _) = c.diagnostics(&uri);
    let mut out = vec![(
        "lsp diagnostics".to_string(),
        serde_json::to_string(&diagnostics).expect("json"),
    )];
    let line = text[..at].matches('\n').count();
    let character = text[..at].rsplit('\n').next().map_or(0, |l| l.encode_utf16().count());
    let mut positions = vec![json!({ "line": line, "character": character + 1 })];
    positions.extend(diagnostics.iter().map(|d| d["range"]["start"].clone()));
    for p in positions {
        let hover = c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": p }),
        );
        out.push(("lsp hover".into(), hover.to_string()));
        let completion = c.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": p }),
        );
        out.push(("lsp completion".into(), completion.to_string()));
    }
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "context": { "diagnostics": diagnostics } }),
    );
    out.push(("lsp code actions".into(), actions.to_string()));
    c.stop();
    out
}

fn kinds() -> impl Strategy<Value = Kind> {
    prop_oneof![
        prop::sample::select(vec![
            "client_secret",
            "password",
            "Access-Token",
            "refresh_token",
            "apiKey",
            "secret"
        ])
        .prop_map(Kind::NamedString),
        Just(Kind::NamedNumber),
        Just(Kind::NamedArray),
        Just(Kind::NamedObject),
        Just(Kind::Jwt),
        Just(Kind::Bearer),
        prop::sample::select(vec![
            "ghp_",
            "gho_",
            "github_pat_",
            "glpat-",
            "xoxb-",
            "xoxp-",
            "sk_live_",
            "rk_live_"
        ])
        .prop_map(Kind::Prefix),
        Just(Kind::Aws),
        Just(Kind::UrlPassword),
        prop::sample::select(vec!["token", "api_key", "auth", "password", "client_secret"]).prop_map(Kind::UrlQuery),
    ]
}

fn places() -> impl Strategy<Value = Place> {
    prop::sample::select(vec![
        Place::Top,
        Place::Company,
        Place::Property,
        Place::Notes,
        Place::Url,
        Place::View,
        Place::Level,
        Place::Key,
        Place::Instance,
        Place::GrantType,
        Place::IframeSrc,
    ])
}

fn breaks() -> impl Strategy<Value = Break> {
    prop::sample::select(vec![
        Break::None,
        Break::None,
        Break::Truncated,
        Break::OpenStringBefore,
        Break::SingleQuotes,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_output_holds_or_depends_on_a_secret(
        kind in kinds(),
        place in places(),
        how in breaks(),
        a in "Q[A-Za-z0-9]{15}",
        b in "Q[A-Za-z0-9]{15}",
        da in "[1-9][0-9]{11}",
        db in "[1-9][0-9]{11}",
    ) {
        prop_assume!(a != b && da != db && !a.contains(&b[..6]));
        let (va, texts_a) = secret(kind, &a, &da);
        let (vb, _) = secret(kind, &b, &db);
        let Some(ta) = plant(kind, place, &va) else { return Ok(()) };
        let Some(tb) = plant(kind, place, &vb) else { return Ok(()) };
        let marker = texts_a[0].clone();
        let (ta, tb) = (broken(&ta, how, &marker), broken(&tb, how, &texts_a[0].replace(&a, &b).replace(&da, &db)));
        let clean = plant(Kind::NamedString("note"), Place::Top, "\"x\"").unwrap_or_default();
        let at = ta.find(&marker).unwrap_or(0);
        let outputs_a: Vec<_> = cli_outputs(&ta, &clean).into_iter().chain(lsp_outputs(&ta, at)).collect();
        let outputs_b: Vec<_> = cli_outputs(&tb, &clean).into_iter().chain(lsp_outputs(&tb, at)).collect();
        for (name, text) in &outputs_a {
            for t in &texts_a {
                prop_assert!(!text.contains(t.as_str()), "{kind:?} at {place:?} ({how:?}): {name} holds the secret {t}:\n{text}");
            }
        }
        prop_assert_eq!(outputs_a.len(), outputs_b.len());
        for ((name, x), (_, y)) in outputs_a.iter().zip(&outputs_b) {
            prop_assert_eq!(x, y, "{:?} at {:?} ({:?}): {} depends on the secret", kind, place, how, name);
        }
    }
}
