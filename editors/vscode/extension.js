// The Procore App Manifest extension: a thin client of `procore-manifest lsp`
// (diagnostics, quick fixes, risk acceptances, hover and completion all come
// from the server), and the `permissions` matrix of the active manifest.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");
const { execFile } = require("child_process");
const fs = require("fs");
const path = require("path");

let client;
let output;

/** The binary: the setting, else one on PATH, else the bundled one. */
function findBinary(context) {
  const configured = vscode.workspace.getConfiguration("procore-manifest").get("path");
  if (configured) {
    return fs.existsSync(configured) ? configured : null;
  }
  const exe = process.platform === "win32" ? "procore-manifest.exe" : "procore-manifest";
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const candidate = path.join(dir, exe);
    if (dir && fs.existsSync(candidate)) {
      return candidate;
    }
  }
  const bundled = context.asAbsolutePath(path.join("bin", exe));
  return fs.existsSync(bundled) ? bundled : null;
}

function settings() {
  const c = vscode.workspace.getConfiguration("procore-manifest");
  return { config: c.get("config") || "", select: c.get("select") || [], ignore: c.get("ignore") || [] };
}

async function start(context) {
  const binary = findBinary(context);
  if (!binary) {
    vscode.window.showErrorMessage(
      "Procore App Manifest: no procore-manifest binary found. Set `procore-manifest.path`, or put procore-manifest on PATH " +
        "(from a clone of the repository: `cargo install --path . --locked`)."
    );
    return;
  }
  client = new LanguageClient(
    "procore-manifest",
    "Procore App Manifest",
    { command: binary, args: ["lsp"] },
    {
      // Every JSON document; the server answers only in Procore manifests.
      documentSelector: [
        { scheme: "file", language: "json" },
        { scheme: "file", language: "jsonc" },
        { scheme: "untitled", language: "json" },
      ],
      initializationOptions: settings(),
      outputChannel: output,
    }
  );
  await client.start();
}

async function restart(context) {
  if (client) {
    await client.stop();
    client = undefined;
  }
  await start(context);
}

/** `procore-manifest permissions` of the active manifest, in the output channel. */
function showPermissions(context) {
  const editor = vscode.window.activeTextEditor;
  const binary = findBinary(context);
  if (!editor || !binary) {
    vscode.window.showWarningMessage("Procore App Manifest: open a manifest first.");
    return;
  }
  const file = editor.document.uri.fsPath;
  execFile(binary, ["permissions", file], { cwd: path.dirname(file) }, (error, stdout, stderr) => {
    output.clear();
    output.appendLine(stdout || stderr || (error && error.message) || "");
    output.show(true);
  });
}

async function activate(context) {
  output = vscode.window.createOutputChannel("Procore App Manifest");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("procore-manifest.restartServer", () => restart(context)),
    vscode.commands.registerCommand("procore-manifest.showPermissions", () => showPermissions(context)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("procore-manifest")) {
        restart(context);
      }
    })
  );
  await start(context);
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
