//! `textDocument/completion`, on text that may be half typed: tool keys
//! (those present left out), the levels a tool offers, side panel view
//! keys, `{{placeholders}}` in URLs, top-level members.

use super::offset;
use crate::catalog::{Catalog, Scope};
use crate::lsp::context::{self, Slot};
use crate::lsp::convert::range;
use crate::lsp::session::Session;
use crate::model::Level;
use crate::source::LineIndex;
use crate::vocab;
use lsp_types as lsp;

fn item(label: &str, detail: Option<String>, kind: lsp::CompletionItemKind) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        ..Default::default()
    }
}

pub fn run(session: &mut Session, p: &lsp::CompletionParams) -> Option<lsp::CompletionResponse> {
    let uri = &p.text_document_position.text_document.uri;
    if !session.is_manifest_while_typing(uri.as_str()) {
        return None;
    }
    let lint = session.lint(uri.as_str());
    let settings = match &lint {
        Some(l) => l.resolved.settings.clone(),
        None => {
            let path = session.docs.get(uri.as_str())?.path.clone();
            session.settings_for(path.as_deref())
        }
    };
    let doc = session.docs.get(uri.as_str())?;
    let text = &doc.text;
    let at = offset(doc, lint.as_ref().map(|l| &l.lines), p.text_document_position.position);
    let tree = lint.as_ref().and_then(|l| l.tree());
    let catalog = Catalog::new(&settings.catalog);
    let cx = context::at(text, at)?;
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
            let mut present = present_keys(tree, &cx.path);
            present.extend(cx.siblings.iter().cloned());
            present.extend(context::later_siblings(text, at));
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
                    Some(format!("{}: {}", l.title(), super::hover::level_meaning(l))),
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
            for (b, _) in crate::vocab::BUILTIN_PLACEHOLDERS {
                items.push(item(
                    b,
                    Some("built-in variable".into()),
                    lsp::CompletionItemKind::VARIABLE,
                ));
            }
            if let Some(root) = tree {
                for c in crate::model::view::components(root, crate::rules::structure::detect_family(root).0) {
                    if let Some(props) = c
                        .node
                        .get(c.config_key)
                        .and_then(|u| u.get("schema"))
                        .and_then(|s| s.get("properties"))
                        .and_then(|p| p.as_object())
                    {
                        // (One named like a credential is dropped below.)
                        for m in props {
                            items.push(item(
                                m.key,
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
            let mut present = present_keys(tree, &[]);
            present.extend(cx.siblings.iter().cloned());
            present.extend(context::later_siblings(text, at));
            for (k, detail) in if v3 { vocab::TOP_LEVEL_3 } else { vocab::TOP_LEVEL_4_1 } {
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
        // A bare word typed before the cursor (`re`, `doc`) is replaced,
        // not written before the quoted item (`re"readonly"`).
        None => {
            let word = text.get(..at).map_or(0, |before| {
                before
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
                    .map(char::len_utf8)
                    .sum()
            });
            (at - word, true, "")
        }
    };
    // Nothing from the document that is a credential is ever offered.
    items.retain(|it| !crate::secrets::is_secret_value(&it.label));
    let range = range(&LineIndex::for_editor(text), text, crate::span::Span::new(start, at));
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
