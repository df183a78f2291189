#!/usr/bin/env bash
# Load test of the reads that ride on the stored incidents: GET /incidents/{id} (clocks replayed at the request's
# instant) and the due-date calculator, each as a ratio to GET /health/live measured in the same run.
# Usage: tests/load/run-reads.sh [seconds=8] [connections=64] [incidents=2000] [events-per-incident=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/load/lib.sh

seconds=${1:-8}; connections=${2:-64}; incidents=${3:-2000}; events=${4:-10}
start_api
define_agreement
open_incidents "$incidents"
python3 - "$api" "$key" "$work/ids" "$events" <<'PY'
import json, sys, urllib.request
api, key, ids, count = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().split(), int(sys.argv[4])
for n in range(0, len(ids), 100):
    events = [{"incidentId": i, "eventId": f"e{k}", "type": "status-changed" if k % 3 == 0 else "updated",
               "status": ("waiting-customer" if k % 6 == 0 else "in-progress") if k % 3 == 0 else None,
               "occurredAt": f"2026-01-05T{10 + k:02d}:00:00Z"} for i in ids[n:n + 100] for k in range(count)]
    events = [{k: v for k, v in e.items() if v is not None} for e in events]
    for b in range(0, len(events), 1000):
        request = urllib.request.Request(f"{api}/incidents/events:batch", json.dumps({"events": events[b:b + 1000]}).encode(), method="POST",
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
        urllib.request.urlopen(request).read()
PY

echo "SlaApi $(git rev-parse --short HEAD), SQLite, $incidents incidents of $events events, wrk -t2 -c$connections, ${seconds}s each"
# Requests per second of a wrk run; a run with any answer other than 2xx or 3xx fails the script.
rate() { tee "$work/wrk.txt" | awk '/^Requests\/sec/ { printf "%.0f", $2 }'; ! grep -q "Non-2xx" "$work/wrk.txt"; }
# Two seconds of each kind first, so that every figure is taken with the code compiled (tiered JIT).
bare_rate "$connections" 2 >/dev/null
SLAAPI_KEY="$key" SLAAPI_IDS="$work/ids" SLAAPI_READ=incident wrk -t2 -c"$connections" -d2s -s tests/load/reads.lua "$base" >/dev/null
SLAAPI_KEY="$key" SLAAPI_CALENDAR="$calendar" SLAAPI_READ=due-date wrk -t2 -c"$connections" -d2s -s tests/load/reads.lua "$base" >/dev/null
bare=$(bare_rate "$connections" "$seconds")
incident=$(SLAAPI_KEY="$key" SLAAPI_IDS="$work/ids" SLAAPI_READ=incident wrk -t2 -c"$connections" -d"${seconds}s" -s tests/load/reads.lua "$base" | rate)
due=$(SLAAPI_KEY="$key" SLAAPI_CALENDAR="$calendar" SLAAPI_READ=due-date wrk -t2 -c"$connections" -d"${seconds}s" -s tests/load/reads.lua "$base" | rate)
ratio() { python3 -c "print(f'{$1 / $bare:.2f}')"; }
echo "GET /health/live: $bare requests/s"
echo "GET /api/v1/incidents/{id}: $incident requests/s = $(ratio "$incident") x bare"
echo "POST /api/v1/calendars/{id}/due-date: $due requests/s = $(ratio "$due") x bare"
echo "API peak memory (VmHWM): $(peak_memory)"
