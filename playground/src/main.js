// The playground page: a CodeMirror editor, the findings, the permission
// matrix and the risk rating, all from the WebAssembly engine in this page.
// Nothing is fetched: the module and the examples are in this script.
//
// CodeMirror 6 rather than Monaco: it bundles into one classic script
// (Monaco wants web workers and a module loader, which do not run from
// file://) and is a tenth of the size.

import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching } from "@codemirror/language";
import { linter, lintGutter, setDiagnostics } from "@codemirror/lint";
import wasmBytes from "../build/procore_manifest_bg.wasm";
import clean from "../samples/clean.manifest.json";
import risky from "../samples/risky.manifest.json";
import broken from "../samples/broken.manifest.json";
import { instantiate, byteOffsets } from "./engine.js";

const SAMPLES = { clean, risky, broken };
const LEVELS = ["none", "readonly", "standard", "admin"];
const $ = (id) => document.getElementById(id);

// The state the page shows, for the tests too (window.playground).
const state = { result: null, ready: false };

function list(input) {
  return input.value.split(",").map((s) => s.trim()).filter((s, i, all) => s !== "" || all.length > 1);
}

function options() {
  const o = {};
  if ($("select").value.trim() !== "") o.select = list($("select"));
  if ($("ignore").value.trim() !== "") o.ignore = list($("ignore"));
  return o;
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "className") e.className = v;
    else if (k === "dataset") Object.assign(e.dataset, v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

/**
 * The edits of a fix, applied to the editor (byte offsets -> indexes of
 * the text that was linted). Only while the editor still holds that text:
 * after an edit the offsets point elsewhere, so the fix waits for the next
 * lint (which runs within the linter's delay) instead of corrupting it.
 */
function applyFix(view, fix, toIndex, linted) {
  if (view.state.doc.toString() !== linted) return false;
  const changes = fix.edits.map((e) => ({
    from: toIndex(e.offset),
    to: toIndex(e.offset + e.length),
    insert: e.content,
  }));
  view.dispatch({ changes });
  return true;
}

/** Nothing shown from an earlier lint (its fixes would point elsewhere). */
function clearResults(why) {
  $("findings").replaceChildren();
  $("counts").textContent = "";
  $("risk").dataset.risk = "";
  $("risk-value").textContent = "-";
  $("matrix").querySelector("tbody").replaceChildren();
  const note = $("matrix-note");
  note.hidden = false;
  note.textContent = why;
}

function showFindings(view, result, toIndex, linted) {
  const file = result.report.files[0];
  const diags = file ? file.diagnostics : [];
  const ol = $("findings");
  ol.replaceChildren();
  const count = { error: 0, warning: 0, info: 0 };
  for (const d of diags) {
    count[d.severity] = (count[d.severity] || 0) + 1;
    const where = el("span", {
      className: "where",
      title: "show in the editor",
      onclick: () => {
        const from = toIndex(d.span.offset);
        view.dispatch({ selection: { anchor: from, head: toIndex(d.span.offset + d.span.length) }, scrollIntoView: true });
        view.focus();
      },
    }, `${d.span.start.line}:${d.span.start.column}`);
    const docs = el("a", { href: `${result.docs_base}#${d.code.toLowerCase()}`, target: "_blank", rel: "noopener" }, d.code);
    const li = el("li", { className: d.severity, dataset: { code: d.code, line: d.span.start.line, column: d.span.start.column } },
      where, " ", el("span", { className: "code" }, docs), ` ${d.severity}: ${d.message}`);
    if (d.fix) {
      li.append(el("button", { className: "fix", type: "button", onclick: () => applyFix(view, d.fix, toIndex, linted) },
        d.fix.applicability === "safe" ? "Fix" : "Fix (review it)"));
    }
    if (d.help) li.append(el("div", { className: "help" }, d.help));
    ol.append(li);
  }
  $("counts").textContent = `(${count.error} errors, ${count.warning} warnings, ${count.info} infos)`;
  const risk = (file && file.risk) || "none";
  $("risk").dataset.risk = risk;
  $("risk-value").textContent = risk;
}

function showMatrix(result) {
  const body = $("matrix").querySelector("tbody");
  body.replaceChildren();
  const note = $("matrix-note");
  const m = result.permissions;
  note.hidden = !!(m && m.grants.length);
  if (!m) {
    note.textContent = "No matrix: " + (result.permissions_error || "the manifest does not parse");
    return;
  }
  if (!m.grants.length) note.textContent = "The manifest grants no tool.";
  for (const g of m.grants) {
    const risky = g.rules.some((c) => c.startsWith("R"));
    // A grant of a misplaced block grants the service account nothing: said
    // in its scope cell, whatever rules the options leave on.
    const classes = [risky ? "risky" : "", g.received === false ? "misplaced" : ""].filter(Boolean).join(" ");
    const scope = g.received === false ? `${g.scope} (misplaced block: not received)` : g.scope;
    const row = el("tr", { className: classes, dataset: { tool: g.key, scope: g.scope, level: g.level || "", received: String(g.received !== false) } },
      el("td", {}, scope), el("td", { title: g.source }, g.name ? `${g.name} (${g.key})` : g.key));
    for (const level of LEVELS) {
      const here = g.level === level;
      row.append(el("td", { className: "level" }, here ? (risky ? "\u25CF\u26A0" : "\u25CF") : ""));
    }
    if (!g.level) row.cells[2].textContent = g.raw;
    row.append(el("td", {}, el("span", { className: risky ? "mark" : "" }, g.rules.join(", "))));
    body.append(row);
  }
}

let engine = null;

async function main() {
  engine = instantiate(wasmBytes);

  const source = (view) => {
    const text = view.state.doc.toString();
    const result = engine.analyze(text, options());
    state.result = result;
    $("options-error").hidden = !result.error;
    if (result.error) {
      $("options-error").textContent = result.error;
      state.ready = false;
      clearResults("No findings: fix the rule options above.");
      document.body.dataset.lintedLength = String(text.length);
      return [];
    }
    const toIndex = byteOffsets(text);
    showFindings(view, result, toIndex, text);
    showMatrix(result);
    state.ready = true;
    document.body.dataset.lintedLength = String(text.length);
    const file = result.report.files[0];
    return (file ? file.diagnostics : []).map((d) => ({
      from: toIndex(d.span.offset),
      to: toIndex(d.span.offset + d.span.length),
      severity: d.severity === "info" ? "info" : d.severity,
      source: d.code,
      message: `${d.code} ${d.message}${d.help ? "\n" + d.help : ""}`,
      actions: d.fix ? [{ name: "Fix", apply: (v) => applyFix(v, d.fix, toIndex, text) }] : [],
    }));
  };

  const initial = fromFragment() ?? clean;
  const view = new EditorView({
    parent: $("editor"),
    state: EditorState.create({
      doc: initial,
      extensions: [
        lineNumbers(), highlightActiveLine(), history(), bracketMatching(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        json(), syntaxHighlighting(defaultHighlightStyle),
        lintGutter(), linter(source, { delay: 150 }),
        EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { fontFamily: "ui-monospace, monospace" } }),
      ],
    }),
  });

  // New rule options: lint now (the editor's linter runs on edits only).
  const relint = () => view.dispatch(setDiagnostics(view.state, source(view)));
  $("select").addEventListener("change", relint);
  $("ignore").addEventListener("change", relint);
  $("sample").addEventListener("change", () => {
    const s = SAMPLES[$("sample").value];
    if (s !== undefined) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: s } });
  });
  $("share").addEventListener("click", () => share(view, false));
  $("share-anyway").addEventListener("click", () => share(view, true));
  $("share-cancel").addEventListener("click", () => { $("share-warning").hidden = true; });

  window.playground = {
    state,
    view,
    setText: (t) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } }),
    text: () => view.state.doc.toString(),
  };
  document.body.dataset.ready = "true";
}

