//! `textDocument/codeAction`: the fix carried in each diagnostic's `data`
//! (no second lint), recording a risk acceptance, the rule's documentation.

use crate::lsp::acceptance::record_acceptance;
use crate::lsp::convert::FixData;
use crate::lsp::session::Session;
use lsp_types as lsp;
use std::collections::HashMap;

pub const EXPLAIN_COMMAND: &str = "procore-manifest.explain";

pub fn run(session: &mut Session, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
    let mut out = Vec::new();
    let uri = &p.text_document.uri;
    let doc = session.docs.get(uri.as_str());
    let path = doc.and_then(|d| d.path.clone());
    let version = doc.map(|d| d.version);
    for diag in &p.context.diagnostics {
        if diag.source.as_deref() != Some(crate::lsp::convert::SOURCE) {
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
            if let Some(action) = record_acceptance(session, path, &data, diag) {
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
