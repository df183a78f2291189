#!/usr/bin/env bash
# Load test of the alert scheduler and webhook dispatcher on the default SQLite database: opens incidents (two clocks
# each: response due in RESPONSE minutes, resolution in 10 hours; warnings at 50 %), so that their response alarms
# fall due at the rate they were opened while the resolution clocks stay planned, then measures how late each alert
# fired after its instant and how late its webhook (breaches only) reached a receiver. With the default 5 minutes the
# openings are over before the first warning; 2 makes them overlap. With "postgres" it runs on a throwaway local
# PostgreSQL cluster (initdb and pg_ctl of the Debian package) instead, with the API's defaults.
# Usage: tests/load/run-alerts.sh [incidents=50000] [connections=16] [response-minutes=5] [sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/load/lib.sh

incidents=${1:-50000}; connections=${2:-16}; response=${3:-5}; engine=${4:-sqlite}
receiver_port=5091
export Webhooks__AllowPrivateAddresses=true
if [ "$engine" = postgres ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); pg_port=55491
  # PostgreSQL refuses to run as root; as root the cluster belongs to the Debian package's "postgres" user.
  as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  mkdir -p "$work/pg"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg" && chmod 755 "$work"
  as_owner "$bin/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null
  as_owner "$bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" -w start >/dev/null
  export Database__Provider=Postgres
  connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=slaload"
  count() { "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d slaload -tAc "SELECT COUNT(*) FROM $1"; }
  engine_name="PostgreSQL $("$bin/postgres" --version | awk '{print $3}') (initdb defaults)"
else
  count() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(f"SELECT COUNT(*) FROM {sys.argv[2]}").fetchone()[0])' "$work/load.db" "$1"; }
  engine_name="SQLite WAL with synchronous=FULL"
fi
start_api

# A receiver that answers 204 and writes when each delivery arrived (ms since the epoch) and what it carried.
python3 - "$receiver_port" "$work/received" <<'PY' &
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
log = open(sys.argv[2], "w", buffering=1)
class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        log.write(f'{time.time() * 1000:.0f} {body["data"]["alertId"]} {body["data"]["occurredAt"]}\n')
        self.send_response(204); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
class Server(ThreadingHTTPServer):
    request_queue_size = 1024
Server(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
PY
receiver=$!
trap '[ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; kill "$receiver" 2>/dev/null; [ -n "${bin:-}" ] && as_owner "$bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null; rm -rf "$work"' EXIT

policy=$(post policies '{"name":"Minutes","calendarId":"00000000-0000-0000-0000-000000002407","targets":[{"priority":1,"responseMinutes":'"$response"',"resolutionMinutes":600}],"warningThresholds":[50]}' | id_of)
customer=$(post customers '{"name":"Load test customer","externalRefs":[{"source":"load","id":"load"}]}' | id_of)
post agreements '{"customerId":"'"$customer"'","policyId":"'"$policy"'","name":"All services","effectiveFrom":"2026-01-01T00:00:00Z","monthlyFee":{"amount":1000,"currency":"USD"}}' >/dev/null
post webhooks '{"url":"http://127.0.0.1:'"$receiver_port"'/hooks","types":["clock.breached"]}' >/dev/null

echo "SlaApi $(git rev-parse --short HEAD), $engine_name, $incidents incidents ($((incidents * 2)) open clocks), $connections connections, response in $response min"
started=$(date +%s)
SLAAPI_KEY="$key" SLAAPI_CUSTOMER="$customer" SLAAPI_PER_THREAD=$((incidents / 2)) \
  wrk -t2 -c"$connections" -d600s --timeout 10s -s tests/load/alerts.lua "$base" > "$work/wrk.txt" &
opener=$!
# A wrk thread that has opened its share stops sending, but wrk itself waits out its duration.
until [ "$(count incidents)" -ge "$incidents" ]; do sleep 0.5; done
kill -INT "$opener"; wait "$opener" || true
opened_in=$(( $(date +%s) - started ))
echo "opened $(count incidents) incidents in ${opened_in}s; waiting for their responses to warn and breach (${response} min)"
sleep $(( response * 60 + 5 ))
for _ in $(seq 1 60); do
  [ "$(wc -l < "$work/received")" -ge "$incidents" ] && break; sleep 1
done
echo "API peak memory (VmHWM): $(peak_memory)"

python3 - "$api" "$key" "$work/received" "$incidents" <<'PY'
import json, sys, urllib.request
from datetime import datetime
api, key, received, incidents = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def ms(text): return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000
def percentile(values, p):
    values = sorted(values); return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")
fired, after = [], 0
while True:
    request = urllib.request.Request(f"{api}/alerts?after={after}&limit=500", headers={"Authorization": f"Bearer {key}"})
    page = json.load(urllib.request.urlopen(request))
    fired += [ms(a["firedAt"]) - ms(a["occurredAt"]) for a in page["items"] if a.get("metric") == "response"]
    if not page["items"]: break
    after = page["next"]
delivered = [int(line.split()[0]) - ms(line.split()[2]) for line in open(received)]
print(f"response alerts fired: {len(fired)} of {2 * incidents}; lateness of firing p50 {percentile(fired, .5):.0f} ms, p99 {percentile(fired, .99):.0f} ms, max {max(fired):.0f} ms")
print(f"webhooks received: {len(delivered)} of {incidents}; lateness of delivery p50 {percentile(delivered, .5):.0f} ms, p99 {percentile(delivered, .99):.0f} ms, max {max(delivered):.0f} ms")
PY
bare=$(bare_rate "$connections" 8)
echo "incidents opened/s: $(( incidents / opened_in )); GET /health/live: $bare requests/s; ratio: $(python3 -c "print(f'{$incidents / $opened_in / $bare:.3f}')")"
