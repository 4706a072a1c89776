#!/usr/bin/env bash
# Validates the SARIF report of the bundled fixtures with Microsoft's SARIF
# Multitool (`validate`, with the SARIF, GitHub and GitHub Advanced Security
# rule sets), the validator GitHub points SARIF producers to.
#
# Expects target/release/procore-manifest (build it first); needs node and
# npm. The multitool comes from npm (@microsoft/sarif-multitool, which ships a
# self-contained native binary per platform: no .NET runtime needed) into a
# scratch folder. Fails, never skips, when the tool cannot be installed or
# finds an error or a warning.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN="${PROCORE_MANIFEST_BIN:-target/release/procore-manifest}"
MULTITOOL_VERSION="${SARIF_MULTITOOL_VERSION:-5.7.0}"

fail() {
  echo "sarif.sh: $*" >&2
  exit 1
}

[ -x "$BIN" ] || fail "$BIN not found: build it first (cargo build --release --locked)"
command -v node > /dev/null || fail "node is required (Debian: apt-get install nodejs npm)"
command -v npm > /dev/null || fail "npm is required (Debian: apt-get install npm)"

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

echo "== installing @microsoft/sarif-multitool@$MULTITOOL_VERSION"
npm install --prefix "$SCRATCH" --no-audit --no-fund --loglevel=error \
  "@microsoft/sarif-multitool@$MULTITOOL_VERSION" >&2 \
  || fail "cannot install @microsoft/sarif-multitool from npm"
# The package's own launcher (bin.js) runs the binary through a shell, which
# splits `;`-separated option values: call the native binary directly.
MULTITOOL="$(node -e 'process.stdout.write(require(process.argv[1]))' \
  "$SCRATCH/node_modules/@microsoft/sarif-multitool")" \
  || fail "no SARIF Multitool binary for this platform ($(uname -sm))"
[ -f "$MULTITOOL" ] || fail "the SARIF Multitool binary is missing: $MULTITOOL"
chmod u+x "$MULTITOOL" # its postinstall does this, when npm runs install scripts
# A self-contained .NET binary: without ICU installed it needs invariant globalization.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
"$MULTITOOL" --version || fail "the SARIF Multitool does not run"

echo "== procore-manifest check fixtures/ --format sarif (exit 1 expected: the fixtures have findings)"
set +e
"$BIN" check fixtures/ --format "sarif=$SCRATCH/out.sarif"
code=$?
set -e
[ "$code" -eq 1 ] || fail "check fixtures/ exited $code, expected 1"
[ -s "$SCRATCH/out.sarif" ] || fail "no SARIF report written"

# The multitool exits 0 whatever it finds: read its own SARIF log instead.
validate() { # INPUT LOG [quiet]
  if [ -n "${3:-}" ]; then
    "$MULTITOOL" validate --rule-kind "Sarif;Gh;Ghas" --level "Error;Warning" \
      --output "$2" "$1" > /dev/null || fail "sarif validate failed to run on $1"
  else
    "$MULTITOOL" validate --rule-kind "Sarif;Gh;Ghas" --level "Error;Warning" \
      --output "$2" "$1" || fail "sarif validate failed to run on $1"
  fi
  [ -s "$2" ] || fail "sarif validate wrote no log for $1"
}

echo "== sarif validate (rule kinds Sarif, Gh, Ghas; levels error and warning)"
validate "$SCRATCH/out.sarif" "$SCRATCH/validation.sarif"

# A canary: the same report with one region made invalid. The multitool
# silently skips a document it cannot deserialize (an unknown enum value,
# say) and reports nothing; the canary's error proves it read ours.
node -e '
  const fs = require("fs");
  const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const results = log.runs[0].results;
  if (!results.length) { console.error("sarif.sh: the fixtures report has no results"); process.exit(1); }
  results[0].locations[0].physicalLocation.region.startLine = 0;
  fs.writeFileSync(process.argv[2], JSON.stringify(log, null, 2));
