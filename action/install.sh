#!/usr/bin/env bash
# The action's install step: the pinned wheel from PyPI (no Rust toolchain),
# with pipx when the runner has it, else pip --user. Its bin directory goes
# on GITHUB_PATH for the next steps.
set -euo pipefail
version="${PROCORE_MANIFEST_VERSION:?the version to install}"
if command -v pipx > /dev/null 2>&1; then
  pipx install --force "procore-manifest==$version"
  bin_dir="${PIPX_BIN_DIR:-$HOME/.local/bin}"
else
  python3 -m pip install --user --quiet "procore-manifest==$version"
  bin_dir="$(python3 -m site --user-base)/bin"
fi
echo "$bin_dir" >> "${GITHUB_PATH:?}"
"$bin_dir/procore-manifest" --version
