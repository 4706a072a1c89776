#!/usr/bin/env bash
# A second real editor: Emacs (Debian emacs-nox with elpa-eglot) in batch
# mode connects eglot to `procore-manifest lsp', waits for diagnostics,
# checks their codes and applies a quick fix. Fails, never skips, when Emacs
# or eglot cannot be installed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="${PROCORE_MANIFEST_BIN:-$ROOT/target/release/procore-manifest}"
[ -x "$BIN" ] || { echo "emacs.sh: $BIN missing (build it first)" >&2; exit 1; }
if ! command -v emacs >/dev/null 2>&1 || [ ! -d /usr/share/emacs/site-lisp/elpa/eglot-1.9 ] && ! ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq emacs-nox elpa-eglot >/dev/null
fi
emacs --version | head -1
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
cat > "$SCRATCH/manifest.json" <<'JSON'
{
  "schema_version": "4.1",
  "permissions": { "company": { "directory": "admin" }, "project": { "rfi": "Read Only" } },
  "post_installation_instruction": { "notes": "Connect your account.", "page": { "url": "https://help.acme.io/setup", "label": "Setup" } }
}
JSON
PM_BIN="$BIN" PM_FILE="$SCRATCH/manifest.json" HOME="$SCRATCH" timeout 120 \
  emacs --batch -Q -l "$ROOT/.ci/integration/emacs.el"
echo "emacs integration: OK"
