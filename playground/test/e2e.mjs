// The playground in a real browser: Debian's Chromium, headless, driven by
// playwright-core (no browser is downloaded). The page is opened from
// file://, three manifests are pasted, and what it shows is checked against
// `check --format json --no-config` on the same files; a screenshot of each
// step is saved for a person to look at.
//
//   node playground/test/e2e.mjs BINARY [SCREENSHOT_DIR]
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const bin = process.argv[2];
const shots = resolve(process.argv[3] || join(root, "screenshots"));
if (!bin) {
  console.error("usage: node e2e.mjs BINARY [SCREENSHOT_DIR]");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

/** What check finds in a sample: code, line and column of each finding. */
function cliFindings(file) {
  let out;
  try {
    out = execFileSync(bin, ["check", file, "--format", "json", "--no-config"], { encoding: "utf8" });
  } catch (e) {
    out = e.stdout;
  }
  const r = JSON.parse(out);
  return {
    risk: r.files[0].risk || "none",
    findings: r.files[0].diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.column}`),
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const leaving = [];
page.on("request", (r) => {
  if (!/^(file|data|blob):/.test(r.url())) leaving.push(r.url());
});
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

const url = pathToFileURL(join(root, "dist", "index.html")).href;
await page.goto(url);
await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });

/** Paste `text` into the editor as a user would, and wait for its lint. */
async function paste(text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
  await page.waitForFunction((n) => document.body.dataset.lintedLength === String(n) && window.playground.text().length === n,
    text.length, { timeout: 15000 });
}

async function shown() {
  return page.evaluate(() => ({
    findings: [...document.querySelectorAll("#findings li")].map((li) => `${li.dataset.code}@${li.dataset.line}:${li.dataset.column}`),
    risk: document.getElementById("risk-value").textContent,
    rows: [...document.querySelectorAll("#matrix tbody tr")].map((tr) => ({
      tool: tr.dataset.tool, scope: tr.dataset.scope, level: tr.dataset.level, risky: tr.classList.contains("risky"),
    })),
    matrixNote: document.getElementById("matrix-note").hidden ? "" : document.getElementById("matrix-note").textContent,
    results: document.getElementById("results").innerText,
    underlines: document.querySelectorAll(".cm-lintRange").length,
  }));
}

const samples = ["clean", "risky", "broken"];
for (const name of samples) {
  const file = join(root, "samples", `${name}.manifest.json`);
  const text = readFileSync(file, "utf8");
  await paste(text);
  await page.waitForTimeout(200);
  const s = await shown();
  const cli = cliFindings(file);
  check(JSON.stringify(s.findings) === JSON.stringify(cli.findings),
    `${name}: the page's findings and positions are check's (${s.findings.join(" ") || "none"})`);
  check(s.risk === cli.risk, `${name}: risk rating ${s.risk} (check: ${cli.risk})`);
  check(s.underlines >= Math.min(1, s.findings.length), `${name}: findings underlined in the editor (${s.underlines})`);
  if (name === "clean") {
    check(s.rows.length > 0 && !s.rows.some((r) => r.risky), `clean: a matrix of ${s.rows.length} grants, none risky`);
  }
  if (name === "risky") {
    const dir = s.rows.find((r) => r.tool === "directory" && r.scope === "company");
    check(dir && dir.level === "admin" && dir.risky, "risky: company Directory at admin, marked risky in the matrix");
    check(!s.results.includes("whsec_9fK2mQ7xLp4RtV8nB3cZ6yH1"), "risky: the secret is not shown in the results");
    await page.click("#share");
    check(await page.isVisible("#share-warning"), "risky: sharing warns that the link would carry the secret");
    check(!(await page.evaluate(() => location.hash)), "risky: no link made before the warning is accepted");
    await page.click("#share-cancel");
  }
  if (name === "broken") {
    check(s.matrixNote.startsWith("No matrix"), "broken: no matrix, and why");
  }
  await page.screenshot({ path: join(shots, `playground-${name}.png`) });
}

// A quick fix applied in the editor: the broken sample's typographic
// quotes (pasted from a web page), replaced by S001's fix.
const fixButton = page.locator("#findings li[data-code=S001] button.fix");
check((await fixButton.count()) === 1, "broken: S001 offers a fix");
if ((await fixButton.count()) === 1) {
  await fixButton.click();
  await page.waitForFunction(() => !document.querySelector("#findings li[data-code=S001]"), null, { timeout: 15000 });
  const after = await page.evaluate(() => window.playground.text());
  check(!/[\u201C\u201D]\s*:/.test(after) && after.includes('"schema_version": "4.1"'),
    "broken: the fix put straight quotes in the editor's text");
  const s = await shown();
  check(s.rows.length === 2, `broken, fixed: it parses, and the matrix shows its ${s.rows.length} grants`);
  await page.screenshot({ path: join(shots, "playground-fixed.png") });
}

// The rule selector: ignoring R turns the risky sample's R findings off.
await paste(readFileSync(join(root, "samples", "risky.manifest.json"), "utf8"));
await page.fill("#ignore", "R");
await page.dispatchEvent("#ignore", "change");
await page.waitForFunction(() => ![...document.querySelectorAll("#findings li")].some((li) => li.dataset.code.startsWith("R")),
  null, { timeout: 15000 });
check(true, "risky with --ignore R: no R finding");
// R007 ignored: sharing still warns (the check ignores the page's options).
await page.click("#share");
check(await page.isVisible("#share-warning"), "risky with --ignore R: sharing still warns of the secret");
check(!(await page.evaluate(() => location.hash)), "risky with --ignore R: no link before the warning is accepted");
await page.click("#share-cancel");
await page.fill("#ignore", "");
await page.dispatchEvent("#ignore", "change");

// Bad rule options: no finding, fix or matrix of the earlier lint stays on
// the page (its fixes would land at stale offsets).
await paste(readFileSync(join(root, "samples", "broken.manifest.json"), "utf8"));
await page.waitForFunction(() => document.querySelector("#findings li[data-code=S001]"), null, { timeout: 15000 });
await page.fill("#select", "Z9");
await page.dispatchEvent("#select", "change");
await page.waitForSelector("#options-error:not([hidden])");
check((await page.locator("#findings li").count()) === 0 && (await page.locator("#findings button.fix").count()) === 0,
  "bad options: the earlier findings and their fixes are gone");
check((await page.locator("#matrix tbody tr").count()) === 0, "bad options: the earlier matrix is gone");
await paste(readFileSync(join(root, "samples", "risky.manifest.json"), "utf8"));
await page.click("#share");
check(await page.isVisible("#share-warning"), "bad options: sharing the risky sample still warns of the secret");
check(!(await page.evaluate(() => location.hash)), "bad options: no link before the warning is accepted");
await page.click("#share-cancel");
await paste(readFileSync(join(root, "samples", "broken.manifest.json"), "utf8"));
await page.fill("#select", "");
await page.dispatchEvent("#select", "change");
await page.waitForFunction(() => document.querySelector("#findings li[data-code=S001]"), null, { timeout: 15000 });
check(true, "good options again: the findings are back");

// A grant of a misplaced block (a 4.1 leftover oauth block) is marked as
// not received by the service account, whatever the rule options.
await paste(`{
  "schema_version": "4.1",
  "permissions": { "project": { "rfi": "readonly" } },
  "components": { "oauth": { "instances": [ { "grant_type": "client_credentials",
    "permissions": { "company": { "directory": "admin" } } } ] } }
}`);
const misplaced = page.locator('#matrix tbody tr[data-received="false"]');
check((await misplaced.count()) === 1 && /misplaced/.test(await misplaced.first().innerText()),
  "a leftover oauth block's grant is marked as not received");
check((await page.locator('#matrix tbody tr[data-received="true"]').count()) === 1, "the top-level grant is received");

// A share link restores the manifest (not the page's default, the clean
// sample), and nothing left the page.
const shared = readFileSync(join(root, "samples", "broken.manifest.json"), "utf8");
await paste(shared);
await page.click("#share");
const hash = await page.evaluate(() => location.hash);
check(hash.startsWith("#m="), "broken: the share link is in the fragment");
const fresh = await browser.newPage();
fresh.on("request", (r) => { if (!/^(file|data|blob):/.test(r.url())) leaving.push(r.url()); });
await fresh.goto(url + hash);
await fresh.waitForSelector("body[data-ready=true]");
check((await fresh.evaluate(() => window.playground.text())) === shared, "the share link restores the manifest, typographic quotes and all");

check(leaving.length === 0, `no request left the page${leaving.length ? ": " + leaving.join(", ") : ""}`);
check(errors.length === 0, `no error in the page${errors.length ? ": " + errors.join(" | ") : ""}`);
await browser.close();
console.log(`playground e2e: ${failures ? failures + " failed" : "all passed"}; screenshots in ${shots}`);
process.exit(failures ? 1 : 0);
