#!/usr/bin/env bash
# The action's check step: one run writes the SARIF report, the GitHub
# annotations (and, through GITHUB_STEP_SUMMARY, the job summary). The exit
# code goes to the step's outputs: the SARIF upload runs first, the last
# step fails the job.
set -uo pipefail
sarif="${RUNNER_TEMP:-/tmp}/procore-manifest.sarif"
read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
procore-manifest check "${paths[@]}" --fail-on "${INPUT_FAIL_ON:-error}" \
  --format "sarif=$sarif" --format github ${extra[@]+"${extra[@]}"}
code=$?
if [ -f "$sarif" ]; then
  echo "sarif=$sarif" >> "${GITHUB_OUTPUT:?}"
fi
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
