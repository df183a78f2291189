#!/usr/bin/env bash
# Load test of the inbound URL: Autotask-shaped deliveries, signed (HMAC-SHA1), each stored before it is acknowledged;
# then how long the processor takes to turn the inbox into incidents and events.
# Usage: tests/load/run-connectors.sh [seconds=20] [connections=32] [tickets=2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/load/lib.sh

seconds=${1:-20}; connections=${2:-32}; tickets=${3:-2000}
secret="load-test-autotask-secret"
start_api
define_agreement
customer=$(post customers '{"name":"Autotask customer","externalRefs":[{"source":"autotask","id":"29684"}]}' | id_of)
post agreements '{"customerId":"'"$customer"'","policyId":"'"$policy"'","name":"All services","effectiveFrom":"2026-01-01T00:00:00Z","monthlyFee":{"amount":1000,"currency":"USD"}}' >/dev/null
inbound=$(post connections '{"kind":"autotask","name":"Autotask load","secret":"'"$secret"'","mapping":{"priorities":{"1":1,"3":3},"statuses":{"1":"new","8":"in-progress","7":"waiting-customer","5":"resolved"}}}' \
  | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.urlparse(json.load(sys.stdin)["inboundUrl"]).path)')

# Each ticket's life as Autotask would call it out: created, then its status moving on, one sequence number after another.
python3 - "$secret" "$tickets" > "$work/deliveries" <<'PY'
import base64, hashlib, hmac, json, sys
secret, tickets = sys.argv[1].encode(), int(sys.argv[2])
statuses = ["1", "8", "7", "8", "5", "8"]
for step, status in enumerate(statuses * 4):
    for ticket in range(1, tickets + 1):
        minute = step * 5
        body = json.dumps({"Action": "Create" if step == 0 else "Update", "Guid": "5f0e2b8c-7a41-4c3e-9d52-1b8a6f3e0c77",
            "EntityType": "Ticket", "Id": 900000 + ticket,
            "Fields": {"Title": f"Load ticket {ticket}", "CompanyID": "29684", "Priority": "1" if ticket % 2 else "3", "Status": status,
                       "CreateDate": "2026-01-05T09:00:00Z"},
            "EventTime": f"2026-01-05T{10 + minute // 60:02d}:{minute % 60:02d}:00Z", "SequenceNumber": step + 1}, separators=(",", ":"))
        signature = "sha1=" + base64.b64encode(hmac.new(secret, body.encode(), hashlib.sha1).digest()).decode()
        print(f"{signature}\t{body}")
PY

SLAAPI_INBOUND="$inbound" SLAAPI_DELIVERIES="$work/deliveries" \
  wrk -t2 -c"$connections" -d5s --timeout 10s -s tests/load/connectors.lua "$base" > "$work/warm-up.txt"
echo "SlaApi $(git rev-parse --short HEAD), SQLite, Autotask deliveries over $tickets tickets, $connections connections, ${seconds}s"
SLAAPI_INBOUND="$inbound" SLAAPI_DELIVERIES="$work/deliveries" \
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s tests/load/connectors.lua "$base" | tee "$work/wrk.txt" | sed -n '/^requests:/,$p'
acknowledged=$(awk -F'[:,] *' '/^requests:/ { n += $2 - $4 } END { print n }' "$work/warm-up.txt" "$work/wrk.txt")
count() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$work/load.db" "$1"; }
echo "deliveries acknowledged (warm-up and run): $acknowledged, stored: $(count 'SELECT COUNT(*) FROM inbound_deliveries')"
bare=$(bare_rate "$connections" 8)
rate=$(awk '/^acknowledged deliveries\/s:/ { print $3 }' "$work/wrk.txt")
echo "GET /health/live: $bare requests/s; deliveries/s to bare requests/s: $(python3 -c "print(f'{$rate / $bare:.2f}')")"

# The processor works through the inbox behind the acknowledgements; time it until nothing is pending.
pending=$(count "SELECT COUNT(*) FROM inbound_deliveries WHERE status = 'pending'")
start=$(date +%s.%N)
while [ "$(count "SELECT COUNT(*) FROM inbound_deliveries WHERE status = 'pending'")" -gt 0 ]; do sleep 1; done
elapsed=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
echo "processed the $pending pending in ${elapsed}s: $(python3 -c "print(f'{$pending / max($elapsed, 0.1):.0f}')") deliveries/s"
echo "outcomes: $(python3 -c 'import sqlite3,sys; print(dict(sqlite3.connect(sys.argv[1]).execute("SELECT status, COUNT(*) FROM inbound_deliveries GROUP BY status").fetchall()))' "$work/load.db")"
echo "incidents: $(count 'SELECT COUNT(*) FROM incidents'), events: $(count 'SELECT COUNT(*) FROM incident_events')"
echo "API peak memory (VmHWM): $(peak_memory)"
