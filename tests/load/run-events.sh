#!/usr/bin/env bash
# Load test of event ingestion on the default SQLite database, with durable commits.
# Usage: tests/load/run-events.sh [events-per-request=100] [seconds=20] [connections=32] [incidents=2000]
# SLAAPI_TRACE=<file.nettrace> also records a 10 s thread-time profile of the API during the run (dotnet-trace).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/load/lib.sh

batch=${1:-100}; seconds=${2:-20}; connections=${3:-32}; incidents=${4:-2000}
start_api
define_agreement
open_incidents "$incidents"

# Five seconds of the same traffic first, so that the measured run finds the code compiled (tiered JIT) and the pools warm.
SLAAPI_KEY="$key" SLAAPI_IDS="$work/ids" SLAAPI_BATCH="$batch" \
  wrk -t2 -c"$connections" -d5s --timeout 10s -s tests/load/events.lua "$base" > "$work/warm-up.txt"
echo "SlaApi $(git rev-parse --short HEAD), SQLite WAL with synchronous=FULL, $incidents incidents, $connections connections, ${seconds}s"
if [ -n "${SLAAPI_TRACE:-}" ]; then
  (sleep 5; dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time --duration 00:00:00:10 -o "$SLAAPI_TRACE" >/dev/null) &
fi
SLAAPI_KEY="$key" SLAAPI_IDS="$work/ids" SLAAPI_BATCH="$batch" \
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s tests/load/events.lua "$base" | tee "$work/wrk.txt" | sed -n '/^requests:/,$p'
# Every acknowledged event (warm-up and run) must be stored; a few more may be, answered after wrk stopped listening.
acknowledged=$(awk -F'[:,] *' '/^requests:/ { n += ($2 - $4) * $6 } END { print n }' "$work/warm-up.txt" "$work/wrk.txt")
stored=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM incident_events").fetchone()[0])' "$work/load.db")
echo "events acknowledged (warm-up and run): $acknowledged, stored: $stored, acknowledged but missing: $(( acknowledged > stored ? acknowledged - stored : 0 ))"
echo "API peak memory (VmHWM): $(peak_memory)"
bare=$(bare_rate "$connections" 8)
events=$(awk '/^acknowledged events\/s:/ { print $3 }' "$work/wrk.txt")
echo "GET /health/live: $bare requests/s; events/s to bare requests/s: $(python3 -c "print(f'{$events / $bare:.2f}')")"
