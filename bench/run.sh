#!/usr/bin/env bash
# Benchmark `procore-manifest check` on generated corpora.
#
# Usage: bench/run.sh [--quick]
#
#   --quick   corpora of 1 and 100 files only, 3 timed runs each
#             (default: 1, 100, 1000 and 10000 files, 10 timed runs each)
#
# What it does:
#   1. Builds target/release/procore-manifest with `cargo build --release`
#      only if that binary is missing (PROCORE_MANIFEST_BIN=PATH benchmarks
#      another binary and never builds).
#   2. Generates bench/corpus/N (gitignored) with bench/gen_corpus.py when
#      absent or made by another version of the generator.
#   3. For each size, runs `procore-manifest check DIR --format json
#      --threads 1 > /dev/null`, plus `--threads 0` (all threads; override
#      the value with BENCH_ALL_THREADS) when `check --help` lists
#      --threads; without that option, the plain command (single-threaded).
#   4. Prints the machine, the tool version and a Markdown table: files,
#      total MB, median ms, files/s, MB/s, peak RSS MB (MB = 2^20 bytes).
#
# Requirements: bash and python3 (standard library). Optional tools, used
# when installed and tolerated when absent:
#   - hyperfine: timing (--warmup, --runs, --export-json, -i); fallback: a
#     python3 loop (same warmup, median of the same number of runs);
#   - GNU time (/usr/bin/time -f %M): peak RSS; fallback: python3
#     resource.getrusage(RUSAGE_CHILDREN).ru_maxrss of one run.
# BENCH_NO_HYPERFINE=1 and BENCH_NO_GNU_TIME=1 force the fallbacks.
#
# Exit status: 0 on success; 2 when the benchmark cannot run (python3
# missing, build failure, bad arguments, a report that does not list every
# corpus file); 3 when the linter fails (exit status >= 2 or killed by a
# signal). Exit status 1 of the linter (findings: about 10% of the corpus
# files carry an error) is expected and not a failure.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
CORPUS="$BENCH/corpus"
GEN="$BENCH/gen_corpus.py"
BIN=${PROCORE_MANIFEST_BIN:-"$ROOT/target/release/procore-manifest"}
ALL_THREADS=${BENCH_ALL_THREADS:-0}

die() { echo "bench: error: $*" >&2; exit 2; }
log() { echo "bench: $*" >&2; }

# --- arguments -------------------------------------------------------------
QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h|--help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument: $arg (usage: bench/run.sh [--quick])" ;;
    esac
done
if (( QUICK )); then
    SIZES=(1 100); RUNS=3; WARMUP=1
else
    SIZES=(1 100 1000 10000); RUNS=10; WARMUP=2
fi

# --- prerequisites ---------------------------------------------------------
command -v python3 >/dev/null 2>&1 || die "python3 is required (corpus generator, statistics)"

if [[ ! -x "$BIN" ]]; then
    if [[ -n "${PROCORE_MANIFEST_BIN:-}" ]]; then
        die "PROCORE_MANIFEST_BIN=$BIN is not an executable file"
    fi
    command -v cargo >/dev/null 2>&1 || die "$BIN is missing and cargo is not installed"
    log "building $BIN (cargo build --release)"
    (cd "$ROOT" && cargo build --release) || die "cargo build --release failed"
    [[ -x "$BIN" ]] || die "cargo build succeeded but $BIN is missing"
fi

