#!/usr/bin/env bash
# The playground (playground/): the library compiled to WebAssembly with
# wasm-bindgen (its CLI installed from crates.io at Cargo.lock's version,
# cached outside the clone), the page bundled with esbuild (npm), then:
# - every fixture linted through the WebAssembly build gives the JSON
#   report `check --format json --no-config` gives, byte for byte but for
#   the path (Node);
# - the page in Debian's Chromium, headless, driven by playwright-core: three
#   manifests pasted, findings, positions, matrix, risk rating, a quick fix,
#   the rule selector, the share link and its secret warning, no request
#   leaving the page; a screenshot of each step.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="${PROCORE_MANIFEST_BIN:-$ROOT/target/release/procore-manifest}"
[ -x "$BIN" ] || { echo "playground.sh: $BIN missing (build it first)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "playground.sh: npm is required" >&2; exit 1; }
SHOTS="${XDG_CACHE_HOME:-$HOME/.cache}/procore-manifest/playground/screenshots"

if [ ! -x /usr/bin/chromium ]; then
  echo "== apt-get: chromium" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi

bash "$ROOT/playground/build.sh"
node "$ROOT/playground/test/parity.mjs" "$BIN" "$ROOT/fixtures"
node "$ROOT/playground/test/e2e.mjs" "$BIN" "$SHOTS"
for f in clean risky broken fixed; do
  python3 - "$SHOTS/playground-$f.png" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, f"{sys.argv[1]}: not a real screenshot"
PY
done
echo "playground: screenshots in $SHOTS"
