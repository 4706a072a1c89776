//! One file per LSP method (ruff_server's `api/` layout).

pub mod notifications;
pub mod requests;