// The manifest in the URL's fragment (`#m=` base64url of its UTF-8):
// fragments are not sent to servers.
function fromFragment() {
  const m = /^#m=([A-Za-z0-9_-]*)$/.exec(location.hash);
  if (!m) return null;
  try {
    const b64 = m[1].replace(/-/g, "+").replace(/_/g, "/");
    const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

function share(view, anyway) {
  // Asked of the engine with its own options: the page's (R007 ignored, a
  // bad selector) never decide whether a credential goes into a link.
  const holdsSecret = engine.holdsSecret(view.state.doc.toString());
  if (holdsSecret && !anyway) {
    $("share-warning").hidden = false;
    return;
  }
  $("share-warning").hidden = true;
  const bytes = new TextEncoder().encode(view.state.doc.toString());
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  const frag = "#m=" + btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  window.history.replaceState(null, "", frag);
  const done = $("share-done");
  done.hidden = false;
  done.textContent = "The link is in the address bar" + (holdsSecret ? " (it carries the secret)." : ".");
  if (navigator.clipboard) navigator.clipboard.writeText(location.href).then(() => {
    done.textContent = "Link copied" + (holdsSecret ? " (it carries the secret)." : ".");
  }, () => {});
}

main().catch((e) => {
  document.body.dataset.failed = String(e);
  $("options-error").hidden = false;
  $("options-error").textContent = "The playground could not start: " + e;
});
