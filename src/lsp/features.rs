//! Code actions, hover and completion.

use super::context::{self, Slot};
use super::convert::FixData;
use super::{uri_of, Doc, Server};
use crate::catalog::{Catalog, Scope};
use crate::model::Level;
use crate::source::LineIndex;
use lsp_server::ErrorCode;
use lsp_types as lsp;
use std::collections::HashMap;

pub const EXPLAIN_COMMAND: &str = "procore-manifest.explain";

fn doc<'a>(server: &'a Server, uri: &lsp::Uri) -> Option<&'a Doc> {
    server.docs.get(uri.as_str())
}

fn offset(doc: &Doc, pos: lsp::Position) -> usize {
    LineIndex::new(&doc.text).offset_of_utf16(&doc.text, pos.line, pos.character)
}

// ---- code actions ----

pub fn code_actions(server: &mut Server, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
    let mut out = Vec::new();
    let uri = &p.text_document.uri;
    let path = doc(server, uri).and_then(|d| d.path.clone());
    let version = doc(server, uri).map(|d| d.version);
    for diag in &p.context.diagnostics {
        if diag.source.as_deref() != Some(super::convert::SOURCE) {
            continue;
        }
        let Some(data) = diag
            .data
            .clone()
            .and_then(|d| serde_json::from_value::<FixData>(d).ok())
        else {
            // A client that does not keep `data`: the documentation only.
            if let Some(lsp::NumberOrString::String(code)) = &diag.code {
                if crate::rules::registry::lookup(code).is_some() {
                    out.push(explain_action(code, diag));
                }
            }
            continue;
        };
        // Edits computed for another version of the text would land in the
        // wrong place: offer them only for the text they were made for.
        let current = data.version.is_none() || data.version == version;
        if current && !data.edits.is_empty() {
            let edits = data
                .edits
                .iter()
                .map(|(range, text)| lsp::TextEdit {
                    range: *range,
                    new_text: text.clone(),
                })
                .collect();
            let title = if data.safe {
                format!("Fix {}: {}", data.code, data.title)
            } else {
                format!("Fix {} (unsafe): {}", data.code, data.title)
            };
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title,
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(lsp::WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..Default::default()
                }),
                is_preferred: Some(data.safe),
                ..Default::default()
            }));
        }
        if let Some(path) = &path {
            if let Some(action) = record_acceptance(server, path, &data, diag) {
                out.push(lsp::CodeActionOrCommand::CodeAction(action));
            }
        }
        out.push(explain_action(&data.code, diag));
    }
    out
}

/// "Show the documentation of CODE".
fn explain_action(code: &str, diag: &lsp::Diagnostic) -> lsp::CodeActionOrCommand {
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: format!("Show the documentation of {code}"),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        command: Some(lsp::Command {
            title: format!("Explain {code}"),
            command: EXPLAIN_COMMAND.into(),
            arguments: Some(vec![serde_json::Value::String(code.to_string())]),
        }),
        ..Default::default()
    })
}

/// "Record a risk acceptance for CODE": an `[[allow]]` entry with an empty
/// reason, appended to the nearest config (created beside the manifest if
/// there is none). The config check rejects the empty reason, so the
/// manifest shows X002 until the user writes one.
fn record_acceptance(
    server: &mut Server,
    manifest: &std::path::Path,
    data: &FixData,
    diag: &lsp::Diagnostic,
) -> Option<lsp::CodeAction> {
    let existing = crate::config::discover(manifest.parent()?);
    let config_path = existing
        .clone()
        .unwrap_or_else(|| manifest.with_file_name(crate::config::FILE_NAME));
    let dir = config_path.parent()?;
    let rel = crate::config::absolute(manifest)
        .strip_prefix(crate::config::absolute(dir))
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    let toml_str = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let entry = format!(
        "[[allow]]\nrule = {}\nfiles = {}\npointer = {}\nreason = \"\"\n",
        toml_str(&data.code),
        toml_str(&rel),
        toml_str(&data.pointer)
    );
    let uri = uri_of(&config_path)?;
    if existing.is_none() && !server.create_files {
        return None; // the client cannot create the config file
    }
    let edit = match existing {
        Some(p) => {
            let text = server
                .docs
                .get(uri.as_str())
                .map(|d| d.text.clone())
                .or_else(|| std::fs::read_to_string(&p).ok())
                .unwrap_or_default();
            let lines = LineIndex::new(&text);
            let end = lines.position(&text, text.len());
            let at = lsp::Position::new(end.line - 1, end.utf16_column);
            let sep = if text.is_empty() || text.ends_with("\n\n") {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            lsp::WorkspaceEdit {
                changes: Some(HashMap::from([(
                    uri,
                    vec![lsp::TextEdit {
                        range: lsp::Range::new(at, at),
                        new_text: format!("{sep}{entry}"),
                    }],
                )])),
                ..Default::default()
            }
        }
        None => lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(vec![
                lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
                    uri: uri.clone(),
                    options: Some(lsp::CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                })),
                lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
                    text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version: None },
                    edits: vec![lsp::OneOf::Left(lsp::TextEdit {
                        range: lsp::Range::default(),
                        new_text: entry,
                    })],
                }),
            ])),
            ..Default::default()
        },
    };
    Some(lsp::CodeAction {
        title: format!("Record a risk acceptance for {} (write its reason)", data.code),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        edit: Some(edit),
        is_preferred: Some(false),
        ..Default::default()
    })
}

