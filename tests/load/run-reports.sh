#!/usr/bin/env bash
# Latency of the compliance report grouped by customer and month over a seeded database.
# Usage: tests/load/run-reports.sh <provider Sqlite|Postgres> <connection string> [seconds=20] [connections=1]
# Seed first, e.g.: dotnet run -c Release --project tests/SlaApi.Seeder -- --incidents 1000000 --customers 300 --months 12
# Needs wrk (Debian package). The seeded database must hold no API key yet: the API prints its bootstrap key.
set -euo pipefail
cd "$(dirname "$0")/../.."

provider=${1:?provider}; connection=${2:?connection string}; seconds=${3:-20}; connections=${4:-1}
port=5082; api="http://127.0.0.1:$port/api/v1"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$work"' EXIT

dotnet build -c Release src/SlaApi.Api -v q -nologo >/dev/null
Database__Provider="$provider" ConnectionStrings__Sla="$connection" Urls="http://127.0.0.1:$port" \
RateLimit__TokenLimit=1000000 RateLimit__TokensPerSecond=1000000 Logging__LogLevel__Default=Warning \
  dotnet src/SlaApi.Api/bin/Release/net10.0/SlaApi.Api.dll > "$work/api.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
key=$(grep -o 'sla_[0-9a-f]*_[A-Za-z0-9_-]*' "$work/api.log" | head -1)
[ -n "$key" ] || { echo "no bootstrap key printed: does the database hold keys already?"; cat "$work/api.log"; exit 1; }

to=$(date -u +%Y-%m-01T00:00:00Z)
from=$(date -u -d "$to - 12 months" +%Y-%m-%dT%H:%M:%SZ)
url="$api/reports/compliance?from=$from&to=$to&timeZone=America/New_York&groupBy=customer,period&period=month"
curl -sf -H "Authorization: Bearer $key" "$url" -o "$work/report.json"
echo "SlaApi $(git rev-parse --short HEAD), $provider, compliance by customer x month, $from to $to, America/New_York"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r["rows"]), "rows;", sum(x["met"]+x["breached"]+x["excluded"] for x in r["rows"]), "settled clocks counted")' "$work/report.json"
wrk -t1 -c"$connections" -d"${seconds}s" --timeout 30s --latency -H "Authorization: Bearer $key" "$url" | sed -n '/Latency Distribution/,$p'
echo "API peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
