#!/usr/bin/env bash
# The VS Code extension (editors/vscode), packaged offline to a .vsix with
# @vscode/vsce: the built binary bundled in bin/, the manifest JSON Schemas
# (behind an if/then wrapper, so only Procore manifests are validated by
# the schema), vscode-languageclient as its one runtime dependency. The
# package must hold each, and its bundled binary must answer `--version`.
# Tools and the npm cache live outside the clone and are reused.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="${PROCORE_MANIFEST_BIN:-$ROOT/target/release/procore-manifest}"
[ -x "$BIN" ] || { echo "vscode.sh: $BIN missing (build it first)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "vscode.sh: npm is required" >&2; exit 1; }
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/procore-manifest/vscode"
OUT="${PROCORE_MANIFEST_VSIX_DIR:-$CACHE/out}"
mkdir -p "$CACHE/tools" "$CACHE/npm" "$OUT"
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

if [ ! -x "$CACHE/tools/node_modules/.bin/vsce" ]; then
  echo "== installing @vscode/vsce into $CACHE/tools"
  npm install --prefix "$CACHE/tools" --no-audit --no-fund --silent --cache "$CACHE/npm" @vscode/vsce@3 >&2
fi
VSCE="$CACHE/tools/node_modules/.bin/vsce"

EXT="$SCRATCH/procore-manifest"
cp -r "$ROOT/editors/vscode" "$EXT"
bash "$ROOT/editors/vscode/prepare.sh" "$EXT" "$BIN"
(cd "$EXT" && npm install --omit=dev --no-audit --no-fund --silent --cache "$CACHE/npm" >&2)
VERSION=$(node -p "require('$EXT/package.json').version")
VSIX="$OUT/procore-manifest-$VERSION.vsix"
(cd "$EXT" && "$VSCE" package --out "$VSIX" >&2)
echo "packaged $VSIX ($(du -h "$VSIX" | cut -f1))"

# A .vsix is a zip: read with Python's zipfile (no unzip needed).
listing=$(python3 -c 'import sys, zipfile; print("\n".join(" " + n for n in zipfile.ZipFile(sys.argv[1]).namelist()))' "$VSIX")
for entry in extension/package.json extension/extension.js extension/README.md extension/LICENSE.txt extension/icon.png \
  extension/bin/procore-manifest \
  extension/node_modules/vscode-languageclient/package.json; do
  grep -qi " $entry\$" <<<"$listing" || {
    echo "vscode.sh: $entry missing from the .vsix" >&2
    echo "$listing" >&2
    exit 1
  }
done
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("extension/bin/procore-manifest", sys.argv[2])' "$VSIX" "$SCRATCH/unpacked"
chmod +x "$SCRATCH/unpacked/extension/bin/procore-manifest"
"$SCRATCH/unpacked/extension/bin/procore-manifest" --version
echo "vscode extension: OK ($VSIX)"

# The extension's logic with a mocked vscode (restarts one at a time, the
# path setting, Show permissions from the buffer under the config setting).
node "$ROOT/.ci/integration/vscode-unit.js" "$ROOT/editors/vscode/extension.js" "$BIN"

# The extension in a real VS Code (code-server) and a real browser
# (Chromium through playwright-core): R001 and P001 in the Problems panel at
# `check`'s positions, P001's quick fix applied to the file, a web app's
# manifest.json quiet. Screenshots of each step are kept for a person.
CODE_SERVER=$(bash "$ROOT/.ci/integration/vscode-setup.sh")
SHOTS="$CACHE/screenshots"
rm -rf "$SHOTS"
node "$ROOT/.ci/integration/vscode-e2e.mjs" "$CODE_SERVER" "$VSIX" "$BIN" "$SHOTS"
ls "$SHOTS"