' "$SCRATCH/out.sarif" "$SCRATCH/canary.sarif"
echo "== sarif validate on a canary copy with one planted error (it must be found)"
validate "$SCRATCH/canary.sarif" "$SCRATCH/canary-validation.sarif" quiet

node -e '
  const fs = require("fs");
  const read = (p) => JSON.parse(fs.readFileSync(p, "utf8"));
  let bad = 0;
  const problem = (m) => { console.error("sarif.sh: " + m); bad++; };

  // What the validator found in our report.
  const findings = (log) => log.runs.flatMap((run) => run.results || []);
  const notices = (log) => log.runs.flatMap((run) => (run.invocations || []).flatMap((i) => {
    if (i.executionSuccessful === false) problem("the validator reports an unsuccessful run");
    return [...(i.toolExecutionNotifications || []), ...(i.toolConfigurationNotifications || [])];
  }));
  const v = read(process.argv[1]);
  for (const r of findings(v)) {
    const where = (r.locations || []).map((l) => l.physicalLocation && l.physicalLocation.region
      ? "line " + l.physicalLocation.region.startLine : "").join(" ");
    problem(`${r.level || "warning"} ${r.ruleId} ${where}: ${JSON.stringify(r.message.arguments || r.message.text || "")}`);
  }
  for (const n of notices(v)) {
    if (n.level === "error" || n.level === "warning") problem(`validator ${n.level}: ${n.message && n.message.text}`);
  }
  const canary = findings(read(process.argv[2]));
  if (!canary.some((r) => r.ruleId === "JSON1008")) {
    problem("the validator did not read the report (the canary with startLine 0 passed)");
  }

  // GitHub code scanning upload constraints, and what CLI.md promises.
  const log = read(process.argv[3]);
  if (log.version !== "2.1.0") problem("version is not 2.1.0");
  if (!Array.isArray(log.runs) || log.runs.length !== 1) problem("not exactly one run");
  const run = log.runs[0];
  const rules = run.tool.driver.rules;
  const ids = rules.map((r) => r.id);
  const sev = { R001: "9.0", R002: "9.0", R007: "9.0", R003: "7.0", R004: "7.0", R005: "7.0", R006: "5.0" };
  for (const r of rules) {
    for (const k of ["name", "shortDescription", "fullDescription", "help", "defaultConfiguration"]) {
      if (!r[k]) problem(`rule ${r.id} has no ${k}`);
    }
    const s = (r.properties || {})["security-severity"];
    if (sev[r.id] !== undefined && s !== sev[r.id]) problem(`rule ${r.id}: security-severity ${JSON.stringify(s)}, expected "${sev[r.id]}"`);
  }
  if (!Array.isArray(run.results)) problem("results is not an array");
  for (const a of run.artifacts || []) {
    const uri = a.location.uri;
    if (uri.startsWith("/") || uri.startsWith("file:")) problem(`artifact uri ${uri} is not relative`);
  }
  for (const r of run.results || []) {
    if (!ids.includes(r.ruleId)) problem(`result ruleId ${r.ruleId} is not a rule of the driver`);
    if (!r.partialFingerprints || !r.partialFingerprints["procoreManifest/v1"]) problem(`result ${r.ruleId} has no partialFingerprints`);
    const region = r.locations[0].physicalLocation.region;
    for (const k of ["startLine", "startColumn", "endLine", "endColumn"]) {
      if (!(region[k] >= 1)) problem(`result ${r.ruleId}: ${k} ${region[k]} is not 1-based`);
    }
  }
  console.log(`sarif validate: ${findings(v).length} errors or warnings in ${run.results.length} results over ${(run.artifacts || []).length} files`);
  process.exit(bad ? 1 : 0);
' "$SCRATCH/validation.sarif" "$SCRATCH/canary-validation.sarif" "$SCRATCH/out.sarif" \
  || fail "the SARIF report is not valid"
echo "SARIF validation passed"
