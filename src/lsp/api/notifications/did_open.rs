//! `textDocument/didOpen`: track the document, lint it in the background.

use crate::lsp::session::Session;
use lsp_types as lsp;

pub fn run(session: &mut Session, p: lsp::DidOpenTextDocumentParams) {
    let d = p.text_document;
    session.open(d.uri, d.text, d.version);
}
