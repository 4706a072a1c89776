#!/usr/bin/env bash
# The action's check step: one run writes the SARIF report, the GitHub
# annotations (and, through GITHUB_STEP_SUMMARY, the job summary). The exit
# code goes to the step's outputs: the SARIF upload runs first, the last
# step fails the job.
#
# `paths` and `args` are split into words as a shell would, never run by
# one: on spaces, tabs and newlines (a YAML block `paths: |` holds one path
# per line), with '…' and "…" quoting a word that holds a space, an
# apostrophe or a backslash (a bare one escapes the next character). A path
# holding *, ? or [ is a glob (** across folders): its folders and .json
# files are checked (a README.md beside them is no manifest); one that
# matches nothing is passed as written, so the run names it. A quote left
# open fails the step (exit-code 2) before anything runs.
set -uo pipefail

# The words of "$1", NUL-separated on stdout (xargs reads quotes and
# backslashes as a shell does and runs nothing but printf).
words() {
  if [[ -z "${1//[[:space:]]/}" ]]; then
    return 0
  fi
  printf '%s' "$1" | xargs printf '%s\0'
}

fail() {
  echo "::error title=procore-manifest::$1"
  echo "exit-code=2" >> "${GITHUB_OUTPUT:?}"
  exit 0
}

for input in paths args; do
  var="INPUT_${input^^}"
  if ! words "${!var:-}" > /dev/null 2>&1; then
    fail "the input '$input' has a quote that is never closed"
  fi
done
paths=()
extra=()
shopt -s globstar nullglob
while IFS= read -r -d '' w; do
  if [[ "$w" == *[\*\?\[]* ]]; then
    # Expanded whole: a space in a quoted glob splits nothing.
    matched=()
    while IFS= read -r m; do
      if [ -d "$m" ] || [[ "$m" == *.json ]]; then
        matched+=("$m")
      fi
    done < <(compgen -G "$w")
    if ((${#matched[@]})); then
      paths+=("${matched[@]}")
      continue
    fi
  fi
  paths+=("$w")
done < <(words "${INPUT_PATHS:-.}")
shopt -u globstar nullglob
((${#paths[@]})) || paths=(.)
while IFS= read -r -d '' w; do
  extra+=("$w")
done < <(words "${INPUT_ARGS:-}")

# A report of its own for this step: a stale one (an earlier run, another
# use of the action in the job) is never uploaded after a run that failed
# and wrote none.
sarif="${RUNNER_TEMP:-/tmp}/procore-manifest-${GITHUB_RUN_ID:-0}-${GITHUB_ACTION:-check}-$$.sarif"
rm -f "$sarif"
procore-manifest check --fail-on "${INPUT_FAIL_ON:-error}" \
  --format "sarif=$sarif" --format github ${extra[@]+"${extra[@]}"} -- "${paths[@]}"
code=$?
if [ -f "$sarif" ]; then
  echo "sarif=$sarif" >> "${GITHUB_OUTPUT:?}"
fi
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
