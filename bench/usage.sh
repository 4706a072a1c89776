#!/usr/bin/env bash
# Time `procore-manifest usage` on generated API Call Activity Reports and
# print the wall time and the peak RSS of each:
# - about 100 MB of rows over a few hundred routes (BENCH_USAGE_MB to
#   change it): the report is streamed, so memory must not grow with it;
# - 1,000,000 distinct unmapped routes (BENCH_USAGE_ROUTES to change it):
#   time and memory grow with distinct routes (target: under 10 s and
#   300 MB on 2 cores);
# - one route of 50 MB: refused as a malformed report, in bounded memory.
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
routes=${BENCH_USAGE_ROUTES:-1000000}
distinct=bench/corpus/activity-${routes}-routes.csv
if [ ! -s "$distinct" ]; then
  python3 - "$distinct" "$routes" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("Date,Response Code,HTTP Method,Normalized Route,Count\n")
    for i in range(n):
        f.write(f"2026-10-{i % 30 + 1:02d},200,GET,/v1.0/projects/:project_id/mystery_{i}/items,{i % 97 + 1}\n")
    f.write("2026-10-01,200,GET,/v1.0/projects/:project_id/rfis,1\n")
PY
fi
long=bench/corpus/activity-50mb-route.csv
if [ ! -s "$long" ]; then
  python3 - "$long" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("Date,Response Code,HTTP Method,Normalized Route,Count\n2026-10-01,200,GET,/v1.0/")
    f.write("r" * (50 * 1024 * 1024))
    f.write(",1\n")
PY
fi
measure() {
  local what=$1 file=$2
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "usage on $what: %e s wall, %M KB peak RSS" \
      "$bin" usage fixtures/usage/manifest.json --activity "$file" --no-config --fail-on never >/dev/null 2>/tmp/usage-bench.err || true
    tail -1 /tmp/usage-bench.err
  else
    echo "usage on $what: /usr/bin/time missing (apt-get install time)"
  fi
}
measure "$routes distinct unmapped routes" "$distinct"
measure "one route of 50 MB (refused)" "$long"
size=$(du -m "$csv" | cut -f1)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "usage on a ${size} MB report: %e s wall, %M KB peak RSS" \
    "$bin" usage fixtures/usage/manifest.json --activity "$csv" --no-config --fail-on never >/dev/null
else
  start=$(date +%s.%N)
  "$bin" usage fixtures/usage/manifest.json --activity "$csv" --no-config --fail-on never >/dev/null
  echo "usage on a ${size} MB report: $(echo "$(date +%s.%N) - $start" | bc) s wall (no /usr/bin/time: RSS not measured)"
fi
