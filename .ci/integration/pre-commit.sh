#!/usr/bin/env bash
# Prove the pre-commit hooks with the real pre-commit (from PyPI): a scratch
# git repository holding a bad and a good manifest; the bad one must fail
# each hook with our message, the good one must pass. The python hook
# installs the wheel built here with maturin, offline (PIP_NO_INDEX,
# PIP_FIND_LINKS: as it will come from PyPI), and must never run cargo.
# Fails, never skips, when a tool cannot be installed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="${PROCORE_MANIFEST_BIN:-$ROOT/target/release/procore-manifest}"
[ -x "$BIN" ] || { echo "pre-commit.sh: $BIN missing (run cargo build --release first)" >&2; exit 1; }
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

python3 -m venv "$SCRATCH/venv"
"$SCRATCH/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit maturin
PRE_COMMIT="$SCRATCH/venv/bin/pre-commit"
"$PRE_COMMIT" --version

# The wheel, as PyPI will serve it, into a local "index".
WHEELS="$SCRATCH/wheels"
echo "== building the wheel (maturin, python/pyproject.toml)"
(cd "$ROOT/python" && "$SCRATCH/venv/bin/maturin" build --release --locked --out "$WHEELS" >&2)
ls "$WHEELS"
# What the root setup.py needs to install the placeholder (offline too).
"$SCRATCH/venv/bin/pip" download --quiet --disable-pip-version-check --dest "$WHEELS" setuptools wheel

# pre-commit's try-repo needs the hooks' repository as a git repository.
REPO="$SCRATCH/hooks-repo"
git clone --quiet "$ROOT" "$REPO"
if [ -n "$(git -C "$ROOT" status --porcelain)" ]; then
  # Test the working tree as it is, not only what is committed.
  (cd "$ROOT" && git ls-files -z -co --exclude-standard | tar --null -T - -cf -) | (cd "$REPO" && tar -xf -)
  git -C "$REPO" add -A
  git -C "$REPO" -c user.name=ci -c user.email=ci@localhost commit --quiet -m "working tree" || true
fi

WORK="$SCRATCH/work"
mkdir -p "$WORK/apps/good" "$WORK/apps/bad"
cp "$ROOT/fixtures/valid/v41-complete.manifest.json" "$WORK/apps/good/manifest.json"
cp "$ROOT/fixtures/R001/company-directory-admin.manifest.json" "$WORK/apps/bad/app-manifest.json"
echo '{"name": "not-a-manifest", "version": "1.0.0"}' > "$WORK/package.json"
git -C "$WORK" init --quiet
git -C "$WORK" add -A
export PRE_COMMIT_HOME="$SCRATCH/cache"

check_hook() {
  local hook=$1
  echo "== $hook: good manifest passes"
  local t0 t1
  t0=$(date +%s.%N)
  (cd "$WORK" && "$PRE_COMMIT" try-repo "$REPO" "$hook" --files apps/good/manifest.json package.json --color never)
  t1=$(date +%s.%N)
  # try-repo makes a fresh copy of the hooks' repository, so this is a first
  # run: the hook's environment is created and installed.
  python3 -c "import sys; print('%s: first run, environment included: %.1f s' % (sys.argv[1], float(sys.argv[3]) - float(sys.argv[2])))" "$hook" "$t0" "$t1"
  echo "== $hook: bad manifest fails with our message"
  set +e
  out=$(cd "$WORK" && "$PRE_COMMIT" try-repo "$REPO" "$hook" --files apps/bad/app-manifest.json --color never 2>&1)
  code=$?
  set -e
  echo "$out"
  if [ "$code" -eq 0 ]; then echo "FAIL: the bad manifest passed $hook" >&2; exit 1; fi
  grep -q "R001" <<<"$out" || { echo "FAIL: $hook output lacks R001" >&2; exit 1; }
  grep -q "admin-on-company-directory" <<<"$out" || { echo "FAIL: $hook output lacks the rule name" >&2; exit 1; }
}

# The system hook runs the binary built by CI.
PATH="$(dirname "$BIN"):$PATH" check_hook procore-manifest-system

