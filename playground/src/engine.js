// The playground's engine: procore-manifest compiled to WebAssembly, loaded
// through wasm-bindgen's glue (src/playground/wasm.rs is the Rust side).

import { initSync, analyze as analyzeJson, lint, holds_secret } from "../build/procore_manifest.js";

/** Instantiate the module from its bytes; returns { analyze, lintReport }. */
export function instantiate(bytes) {
  initSync({ module: bytes });
  return {
    /**
     * Lint `text` with `options` ({select, ignore, severity}: arrays of
     * strings, as check's flags take them). Returns
     * { report, permissions, permissions_error, docs_base } or { error }.
     */
    analyze: (text, options = {}) => JSON.parse(analyzeJson(text, JSON.stringify(options))),
    /**
     * The JSON report of `check --format json --no-config`, as text; `bytes`
     * are a file's (a Uint8Array, UTF-8 or not) or a string.
     */
    lintReport: (bytes, options = {}) =>
      lint(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes, JSON.stringify(options)),
    /** Does `text` hold a credential (R007), whatever the rule options? */
    holdsSecret: (text) => holds_secret(text),
  };
}

/**
 * Byte offsets of UTF-8 text to indexes of the JavaScript string (UTF-16),
 * as the editor counts: the report's offsets are bytes.
 */
export function byteOffsets(text) {
  const map = [];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i);
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[bytes + k] = i;
    bytes += n;
    if (c >= 0x10000) i++;
  }
  map[bytes] = text.length;
  return (offset) => map[Math.max(0, Math.min(offset, bytes))] ?? text.length;
}
