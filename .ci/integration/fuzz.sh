#!/usr/bin/env bash
# A short fuzz run: each cargo-fuzz target (fuzz/) for FUZZ_SECONDS seconds
# (default 30, so about a minute of fuzzing, after the build) with a fixed
# seed, starting from the committed seeds (fuzz/seeds/) and the fixtures.
# Fails on any crash, panic, broken output check or timeout (the input is
# kept under fuzz/artifacts/TARGET/; reproduce with
# `cargo fuzz run -s none TARGET fuzz/artifacts/TARGET/FILE` in fuzz/).
#
# Stable toolchain: `-s none` (no sanitizer; coverage-guided libFuzzer still
# works). Installs cargo-fuzz with `cargo install` when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../../fuzz"
# The fuzz build (its own flags) keeps its own target directory beside the
# main one, so neither rebuilds the other.
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
  export CARGO_TARGET_DIR="$CARGO_TARGET_DIR-fuzz"
fi

CARGO_FUZZ_VERSION="${CARGO_FUZZ_VERSION:-0.13.2}"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-30}"
SEED="${FUZZ_SEED:-20260518}"

fail() {
  echo "fuzz.sh: $*" >&2
  exit 1
}

if ! cargo fuzz --version > /dev/null 2>&1; then
  echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION" \
    || fail "cannot install cargo-fuzz $CARGO_FUZZ_VERSION"
fi

for target in pipeline structured usage; do
  mkdir -p "corpus/$target" "seeds/$target"
  extra=()
  # Byte-level fuzzing starts from the real manifests too.
  [ "$target" = pipeline ] && extra=(../fixtures)
  echo "== fuzz $target for ${SECONDS_PER_TARGET}s (seed $SEED)"
  cargo fuzz run -s none "$target" "corpus/$target" "seeds/$target" "${extra[@]}" -- \
    -seed="$SEED" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
    -max_len=8192 -print_final_stats=1 \
    || fail "$target: the fuzzer found a problem (see above; input in fuzz/artifacts/$target/)"
done
echo "fuzz.sh: no finding"
