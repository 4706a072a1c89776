// The VS Code extension's logic under Node with a mocked `vscode` and
// language client (what the end-to-end run in code-server cannot time):
// restarts one at a time (a settings change made while the server starts
// reaches the server), the `path` setting as a person writes it, and "Show
// permissions" from the editor's buffer under the config setting.
// Usage: node vscode-unit.js EXTENSION_JS BINARY
"use strict";
const Module = require("module");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [extPath, bin] = process.argv.slice(2);
let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pm-vscode-unit-"));
const folder = path.join(work, "repo");
fs.mkdirSync(path.join(folder, "tools"), { recursive: true });
fs.copyFileSync(bin, path.join(folder, "tools", "procore-manifest"));
fs.chmodSync(path.join(folder, "tools", "procore-manifest"), 0o755);

let cfg = {};
let active = null;
const messages = [];
const outputText = [];
const commands = {};
const clients = [];
let startDelay = 0;
const vscode = {
  workspace: {
    getConfiguration: () => ({ get: (k) => cfg[k] }),
    onDidChangeConfiguration: (fn) => {
      vscode.workspace._changed = fn;
      return { dispose() {} };
    },
    workspaceFolders: [{ uri: { scheme: "file", fsPath: folder } }],
  },
  window: {
    showErrorMessage: (m) => messages.push(["error", m]),
    showWarningMessage: (m) => messages.push(["warning", m]),
    createOutputChannel: () => ({
      clear() { outputText.length = 0; },
      appendLine: (t) => outputText.push(t),
      show() {},
      dispose() {},
    }),
    get activeTextEditor() { return active; },
  },
  commands: { registerCommand: (id, fn) => { commands[id] = fn; return { dispose() {} }; } },
};
// A client as vscode-languageclient behaves: stop() throws while starting.
class LanguageClient {
  constructor(id, name, server, options) {
    this.server = server;
    this.init = options.initializationOptions;
    this.state = "new";
    clients.push(this);
  }
  async start() {
    this.state = "starting";
    await new Promise((r) => setTimeout(r, startDelay));
    this.state = "running";
  }
  async stop() {
    if (this.state === "starting") {
      throw new Error("Client is not running and can't be stopped. It's current state is: starting");
    }
    this.state = "stopped";
  }
}
const load = Module._load;
Module._load = function (req, ...rest) {
  if (req === "vscode") return vscode;
  if (req === "vscode-languageclient/node") return { LanguageClient };
  return load.call(this, req, ...rest);
};
const ext = require(path.resolve(extPath));
const context = { subscriptions: [], asAbsolutePath: (p) => path.join(work, "no-such-extension-dir", p) };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  // The `path` setting, relative to the first workspace folder.
  cfg = { path: "tools/procore-manifest" };
  await ext.activate(context);
  check(clients.length === 1 && clients[0].server.command === path.join(folder, "tools", "procore-manifest"),
    "a relative procore-manifest.path is the workspace folder's");
  for (const [p, want] of [
    ["${workspaceFolder}/tools/procore-manifest", path.join(folder, "tools", "procore-manifest")],
    ["~/no-such-procore-manifest", path.join(os.homedir(), "no-such-procore-manifest")],
  ]) {
    cfg = { path: p };
    messages.length = 0;
    const before = clients.length;
    await commands["procore-manifest.restartServer"]();
    const started = clients.length > before ? clients[clients.length - 1].server.command : null;
    check(started === want || (messages.length && messages[0][1].includes(want)), `path ${p} is ${want}`);
  }
  cfg = { path: path.join(folder, "tools") };
  messages.length = 0;
  await commands["procore-manifest.restartServer"]();
  check(messages.some(([, m]) => m.includes("which is no file")), "a folder as procore-manifest.path is said to be no file");

  // A settings change while the server starts: it waits, then restarts.
  cfg = { path: "tools/procore-manifest", ignore: ["S006"] };
  startDelay = 300;
  const a = commands["procore-manifest.restartServer"]();
  await sleep(50);
  cfg = { path: "tools/procore-manifest", ignore: ["S006", "R001"] };
  const b = vscode.workspace._changed({ affectsConfiguration: () => true });
  await Promise.all([a, b]);
  const last = clients[clients.length - 1];
  check(last.state === "running" && JSON.stringify(last.init.ignore) === '["S006","R001"]',
    `the change made while starting reaches the server (${JSON.stringify(last.init.ignore)})`);
  check(clients.filter((c) => c.state === "running").length === 1, "one server runs");
  // The config setting reaches the server resolved as the path setting is.
  cfg = { path: "tools/procore-manifest", config: "~/team.toml" };
  await commands["procore-manifest.restartServer"]();
  check(clients[clients.length - 1].init.config === path.join(os.homedir(), "team.toml"),
    `the config setting is resolved for the server (${clients[clients.length - 1].init.config})`);
  startDelay = 0;

  // Show permissions: the unsaved buffer on stdin, under the config setting.
  fs.writeFileSync(path.join(folder, "team.toml"), '[catalog]\ncompany-tools = { acme_tool = ["none", "readonly", "admin"] }\n');
  const text = '{"schema_version": "4.1", "permissions": {"company": {"acme_tool": "readonly"}}}';
  cfg = { path: "tools/procore-manifest", config: "team.toml" };
  await commands["procore-manifest.restartServer"]();
  const show = async (doc) => {
    active = { document: doc };
    outputText.length = 0;
    commands["procore-manifest.showPermissions"]();
    for (let i = 0; i < 100 && !outputText.length; i++) await sleep(50);
    return outputText.join("\n");
  };
  let out = await show({ uri: { scheme: "file", fsPath: path.join(folder, "apps", "manifest.json") }, getText: () => text });
  check(/acme_tool/.test(out) && !/P002/.test(out), `the unsaved buffer under the config setting: ${out.split("\n")[0]}`);
  out = await show({ uri: { scheme: "untitled", fsPath: "Untitled-1" }, getText: () => text });
  check(/acme_tool/.test(out) && !/no such file/.test(out), "an untitled document too");
  cfg = { path: path.join(folder, "nothing-here") };
  messages.length = 0;
  await show({ uri: { scheme: "file", fsPath: path.join(folder, "m.json") }, getText: () => text }).catch(() => {});
  check(messages.some(([k, m]) => k === "error" && m.includes("which is no file")), "no binary: said so, not 'open a manifest first'");

  await ext.deactivate();
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`vscode unit: ${failures ? failures + " failed" : "all passed"}`);
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
