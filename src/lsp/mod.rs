//! `procore-manifest lsp`: a language server on stdio (lsp-server's message
//! types and connection, lsp-types, a stdio transport of our own that
//! survives malformed messages; one synchronous loop over the same
//! per-file pipeline as `check`, `crate::workspace::lint_file`).
//!
//! - `server`: the loop, batching and dispatch;
//! - `session`: open documents, the resolver, each document's last lint;
//! - `api/`: one file per method;
//! - `convert`: diagnostics to LSP; `context`: where the cursor is in
//!   half-typed JSON; `acceptance`: recording a risk acceptance;
//!   `transport`: stdio framing; `settings`: the client's
//!   `initializationOptions` (config, select, ignore).

mod acceptance;
mod api;
mod context;
mod convert;
mod job;
mod server;
mod session;
mod settings;
mod transport;

use lsp_types as lsp;

pub use job::MAX_PUBLISHED;
pub use server::{serve, Ending};

/// Run on stdio until `exit`; the process exit code: 0 for `exit` after
/// `shutdown`, 1 for an `exit` that came without `shutdown` (the LSP
/// specification), for end of input before `exit`, or an I/O failure.
pub fn run() -> u8 {
    let (conn, writer, input_failed) = transport::stdio();
    let result = serve(&conn);
    drop(conn);
    let joined = match writer.join() {
        Ok(r) => r.map_err(|e| e.to_string()),
        Err(_) => Err("the writer thread panicked".to_string()),
    };
    if input_failed.load(std::sync::atomic::Ordering::SeqCst) {
        return 1; // said on stderr by the transport
    }
    match (result, joined) {
        (Ok(Ending::Clean), Ok(())) => 0,
        (Ok(Ending::Closed), Ok(())) => {
            eprintln!("procore-manifest lsp: the client closed the connection (end of input) before `exit`");
            1
        }
        (Ok(Ending::ExitWithoutShutdown), Ok(())) => {
            eprintln!("procore-manifest lsp: `exit` without `shutdown`");
            1
        }
        (Err(e), _) => {
            eprintln!("procore-manifest lsp: {}", crate::text::sanitize_lines(&e.to_string()));
            1
        }
        (_, Err(e)) => {
            eprintln!("procore-manifest lsp: {}", crate::text::sanitize_lines(&e.to_string()));
            1
        }
    }
}

/// What the server advertises.
pub fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::FULL),
            save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "{".into(), ".".into()]),
            ..Default::default()
        }),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: vec![
                api::requests::code_action::EXPLAIN_COMMAND.into(),
                acceptance::RECORD_COMMAND.into(),
            ],
            ..Default::default()
        }),
        ..Default::default()
    }
}
