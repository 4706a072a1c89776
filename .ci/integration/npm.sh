#!/usr/bin/env bash
# The npm packages, offline: the linux-x64 platform package gets the built
# binary, both packages are packed (`npm pack`), installed from the
# tarballs into a scratch project, and `npx procore-manifest check` must
# lint a bad and a good manifest with the right exit codes.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="${PROCORE_MANIFEST_BIN:-$ROOT/target/release/procore-manifest}"
[ -x "$BIN" ] || { echo "npm.sh: $BIN missing (build it first)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "npm.sh: npm is required" >&2; exit 1; }
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
cp -r "$ROOT/npm" "$SCRATCH/npm"
cp "$BIN" "$SCRATCH/npm/platforms/linux-x64/procore-manifest"
(cd "$SCRATCH" && npm pack --silent ./npm/platforms/linux-x64 ./npm/procore-manifest >/dev/null)
ls "$SCRATCH"/*.tgz
mkdir "$SCRATCH/project"
cd "$SCRATCH/project"
echo '{"name": "scratch", "version": "1.0.0", "private": true}' > package.json
# The platform package from its tarball first, then the launcher; no
# registry is asked (the optional dependency is already satisfied).
npm install --offline --no-audit --no-fund --silent \
  "$SCRATCH"/procore-manifest-cli-linux-x64-*.tgz "$SCRATCH"/procore-manifest-[0-9]*.tgz
cp "$ROOT/fixtures/R001/company-directory-admin.manifest.json" bad.manifest.json
cp "$ROOT/fixtures/valid/v41-complete.manifest.json" good.manifest.json
npx --offline procore-manifest --version
npx --offline procore-manifest check --no-config good.manifest.json
set +e
out=$(npx --offline procore-manifest check --no-config --format concise bad.manifest.json)
code=$?
set -e
echo "$out"
[ "$code" -eq 1 ] || { echo "npm.sh: the bad manifest exited $code, expected 1" >&2; exit 1; }
grep -q "R001" <<<"$out" || { echo "npm.sh: no R001 in the output" >&2; exit 1; }
echo "npm integration: OK"
