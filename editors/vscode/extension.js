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
// Starts and stops, one at a time: a settings change made while the server
// starts waits for it, then restarts it (stopping a client that is still
// starting throws, and the change was lost).
let queue = Promise.resolve();

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The first workspace folder's path, if any. */
function workspaceFolder() {
  const folders = vscode.workspace.workspaceFolders;
  return folders && folders.length && folders[0].uri.scheme === "file" ? folders[0].uri.fsPath : null;
}

/**
 * A path from a setting, as a person writes it: `~/…`, `${workspaceFolder}`,
 * `${userHome}`, or relative to the first workspace folder.
 */
function resolveSetting(p) {
  const home = require("os").homedir();
  const folder = workspaceFolder();
  // Replaced by functions: a `$&` or `$'` in a folder's name is text.
  let out = p.replace(/\$\{userHome\}/g, () => home);
  if (folder) out = out.replace(/\$\{workspaceFolder\}/g, () => folder);
  if (out === "~" || out.startsWith("~/") || out.startsWith("~\\")) out = path.join(home, out.slice(1));
  if (!path.isAbsolute(out) && folder) out = path.join(folder, out);
  return out;
}

/**
 * The binary: the setting, else one on PATH, else the bundled one.
 * `{ binary }`, or `{ why }` when there is none (said to the person).
 */
function findBinary(context) {
  const configured = vscode.workspace.getConfiguration("procore-manifest").get("path");
  if (configured) {
    const resolved = resolveSetting(configured);
    return isFile(resolved)
      ? { binary: resolved }
      : { why: `the setting procore-manifest.path names ${resolved}, which is no file` };
  }
  const exe = process.platform === "win32" ? "procore-manifest.exe" : "procore-manifest";
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const candidate = path.join(dir, exe);
    if (dir && isFile(candidate)) {
      return { binary: candidate };
    }
  }
  const bundled = context.asAbsolutePath(path.join("bin", exe));
  return isFile(bundled)
    ? { binary: bundled }
    : { why: "no procore-manifest binary found. Set `procore-manifest.path`, or put procore-manifest on PATH " +
        "(from a clone of the repository: `cargo install --path . --locked`)" };
}

/** The server's options: the config setting resolved as `path` is (`~/…`, `${workspaceFolder}`). */
function settings() {
  const c = vscode.workspace.getConfiguration("procore-manifest");
  const config = c.get("config") || "";
  return { config: config ? resolveSetting(config) : "", select: c.get("select") || [], ignore: c.get("ignore") || [] };
}

async function start(context) {
  const { binary, why } = findBinary(context);
  if (!binary) {
    vscode.window.showErrorMessage(`Procore App Manifest: ${why}.`);
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

/** Run `job` after every earlier start or stop has ended (failed ones too). */
function serialized(job) {
  queue = queue.then(job, job).catch((e) => {
    if (output) output.appendLine(`procore-manifest: ${e && e.message ? e.message : e}`);
  });
  return queue;
}

async function stop() {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop();
    } catch (e) {
      // A client that never started (its binary could not run) cannot be
      // stopped: it is gone either way.
      if (output) output.appendLine(`procore-manifest: ${e && e.message ? e.message : e}`);
    }
  }
}

function restart(context) {
  return serialized(async () => {
    await stop();
    await start(context);
  });
}

/**
 * `procore-manifest permissions` of the active manifest, in the output
 * channel: the editor's text (saved or not, untitled too) on standard
 * input, under the config the server uses (the setting's, else the nearest
 * one above the file).
 */
function showPermissions(context) {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    vscode.window.showWarningMessage("Procore App Manifest: open a manifest first.");
    return;
  }
  const { binary, why } = findBinary(context);
  if (!binary) {
    vscode.window.showErrorMessage(`Procore App Manifest: ${why}.`);
    return;
  }
  const doc = editor.document;
  const onDisk = doc.uri.scheme === "file";
  const args = ["permissions", "-"];
  if (onDisk) args.push("--stdin-filename", doc.uri.fsPath);
  const config = settings().config;
  if (config) args.push("--config", config);
  // A folder that exists (a file deleted on disk may still be open).
  const cwd = [onDisk ? path.dirname(doc.uri.fsPath) : null, workspaceFolder()].find((d) => {
    try {
      return d && fs.statSync(d).isDirectory();
    } catch {
      return false;
    }
  });
  const child = execFile(binary, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
    output.clear();
    output.appendLine(stdout || stderr || (error && error.message) || "");
    output.show(true);
  });
  child.stdin.on("error", () => {}); // the binary may exit before reading it all
  child.stdin.end(doc.getText());
}

async function activate(context) {
  output = vscode.window.createOutputChannel("Procore App Manifest");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("procore-manifest.restartServer", () => restart(context)),
    vscode.commands.registerCommand("procore-manifest.showPermissions", () => showPermissions(context)),
    vscode.workspace.onDidChangeConfiguration((e) =>
      e.affectsConfiguration("procore-manifest") ? restart(context) : undefined
    )
  );
  await serialized(() => start(context));
}

function deactivate() {
  return serialized(stop);
}

module.exports = { activate, deactivate };
