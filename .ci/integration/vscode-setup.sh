#!/usr/bin/env bash
# A real VS Code (code-server, VS Code in the browser, from npm) and a real
# browser (Debian's Chromium, driven by playwright-core: nothing downloads a
# browser or an editor build), installed once into a cache outside the
# clone and reused. Prints the cache directory.
set -euo pipefail
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/procore-manifest/code-server"
mkdir -p "$CACHE"
if [ ! -x /usr/bin/chromium ] || ! command -v rg >/dev/null 2>&1 || [ ! -e /usr/include/gssapi/gssapi.h ]; then
  echo "== apt-get: chromium, ripgrep, libkrb5-dev" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium ripgrep libkrb5-dev >&2
fi
if [ ! -e "$CACHE/.ready" ]; then
  echo "== code-server and playwright-core into $CACHE (once)" >&2
  cd "$CACHE"
  [ -f package.json ] || echo '{"name": "procore-manifest-e2e", "private": true}' > package.json
  npm install --ignore-scripts --no-audit --no-fund --silent code-server@4.100.3 playwright-core@1.65.2 >&2
  V="$CACHE/node_modules/code-server/lib/vscode"
  (cd "$V" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --silent >&2)
  (cd "$V" && npm_config_yes=true npm rebuild kerberos native-watchdog node-pty @parcel/watcher @vscode/deviceid @vscode/spdlog >&2)
  mkdir -p "$V/node_modules/@vscode/ripgrep/bin"
  cp "$(command -v rg)" "$V/node_modules/@vscode/ripgrep/bin/rg"
  [ -e "$V/node_modules.asar" ] || ln -s node_modules "$V/node_modules.asar"
  [ -e "$V/bin/remote-cli/code-server" ] || ln -s code-linux.sh "$V/bin/remote-cli/code-server"
  [ -e "$V/bin/helpers/browser.sh" ] || ln -s browser-linux.sh "$V/bin/helpers/browser.sh"
  (cd "$V/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --silent >&2)
  (cd "$CACHE" && npm_config_yes=true npm rebuild argon2 >&2)
  touch "$CACHE/.ready"
fi
echo "$CACHE"
