// The VS Code extension end to end in a real VS Code (code-server) driven
// by a real browser (Debian's Chromium through playwright-core): open a bad
// manifest, see R001 and P001 in the Problems panel at the positions
// `check` gives, apply P001's quick fix, see the file change on disk; a web
// app's manifest.json stays quiet. A screenshot of each step is kept.
// Usage: node vscode-e2e.mjs CACHE VSIX BIN SHOTS_DIR
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const [cache, vsix, bin, shots] = process.argv.slice(2);
const require = createRequire(path.join(cache, "package.json"));
const { chromium } = require("playwright-core");
const entry = path.join(cache, "node_modules/code-server/out/node/entry.js");
fs.mkdirSync(shots, { recursive: true });

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pm-vscode-"));
const folder = path.join(work, "repo");
fs.mkdirSync(path.join(folder, "apps/sync"), { recursive: true });
fs.mkdirSync(path.join(folder, "web"), { recursive: true });
const manifest = path.join(folder, "apps/sync/manifest.json");
fs.writeFileSync(
  manifest,
  `{
  "schema_version": "4.1",
  "app_manifest": { "name": "Acme Sync" },
  "post_installation_instruction": {
    "notes": "Connect your Acme account, then pick the projects to sync.",
    "page": { "url": "https://help.acme.io/procore/setup", "label": "Setup guide" }
  },
  "permissions": {
    "company": { "directory": "admin" },
    "project": { "rfi": "Read Only" }
  }
}
`
);
fs.writeFileSync(
  path.join(folder, "web/manifest.json"),
  // Another product's manifest with a `schema_version` of its own (an AI
  // plugin's "v1"): no Procore evidence, so no problem of any source.
  `{ "schema_version": "v1", "name_for_human": "My plugin", "name": "My PWA", "start_url": "/", "icons": [] }\n`
);

// Where `check` puts R001 and P001: the Problems panel must agree.
let concise = "";
try {
  execFileSync(bin, ["check", "--no-config", "--format", "concise", manifest], { encoding: "utf8" });
} catch (e) {
  concise = e.stdout;
}
const expected = {};
for (const line of concise.split("\n")) {
  const m = line.match(/:(\d+):(\d+): \w+\[(R001|P001)\]/);
  if (m) expected[m[3]] = `Ln ${m[1]}, Col ${m[2]}`;
}
if (!expected.R001 || !expected.P001) throw new Error(`check did not give R001 and P001:\n${concise}`);

