//! `textDocument/didOpen`: track the document, lint it at the next publish.

use crate::lsp::session::{file_path, Doc, Session};
use lsp_types as lsp;

pub fn run(session: &mut Session, p: lsp::DidOpenTextDocumentParams) {
    let key = p.text_document.uri.as_str().to_string();
    session.docs.insert(
        key.clone(),
        Doc {
            path: file_path(&p.text_document.uri),
            uri: p.text_document.uri,
            text: p.text_document.text,
            version: p.text_document.version,
            recognised: false,
            linted: None,
        },
    );
    session.dirty.insert(key);
}
