//! `textDocument/didClose`: forget the document; the server then clears
//! its diagnostics.

use crate::lsp::session::Session;
use lsp_types as lsp;

/// Forget the document (cancelling its lint), and say what to publish: no
/// diagnostics for it.
pub fn run(session: &mut Session, p: lsp::DidCloseTextDocumentParams) -> lsp::PublishDiagnosticsParams {
    let key = p.text_document.uri.as_str().to_string();
    if let Some(doc) = session.docs.remove(&key) {
        if let Some((_, cancel)) = doc.in_flight {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    session.dirty.remove(&key);
    lsp::PublishDiagnosticsParams {
        uri: p.text_document.uri,
        diagnostics: Vec::new(),
        version: None,
    }
}
