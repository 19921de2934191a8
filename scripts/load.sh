#!/usr/bin/env bash
# A bounded load run on loopback: starts the API (Release, embedded defaults) on 127.0.0.1, drives it
# with wrk for a fixed time per endpoint, and prints throughput, latency percentiles and the API's
# resident memory. Nothing leaves the machine. Usage: scripts/load.sh [seconds-per-endpoint]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-15}"
port=5098
if ! command -v wrk >/dev/null 2>&1; then
  sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk >/dev/null
fi
dotnet build "$repo/api" -c Release -nologo -clp:ErrorsOnly >/dev/null
data="$(mktemp -d)"
(cd "$repo/api" && ASPNETCORE_ENVIRONMENT=Production RateLimiting__PermitLimit=100000000 RateLimiting__AnalysedBytesPerWindow=1000000000000 \
  Templates__SqlitePath="$data/templates.db" Logging__LogLevel__Default=Warning \
  exec dotnet bin/Release/net10.0/GhostAssist.Api.dll --urls "http://127.0.0.1:$port") &
api=$!
trap 'kill $api 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done

run() {
  local name="$1"; shift
  echo "== $name"
  wrk -t2 -c16 -d"${seconds}s" --latency "$@" | grep -E "Requests/sec|Transfer/sec|^ +(50|90|99)%|Non-2xx|Socket errors"
}
base="http://127.0.0.1:$port"
run "GET /api/threads (radar: 13 threads analysed)" "$base/api/threads"
run "GET /api/threads/{id}/analysis" "$base/api/threads/demo-harrowgate-proposal/analysis"
run "POST /api/drafts (built-in composer + coach)" -s "$repo/scripts/load/drafts.lua" "$base/api/drafts"
run "POST /api/coach" -s "$repo/scripts/load/coach.lua" "$base/api/coach"
echo "== API resident memory after the run: $(( $(ps -o rss= -p "$api") / 1024 )) MiB"
