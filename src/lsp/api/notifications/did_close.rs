//! `textDocument/didClose`: forget the document and clear its diagnostics.

use crate::lsp::server::Server;
use lsp_types as lsp;

pub fn run(server: &mut Server, p: lsp::DidCloseTextDocumentParams) {
    let key = p.text_document.uri.as_str().to_string();
    if let Some(doc) = server.session.docs.remove(&key) {
        if let Some((_, cancel)) = doc.in_flight {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    server.session.dirty.remove(&key);
    server.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
        uri: p.text_document.uri,
        diagnostics: Vec::new(),
        version: None,
    });
}
