//! `textDocument/didChange` (full sync: the last change holds the whole text).

use crate::lsp::session::Session;
use lsp_types as lsp;

pub fn run(session: &mut Session, p: lsp::DidChangeTextDocumentParams) {
    let key = p.text_document.uri.as_str().to_string();
    if let (Some(doc), Some(change)) = (session.docs.get_mut(&key), p.content_changes.into_iter().last()) {
        doc.text = change.text;
        doc.version = p.text_document.version;
        doc.linted = None;
        session.dirty.insert(key);
    }
}
