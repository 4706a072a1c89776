#!/usr/bin/env bash
# Fill an extension folder for packaging: prepare.sh EXT_DIR BINARY.
# The binary goes to bin/. No JSON Schema is bundled: the language server
# validates the structure itself, under the project's config (a schema of
# the editor's own repeated its findings and ignored `ignore`/`[[allow]]`).
set -euo pipefail
EXT=$1 BIN=$2
mkdir -p "$EXT/bin"
case "$BIN" in
  *.exe) NAME=procore-manifest.exe ;;
  *) NAME=procore-manifest ;;
esac
cp "$BIN" "$EXT/bin/$NAME"
chmod +x "$EXT/bin/$NAME"