# The hooks' `files` take every name the walk takes (any case, text after
# "manifest"), and a file named like an option is a file (the entry ends in
# `--`): pre-commit passes `-manifest.json` first.
echo "== procore-manifest-system: Manifest-prod.json and -manifest.json"
cp "$ROOT/fixtures/R001/company-directory-admin.manifest.json" "$WORK/apps/bad/Manifest-prod.json"
cp "$ROOT/fixtures/valid/v41-complete.manifest.json" "$WORK/-manifest.json"
git -C "$WORK" add -A
set +e
out=$(cd "$WORK" && PATH="$(dirname "$BIN"):$PATH" "$PRE_COMMIT" try-repo "$REPO" procore-manifest-system --all-files --color never 2>&1)
code=$?
set -e
echo "$out"
[ "$code" -ne 0 ] || { echo "FAIL: the hook passed a bad Manifest-prod.json" >&2; exit 1; }
grep -q "Manifest-prod.json" <<<"$out" || { echo "FAIL: the hook did not see Manifest-prod.json" >&2; exit 1; }
! grep -q "unexpected argument" <<<"$out" || { echo "FAIL: -manifest.json was read as an option" >&2; exit 1; }
git -C "$WORK" rm --quiet -f "apps/bad/Manifest-prod.json" -- "-manifest.json"

# The python hook: the wheel from the local index, offline, and a `cargo`
# on PATH that records any call (it must not be called).
FAKE="$SCRATCH/fake-bin"
mkdir -p "$FAKE"
printf '#!/bin/sh
echo "cargo $*" >> "%s/cargo-called"
exit 1
' "$SCRATCH" > "$FAKE/cargo"
chmod +x "$FAKE/cargo"
start=$(date +%s.%N)
PATH="$FAKE:$PATH" PIP_NO_INDEX=1 PIP_FIND_LINKS="$WHEELS" check_hook procore-manifest
end=$(date +%s.%N)
if [ -e "$SCRATCH/cargo-called" ]; then
  echo "FAIL: the python hook ran cargo: $(cat "$SCRATCH/cargo-called")" >&2
  exit 1
fi
python3 -c "import sys; print('python hook: first run (environment created, wheel installed) and second run: %.1f s' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$end"

# The README's .pre-commit-config.yaml, as written: only `repo` and `rev`
# point at this repository (a local clone and its HEAD). The good manifest
# passes, the bad one fails with our message, cargo is never run.
python3 - "$ROOT/README.md" "$REPO" "$(git -C "$REPO" rev-parse HEAD)" > "$WORK/.pre-commit-config.yaml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
block = text[text.index("## pre-commit"):]
block = block[block.index("```yaml\n") + 8:]
block = block[:block.index("```")]
assert "id: procore-manifest " in block, block
block = re.sub(r"repo: \S+", "repo: " + sys.argv[2], block, count=1)
block = re.sub(r"rev: \S+", "rev: " + sys.argv[3], block, count=1)
print(block)
PY
git -C "$WORK" add .pre-commit-config.yaml
echo "== the README's pre-commit config: good manifest passes"
(cd "$WORK" && PATH="$FAKE:$PATH" PIP_NO_INDEX=1 PIP_FIND_LINKS="$WHEELS" "$PRE_COMMIT" run --files apps/good/manifest.json package.json --color never)
echo "== the README's pre-commit config: bad manifest fails"
set +e
out=$(cd "$WORK" && PATH="$FAKE:$PATH" PIP_NO_INDEX=1 PIP_FIND_LINKS="$WHEELS" "$PRE_COMMIT" run --files apps/bad/app-manifest.json --color never 2>&1)
code=$?
set -e
echo "$out"
[ "$code" -ne 0 ] || { echo "FAIL: the README config passed the bad manifest" >&2; exit 1; }
grep -q "R001" <<<"$out" || { echo "FAIL: the README config's output lacks R001" >&2; exit 1; }
[ ! -e "$SCRATCH/cargo-called" ] || { echo "FAIL: the README config ran cargo" >&2; exit 1; }

# The GitHub Action's steps, with the same wheel.
WHEELS="$WHEELS" PYTHON="$SCRATCH/venv/bin/python" bash "$ROOT/.ci/integration/action.sh"

# The source hook builds this repository with cargo, as users get it.
check_hook procore-manifest-src
echo "pre-commit integration: OK"
