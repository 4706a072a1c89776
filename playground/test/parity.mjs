// The playground finds what the command line finds: every fixture linted
// through the WebAssembly build and by `check --format json --no-config`,
// compared byte for byte once the file's path is removed.
//
//   node playground/test/parity.mjs BINARY FIXTURES_DIR
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { instantiate } from "../src/engine.js";

const [bin, fixtures] = process.argv.slice(2);
if (!bin || !fixtures) {
  console.error("usage: node parity.mjs BINARY FIXTURES_DIR");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const engine = instantiate(readFileSync(join(here, "..", "build", "procore_manifest_bg.wasm")));

function files(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return name.toLowerCase().endsWith(".json") ? [p] : [];
  });
}

// The only difference allowed: the file's path.
const unpath = (s) => s.replace(/^(    \{\n      "path": )".*",$/m, '$1"",');

let same = 0;
const differ = [];
for (const f of files(fixtures)) {
  let cli;
  try {
    cli = execFileSync(bin, ["check", f, "--format", "json", "--no-config"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch (e) {
    cli = e.stdout; // exit 1 with findings
  }
  const wasm = engine.lintReport(new Uint8Array(readFileSync(f)));
  if (unpath(cli) === unpath(wasm)) same++;
  else differ.push(f);
}
console.log(`playground parity: ${same} of ${same + differ.length} fixtures give the same JSON report as check`);
if (differ.length || same === 0) {
  for (const f of differ.slice(0, 10)) console.error(`  differs: ${f}`);
  process.exit(1);
}
