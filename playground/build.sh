#!/usr/bin/env bash
# Build the playground: the library's pure core compiled to WebAssembly
# (no `native` feature: no file system, threads or allocator of its own),
# then one page in playground/dist/ (index.html, style.css, app.js with the
# module inside) that works from file:// or any static host.
#
#   playground/build.sh            build
#   PLAYGROUND_MAX_GZIP=BYTES      fail when the gzipped module is larger
#                                  (default 2 MB)
#   WASM_BINDGEN=PATH              the wasm-bindgen CLI to use; by default
#                                  the one installed (from crates.io, at the
#                                  version of wasm-bindgen in Cargo.lock) into
#                                  $PLAYGROUND_TOOLS (default
#                                  ~/.cache/procore-manifest/tools)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
max_gzip="${PLAYGROUND_MAX_GZIP:-2000000}"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# The CLI must be the library's version exactly (their ABI is private).
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$root/Cargo.lock")
tools="${PLAYGROUND_TOOLS:-$HOME/.cache/procore-manifest/tools}"
bindgen="${WASM_BINDGEN:-$tools/bin/wasm-bindgen}"
if ! "$bindgen" --version 2>/dev/null | grep -q " $version\$"; then
  echo "playground: installing wasm-bindgen-cli $version from crates.io into $tools"
  # Not --locked: its lock file names a webpki-roots release the registry
  # no longer serves.
  CARGO_TARGET_DIR="$tools/target" cargo install wasm-bindgen-cli --version "$version" --root "$tools"
  bindgen="$tools/bin/wasm-bindgen"
fi

(cd "$root" && cargo rustc --locked --lib --profile wasm --no-default-features \
  --target wasm32-unknown-unknown --crate-type cdylib)
wasm="$target_dir/wasm32-unknown-unknown/wasm/procore_manifest.wasm"
mkdir -p "$here/build" "$here/dist"
rm -f "$here/build/"*
"$bindgen" --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$here/build" "$wasm"
raw=$(wc -c < "$here/build/procore_manifest_bg.wasm")
gz=$(gzip -9 -c "$here/build/procore_manifest_bg.wasm" | wc -c)
echo "playground: procore_manifest_bg.wasm $raw bytes, $gz gzipped (goal: under $max_gzip)"
if [ "$gz" -gt "$max_gzip" ]; then
  echo "playground: the module is over the size goal" >&2
  exit 1
fi

cd "$here"
if [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi
# The glue's default module path (import.meta.url) is never used: the page
# hands it the module's bytes, bundled into app.js.
node_modules/.bin/esbuild src/main.js --bundle --format=iife --minify --target=es2020 \
  --loader:.wasm=binary --loader:.json=text --legal-comments=eof \
  --log-override:empty-import-meta=silent --outfile=dist/app.js --log-level=warning
cp index.html style.css dist/
echo "playground: $(wc -c < dist/app.js) bytes of app.js ($(gzip -9 -c dist/app.js | wc -c) gzipped); open dist/index.html"
