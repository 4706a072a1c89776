#!/usr/bin/env bash
# The action's install step: the pinned wheel from PyPI (no Rust toolchain)
# into a virtual environment of its own under RUNNER_TEMP, so it works
# whatever the runner's Python policy (PEP 668 "externally managed"
# interpreters refuse `pip install --user`) and touches nothing else. Its
# bin directory goes on GITHUB_PATH for the next steps.
set -euo pipefail
version="${PROCORE_MANIFEST_VERSION:?the version to install}"
venv="${RUNNER_TEMP:?}/procore-manifest-$version"
if [ ! -x "$venv/bin/procore-manifest" ]; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "procore-manifest==$version"
fi
echo "$venv/bin" >> "${GITHUB_PATH:?}"
"$venv/bin/procore-manifest" --version
