#!/usr/bin/env bash
# Benchmark `procore-manifest check` on generated corpora, side by side with
# the schema validators teams use today.
#
# Usage: bench/run.sh [--quick] [--no-peers]
#
#   --quick     corpora of 1 and 100 files only, 3 timed runs each
#               (default: 1, 100, 1000 and 10000 files, 10 timed runs each)
#   --no-peers  time procore-manifest only (no peer is installed or run)
#
# What it does:
#   1. Builds target/release/procore-manifest with `cargo build --release`
#      only if that binary is missing (PROCORE_MANIFEST_BIN=PATH benchmarks
#      another binary and never builds).
#   2. Generates bench/corpus/N (gitignored) with bench/gen_corpus.py when
#      absent or made by another version of the generator, and the
#      findings-heavy corpora bench/corpus/heavy-N (`gen_corpus.py --heavy`:
#      the same files with at least 8 findings each, like a first run over
#      an existing set of manifests, 10% of them not JSON) for N of 1,000
#      and 10,000 (100 with --quick).
#   2b. Builds the floor (examples/floor.rs: serde_json + a jsonschema
#      validator compiled once from schemas/manifest.schema.json, one
#      thread) and times it on every corpus: what any validator must at
#      least do.
#   3. For each size, runs `procore-manifest check DIR --format json
#      --no-config --threads 1 > /dev/null`, plus `--threads 0` (all
#      threads; override the value with BENCH_ALL_THREADS) when `check
#      --help` lists --threads; without that option, the plain command
#      (single-threaded). --no-config is passed when `check --help` lists it.
#   4. Peers (unless --no-peers), both given the committed combined schema
#      schemas/manifest.schema.json (draft 2020-12; it embeds the 4.1 and
#      3.x schemas under $defs, each with its own $id):
#      - check-jsonschema (PyPI; BENCH_CHECK_JSONSCHEMA_VERSION, default
#        0.39.0) in a venv under bench/.peers/venv, run once per corpus with
#        every file on its command line (`DIR/*/*.json`);
#      - ajv-cli + ajv-formats (npm; BENCH_AJV_CLI_VERSION, default 5.0.0,
#        BENCH_AJV_FORMATS_VERSION, default 3.0.1) under bench/.peers/npm,
#        run once per corpus as `ajv validate --spec=draft2020
#        --strict-schema=false -c ajv-formats -s SCHEMA -d 'DIR/**/*.json'`
#        (--strict-schema=false: ajv's strict mode rejects the editor
#        annotation `enumDescriptions` in the schema). ajv-cli aborts the
#        whole run at the first file that is not JSON, so it gets the corpus
#        without those files (2% of it: hard links in
#        bench/.peers/corpus-json/N); its files/s and MB/s count what it got.
#      Each peer's result is checked (every file validated; the same files
#      invalid for both peers) before it is timed. A peer that cannot be
#      installed fails the run (exit 2); bench/.peers is gitignored and kept
#      between runs.
#   5. In a full run, one big manifest of about 5 MB and one of about 50 MB
#      (bench/corpus/big-5mb, big-50mb: a valid manifest with a huge unknown
#      member, 1 finding), procore-manifest with 1 thread: time linear in
#      the file's size. Each single file of 5, 5b and 5c is also given to
#      the floor, timed the same way, printed beside it.
#   5b. In a full run, one manifest with 40,000 and one with 1,000,000
#      unknown top-level members (bench/corpus/huge-N: every member a
#      finding), procore-manifest with 1 thread, median of 3 runs.
#   5c. In a full run, one 50 MB manifest of each of five dense shapes
#      (bench/corpus/shape-NAME: small numbers, small nested objects, an
#      array where an object is expected, a side panel view repeated: a
#      finding each, and the numbers cut off: not JSON), procore-manifest
#      with 1 thread, one run each: peak RSS against the 2x target (the
#      shapes where it is hardest to meet).
#   5d. In a full run, the language server (examples/lsp_latency.rs over
#      stdio against the benchmarked binary) and the floor on its two
#      documents, printed under the tables.
#   6. Prints the machine, the versions and a Markdown table: files, tool,
#      total MB, median ms, files/s, MB/s, peak RSS MB (MB = 2^20 bytes), and
#      each median divided by procore-manifest's single-threaded median;
#      then, in a full run, whether each target is met (at 1 file >= 35x
#      faster than both peers; at 10,000 files >= 30x faster than
#      check-jsonschema and >= 1.7x faster than ajv, single-threaded; peak
#      RSS <= 30 MB on every corpus; 10,000 files with all threads within
#      0.5x the floor (clean) and 1.0x (findings-heavy); one 50 MB file of
#      any shape at most 2x its size in peak RSS; time linear in the file
#      count: the cost per file beyond the one-file run, at 10,000 files,
#      within 1.25x of that at 1,000; and in the size of one file: MB/s at
#      50 MB within 1.25x of 5 MB).
#
# Requirements: bash and python3 (standard library); for the peers also
# python3's venv module and node + npm. Missing tools are installed from
# Debian with apt-get when it is available (hyperfine, time; python3-venv,
# nodejs and npm for the peers); otherwise:
#   - hyperfine: timing (--warmup, --runs, --export-json, -i); fallback: a
#     python3 loop (same warmup, median of the same number of runs);
#   - GNU time (/usr/bin/time -f %M): peak RSS; fallback: python3
#     resource.getrusage(RUSAGE_CHILDREN).ru_maxrss of one run.
# BENCH_NO_HYPERFINE=1 and BENCH_NO_GNU_TIME=1 force the fallbacks (and
# install nothing).
#
# Exit status: 0 on success; 2 when the benchmark cannot run (python3
# missing, build failure, bad arguments, a peer that cannot be installed, a
# report that does not list every corpus file); 3 when the linter or a peer
# fails (exit status >= 2 or killed by a signal). Exit status 1 (findings:
# about 10% of the corpus files carry an error) is expected and not a
# failure. A missed target is reported, not an error.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
CORPUS="$BENCH/corpus"
GEN="$BENCH/gen_corpus.py"
PEERS="$BENCH/.peers"
SCHEMA="$ROOT/schemas/manifest.schema.json"
BIN=${PROCORE_MANIFEST_BIN:-"$ROOT/target/release/procore-manifest"}
ALL_THREADS=${BENCH_ALL_THREADS:-0}
CJS_VERSION=${BENCH_CHECK_JSONSCHEMA_VERSION:-0.39.0}
AJV_CLI_VERSION=${BENCH_AJV_CLI_VERSION:-5.0.0}
AJV_FORMATS_VERSION=${BENCH_AJV_FORMATS_VERSION:-3.0.1}

