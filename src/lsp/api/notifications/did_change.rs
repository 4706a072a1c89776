//! `textDocument/didChange` (full sync: the last change holds the whole
//! text); a lint of an older text is cancelled.

use crate::lsp::session::Session;
use lsp_types as lsp;

pub fn run(session: &mut Session, p: lsp::DidChangeTextDocumentParams) {
    if let Some(change) = p.content_changes.into_iter().last() {
        session.change(p.text_document.uri.as_str(), change.text, p.text_document.version);
    }
}