pub fn execute_command(
    server: &Server,
    p: &lsp::ExecuteCommandParams,
) -> Result<serde_json::Value, (ErrorCode, String)> {
    if p.command != EXPLAIN_COMMAND {
        return Err((ErrorCode::InvalidParams, format!("unknown command {}", p.command)));
    }
    let code = p.arguments.first().and_then(|a| a.as_str()).unwrap_or_default();
    let rule =
        crate::rules::registry::lookup(code).ok_or((ErrorCode::InvalidParams, format!("unknown rule {code}")))?;
    let text = format!("{} ({}): {}\n\n{}", rule.code, rule.name, rule.summary, rule.docs());
    server.notify::<lsp::notification::ShowMessage>(lsp::ShowMessageParams {
        typ: lsp::MessageType::INFO,
        message: text.clone(),
    });
    Ok(serde_json::Value::String(text))
}

// ---- hover ----

fn markdown(value: String, range: Option<lsp::Range>) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

fn level_meaning(l: Level) -> &'static str {
    match l {
        Level::None => "no access; the Permission Builder leaves such tools out of the manifest",
        Level::Readonly => "view the tool's data",
        Level::Standard => "create and edit within the tool",
        Level::Admin => "full control of the tool, including its settings and who may use it",
    }
}

pub fn hover(server: &mut Server, p: &lsp::HoverParams) -> Option<lsp::Hover> {
    let uri = &p.text_document_position_params.text_document.uri;
    let pos = p.text_document_position_params.position;
    let d = doc(server, uri)?;
    let (text, path) = (d.text.clone(), d.path.clone());
    let at = offset(d, pos);
    let (settings, config, _) = server.settings_for(path.as_deref());
    let parsed = crate::Parsed::from_text(text.clone());
    if !super::is_manifest(uri, path.as_deref(), config.as_deref(), &parsed, true) {
        return None;
    }
    let catalog = Catalog::new(&settings);
    let lines = LineIndex::new(&text);
    let root = parsed.tree.ok();
    // A tool key or a level value under permissions.
    if let Some(root) = &root {
        for block in crate::model::view::permission_blocks(root) {
            for e in crate::model::view::entries(&block) {
                let Some(scope) = Scope::parse(e.scope) else { continue };
                let on_key = e.key_span().range().contains(&at);
                let on_value = e.value().span.range().contains(&at);
                if !on_key && !on_value {
                    continue;
                }
                let tool = catalog.tool(scope, e.key());
                let level = e.value().as_str().and_then(Level::normalize);
                let mut md = String::new();
                if on_key {
                    match tool {
                        Some(t) => {
                            let offered: Vec<&str> = t.levels.iter().map(|l| l.title()).collect();
                            md.push_str(&format!(
                                "**{}** (`{}`, {} level)\n\nLevels the Permission Builder offers: {}\n\nCatalog confidence: {}",
                                t.name,
                                t.key,
                                scope.as_str(),
                                offered.join(", "),
                                t.confidence.as_str()
                            ));
                            if let Some(note) = &t.note {
                                md.push_str(&format!(" — {note}"));
                            }
                            if !t.evidence.is_empty() {
                                md.push_str(&format!("\n\nEvidence: {}", t.evidence));
                            }
                        }
                        None => md.push_str(&format!("`{}`: not a known {} tool", e.key(), scope.as_str())),
                    }
                }
                if let Some(l) = level {
                    let canonical = catalog.canonical_key(scope, e.key());
                    let risk = crate::risk::grant_risk(crate::risk::Grant {
                        scope,
                        tool: canonical,
                        level: l,
                    });
                    if !md.is_empty() {
                        md.push_str("\n\n");
                    }
                    md.push_str(&format!(
                        "**{}**: {}\n\nRisk of this grant: {}",
                        l.title(),
                        level_meaning(l),
                        risk.as_str()
                    ));
                }
                let span = if on_key { e.key_span() } else { e.value().span };
                return Some(markdown(md, Some(super::convert::range(&lines, &text, span))));
            }
        }
        // A {{placeholder}} inside a URL.
        for c in crate::model::view::components(root, crate::rules::structure::detect_family(root).0) {
            let Some(url) = c.node.get(c.url_key) else { continue };
            if !url.span.range().contains(&at) {
                continue;
            }
            let (found, _) = crate::rules::interpolation::parse(url, &text);
            for ph in found {
                if ph.span.range().contains(&at) && ph.span != url.span {
                    let what = match ph.name.as_str() {
                        "procore.company.id" => "the id of the company the app is installed in".to_string(),
                        "procore.company.name" => "the name of the company the app is installed in".to_string(),
                        "procore.project.id" => "the id of the current project".to_string(),
                        "procore.project.name" => "the name of the current project".to_string(),
                        n => match c
                            .node
                            .get(c.config_key)
                            .and_then(|u| u.get("schema"))
                            .and_then(|s| s.get("properties"))
                            .and_then(|p| p.get(n))
                        {
                            Some(prop) => format!(
                                "the value the company admin enters for the configuration field **{}** (URI-encoded)",
                                prop.get("name").and_then(|n| n.as_str()).unwrap_or(n)
                            ),
                            None => {
                                "nothing: it is neither a built-in nor a declared configuration property (C003)".into()
                            }
                        },
                    };
                    return Some(markdown(
                        format!("`{{{{{}}}}}` expands to {what}", ph.name),
                        Some(super::convert::range(&lines, &text, ph.span)),
                    ));
                }
            }
        }
    }
    // A diagnostic's range: its documentation.
    let report = lint_source_for(&text, &settings);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.span.range().contains(&at) || (d.span.is_empty() && d.span.start as usize == at))?;
    Some(markdown(
        format!(
            "**{} ({})**: {}\n\n{}",
            d.rule.code,
            d.rule.name,
            d.message,
            d.rule.docs()
        ),
        Some(super::convert::range(&lines, &text, d.span)),
    ))
}

