//! `workspace/executeCommand`: `procore-manifest.explain CODE` shows a
//! rule's documentation.

use lsp_server::ErrorCode;
use lsp_types as lsp;

/// The rule's documentation, which the server also shows as a message.
pub fn run(p: &lsp::ExecuteCommandParams) -> Result<String, (ErrorCode, String)> {
    if p.command != super::code_action::EXPLAIN_COMMAND {
        return Err((ErrorCode::InvalidParams, format!("unknown command {}", p.command)));
    }
    let code = p.arguments.first().and_then(|a| a.as_str()).unwrap_or_default();
    let rule =
        crate::rules::registry::lookup(code).ok_or((ErrorCode::InvalidParams, format!("unknown rule {code}")))?;
    Ok(format!(
        "{} ({}): {}\n\n{}",
        rule.code,
        rule.name,
        rule.summary,
        rule.docs()
    ))
}
