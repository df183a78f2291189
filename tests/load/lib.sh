#!/usr/bin/env bash
# Shared by the load scripts: a Release API on a fresh SQLite file, its definitions and incidents.
# Sends traffic to 127.0.0.1 only. Needs wrk (Debian package) and python3.

port=5081; base="http://127.0.0.1:$port"; api="$base/api/v1"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$work"' EXIT

# Builds and starts the API with its rate limit raised, on $work/load.db unless Database__Provider and $connection
# say otherwise; sets $pid, $key and $auth.
start_api() {
  dotnet build -c Release src/SlaApi.Api -v q -nologo >/dev/null
  ConnectionStrings__Sla="${connection:-Data Source=$work/load.db}" Urls="$base" \
  RateLimit__TokenLimit=1000000 RateLimit__TokensPerSecond=1000000 Logging__LogLevel__Default=Warning \
    dotnet src/SlaApi.Api/bin/Release/net10.0/SlaApi.Api.dll > "$work/api.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.2; done
  key=$(grep -o 'sla_[0-9a-f]*_[A-Za-z0-9_-]*' "$work/api.log" | head -1)
  auth="Authorization: Bearer $key"
}

post() { curl -sf -X POST "$api/$1" -H "$auth" -H 'Content-Type: application/json' -d "$2"; }
id_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }

# An office-hours calendar, a policy, a customer and its agreement; sets $calendar and $customer.
define_agreement() {
  calendar=$(post calendars '{"name":"Office","timeZone":"America/New_York","week":{"monday":[{"start":"08:00","end":"17:00"}],"tuesday":[{"start":"08:00","end":"17:00"}],"wednesday":[{"start":"08:00","end":"17:00"}],"thursday":[{"start":"08:00","end":"17:00"}],"friday":[{"start":"08:00","end":"17:00"}]},"holidays":[{"date":"2026-12-25","name":"Christmas Day"}]}' | id_of)
  policy=$(post policies '{"name":"Gold","calendarId":"'"$calendar"'","targets":[{"priority":1,"responseMinutes":15,"resolutionMinutes":240,"updateMinutes":60},{"priority":3,"responseMinutes":240,"resolutionMinutes":2400}],"pauseStatuses":["waiting-customer"],"warningThresholds":[75]}' | id_of)
  customer=$(post customers '{"name":"Load test customer","externalRefs":[{"source":"psa","id":"load"}]}' | id_of)
  post agreements '{"customerId":"'"$customer"'","policyId":"'"$policy"'","name":"All services","effectiveFrom":"2026-01-01T00:00:00Z","monthlyFee":{"amount":1000,"currency":"USD"}}' >/dev/null
}

# Opens $1 incidents through the API, eight at a time, and writes their ids to $work/ids.
open_incidents() {
  python3 - "$api" "$key" "$customer" "$1" > "$work/ids" <<'PY'
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
}

# Requests per second of GET /health/live with wrk -t2 -c$1 for $2 seconds: the bare endpoint each figure is compared with.
bare_rate() {
  wrk -t2 -c"$1" -d"$2s" "$base/health/live" | awk '/^Requests\/sec/ { printf "%.0f", $2 }'
}

peak_memory() { awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"; }
