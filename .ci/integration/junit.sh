#!/usr/bin/env bash
# JUnit and GitLab reports read by real consumers: xmllint (libxml2, Debian)
# checks the JUnit XML is well-formed, junitparser (PyPI, the parser many CI
# plugins use) reads it and must agree with our JSON report on suites, cases
# and failures. Fails, never skips, when a tool cannot be installed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="${PROCORE_MANIFEST_BIN:-$ROOT/target/release/procore-manifest}"
[ -x "$BIN" ] || { echo "junit.sh: $BIN missing (run cargo build --release first)" >&2; exit 1; }
if ! command -v xmllint >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
fi
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
python3 -m venv "$SCRATCH/venv"
"$SCRATCH/venv/bin/pip" install --quiet --disable-pip-version-check junitparser
cd "$ROOT"
set +e
"$BIN" check fixtures/ --no-config --format junit="$SCRATCH/report.xml" --format json="$SCRATCH/report.json" --format gitlab="$SCRATCH/gl.json" > /dev/null
code=$?
set -e
[ "$code" -eq 1 ] || { echo "junit.sh: check exited $code, expected 1" >&2; exit 1; }
xmllint --noout "$SCRATCH/report.xml"
"$SCRATCH/venv/bin/python" - "$SCRATCH/report.xml" "$SCRATCH/report.json" "$SCRATCH/gl.json" <<'PY'
import json, sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromfile(sys.argv[1])
report = json.load(open(sys.argv[2]))
suites = list(xml)
files = report["files"]
assert len(suites) == len(files), (len(suites), len(files))
active = [d for f in files for d in f["diagnostics"] if "suppressed" not in d]
want_failures = sum(1 for d in active if d["severity"] in ("error", "warning"))
failures = sum(1 for s in suites for c in s for r in c.result if isinstance(r, Failure))
assert failures == want_failures, (failures, want_failures)
for s, f in zip(suites, files):
    props = {p.name: p.value for p in s.properties()}
    assert props.get("risk") == (f["risk"] or "unknown"), (s.name, props, f["risk"])
gl = json.load(open(sys.argv[3]))
assert len(gl) == len(active), (len(gl), len(active))
assert len({i["fingerprint"] for i in gl}) == len(gl), "GitLab fingerprints must be unique"
for i in gl:
    assert i["severity"] in ("info", "minor", "major", "critical", "blocker"), i
    assert isinstance(i["location"]["lines"]["begin"], int) and i["location"]["lines"]["begin"] >= 1
print(f"junit/gitlab integration: OK ({len(suites)} suites, {failures} failures, {len(gl)} code quality issues)")
PY