# BENCH_NO_HYPERFINE=1 / BENCH_NO_GNU_TIME=1 force the python3 fallbacks.
HAVE_HYPERFINE=0
if [[ -z "${BENCH_NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null 2>&1; then
    HAVE_HYPERFINE=1
fi
# GNU time: BSD/macOS /usr/bin/time has no -f.
HAVE_GNU_TIME=0
if [[ -z "${BENCH_NO_GNU_TIME:-}" && -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    HAVE_GNU_TIME=1
fi

# Scratch files, removed on exit.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/procore-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# --- thread variants -------------------------------------------------------
# Each variant: a label for the table and the extra arguments of `check`.
# The --threads option may not exist yet: detect it instead of failing.
VARIANT_LABELS=()
VARIANT_ARGS=()
help_rc=0
"$BIN" check --help >"$TMP/help.txt" 2>&1 || help_rc=$?
(( help_rc == 0 )) || die "'$BIN check --help' exited with $help_rc: $(head -c 500 "$TMP/help.txt")"
if grep -q -- --threads "$TMP/help.txt"; then
    VARIANT_LABELS+=("1" "all ($ALL_THREADS)")
    VARIANT_ARGS+=("--threads 1" "--threads $ALL_THREADS")
else
    VARIANT_LABELS+=("default (no --threads)")
    VARIANT_ARGS+=("")
fi

# --- corpora ---------------------------------------------------------------
# A corpus is regenerated when the generator changed: its hash is kept in a
# hidden stamp file, which the linter's directory walk skips (hidden, not .json).
GEN_HASH=$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$GEN")
mkdir -p "$CORPUS"
for n in "${SIZES[@]}"; do
    dir="$CORPUS/$n"
    if [[ -d "$dir" && "$(cat "$dir/.gen-sha256" 2>/dev/null || true)" == "$GEN_HASH" ]]; then
        continue
    fi
    log "generating $n files in bench/corpus/$n"
    # Generate beside, then rename: an interrupted run leaves no half corpus.
    tmpdir="$CORPUS/.tmp-$n"
    rm -rf "$tmpdir"
    python3 "$GEN" "$tmpdir" "$n" || die "corpus generation failed"
    echo "$GEN_HASH" >"$tmpdir/.gen-sha256"
    rm -rf "$dir"
    mv "$tmpdir" "$dir"
done

# Number of *.json files and their total size in bytes, e.g. "100 309613".
corpus_stats() {
    python3 - "$1" <<'PY'
import os, sys
n = size = 0
for base, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for f in files:
        if f.endswith(".json") and not f.startswith("."):
            n += 1
            size += os.path.getsize(os.path.join(base, f))
print(n, size)
PY
}

# --- one checked run: exit status, completeness, peak RSS ------------------
# probe DIR EXPECTED_FILES ARGS...: runs the command once with its report
# captured, fails on exit >= 2 or a signal, checks that the JSON report lists
# every file, and prints the peak RSS in KiB.
probe() {
    local dir=$1 expected=$2; shift 2
    local cmd=("$BIN" check "$dir" --format json "$@")
    local rc=0 rss
    if (( HAVE_GNU_TIME )); then
        # GNU time exits with the command's status (128+N for signal N) and,
        # on a non-zero status, writes a "Command exited..." line before %M.
        /usr/bin/time -f %M -o "$TMP/rss" "${cmd[@]}" >"$TMP/report.json" 2>"$TMP/stderr" || rc=$?
        rss=$(tail -n 1 "$TMP/rss")
    else
        # -S: no site module, a smaller interpreter (see the floor below).
        python3 -S - "$TMP/rss" "${cmd[@]}" >"$TMP/report.json" 2>"$TMP/stderr" <<'PY' || rc=$?
import resource, subprocess, sys
# A fresh interpreter with one child: RUSAGE_CHILDREN's max RSS is that
# child's. On Linux it also counts the memory the child had between fork and
# exec, a copy of this interpreter: a value not above the interpreter's own
# peak is only an upper bound, written "<=N".
floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rc = subprocess.call(sys.argv[2:])
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":  # bytes there, KiB on Linux
    kib //= 1024
    floor //= 1024
open(sys.argv[1], "w").write("%s%d\n" % ("<=" if kib <= floor else "", kib))
sys.exit(rc if rc >= 0 else 128 - rc)
PY
        rss=$(cat "$TMP/rss" 2>/dev/null || echo "?")
    fi
    if (( rc >= 2 )); then
        echo "bench: error: '${cmd[*]}' exited with status $rc; its stderr:" >&2
        head -c 2000 "$TMP/stderr" >&2
        exit 3
    fi
    python3 - "$TMP/report.json" "$expected" <<'PY' || die "incomplete report for $dir (see above)"
import json, sys
try:
    report = json.load(open(sys.argv[1]))
except ValueError as e:
    sys.exit("bench: the JSON report does not parse: %s" % e)
listed = len(report.get("files", []))
if listed != int(sys.argv[2]):
    sys.exit("bench: the report lists %d files, the corpus has %s" % (listed, sys.argv[2]))
PY
    echo "$rss"
}

# --- timing ----------------------------------------------------------------
# time_median DIR ARGS...: prints the median wall time in seconds of
# `procore-manifest check DIR --format json ARGS... > /dev/null`.
time_median() {
    local dir=$1; shift
    local cmd=("$BIN" check "$dir" --format json "$@")
    if (( HAVE_HYPERFINE )); then
        local quoted
        quoted=$(printf '%q ' "${cmd[@]}")
        # -i: exit code 1 (findings) is not a failure; real failures are
        # caught by probe() and by the exit codes in the export below.
        # hyperfine discards the command's output (--output=null by default).
        hyperfine -i --warmup "$WARMUP" --runs "$RUNS" --style none \
            --export-json "$TMP/hyperfine.json" "$quoted" >/dev/null 2>"$TMP/hyperfine.err" \
            || { cat "$TMP/hyperfine.err" >&2; die "hyperfine failed"; }
        python3 - "$TMP/hyperfine.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
bad = [c for c in r.get("exit_codes", []) if c is None or c < 0 or c >= 2]
if bad:
    print("bench: error: a timed run failed with exit codes %s" % sorted(set(map(str, bad))), file=sys.stderr)
    sys.exit(3)
print(r["median"])
PY
    else
        python3 - "$WARMUP" "$RUNS" "${cmd[@]}" <<'PY'
import statistics, subprocess, sys, time
warmup, runs, cmd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
def once():
    t = time.perf_counter()
    rc = subprocess.call(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t
    if rc < 0 or rc >= 2:
        print("bench: error: a timed run failed with exit code %d" % rc, file=sys.stderr)
        sys.exit(3)
    return elapsed
for _ in range(warmup):
    once()
print(statistics.median(once() for _ in range(runs)))
PY
    fi
}

# --- header ----------------------------------------------------------------
cpu_model() {
    local m=""
    [[ -r /proc/cpuinfo ]] && m=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
    [[ -z "$m" ]] && command -v lscpu >/dev/null 2>&1 && m=$(lscpu | awk -F': *' '/^Model name/ {print $2; exit}')
    [[ -z "$m" ]] && m=$(sysctl -n machdep.cpu.brand_string 2>/dev/null || true)
    echo "${m:-unknown}"
}
nproc_count() { nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?"; }

version=$("$BIN" --version 2>&1) || die "'$BIN --version' failed: $version"
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "unknown")
if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null || true)" ]]; then
    commit="$commit (with uncommitted changes)"
fi
if (( HAVE_HYPERFINE )); then
    timing="hyperfine $(hyperfine --version | awk '{print $2}'), warmup $WARMUP, median of $RUNS runs"
else
    timing="python3 loop, warmup $WARMUP, median of $RUNS runs"
fi
if (( HAVE_GNU_TIME )); then rss_how="GNU time %M"; else rss_how="python3 getrusage(RUSAGE_CHILDREN)"; fi

# --- benchmark -------------------------------------------------------------
rows=()
for n in "${SIZES[@]}"; do
    dir="$CORPUS/$n"
    stats=$(corpus_stats "$dir")
    read -r files bytes <<<"$stats"
    (( files == n )) || die "bench/corpus/$n has $files files, expected $n"
    for i in "${!VARIANT_LABELS[@]}"; do
        label=${VARIANT_LABELS[$i]}
        # Word splitting of the variant's arguments is intended ("--threads 1").
        read -r -a extra <<<"${VARIANT_ARGS[$i]}"
        log "$n files, threads: $label"
        rss_kib=$(probe "$dir" "$files" ${extra[@]+"${extra[@]}"})
        median=$(time_median "$dir" ${extra[@]+"${extra[@]}"})
        row=$(python3 - "$files" "$bytes" "$median" "$rss_kib" "$label" <<'PY'
import sys
files, size, median, rss, label = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
mib = 1024 * 1024
bound = "<= " if rss.startswith("<=") else ""  # python3 fallback, see probe()
rss = rss[2:] if bound else rss
rss_mb = bound + "%.1f" % (int(rss) * 1024 / mib) if rss.isdigit() else "?"
print("| %d | %s | %.3f | %.1f | %.0f | %.1f | %s |" % (
    files, label, size / mib, median * 1000, files / median, size / mib / median, rss_mb))
PY
)
        rows+=("$row")
    done
done

# --- report (stdout) -------------------------------------------------------
echo "## procore-manifest benchmark"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "- tool: $version, commit $commit"
echo "- binary: $BIN"
echo "- CPU: $(cpu_model), nproc: $(nproc_count)"
echo "- command: procore-manifest check DIR --format json [--threads T] > /dev/null"
echo "- timing: $timing; peak RSS: $rss_how, one run"
echo
echo "| files | threads | total MB | median ms | files/s | MB/s | peak RSS MB |"
echo "|------:|:--------|---------:|----------:|--------:|-----:|------------:|"
printf '%s\n' "${rows[@]}"
