#!/usr/bin/env bash
# The GitHub Action's shell steps, run here with a simulated GITHUB_*
# environment: action.yml is read (its steps must be the two scripts this
# runs, with the inputs passed as documented), the install step installs the
# wheel from WHEELS offline, the check step lints a bad manifest and must
# write the SARIF report, the annotations, the job summary and the outputs.
# Usage: WHEELS=DIR PYTHON=PYTHON_WITH_PYYAML action.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
: "${WHEELS:?a directory holding the procore-manifest wheel}"
: "${PYTHON:?a python with pyyaml}"
"$PYTHON" - "$ROOT/action.yml" <<'PY'
import sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
assert a["runs"]["using"] == "composite", "a composite action"
steps = a["runs"]["steps"]
runs = [s.get("run", "") for s in steps]
assert any("action/install.sh" in r for r in runs) and any("action/check.sh" in r for r in runs), runs
uses = [s["uses"] for s in steps if "uses" in s]
assert uses == ["github/codeql-action/upload-sarif@v4"], uses
for name in ("paths", "fail-on", "args", "version", "upload-sarif", "category"):
    assert name in a["inputs"], name
print("action.yml: composite, install + check + upload-sarif@v4 + fail")
PY
SIM=$(mktemp -d)
trap 'rm -rf "$SIM"' EXIT
mkdir -p "$SIM/home" "$SIM/temp" "$SIM/work"
cp "$ROOT/fixtures/R001/company-directory-admin.manifest.json" "$SIM/work/app-manifest.json"
export HOME="$SIM/home" RUNNER_TEMP="$SIM/temp" GITHUB_ACTION_PATH="$ROOT" \
  GITHUB_PATH="$SIM/github_path" GITHUB_OUTPUT="$SIM/github_output" \
  GITHUB_STEP_SUMMARY="$SIM/summary.md" GITHUB_WORKSPACE="$SIM/work" \
  PIP_NO_INDEX=1 PIP_FIND_LINKS="$WHEELS" PIP_DISABLE_PIP_VERSION_CHECK=1
: > "$GITHUB_PATH"; : > "$GITHUB_OUTPUT"
echo "== action: install step"
version=$(grep -m1 '^version' "$ROOT/Cargo.toml" | cut -d'"' -f2)
# The step makes its own venv: no pipx, no --user install, as on any runner.
PROCORE_MANIFEST_VERSION="$version" PATH="/usr/bin:/bin" bash "$ROOT/action/install.sh"
bin_dir=$(tail -n 1 "$GITHUB_PATH")
[ -x "$bin_dir/procore-manifest" ] || { echo "action.sh: no binary in $bin_dir" >&2; exit 1; }
echo "== action: check step"
out=$(cd "$SIM/work" && PATH="$bin_dir:$PATH" INPUT_PATHS="." INPUT_FAIL_ON=error INPUT_ARGS="--no-config" \
  bash "$ROOT/action/check.sh")
echo "$out"
grep -q "^::error file=app-manifest.json" <<<"$out" || { echo "action.sh: no annotation" >&2; exit 1; }
grep -qx "exit-code=1" "$GITHUB_OUTPUT" || { echo "action.sh: outputs: $(cat "$GITHUB_OUTPUT")" >&2; exit 1; }
sarif=$(sed -n 's/^sarif=//p' "$GITHUB_OUTPUT")
"$PYTHON" -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['runs'][0]['results'], 'no results'" "$sarif"
grep -q "R001" "$GITHUB_STEP_SUMMARY" || { echo "action.sh: the job summary lacks R001" >&2; exit 1; }
first=$(tr '\n' ' ' < "$GITHUB_OUTPUT")
echo "== action: inputs split as a shell would, never run"
mkdir -p "$SIM/work/apps/a" "$SIM/work/apps/b c"
cp "$ROOT/fixtures/valid/bom-crlf.manifest.json" "$SIM/work/apps/a/manifest.json"
cp "$ROOT/fixtures/R001/company-directory-admin.manifest.json" "$SIM/work/apps/b c/manifest.json"
echo "# not a manifest" > "$SIM/work/apps/README.md"
# step PATHS ARGS: the check step in the work folder; prints exit-code.
step() {
  : > "$GITHUB_OUTPUT"
  (cd "$SIM/work" && PATH="$bin_dir:$PATH" INPUT_PATHS="$1" INPUT_FAIL_ON=error INPUT_ARGS="$2" \
    bash "$ROOT/action/check.sh" > /dev/null 2>&1)
  sed -n 's/^exit-code=//p' "$GITHUB_OUTPUT"
}
for paths in $'apps/a\n"apps/b c"' "apps/a 'apps/b c'" 'apps/**/manifest.json' 'apps/*' '"apps/b c/*"'; do
  got=$(step "$paths" $'--no-config\n--ignore "I001"')
  [ "$got" = 1 ] || { echo "action.sh: paths [$paths]: exit-code $got, want 1 (apps/b c holds R001)" >&2; exit 1; }
done
[ "$(step "'apps/a" "--no-config")" = 2 ] || { echo "action.sh: an unclosed quote must fail the step" >&2; exit 1; }
# A glob's README.md beside the manifests is not checked (it would be S001).
[ "$(step 'apps/* apps/a' "--no-config --ignore R001")" = 0 ] || { echo "action.sh: a glob's README.md was checked" >&2; exit 1; }
[ "$(step 'apps/a $(touch pwned) `touch pwned`' "--no-config")" = 2 ] || { echo "action.sh: want exit 2 (no such file)" >&2; exit 1; }
[ ! -e "$SIM/work/pwned" ] || { echo "action.sh: an input ran a command" >&2; exit 1; }
# A run that fails writes no report, and none from an earlier run is offered.
[ "$(step "apps/b\ c" "--no-config")" = 1 ] && grep -q '^sarif=' "$GITHUB_OUTPUT" || { echo "action.sh: no SARIF" >&2; exit 1; }
[ "$(step "apps/a does-not-exist" "--no-config")" = 2 ] || { echo "action.sh: want exit 2" >&2; exit 1; }
! grep -q '^sarif=' "$GITHUB_OUTPUT" || { echo "action.sh: a stale SARIF is offered after a failed run: $(cat "$GITHUB_OUTPUT")" >&2; exit 1; }
echo "action: OK (outputs: $first)"