const ext = path.join(work, "extensions");
const data = path.join(work, "data");
fs.mkdirSync(path.join(data, "User"), { recursive: true });
fs.writeFileSync(
  path.join(data, "User/settings.json"),
  JSON.stringify({ "workbench.startupEditor": "none", "explorer.compactFolders": false, "telemetry.telemetryLevel": "off", "extensions.autoCheckUpdates": false })
);
execFileSync("node", [entry, "--extensions-dir", ext, "--user-data-dir", data, "--install-extension", vsix], {
  stdio: "inherit",
});
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(
  "node",
  [entry, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry", "--disable-workspace-trust",
    "--extensions-dir", ext, "--user-data-dir", data, folder],
  { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PATH: "/usr/bin:/bin" } }
);
let serverLog = "";
server.stdout.on("data", (d) => (serverLog += d));
server.stderr.on("data", (d) => (serverLog += d));

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
let failed = null;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const deadline = Date.now() + 60000;
  for (;;) {
    try {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
      break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  // A cold code-server (its first start on a machine under memory pressure)
  // can leave the first page blank: reload once before giving up.
  try {
    await page.waitForSelector(".monaco-workbench", { timeout: 90000 });
  } catch (e) {
    console.error(`no workbench after 90 s (${e.name}): reloading once`);
    await page.reload();
    await page.waitForSelector(".monaco-workbench", { timeout: 120000 });
  }
  // The folder's tree is there once the workspace has loaded.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row[aria-label*="apps"], .explorer-folders-view .monaco-list-row:has-text("apps")', { timeout: 60000 });
  await page.screenshot({ path: path.join(shots, "1-workbench.png") });

  // Files are opened from the explorer, as a person does.
  const row = (name) => page.locator(".explorer-folders-view .monaco-list-row", { hasText: name });
  const openFromTree = async (folders, nth) => {
    for (const f of folders) {
      // Select the folder, then expand it (Right expands a collapsed one).
      await row(f).first().click();
      await page.waitForTimeout(300);
      if ((await row(f).first().getAttribute("aria-expanded")) !== "true") {
        await page.keyboard.press("ArrowRight");
      }
      await page.waitForTimeout(500);
    }
    await page.screenshot({ path: path.join(shots, "0-tree.png") });
    await row("manifest.json").nth(nth).click();
    await page.waitForSelector(".editor-instance .monaco-editor .view-lines", { timeout: 20000 });
  };
  await openFromTree(["apps", "sync"], 0);
  await page.keyboard.press("Control+Shift+M");
  const problems = page.locator(".markers-panel");
  await problems.waitFor({ timeout: 20000 });
  const rowsText = async () => (await problems.innerText()).replace(/\s+/g, " ");
  const until = Date.now() + 90000;
  let text = "";
  while (Date.now() < until) {
    text = await rowsText();
    if (text.includes("R001") && text.includes("P001")) break;
    await page.waitForTimeout(500);
  }
  await page.screenshot({ path: path.join(shots, "2-problems.png") });
  for (const code of ["R001", "P001"]) {
    if (!text.includes(code)) throw new Error(`${code} not in the Problems panel: ${text}`);
    const at = text.indexOf(code);
    const near = text.slice(Math.max(0, at - 400), at + 400);
    if (!near.includes(expected[code])) throw new Error(`${code}: expected [${expected[code]}] near it: ${near}`);
  }

  // One source of problems: the server's findings, never a JSON Schema's
  // repeat of them ("Value is not accepted" beside P001).
  if (/Value is not accepted|is not allowed|Incorrect type|does not match the pattern|Missing property/.test(text)) {
    throw new Error(`a JSON schema's problem beside the server's findings: ${text}`);
  }

  // P001's quick fix: the cursor on the finding, the quick fix menu, its first action.
  const [line, col] = expected.P001.match(/\d+/g);
  await page.keyboard.press("Control+G");
  await page.waitForSelector(".quick-input-widget input", { timeout: 20000 });
  await page.keyboard.type(`${line}:${Number(col) + 1}`);
  await page.keyboard.press("Enter");
  await page.waitForTimeout(500);
  await page.keyboard.press("Control+.");
  await page.waitForSelector(".action-widget", { timeout: 20000 });
  await page.screenshot({ path: path.join(shots, "3-quick-fix.png") });
  await page.keyboard.press("Enter");
  await page.waitForTimeout(1000);
  await page.keyboard.press("Control+S");
  const saved = Date.now() + 20000;
  while (Date.now() < saved && !fs.readFileSync(manifest, "utf8").includes('"rfi": "readonly"')) {
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: path.join(shots, "4-fixed.png") });
  if (!fs.readFileSync(manifest, "utf8").includes('"rfi": "readonly"')) {
    throw new Error(`the quick fix did not change the file:\n${fs.readFileSync(manifest, "utf8")}`);
  }

  // Another product's manifest.json stays quiet.
  await row("web").first().click();
  await page.waitForTimeout(300);
  if ((await row("web").first().getAttribute("aria-expanded")) !== "true") {
    await page.keyboard.press("ArrowRight");
  }
  await page.waitForTimeout(500);
  await row("manifest.json").nth(1).click();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: path.join(shots, "5-web-manifest.png") });
  const webText = await rowsText();
  // The Problems panel lists only files with problems: the web app's
  // manifest must not be among them (no finding, no schema warning).
  if (webText.includes("manifest.json web")) {
    throw new Error(`the web app manifest got problems: ${webText}`);
  }
  // Nor may the Procore manifest have any problem but the findings.
  if (/\$ref|can not be resolved|Unable to load schema/.test(webText)) {
    throw new Error(`the schema did not load: ${webText}`);
  }
  console.log(`vscode e2e: R001 at ${expected.R001}, P001 at ${expected.P001}, quick fix applied; screenshots in ${shots}`);
} catch (e) {
  failed = e;
} finally {
  await browser.close();
  server.kill();
}
if (failed) {
  console.error(serverLog.slice(-4000));
  console.error(failed);
  process.exit(1);
}