fn lint_source_for(text: &str, settings: &crate::Settings) -> crate::FileReport {
    crate::lint_source("manifest.json", text, settings)
}

// ---- completion ----

fn item(label: &str, detail: Option<String>, kind: lsp::CompletionItemKind) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        ..Default::default()
    }
}

const TOP_41: &[(&str, &str)] = &[
    ("schema_version", "\"4.1\""),
    ("app_manifest", "generated by the Portal"),
    (
        "post_installation_instruction",
        "notes and setup page for the installing admin",
    ),
    ("fullscreen", "an embedded full-screen component"),
    ("sidepanel", "an embedded side panel component"),
    ("permissions", "tool permissions of the service account"),
];
const TOP_3: &[(&str, &str)] = &[
    ("schema_version", "\"3\" or a 3.x form (legacy)"),
    ("app_manifest", "generated by the Portal"),
    (
        "post_installation_instruction",
        "notes and setup page for the installing admin",
    ),
    ("components", "oauth data connections and iframes"),
];

pub fn completion(server: &mut Server, p: &lsp::CompletionParams) -> Option<lsp::CompletionResponse> {
    let uri = &p.text_document_position.text_document.uri;
    let d = doc(server, uri)?;
    let (text, path) = (d.text.clone(), d.path.clone());
    let at = offset(d, p.text_document_position.position);
    let (settings, config, _) = server.settings_for(path.as_deref());
    let parsed = crate::Parsed::from_text(text.clone());
    if !super::is_manifest(uri, path.as_deref(), config.as_deref(), &parsed, true) {
        return None;
    }
    let catalog = Catalog::new(&settings);
    let cx = context::at(&text, at)?;
    let path_str: Vec<&str> = cx.path.iter().map(String::as_str).collect();
    let mut items = Vec::new();
    let scope_of = |p: &[&str]| match p.last() {
        Some(&"company") => Some(Scope::Company),
        Some(&"project") => Some(Scope::Project),
        _ => None,
    };
    let under_permissions = path_str.iter().rev().nth(1) == Some(&"permissions");
    let mut placeholder = false;
    match (&cx.slot, &cx.in_string) {
        // Tool keys of the scope, those already present left out.
        (Slot::Key, _) if under_permissions && scope_of(&path_str).is_some() => {
            let scope = scope_of(&path_str)?;
            let mut present = present_keys(parsed.tree.as_ref().ok(), &cx.path);
            present.extend(cx.siblings.iter().cloned());
            for t in catalog.tools(scope) {
                if t.legacy_of.is_none() && !present.contains(&t.key) {
                    items.push(item(&t.key, Some(t.name.clone()), lsp::CompletionItemKind::PROPERTY));
                }
            }
        }
        // Levels the tool offers.
        (Slot::Value { key }, _) if under_permissions && scope_of(&path_str).is_some() => {
            let scope = scope_of(&path_str)?;
            let levels = catalog
                .tool(scope, key)
                .map_or_else(|| Level::ALL.to_vec(), |t| t.levels.clone());
            for l in levels.into_iter().filter(|l| *l != Level::None) {
                items.push(item(
                    l.as_str(),
                    Some(format!("{}: {}", l.title(), level_meaning(l))),
                    lsp::CompletionItemKind::ENUM_MEMBER,
                ));
            }
        }
        // Side panel view keys.
        (Slot::Item, _) if path_str.last() == Some(&"views") => {
            for v in catalog.views() {
                items.push(item(v, None, lsp::CompletionItemKind::VALUE));
            }
        }
        // {{…}} inside a URL: built-ins and declared configuration properties.
        (Slot::Value { key }, Some(typed))
            if matches!(key.as_str(), "source_url" | "iframe_src") && typed.rfind("{{") > typed.rfind("}}") =>
        {
            placeholder = true;
            for b in [
                "procore.company.id",
                "procore.company.name",
                "procore.project.id",
                "procore.project.name",
            ] {
                items.push(item(
                    b,
                    Some("built-in variable".into()),
                    lsp::CompletionItemKind::VARIABLE,
                ));
            }
            if let Ok(root) = &parsed.tree {
                for c in crate::model::view::components(root, crate::rules::structure::detect_family(root).0) {
                    if let Some(props) = c
                        .node
                        .get(c.config_key)
                        .and_then(|u| u.get("schema"))
                        .and_then(|s| s.get("properties"))
                        .and_then(|p| p.as_object())
                    {
                        for m in props {
                            items.push(item(
                                &m.key,
                                Some("configuration property".into()),
                                lsp::CompletionItemKind::VARIABLE,
                            ));
                        }
                    }
                }
            }
        }
        // Top-level members of the document's schema version.
        (Slot::Key, _) if cx.path.is_empty() => {
            let v3 = text.contains("\"schema_version\"") && (text.contains("\"3\"") || text.contains("\"3."));
            let mut present = present_keys(parsed.tree.as_ref().ok(), &[]);
            present.extend(cx.siblings.iter().cloned());
            for (k, detail) in if v3 { TOP_3 } else { TOP_41 } {
                if !present.contains(&k.to_string()) {
                    items.push(item(k, Some((*detail).into()), lsp::CompletionItemKind::PROPERTY));
                }
            }
        }
        _ => return None,
    }
    // What an item replaces: inside a string, what was typed since the
    // opening quote (or since `{{` in a URL, closing the braces when they
    // are not there yet); outside one, nothing, and the item brings its
    // quotes. Without an edit, clients insert the bare label at their own
    // idea of a word, which breaks the JSON or doubles `procore.`.
    let (start, quote, close) = match &cx.in_string {
        Some(typed) if placeholder => {
            let from = typed.rfind("{{").map_or(0, |i| i + 2);
            let closed = text.get(at..).is_some_and(|r| r.starts_with("}}"));
            (
                at.saturating_sub(typed.len() - from),
                false,
                if closed { "" } else { "}}" },
            )
        }
        Some(typed) => (at.saturating_sub(typed.len()), false, ""),
        None => (at, true, ""),
    };
    let range = super::convert::range(&LineIndex::new(&text), &text, crate::span::Span::new(start, at));
    for it in &mut items {
        it.text_edit = Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
            range,
            new_text: if quote {
                format!("\"{}\"", it.label)
            } else {
                format!("{}{close}", it.label)
            },
        }));
    }
    Some(lsp::CompletionResponse::Array(items))
}

/// Member names already present in the object at `path` (when the text parses).
fn present_keys(root: Option<&crate::syntax::Node>, path: &[String]) -> Vec<String> {
    let Some(mut node) = root else {
        return Vec::new();
    };
    for k in path {
        match node.get(k) {
            Some(n) => node = n,
            None => return Vec::new(),
        }
    }
    node.as_object()
        .map(|m| m.iter().map(|m| m.key.to_string()).collect())
        .unwrap_or_default()
}
