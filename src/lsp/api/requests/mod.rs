//! Requests from the client.

pub mod code_action;
pub mod completion;
pub mod execute_command;
pub mod hover;

use crate::lsp::session::Doc;
use crate::source::LineIndex;
use lsp_types as lsp;

/// The byte offset of an LSP position (UTF-16) in a document.
pub(crate) fn offset(doc: &Doc, lines: Option<&LineIndex>, pos: lsp::Position) -> usize {
    match lines {
        Some(l) => l.offset_of_utf16(&doc.text, pos.line, pos.character),
        None => LineIndex::for_editor(&doc.text).offset_of_utf16(&doc.text, pos.line, pos.character),
    }
}
