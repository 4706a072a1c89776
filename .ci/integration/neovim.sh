#!/usr/bin/env bash
# A real editor: Neovim (Debian package, 0.7.x) headless starts
# `procore-manifest lsp`, waits for diagnostics, checks their codes and
# positions, applies a quick fix. Fails, never skips, when Neovim cannot be
# installed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="${PROCORE_MANIFEST_BIN:-$ROOT/target/release/procore-manifest}"
[ -x "$BIN" ] || { echo "neovim.sh: $BIN missing (run cargo build --release first)" >&2; exit 1; }
if ! command -v nvim >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi
nvim --version | head -1
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
cat > "$SCRATCH/manifest.json" <<'JSON'
{
  "schema_version": "4.1",
  "app_manifest": { "name": "Café 😀 Sync" }, "permissions": { "company": { "directory": "admin" }, "project": { "rfi": "Read Only" } },
  "post_installation_instruction": { "notes": "Connect your account.", "page": { "url": "https://help.acme.io/setup", "label": "Setup" } }
}
JSON
PM_BIN="$BIN" PM_FILE="$SCRATCH/manifest.json" timeout 120 \
  nvim --headless -u NONE -i NONE -n -c "luafile $ROOT/.ci/integration/neovim.lua"
echo   # nvim's last message ends without a newline
