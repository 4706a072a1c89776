#!/usr/bin/env bash
# Prove the pre-commit hooks with the real pre-commit (from PyPI): a scratch
# git repository holding a bad and a good manifest; the bad one must fail the
# hook with our message, the good one must pass. Fails, never skips, when
# pre-commit cannot be installed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="${PROCORE_MANIFEST_BIN:-$ROOT/target/release/procore-manifest}"
[ -x "$BIN" ] || { echo "pre-commit.sh: $BIN missing (run cargo build --release first)" >&2; exit 1; }
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

python3 -m venv "$SCRATCH/venv"
"$SCRATCH/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
PRE_COMMIT="$SCRATCH/venv/bin/pre-commit"
"$PRE_COMMIT" --version

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
  (cd "$WORK" && "$PRE_COMMIT" try-repo "$REPO" "$hook" --files apps/good/manifest.json package.json --color never)
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
# The rust hook builds this repository with cargo, as users get it.
check_hook procore-manifest
echo "pre-commit integration: OK"
