//! Recording a risk acceptance from the editor: an `[[allow]]` entry written
//! as TOML into the nearest config (or a new one beside the manifest).

use super::convert::uri_of;
use super::convert::FixData;
use super::session::Session;
use crate::source::LineIndex;
use lsp_types as lsp;
use std::collections::HashMap;

/// The command that records an acceptance in a config the client could not
/// create: arguments, the config's path and the `[[allow]]` entry.
pub(crate) const RECORD_COMMAND: &str = "procore-manifest.recordAcceptance";

/// Write `entry` into a new config at `path` (the server's own command, for
/// clients that cannot create files): refused when the file exists (the
/// code action then edits it instead), written atomically.
pub(crate) fn write_new_config(path: &std::path::Path, entry: &str) -> Result<String, String> {
    if path.file_name().and_then(|n| n.to_str()) != Some(crate::workspace::config::FILE_NAME) {
        return Err(format!(
            "{}: not a procore-manifest.toml",
            crate::workspace::paths::display_path(path)
        ));
    }
    if path.exists() {
        return Err(format!(
            "{} exists already: use the quick fix again to add the acceptance to it",
            crate::workspace::paths::display_path(path)
        ));
    }
    // `create_new`: never replaces a file that appeared meanwhile; a failed
    // write leaves no partial config behind.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| {
            use std::io::Write;
            f.write_all(entry.as_bytes()).and_then(|()| f.sync_all())
        });
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::AlreadyExists {
            let _ = std::fs::remove_file(path);
        }
        return Err(format!("{}: {e}", crate::workspace::paths::display_path(path)));
    }
    Ok(format!(
        "Recorded the acceptance in {}: write its reason there",
        crate::workspace::paths::display_path(path)
    ))
}

/// "Record a risk acceptance for CODE": an `[[allow]]` entry with an empty
/// reason, appended to the nearest config (created beside the manifest if
/// there is none). The config check rejects the empty reason, so the
/// manifest shows X002 until the user writes one.
pub(crate) fn record_acceptance(
    session: &Session,
    manifest: &std::path::Path,
    data: &FixData,
    diag: &lsp::Diagnostic,
) -> Option<lsp::CodeAction> {
    let existing = crate::workspace::resolver::discover(manifest.parent()?);
    let config_path = existing
        .clone()
        .unwrap_or_else(|| manifest.with_file_name(crate::workspace::config::FILE_NAME));
    let dir = config_path.parent()?;
    let rel = crate::workspace::paths::absolute(manifest)
        .strip_prefix(crate::workspace::paths::absolute(dir))
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    // TOML strings as TOML writes them (JSON's escapes are not all TOML's:
    // a raw U+007F made the config invalid), and the path as a glob that
    // matches only itself (`[v2]` is a character class).
    let toml_str = |s: &str| toml::Value::String(s.to_string()).to_string();
    let entry = format!(
        "[[allow]]\nrule = {}\nfiles = {}\npointer = {}\nreason = \"\"\n",
        toml_str(&data.code),
        toml_str(&globset::escape(&rel)),
        toml_str(&data.pointer)
    );
    let uri = uri_of(&config_path)?;
    let title = format!("Record a risk acceptance for {} (write its reason)", data.code);
    if existing.is_none() && !session.create_files {
        // The client cannot create the config file (Neovim 0.7): the server
        // writes it through its own command.
        return Some(lsp::CodeAction {
            title: title.clone(),
            kind: Some(lsp::CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag.clone()]),
            command: Some(lsp::Command {
                title,
                command: RECORD_COMMAND.into(),
                arguments: Some(vec![
                    serde_json::Value::String(config_path.to_string_lossy().into_owned()),
                    serde_json::Value::String(entry),
                ]),
            }),
            is_preferred: Some(false),
            ..Default::default()
        });
    }
    let edit = match existing {
        Some(p) => {
            let text = session
                .docs
                .get(uri.as_str())
                .map(|d| d.text.clone())
                .or_else(|| std::fs::read_to_string(&p).ok())
                .unwrap_or_default();
            let lines = LineIndex::for_editor(&text);
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
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        edit: Some(edit),
        is_preferred: Some(false),
        ..Default::default()
    })
}
