#!/usr/bin/env bash
# Load test of event ingestion on the default SQLite database, with durable commits.
# Usage: tests/load/run-events.sh [events-per-request=100] [seconds=20] [connections=32] [incidents=2000]
# Needs wrk (Debian package) and python3. Sends traffic to 127.0.0.1 only.
# SLAAPI_TRACE=<file.nettrace> also records a 10 s thread-time profile of the API during the run (dotnet-trace).
set -euo pipefail
cd "$(dirname "$0")/../.."

batch=${1:-100}; seconds=${2:-20}; connections=${3:-32}; incidents=${4:-2000}
port=5081; api="http://127.0.0.1:$port/api/v1"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$work"' EXIT

dotnet build -c Release src/SlaApi.Api -v q -nologo >/dev/null
ConnectionStrings__Sla="Data Source=$work/load.db" Urls="http://127.0.0.1:$port" \
RateLimit__TokenLimit=1000000 RateLimit__TokensPerSecond=1000000 Logging__LogLevel__Default=Warning \
  dotnet src/SlaApi.Api/bin/Release/net10.0/SlaApi.Api.dll > "$work/api.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
key=$(grep -o 'sla_[0-9a-f]*_[A-Za-z0-9_-]*' "$work/api.log" | head -1)
auth="Authorization: Bearer $key"; json='Content-Type: application/json'

post() { curl -sf -X POST "$api/$1" -H "$auth" -H "$json" -d "$2"; }
calendar=$(post calendars '{"name":"Office","timeZone":"America/New_York","week":{"monday":[{"start":"08:00","end":"17:00"}],"tuesday":[{"start":"08:00","end":"17:00"}],"wednesday":[{"start":"08:00","end":"17:00"}],"thursday":[{"start":"08:00","end":"17:00"}],"friday":[{"start":"08:00","end":"17:00"}]}}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
policy=$(post policies '{"name":"Gold","calendarId":"'"$calendar"'","targets":[{"priority":1,"responseMinutes":15,"resolutionMinutes":240,"updateMinutes":60},{"priority":3,"responseMinutes":240,"resolutionMinutes":2400}],"pauseStatuses":["waiting-customer"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
customer=$(post customers '{"name":"Load test customer","externalRefs":[{"source":"psa","id":"load"}]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
post agreements '{"customerId":"'"$customer"'","policyId":"'"$policy"'","name":"All services","effectiveFrom":"2026-01-01T00:00:00Z","monthlyFee":{"amount":1000,"currency":"USD"}}' >/dev/null
python3 - "$api" "$key" "$customer" "$incidents" > "$work/ids" <<'PY'
import json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor
api, key, customer, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def open_incident(i):
    body = {"source": "psa", "externalId": f"L-{i}", "customerId": customer, "title": "Load",
            "priority": 1 if i % 2 == 0 else 3, "openedAt": "2026-01-05T09:00:00Z"}
    request = urllib.request.Request(f"{api}/incidents", json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["id"]
with ThreadPoolExecutor(8) as pool:
    for incident_id in pool.map(open_incident, range(1, count + 1)):
        print(incident_id)
PY

echo "SlaApi $(git rev-parse --short HEAD), SQLite WAL with synchronous=FULL, $incidents incidents, $connections connections, ${seconds}s"
if [ -n "${SLAAPI_TRACE:-}" ]; then
  (sleep 5; dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time --duration 00:00:00:10 -o "$SLAAPI_TRACE" >/dev/null) &
fi
SLAAPI_KEY="$key" SLAAPI_IDS="$work/ids" SLAAPI_BATCH="$batch" \
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s tests/load/events.lua "http://127.0.0.1:$port" | sed -n '/^requests:/,$p'
echo "events stored: $(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM incident_events").fetchone()[0])' "$work/load.db")"
echo "API peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
