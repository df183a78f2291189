#!/usr/bin/env bash
# What-if speed on a seeded portfolio: starts the API (Release) on the database given, asks for a simulation of every
# agreement's incidents of the last 12 months under a draft of the first policy with every target 20 % tighter, follows
# it to completion and prints how long it took (the runner's own start and finish, and the client's wall time), the
# incidents replayed, the flips and the API's peak memory.
#   tests/load/run-simulation.sh Sqlite "Data Source=seed.db"
set -euo pipefail
cd "$(dirname "$0")/../.."

provider=${1:?provider}; connection=${2:?connection string}
port=5083; api="http://127.0.0.1:$port/api/v1"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$work"' EXIT

dotnet build -c Release src/SlaApi.Api -v q -nologo >/dev/null
Database__Provider="$provider" ConnectionStrings__Sla="$connection" Urls="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
  dotnet src/SlaApi.Api/bin/Release/net10.0/SlaApi.Api.dll > "$work/api.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
key=$(grep -o 'sla_[0-9a-f]*_[A-Za-z0-9_-]*' "$work/api.log" | head -1)
[ -n "$key" ] || { echo "no bootstrap key printed: does the database hold keys already?"; cat "$work/api.log"; exit 1; }
auth="Authorization: Bearer $key"

for page in 1 2 3 4 5; do
  curl -sf -H "$auth" "$api/agreements?page=$page&pageSize=200" > "$work/agreements-$page.json"
done
curl -sf -H "$auth" "$api/policies?pageSize=1" > "$work/policies.json"
to=$(date -u +%Y-%m-%dT00:00:00Z)
from=$(date -u -d "$to - 12 months" +%Y-%m-%dT%H:%M:%SZ)
python3 - "$work" "$from" "$to" > "$work/request.json" <<'PY'
import glob, json, sys
work, start, end = sys.argv[1:4]
ids = [a["id"] for f in sorted(glob.glob(f"{work}/agreements-*.json")) for a in json.load(open(f))["items"]]
policy = json.load(open(f"{work}/policies.json"))["items"][0]
tighter = lambda m: max(1, int(m * 0.8))
draft = {
    "name": policy["name"] + " (draft)", "calendarId": policy["calendarId"], "pauseStatuses": policy["pauseStatuses"],
    "targets": [{"priority": t["priority"], "responseMinutes": tighter(t["responseMinutes"]), "resolutionMinutes": tighter(t["resolutionMinutes"]),
                 "updateMinutes": tighter(t["updateMinutes"]) if t["updateMinutes"] else None, "calendarId": t["calendarId"]} for t in policy["targets"]],
}
print(json.dumps({"policy": draft, "agreementIds": ids, "from": start, "to": end}))
PY
began=$(date +%s.%N)
location=$(curl -sf -D - -o "$work/accepted.json" -H "$auth" -H 'Content-Type: application/json' --data @"$work/request.json" "$api/simulations" \
  | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
while :; do
  curl -sf -H "$auth" "http://127.0.0.1:$port$location" > "$work/simulation.json"
  status=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$work/simulation.json")
  [ "$status" = completed ] || [ "$status" = failed ] && break
  sleep 0.2
done
ended=$(date +%s.%N)
echo "SlaApi $(git rev-parse --short HEAD), $provider, what-if of $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["agreementIds"]))' "$work/request.json") agreements, $from to $to"
python3 - "$work/simulation.json" "$began" "$ended" <<'PY'
import json, sys
from datetime import datetime
s = json.load(open(sys.argv[1]))
ts = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00"))
print(f"status {s['status']}, {s['incidentsReplayed']:,} incidents replayed ({s['excludedIncidents']:,} excluded), "
      f"breaches {s['actualBreaches']:,} actual, {s['draftBreaches']:,} draft; flips met->breached {s['metToBreached']:,}, breached->met {s['breachedToMet']:,}")
if s["status"] == "completed":
    print(f"runner: {(ts(s['finishedAt']) - ts(s['startedAt'])).total_seconds():.1f} s from claim to answer; "
          f"client: {float(sys.argv[3]) - float(sys.argv[2]):.1f} s from POST to completed")
else:
    print(s.get("error"))
PY
echo "API peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
