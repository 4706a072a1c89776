//! `textDocument/didSave`: a saved config re-lints every open document; a
//! saved manifest is linted again (its config may have changed on disk).

use crate::lsp::convert::file_path;
use crate::lsp::session::Session;
use lsp_types as lsp;

pub fn run(session: &mut Session, p: lsp::DidSaveTextDocumentParams) {
    let is_config = file_path(&p.text_document.uri)
        .is_some_and(|f| f.file_name().is_some_and(|n| n == crate::workspace::config::FILE_NAME));
    if is_config {
        session.configs_changed();
    } else {
        session.relint(p.text_document.uri.as_str());
    }
}
