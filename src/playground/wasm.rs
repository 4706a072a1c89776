//! The WebAssembly exports, through `wasm-bindgen` (its generated glue,
//! `playground/build/procore_manifest.js`, is what the page and the parity
//! test load): strings in, one string out.

use wasm_bindgen::prelude::wasm_bindgen;

/// See [`super::analyze`]: the report, the matrix and the docs' address,
/// as JSON.
#[wasm_bindgen]
pub fn analyze(text: &str, options: &str) -> String {
    super::analyze(text, options)
}

/// The JSON report alone, as `check --format json --no-config` writes it
/// for a file of these bytes (UTF-8 or not, as `check` reads them); `{"error":
/// …}` for bad options.
#[wasm_bindgen]
pub fn lint(bytes: &[u8], options: &str) -> String {
    super::Options::parse(options)
        .and_then(|o| super::lint(bytes, &o))
        .unwrap_or_else(|e| serde_json::json!({ "error": crate::text::sanitize_inline(&e) }).to_string())
}

/// See [`super::holds_secret`]: whether the text holds a credential,
/// whatever the page's rule options.
#[wasm_bindgen]
pub fn holds_secret(text: &str) -> bool {
    super::holds_secret(text)
}
