#!/usr/bin/env bash
# Time `procore-manifest usage` on a generated API Call Activity Report of
# about 100 MB (BENCH_USAGE_MB to change it) and print the wall time and
# the peak RSS: the report is streamed, so memory must not grow with it.
#
# Usage: bench/usage.sh   (PROCORE_MANIFEST_BIN=PATH to time another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PROCORE_MANIFEST_BIN:-target/release/procore-manifest}
[ -x "$bin" ] || cargo build --release --quiet
mb=${BENCH_USAGE_MB:-100}
csv=bench/corpus/activity-${mb}mb.csv
mkdir -p bench/corpus
if [ ! -s "$csv" ]; then
  python3 - "$csv" "$mb" <<'PY'
import random, sys
path, mb = sys.argv[1], int(sys.argv[2])
random.seed(1)
routes = ["/v1.0/projects/:project_id/rfis", "/v1.0/projects/:project_id/rfis/:id",
          "/v1.0/projects/:project_id/accident_logs",
          "/v1.0/projects/:project_id/observation_types",
          "/v2.0/companies/:company_id/projects/:project_id/calendars"]
routes += [f"/v1.0/projects/:project_id/unknown_{i}" for i in range(200)]
with open(path, "w") as f:
    f.write("Date,Response Code,HTTP Method,Normalized Route,Count\n")
    while f.tell() < mb * 1024 * 1024:
        f.write(f"2026-10-{random.randint(1, 30):02d},{random.choice([200, 200, 200, 403, 429])},"
                f"{random.choice(['GET', 'POST'])},{random.choice(routes)},{random.randint(1, 500)}\n")
PY
fi
size=$(du -m "$csv" | cut -f1)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "usage on a ${size} MB report: %e s wall, %M KB peak RSS" \
    "$bin" usage fixtures/usage/manifest.json --activity "$csv" --no-config --fail-on never >/dev/null
else
  start=$(date +%s.%N)
  "$bin" usage fixtures/usage/manifest.json --activity "$csv" --no-config --fail-on never >/dev/null
  echo "usage on a ${size} MB report: $(echo "$(date +%s.%N) - $start" | bc) s wall (no /usr/bin/time: RSS not measured)"
fi
