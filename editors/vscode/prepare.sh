#!/usr/bin/env bash
# Fill an extension folder for packaging: prepare.sh EXT_DIR BINARY SCHEMAS_DIR.
# The binary goes to bin/, the manifest schemas to schemas/, with a wrapper
# that applies them only to files showing Procore evidence (a web app's or
# a browser extension's manifest.json is left alone).
set -euo pipefail
EXT=$1 BIN=$2 SCHEMAS=$3
mkdir -p "$EXT/bin" "$EXT/schemas"
case "$BIN" in
  *.exe) NAME=procore-manifest.exe ;;
  *) NAME=procore-manifest ;;
esac
cp "$BIN" "$EXT/bin/$NAME"
chmod +x "$EXT/bin/$NAME"
cp "$SCHEMAS"/manifest*.schema.json "$EXT/schemas/"
cat > "$EXT/schemas/procore-manifest-if-procore.schema.json" <<'JSON'
{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "Procore App manifest (applied only to a file that shows Procore evidence)",
  "if": {
    "type": "object",
    "anyOf": [
      { "required": ["schema_version"] },
      { "required": ["app_manifest"] },
      { "required": ["post_installation_instruction"] },
      { "required": ["permissions"], "properties": { "permissions": { "type": "object", "anyOf": [ { "required": ["company"] }, { "required": ["project"] } ] } } }
    ]
  },
  "then": { "$ref": "./manifest.schema.json" }
}
JSON
