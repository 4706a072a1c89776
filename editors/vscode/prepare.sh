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
# The wrapper holds the whole schema under `then`, its definitions at the
# wrapper's root so its `#/$defs/...` references resolve (a `$ref` to the
# file left VS Code unable to resolve them).
node - "$SCHEMAS" "$EXT/schemas/procore-manifest-if-procore.schema.json" <<'JS'
// One self-contained schema: the combined schema with its references to
// the 4.1 and 3.x schemas (absolute URLs, which an offline editor cannot
// fetch) replaced by their bodies, and every definition at the root.
const fs = require("fs");
const path = require("path");
const [dir, to] = process.argv.slice(2);
const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
const combined = read("manifest.schema.json");
const byId = {};
const defs = {};
for (const name of ["manifest-4.1.schema.json", "manifest-3.schema.json"]) {
  const s = read(name);
  for (const [k, v] of Object.entries(s.$defs || {})) {
    if (defs[k] && JSON.stringify(defs[k]) !== JSON.stringify(v)) throw new Error(`two definitions of ${k}`);
    defs[k] = v;
  }
  const body = { ...s };
  for (const k of ["$defs", "$schema", "$id"]) delete body[k];
  byId[s.$id] = body;
}
const inline = (v) => {
  if (Array.isArray(v)) return v.map(inline);
  if (v && typeof v === "object") {
    if (typeof v.$ref === "string" && byId[v.$ref]) return inline(byId[v.$ref]);
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = inline(x);
    return out;
  }
  return v;
};
const then = inline(combined);
for (const [k, v] of Object.entries(then.$defs || {})) defs[k] = defs[k] || v;
for (const k of ["$defs", "$schema", "$id"]) delete then[k];
const wrapper = {
  $schema: combined.$schema,
  title: "Procore App manifest (applied only to a file that shows Procore evidence)",
  $defs: defs,
  if: {
    type: "object",
    anyOf: [
      { required: ["schema_version"] },
      { required: ["app_manifest"] },
      { required: ["post_installation_instruction"] },
      {
        required: ["permissions"],
        properties: { permissions: { type: "object", anyOf: [{ required: ["company"] }, { required: ["project"] }] } },
      },
    ],
  },
  then,
};
const text = JSON.stringify(wrapper, null, 2);
if (/"\$ref": "https?:/.test(text)) throw new Error("an external $ref is left");
fs.writeFileSync(to, text + "\n");
JS
