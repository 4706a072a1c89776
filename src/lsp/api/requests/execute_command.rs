//! `workspace/executeCommand`: `procore-manifest.explain CODE` shows a
//! rule's documentation.

use crate::lsp::server::Server;
use lsp_server::ErrorCode;
use lsp_types as lsp;

pub fn run(server: &Server, p: &lsp::ExecuteCommandParams) -> Result<serde_json::Value, (ErrorCode, String)> {
    if p.command != super::code_action::EXPLAIN_COMMAND {
        return Err((ErrorCode::InvalidParams, format!("unknown command {}", p.command)));
    }
    let code = p.arguments.first().and_then(|a| a.as_str()).unwrap_or_default();
    let rule =
        crate::rules::registry::lookup(code).ok_or((ErrorCode::InvalidParams, format!("unknown rule {code}")))?;
    let text = format!("{} ({}): {}\n\n{}", rule.code, rule.name, rule.summary, rule.docs());
    server.notify::<lsp::notification::ShowMessage>(lsp::ShowMessageParams {
        typ: lsp::MessageType::INFO,
        message: text.clone(),
    });
    Ok(serde_json::Value::String(text))
}