die() { echo "bench: error: $*" >&2; exit 2; }
log() { echo "bench: $*" >&2; }

# --- arguments -------------------------------------------------------------
QUICK=0
WITH_PEERS=1
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        --no-peers) WITH_PEERS=0 ;;
        -h|--help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument: $arg (usage: bench/run.sh [--quick] [--no-peers])" ;;
    esac
done
if (( QUICK )); then
    SIZES=(1 100); RUNS=3; WARMUP=1
    CORPORA=(1 100 heavy-100)
else
    SIZES=(1 100 1000 10000); RUNS=10; WARMUP=2
    CORPORA=(1 100 1000 10000 heavy-1000 heavy-10000)
fi

# --- prerequisites ---------------------------------------------------------
command -v python3 >/dev/null 2>&1 || die "python3 is required (corpus generator, statistics)"

# apt_install PKG...: installs Debian packages when apt-get is there (as root,
# or through sudo); returns non-zero when it cannot.
APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    local sudo=()
    if (( $(id -u) != 0 )); then
        command -v sudo >/dev/null 2>&1 || return 1
        sudo=(sudo -n)
    fi
    log "installing $* (apt-get)"
    if (( ! APT_UPDATED )); then
        "${sudo[@]}" apt-get update -qq >&2 || return 1
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >&2
}

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
gnu_time_works() { [[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1; }
if [[ -z "${BENCH_NO_HYPERFINE:-}" ]] && ! command -v hyperfine >/dev/null 2>&1; then
    apt_install hyperfine || log "warning: hyperfine is missing and cannot be installed: timing with a python3 loop"
fi
if [[ -z "${BENCH_NO_GNU_TIME:-}" ]] && ! gnu_time_works; then
    apt_install time || log "warning: GNU time is missing and cannot be installed: peak RSS from python3 getrusage"
fi
HAVE_HYPERFINE=0
if [[ -z "${BENCH_NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null 2>&1; then
    HAVE_HYPERFINE=1
fi
# GNU time: BSD/macOS /usr/bin/time has no -f.
HAVE_GNU_TIME=0
if [[ -z "${BENCH_NO_GNU_TIME:-}" ]] && gnu_time_works; then
    HAVE_GNU_TIME=1
fi

# Scratch files, removed on exit.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/procore-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# --- peers: installed into bench/.peers (gitignored, kept between runs) -----
CJS="$PEERS/venv/bin/check-jsonschema"
AJV="$PEERS/npm/node_modules/.bin/ajv"
install_peers() {
    [[ -f "$SCHEMA" ]] || die "$SCHEMA is missing"
    mkdir -p "$PEERS"
    # check-jsonschema from PyPI, in its own venv.
    if [[ ! -x "$PEERS/venv/bin/python" ]]; then
        if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
            local v
            v=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
            apt_install "python$v-venv" || apt_install python3-venv \
                || die "python3's venv module (with ensurepip) is missing and cannot be installed (Debian: python3-venv)"
        fi
        log "creating bench/.peers/venv"
        rm -rf "$PEERS/venv"
        python3 -m venv "$PEERS/venv" >&2 || die "cannot create a python3 venv in $PEERS/venv"
    fi
    if [[ "$("$CJS" --version 2>/dev/null || true)" != *"version $CJS_VERSION" ]]; then
        log "installing check-jsonschema==$CJS_VERSION (PyPI) into bench/.peers/venv"
        "$PEERS/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            "check-jsonschema==$CJS_VERSION" >&2 || die "cannot install check-jsonschema==$CJS_VERSION from PyPI"
    fi
    [[ -x "$CJS" ]] || die "check-jsonschema is not in $PEERS/venv/bin after its installation"
    # ajv-cli + ajv-formats from npm.
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        apt_install nodejs npm || die "node and npm are required for ajv-cli and cannot be installed (Debian: nodejs npm)"
    fi
    local have
    have=$(node -e '
        const v = (p) => { try { return require(process.argv[1] + "/node_modules/" + p + "/package.json").version } catch (e) { return "-" } };
        console.log(v("ajv-cli") + " " + v("ajv-formats"))' "$PEERS/npm" 2>/dev/null || true)
    if [[ "$have" != "$AJV_CLI_VERSION $AJV_FORMATS_VERSION" || ! -x "$AJV" ]]; then
        log "installing ajv-cli@$AJV_CLI_VERSION ajv-formats@$AJV_FORMATS_VERSION (npm) into bench/.peers/npm"
        npm install --prefix "$PEERS/npm" --no-audit --no-fund --loglevel=error \
            "ajv-cli@$AJV_CLI_VERSION" "ajv-formats@$AJV_FORMATS_VERSION" >&2 \
            || die "cannot install ajv-cli@$AJV_CLI_VERSION and ajv-formats@$AJV_FORMATS_VERSION from npm"
    fi
    [[ -x "$AJV" ]] || die "ajv is not in $PEERS/npm/node_modules/.bin after its installation"
}
(( WITH_PEERS )) && install_peers

# --- variants of procore-manifest ------------------------------------------
# Each variant: a label for the table and the extra arguments of `check`.
# The --threads and --no-config options may not exist (an older binary):
# detect them instead of failing.
VARIANT_LABELS=()
VARIANT_ARGS=()
help_rc=0
"$BIN" check --help >"$TMP/help.txt" 2>&1 || help_rc=$?
(( help_rc == 0 )) || die "'$BIN check --help' exited with $help_rc: $(head -c 500 "$TMP/help.txt")"
COMMON_ARGS=(--format json)
if grep -q -- --no-config "$TMP/help.txt"; then
    COMMON_ARGS+=(--no-config)
fi
if grep -q -- --threads "$TMP/help.txt"; then
    VARIANT_LABELS+=("procore-manifest, 1 thread" "procore-manifest, all threads ($ALL_THREADS)")
    VARIANT_ARGS+=("--threads 1" "--threads $ALL_THREADS")
else
    VARIANT_LABELS+=("procore-manifest (no --threads)")
    VARIANT_ARGS+=("")
fi

# --- corpora ---------------------------------------------------------------
# A corpus is regenerated when the generator changed: its hash is kept in a
# hidden stamp file, which the linter's directory walk skips (hidden, not .json).
GEN_HASH=$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$GEN")
mkdir -p "$CORPUS"
for key in "${CORPORA[@]}"; do
    dir="$CORPUS/$key"
    n=${key#heavy-}
    heavy=()
    [[ "$key" == heavy-* ]] && heavy=(--heavy)
    if [[ -d "$dir" && "$(cat "$dir/.gen-sha256" 2>/dev/null || true)" == "$GEN_HASH" ]]; then
        continue
    fi
    log "generating $n files in bench/corpus/$key"
    # Generate beside, then rename: an interrupted run leaves no half corpus.
    tmpdir="$CORPUS/.tmp-$key"
    rm -rf "$tmpdir"
    python3 "$GEN" "$tmpdir" "$n" ${heavy[@]+"${heavy[@]}"} || die "corpus generation failed"
    echo "$GEN_HASH" >"$tmpdir/.gen-sha256"
    rm -rf "$dir"
    mv "$tmpdir" "$dir"
done

# The floor: serde_json + one jsonschema validator, one thread.
FLOOR="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/floor"
log "building the floor (examples/floor.rs)"
(cd "$ROOT" && cargo build --release --locked --example floor >&2) || die "cannot build the floor"
[[ -x "$FLOOR" ]] || die "the floor binary is missing: $FLOOR"

# The corpus for ajv-cli: the files that parse as JSON (hard links; copies
# where links fail), rebuilt when the corpus changed.
json_only_corpus() {
    local n=$1 src="$CORPUS/$1" dst="$PEERS/corpus-json/$1"
    if [[ -d "$dst" && "$(cat "$dst/.gen-sha256" 2>/dev/null || true)" == "$GEN_HASH" ]]; then
        return
    fi
    log "linking the files of bench/corpus/$n that parse as JSON into bench/.peers/corpus-json/$n"
    rm -rf "$dst.tmp" "$dst"
    python3 - "$src" "$dst.tmp" <<'PY' || die "cannot build $dst"
import json, os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
for base, dirs, files in os.walk(src):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for f in files:
        if not f.endswith(".json") or f.startswith("."):
            continue
        path = os.path.join(base, f)
        try:
            with open(path, "rb") as fh:
                json.loads(fh.read().decode("utf-8"))
        except ValueError:
            continue
        out = os.path.join(dst, os.path.relpath(path, src))
        os.makedirs(os.path.dirname(out), exist_ok=True)
        try:
            os.link(path, out)
        except OSError:
            shutil.copyfile(path, out)
PY
    echo "$GEN_HASH" >"$dst.tmp/.gen-sha256"
    mv "$dst.tmp" "$dst"
}

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

# --- one measured run: exit status and peak RSS ----------------------------
# measure_rss OUT ERR CMD...: runs the command once with stdout to OUT and
# stderr to ERR, fails on exit >= 2 or a signal, and prints its peak RSS in
# KiB ("<=N" when only an upper bound is known, see below).
measure_rss() {
    local out=$1 err=$2; shift 2
    local rc=0 rss
    if (( HAVE_GNU_TIME )); then
        # GNU time exits with the command's status (128+N for signal N) and,
        # on a non-zero status, writes a "Command exited..." line before %M.
        /usr/bin/time -f %M -o "$TMP/rss" "$@" >"$out" 2>"$err" || rc=$?
        rss=$(tail -n 1 "$TMP/rss")
    else
        # -S: no site module, a smaller interpreter (see the floor below).
        python3 -S - "$TMP/rss" "$@" >"$out" 2>"$err" <<'PY' || rc=$?
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
        echo "bench: error: '$*' exited with status $rc; its stderr:" >&2
        head -c 2000 "$err" >&2
        exit 3
    fi
    echo "$rss"
}

# probe DIR EXPECTED_FILES ARGS...: procore-manifest once, with its report
# captured: checks that the JSON report lists every file; prints the peak RSS.
probe() {
    local dir=$1 expected=$2; shift 2
    local rss
    rss=$(measure_rss "$TMP/report.json" "$TMP/stderr" "$BIN" check "$dir" "${COMMON_ARGS[@]}" "$@")
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

# The peers' commands, as shell command lines (hyperfine runs them through
# a shell: the check-jsonschema one expands a glob there).
cjs_command() { printf '%q --schemafile %q %q/*/*.json' "$CJS" "$SCHEMA" "$1"; }
ajv_command() {
    printf "%q validate --spec=draft2020 --strict-schema=false -c ajv-formats -s %q -d %q" \
        "$AJV" "$SCHEMA" "$1/**/*.json"
}

# probe_peers N: runs each peer once on corpus N and checks what it did:
# check-jsonschema (JSON output) must list as unparsable exactly the corpus
# files that are not JSON; ajv must print one line (valid / invalid) per file
# it got; both must find the same files invalid. Prints the two peak RSS
# values ("CJS_KIB AJV_KIB").
probe_peers() {
    local n=$1 dir="$CORPUS/$1" json_dir="$PEERS/corpus-json/$1"
    local cjs_rss ajv_rss
    # check-jsonschema's JSON output names the files with errors; text output
    # (the timed command) would say the same in prose.
    cjs_rss=$(measure_rss "$TMP/cjs.json" "$TMP/cjs.err" \
        bash -c "$(cjs_command "$dir") --output-format json")
    ajv_rss=$(measure_rss "$TMP/ajv.out" "$TMP/ajv.err" bash -c "$(ajv_command "$json_dir")")
    python3 - "$dir" "$json_dir" "$TMP/cjs.json" "$TMP/ajv.out" "$TMP/ajv.err" <<'PY' || die "a peer did not validate bench/corpus/$n as expected (see above)"
import json, os, sys
dir, json_dir, cjs_path, ajv_out, ajv_err = sys.argv[1:]
def files(root):
    out = set()
    for base, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.update(os.path.relpath(os.path.join(base, f), root) for f in names if f.endswith(".json") and not f.startswith("."))
    return out
all_files, json_files = files(dir), files(json_dir)
try:
    cjs = json.load(open(cjs_path))
except ValueError as e:
    sys.exit("bench: check-jsonschema's JSON output does not parse: %s" % e)
rel = lambda p: os.path.relpath(os.path.abspath(p), dir)
cjs_unparsable = {rel(e["filename"]) for e in cjs.get("parse_errors", [])}
cjs_invalid = {rel(e["filename"]) for e in cjs.get("errors", [])}
if cjs_unparsable != all_files - json_files:
    sys.exit("bench: check-jsonschema could not parse %d files, expected the %d that are not JSON"
             % (len(cjs_unparsable), len(all_files - json_files)))
valid, invalid = set(), set()
for line in open(ajv_out).read().splitlines() + open(ajv_err).read().splitlines():
    for verdict, bucket in ((" valid", valid), (" invalid", invalid)):
        if line.endswith(verdict) and line.startswith("/"):
            bucket.add(os.path.relpath(line[: -len(verdict)], json_dir))
if valid | invalid != json_files or valid & invalid:
    sys.exit("bench: ajv reported on %d of the %d files it got" % (len(valid | invalid), len(json_files)))
if invalid != cjs_invalid:
    sys.exit("bench: ajv finds %d files invalid, check-jsonschema %d: %s"
             % (len(invalid), len(cjs_invalid), sorted(invalid ^ cjs_invalid)[:5]))
# The clean corpus injects errors into 10% of its files; the findings-heavy
# one has lint findings and unparsable files (every file that parses is valid
# against the schema).
heavy = os.path.basename(os.path.normpath(dir)).startswith("heavy-")
if len(json_files) >= 100 and not invalid and not heavy:
    sys.exit("bench: the peers found no invalid file in a corpus that has some")
PY
    echo "$cjs_rss $ajv_rss"
}

# --- timing ----------------------------------------------------------------
# time_median COMMAND_LINE: prints the median wall time in seconds of the
# shell command line (stdout and stderr discarded). Exit status 1 (findings)
# is not a failure; >= 2 or a signal is (exit 3).
time_median() {
    local cmdline=$1
    if (( HAVE_HYPERFINE )); then
        # -i: exit code 1 (findings) is not a failure; real failures are
        # caught by the probes and by the exit codes in the export below.
        # hyperfine discards the command's output (--output=null by default).
        hyperfine -i --warmup "$WARMUP" --runs "$RUNS" --style none \
            --export-json "$TMP/hyperfine.json" "$cmdline" >/dev/null 2>"$TMP/hyperfine.err" \
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
        python3 - "$WARMUP" "$RUNS" "$cmdline" <<'PY'
import statistics, subprocess, sys, time
warmup, runs, cmd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def once():
    t = time.perf_counter()
    rc = subprocess.call(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
peer_versions=""
if (( WITH_PEERS )); then
    cjs_v=$("$CJS" --version 2>&1 | awk '{print $NF}')
    ajv_v=$(node -e '
        const r = (p) => require(process.argv[1] + "/node_modules/" + p + "/package.json").version;
        console.log("ajv-cli " + r("ajv-cli") + " (ajv " + r("ajv") + "), ajv-formats " + r("ajv-formats"))' "$PEERS/npm")
    peer_versions="check-jsonschema $cjs_v (Python $("$PEERS/venv/bin/python" -c 'import platform; print(platform.python_version())')); $ajv_v (Node $(node --version))"
fi

# --- benchmark -------------------------------------------------------------
# One row per measurement: files, label, bytes, median seconds, RSS KiB,
# kind (ours1 | oursN | peer), size N.
ROWS="$TMP/rows.tsv"
: >"$ROWS"
add_row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$ROWS"; }
for key in "${CORPORA[@]}"; do
    dir="$CORPUS/$key"
    n=${key#heavy-}
    stats=$(corpus_stats "$dir")
    read -r files bytes <<<"$stats"
    (( files == n )) || die "bench/corpus/$key has $files files, expected $n"
    for i in "${!VARIANT_LABELS[@]}"; do
        label=${VARIANT_LABELS[$i]}
        # Word splitting of the variant's arguments is intended ("--threads 1").
        read -r -a extra <<<"${VARIANT_ARGS[$i]}"
        log "$key: $label"
        rss_kib=$(probe "$dir" "$files" ${extra[@]+"${extra[@]}"})
        median=$(time_median "$(printf '%q ' "$BIN" check "$dir" "${COMMON_ARGS[@]}" ${extra[@]+"${extra[@]}"})")
        kind=oursN
        (( i == 0 )) && kind=ours1
        add_row "$files" "$label" "$bytes" "$median" "$rss_kib" "$kind" "$key"
    done
    log "$key: floor"
    floor_rss=$(measure_rss "$TMP/floor.out" "$TMP/floor.err" "$FLOOR" "$dir")
    grep -q "^$files files" "$TMP/floor.out" || die "the floor did not read every file of $dir: $(cat "$TMP/floor.out")"
    median=$(time_median "$(printf '%q ' "$FLOOR" "$dir")")
    add_row "$files" "floor (serde_json + jsonschema, 1 thread)" "$bytes" "$median" "$floor_rss" floor "$key"
    if (( WITH_PEERS )); then
        json_only_corpus "$key"
        read -r json_files json_bytes <<<"$(corpus_stats "$PEERS/corpus-json/$key")"
        log "$key: checking what the peers report"
        read -r cjs_rss ajv_rss <<<"$(probe_peers "$key")"
        log "$key: check-jsonschema"
        median=$(time_median "$(cjs_command "$dir")")
        add_row "$files" "check-jsonschema" "$bytes" "$median" "$cjs_rss" peer "$key"
        log "$key: ajv-cli"
        median=$(time_median "$(ajv_command "$PEERS/corpus-json/$key")")
        add_row "$json_files" "ajv-cli"  "$json_bytes" "$median" "$ajv_rss" peer "$key"
    fi
done

# generate FILE WHAT ARG: when FILE is absent, runs the python3 program read
# from standard input with FILE.tmp and ARG as arguments, then moves the
# result into place (an interrupted run leaves no half-written file).
generate() {
    local file=$1 what=$2 arg=$3
    [[ -f "$file" ]] && return 0
    log "generating $what"
    mkdir -p "$(dirname "$file")"
    python3 - "$file.tmp" "$arg" || die "cannot generate $file"
    mv "$file.tmp" "$file"
}

# --- one big manifest -------------------------------------------------------
# big_manifest MB: bench/corpus/big-MBmb/manifest.json, about MB MB (2^20
# bytes), regenerated when absent.
big_manifest() {
    generate "$CORPUS/big-$1mb/manifest.json" "a manifest of about $1 MB in bench/corpus/big-$1mb" "$1" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
head = ('{"schema_version": "4.1", "post_installation_instruction": '
        '{"notes": "Open the app from the Apps menu."},\n"x-changelog": [')
entry = ('{"version": "1.%d.0", "date": "2026-01-01", "notes": "Fixed the sync of daily logs '
         'for projects with more than a thousand entries."}')
with open(path, "w") as f:
    f.write(head)
    size, i = len(head), 0
    while size < mb * 1024 * 1024:
        e = ("" if i == 0 else ",\n") + entry % i
        f.write(e)
        size += len(e)
        i += 1
    f.write("]}\n")
PY
}
# one_file KIND NAME FILE MIN_FINDINGS [RUNS WARMUP]: procore-manifest with 1
# thread on one file: its peak RSS (the JSON report checked to list the file
# with at least MIN_FINDINGS findings), then its median time; a row of KIND.
# Then the floor on the same file, the same way: a row of KIND-floor.
one_file() {
    local kind=$1 name=$2 file=$3 min=$4 runs=${5:-$RUNS} warmup=${6:-$WARMUP}
    local bytes rss_kib median extra
    bytes=$(python3 -c 'import os,sys; print(os.path.getsize(sys.argv[1]))' "$file")
    read -r -a extra <<<"${VARIANT_ARGS[0]}"
    rss_kib=$(measure_rss "$TMP/one.json" "$TMP/stderr" "$BIN" check "$file" "${COMMON_ARGS[@]}" ${extra[@]+"${extra[@]}"})
    # Counted line by line (a report of a million findings is too big for
    # json.load): one "path" per file, one "code" per finding, at the
    # indentation of the JSON report.
    python3 - "$TMP/one.json" "$min" "$name" >>"$TMP/findings.tsv" <<'PY' || die "incomplete report for $file"
import sys
files = found = 0
for line in open(sys.argv[1]):
    if line.startswith('      "path": '):
        files += 1
    elif line.startswith('          "code": '):
        found += 1
if files != 1 or found < int(sys.argv[2]):
    sys.exit("bench: %d files and %d findings in the report, expected 1 and at least %s" % (files, found, sys.argv[2]))
print("%s\t%d" % (sys.argv[3], found))
PY
    median=$(RUNS=$runs WARMUP=$warmup time_median "$(printf '%q ' "$BIN" check "$file" "${COMMON_ARGS[@]}" ${extra[@]+"${extra[@]}"})")
    add_row 1 "procore-manifest, 1 thread" "$bytes" "$median" "$rss_kib" "$kind" "$name"
    log "$name: floor"
    rss_kib=$(measure_rss "$TMP/floor.out" "$TMP/floor.err" "$FLOOR" "$file")
    grep -q "^1 files" "$TMP/floor.out" || die "the floor did not read $file: $(cat "$TMP/floor.out")"
    median=$(RUNS=$runs WARMUP=$warmup time_median "$(printf '%q ' "$FLOOR" "$file")")
    add_row 1 "floor (serde_json + jsonschema, 1 thread)" "$bytes" "$median" "$rss_kib" "$kind-floor" "$name"
}
if (( ! QUICK )); then
    for mb in 5 50; do
        big_manifest "$mb"
        log "one manifest of $mb MB: procore-manifest, 1 thread"
        one_file big "big-$mb" "$CORPUS/big-${mb}mb/manifest.json" 1
    done
fi

# --- huge objects -----------------------------------------------------------
# huge_object N: bench/corpus/huge-N/manifest.json, a valid manifest with N
# unknown top-level members (N findings: every one a did-you-mean lookup, a
# diagnostic and a JSON report entry). Timed with 3 runs (1,000,000 members
# take seconds); the JSON report is checked to hold at least N findings.
huge_object() {
    generate "$CORPUS/huge-$1/manifest.json" "a manifest with $1 unknown members in bench/corpus/huge-$1" "$1" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write('{"schema_version": "4.1", "app_manifest": {"name": "x"}')
    for i in range(n):
        f.write(',\n"unknown_member_%d": %d' % (i, i))
    f.write("}\n")
PY
}
if (( ! QUICK )); then
    for n in 40000 1000000; do
        huge_object "$n"
        log "one manifest with $n unknown members: procore-manifest, 1 thread"
        one_file huge "huge-$n" "$CORPUS/huge-$n/manifest.json" "$n" 3 1
    done
fi

# --- other shapes of one big manifest ----------------------------------------
# shape NAME MIN_FINDINGS: bench/corpus/shape-NAME/manifest.json, about
# 50 MB of one dense shape (values of a few bytes, or a finding per entry):
# where a tree of every value (24 bytes a value, 48 a member: what folding
# containers avoids) or held findings would cost more than the file. One
# run each (peak RSS and time).
shape() {
    generate "$CORPUS/shape-$1/manifest.json" "a 50 MB manifest of shape $1 in bench/corpus/shape-$1" "$1" <<'PY'
import sys
path, shape = sys.argv[1], sys.argv[2]
base = '{"schema_version": "4.1", "post_installation_instruction": {"notes": "Open the app."},\n'
head, item, tail = {
    "numbers": (base + '"x-data": [', lambda i: "%d" % i, "]}\n"),
    "nested": (base + '"x-data": [', lambda i: '{"a": [1, 2, {"b": "c"}]}', "]}\n"),
    "wrong-type": (base + '"sidepanel": [', lambda i: '{"uuid": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "v": %d}' % i, "]}\n"),
    "view-per-entry": (base + '"sidepanel": {"uuid": "7c9e6679-7425-40de-944b-e07fc1f90ae7", '
                       '"source_url": "https://a.io/p", "views": [', lambda i: '"rfi.detail"', "]}}\n"),
    "cut-off": (base + '"x-data": [', lambda i: "%d" % i, ""),
}[shape]
with open(path, "w") as f:
    f.write(head)
    size, i = len(head), 0
    while size < 50 * 1024 * 1024:
        e = ("" if i == 0 else ",\n") + item(i)
        f.write(e)
        size += len(e)
        i += 1
    f.write(tail)
PY
}
if (( ! QUICK )); then
    for name in numbers:1 nested:1 wrong-type:1 view-per-entry:3000000 cut-off:1; do
        shape "${name%%:*}"
        log "one 50 MB manifest of shape ${name%%:*}: procore-manifest, 1 thread"
        one_file shape "shape-${name%%:*}" "$CORPUS/shape-${name%%:*}/manifest.json" "${name#*:}" 1 0
    done
fi

# --- the language server ----------------------------------------------------
# In a full run, examples/lsp_latency.rs drives `procore-manifest lsp` over
# stdio (the binary benchmarked here): a re-lint after a one-character edit
# (median, p99, max of 300) and, while a document of 20,000 findings is
# linted, a small document's diagnostics, hover, completion and code action
# (worst of 5), and the floor (serde_json + jsonschema) on the same two
# documents. Its lines are printed under the tables.
LSP_OUT="$TMP/lsp.txt"
: >"$LSP_OUT"
if (( ! QUICK )); then
    LSP_EXAMPLE="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/lsp_latency"
    log "building examples/lsp_latency.rs"
    (cd "$ROOT" && cargo build --release --locked --example lsp_latency >&2) || die "cannot build examples/lsp_latency.rs"
    log "the language server: re-lint and answers while a big document is linted"
    PROCORE_MANIFEST_BIN="$BIN" "$LSP_EXAMPLE" >"$LSP_OUT" 2>"$TMP/lsp.err" \
        || { cat "$TMP/lsp.err" >&2; echo "bench: the language server benchmark failed" >&2; exit 3; }
fi

# --- report (stdout) -------------------------------------------------------
echo "## procore-manifest benchmark"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "- tool: $version, commit $commit"
echo "- binary: $BIN"
echo "- CPU: $(cpu_model), nproc: $(nproc_count)"
echo "- command: procore-manifest check DIR ${COMMON_ARGS[*]} [--threads T] > /dev/null"
if (( WITH_PEERS )); then
    echo "- peers: $peer_versions; schema: schemas/manifest.schema.json"
    echo "- peer commands: check-jsonschema --schemafile SCHEMA DIR/*/*.json;" \
        "ajv validate --spec=draft2020 --strict-schema=false -c ajv-formats -s SCHEMA -d 'DIR/**/*.json'"
fi
echo "- timing: $timing; peak RSS: $rss_how, one run"
echo
python3 - "$ROWS" "$QUICK" "$TMP/findings.tsv" <<'PY'
import os, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
FINDINGS = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[3]) if l.strip()) if os.path.exists(sys.argv[3]) else {}
full = sys.argv[2] == "0"
mib = 1024 * 1024
ours1 = {r[6]: float(r[3]) for r in rows if r[5] == "ours1"}
floor = {r[6]: float(r[3]) for r in rows if r[5] == "floor"}

def rss_mb(rss):
    bound = "<= " if rss.startswith("<=") else ""  # python3 fallback, see measure_rss()
    rss = rss[2:] if bound else rss
    return (bound + "%.1f" % (int(rss) * 1024 / mib)) if rss.isdigit() else "?"

# The floor on each single file (big, huge, shape): time and peak RSS.
onefloor = {r[6]: (float(r[3]), r[4]) for r in rows if r[5].endswith("-floor")}
rows = [r for r in rows if not r[5].endswith("-floor")]
def floor_cells(n, median):
    if n not in onefloor:
        return "- | - | -"
    fm, frss = onefloor[n]
    return "%.1f | %s | %.2fx" % (fm * 1000, rss_mb(frss), median / fm)
huge = [r for r in rows if r[5] == "huge"]
shapes = [r for r in rows if r[5] == "shape"]
rows = [r for r in rows if r[5] not in ("huge", "shape")]
SHAPES = {
    "shape-numbers": "small numbers in one array (an unknown member)",
    "shape-nested": 'small nested objects (`{"a": [1, 2, {"b": "c"}]}`, an unknown member)',
    "shape-wrong-type": "an array of small objects where an object is expected",
    "shape-view-per-entry": "a side panel view repeated (a finding each, with a fix)",
    "shape-cut-off": "small numbers in one array, the file cut off (not JSON: S001)",
}
print("| corpus | files | tool | total MB | median ms | files/s | MB/s | peak RSS MB | median / ours (1 thread) | median / floor |")
print("|:-------|------:|:-----|---------:|----------:|--------:|-----:|------------:|-------------------------:|---------------:|")
big = [r for r in rows if r[5] == "big"]
rows = [r for r in rows if r[5] != "big"]
for files, label, size, median, rss, kind, n in rows:
    files, size, median = int(files), int(size), float(median)
    ratio = "%.2fx" % (median / ours1[n]) if n in ours1 else "-"
    to_floor = "%.2fx" % (median / floor[n]) if n in floor else "-"
    corpus = "findings-heavy" if n.startswith("heavy-") else "clean (10% errors)"
    print("| %s | %d | %s | %.3f | %.1f | %.0f | %.1f | %s | %s | %s |" % (
        corpus, files, label, size / mib, median * 1000, files / median, size / mib / median, rss_mb(rss), ratio, to_floor))

# The memory a file adds: peak RSS beyond that of the one-file run (the
# process itself: binary, allocator, compiled schemas, threads).
base_rss = next((int(r[4]) for r in rows if r[5] == "ours1" and r[6] == "1" and r[4].isdigit()), None)
def added(rss, size):
    if base_rss is None or not rss.isdigit():
        return None
    return (int(rss) - base_rss) * 1024 / size
if big:
    print()
    print("One big manifest (a huge unknown member, one finding), procore-manifest with 1 thread:")
    print()
    print("| file MB | median ms | MB/s | peak RSS MB | RSS / file size | RSS beyond a one-file run / file size | floor ms | floor peak RSS MB | median / floor |")
    print("|--------:|----------:|-----:|------------:|----------------:|--------------------------------------:|---------:|------------------:|---------------:|")
    for files, label, size, median, rss, kind, n in big:
        size, median = int(size), float(median)
        times = "%.1fx" % (int(rss) * 1024 / size) if rss.isdigit() else "?"
        extra = added(rss, size)
        print("| %.1f | %.1f | %.1f | %s | %s | %s | %s |" % (size / mib, median * 1000, size / mib / median, rss_mb(rss), times,
              "?" if extra is None else "%.1fx" % extra, floor_cells(n, median)))
if huge:
    print()
    print("One manifest with a huge object (every member unknown: one finding each, JSON report), procore-manifest with 1 thread, median of 3:")
    print()
    print("| members | file MB | median ms | peak RSS MB | floor ms | floor peak RSS MB | median / floor |")
    print("|--------:|--------:|----------:|------------:|---------:|------------------:|---------------:|")
    for files, label, size, median, rss, kind, n in huge:
        print("| %s | %.1f | %.1f | %s | %s |" % ("{:,}".format(int(n.split("-")[1])), int(size) / mib, float(median) * 1000, rss_mb(rss),
              floor_cells(n, float(median))))
if shapes:
    print()
    print("Other shapes of one 50 MB manifest (JSON report), procore-manifest with 1 thread, one run:")
    print()
    print("| shape | file MB | ms | findings | peak RSS MB | RSS / file size | floor ms | floor peak RSS MB | ms / floor |")
    print("|:------|--------:|---:|---------:|------------:|----------------:|---------:|------------------:|-----------:|")
    for files, label, size, median, rss, kind, n in shapes:
        times = "%.1fx" % (int(rss) * 1024 / int(size)) if rss.isdigit() else "?"
        print("| %s | %.1f | %.0f | %s | %s | %s | %s |" % (SHAPES.get(n, n), int(size) / mib, float(median) * 1000,
              FINDINGS.get(n, "?"), rss_mb(rss), times, floor_cells(n, float(median))))
if any(r[1] == "ajv-cli" for r in rows):
    print()
    print("ajv-cli stops at the first file that is not JSON: it gets the corpus without those files (its files column).")
if not full:
    sys.exit(0)
# Targets (full runs only).
def med(n, label_start):
    for r in rows:
        if r[6] == n and r[1].startswith(label_start):
            return float(r[3])
    return None
def verdict(ok):
    return "met" if ok else "NOT MET"
print()
print("Targets:")
us1, us10k = ours1.get("1"), ours1.get("10000")
cjs1, ajv1 = med("1", "check-jsonschema"), med("1", "ajv-cli")
cjs10k, ajv10k = med("10000", "check-jsonschema"), med("10000", "ajv-cli")
if None not in (us1, cjs1, ajv1):
    r = min(cjs1, ajv1) / us1
    print("- 1 file, >= 35x faster than both peers: %.1fx (check-jsonschema %.1fx, ajv %.1fx): %s"
          % (r, cjs1 / us1, ajv1 / us1, verdict(r >= 35)))
if None not in (us10k, cjs10k):
    print("- 10,000 files, >= 30x faster than check-jsonschema: %.1fx: %s" % (cjs10k / us10k, verdict(cjs10k / us10k >= 30)))
if None not in (us10k, ajv10k):
    print("- 10,000 files, >= 1.7x faster than ajv, single-threaded: %.2fx: %s" % (ajv10k / us10k, verdict(ajv10k / us10k >= 1.7)))
ours_rss = [int(r[4]) for r in rows if r[5].startswith("ours") and r[4].isdigit()]
# (The big single files are not in this target: it is about corpora.)
if ours_rss:
    peak = max(ours_rss) * 1024 / mib
    print("- peak RSS <= 30 MB on every corpus: %.1f MB at most: %s" % (peak, verdict(peak <= 30)))
oursN = {r[6]: float(r[3]) for r in rows if r[5] == "oursN"}
for key, limit, what in (("10000", 0.5, "clean corpus"), ("heavy-10000", 1.0, "findings-heavy corpus")):
    if key in oursN and key in floor:
        r = oursN[key] / floor[key]
        print("- 10,000 files of the %s, all threads, within %.1fx the floor: %.2fx: %s" % (what, limit, r, verdict(r <= limit)))
for files, label, size, median, rss, kind, n in big:
    if rss.isdigit():
        times = int(rss) * 1024 / int(size)
        extra = added(rss, int(size))
        print("- memory on one %.0f MB file at most 2x its size: peak RSS %.1fx its size: %s; beyond a one-file run (%.1f MB): %s"
              % (int(size) / mib, times, verdict(times <= 2), base_rss * 1024 / mib if base_rss else 0,
                 "?" if extra is None else "%.2fx: %s" % (extra, verdict(extra <= 2))))
for files, label, size, median, rss, kind, n in shapes:
    if rss.isdigit():
        times = int(rss) * 1024 / int(size)
        print("- memory on one 50 MB file of %s at most 2x its size: %.1fx: %s" % (SHAPES.get(n, n), times, verdict(times <= 2)))
for files, label, size, median, rss, kind, n in huge:
    members = int(n.split("-")[1])
    limit = 0.3 if members <= 40000 else 5.0
    print("- an object of %s members (each a finding) in under %.1f s: %.2f s: %s"
          % ("{:,}".format(members), limit, float(median), verdict(float(median) < limit)))
if all(k in ours1 for k in ("1", "1000", "10000")):
    per = lambda n: (ours1[n] - ours1["1"]) / (int(n) - 1) * 1e6
    ratio = per("10000") / per("1000")
    print("- time linear in the file count: %.1f us per file beyond the one-file run at 1,000 files, %.1f at 10,000 (x%.2f): %s"
          % (per("1000"), per("10000"), ratio, verdict(ratio <= 1.25)))
if len(big) == 2:
    speed = [int(r[2]) / float(r[3]) / mib for r in big]
    ratio = speed[0] / speed[1]
    print("- time linear in the size of one file: %.1f MB/s at %.0f MB, %.1f MB/s at %.0f MB (x%.2f): %s"
          % (speed[0], int(big[0][2]) / mib, speed[1], int(big[1][2]) / mib, ratio, verdict(ratio <= 1.25)))
PY
if [[ -s "$LSP_OUT" ]]; then
    echo
    echo "Language server (examples/lsp_latency.rs, over stdio; targets: re-lint p99 <= 10 ms, every answer <= 100 ms):"
    echo
    sed 's/^/- /' "$LSP_OUT"
fi
