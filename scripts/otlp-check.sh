#!/usr/bin/env bash
# One bounded run that shows the API's traces, metrics and logs reaching an OTLP collector: starts
# scripts/otlp-receiver.py on loopback, the Release API (embedded defaults) with
# OTEL_EXPORTER_OTLP_ENDPOINT pointing at it, sends a few requests carrying canary strings, waits for
# the exporters, and prints what arrived (and whether a canary did). Usage: scripts/otlp-check.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$(mktemp -d)"
port=5097
dotnet build "$repo/api" -c Release -nologo -clp:ErrorsOnly >/dev/null
python3 "$repo/scripts/otlp-receiver.py" --port-file "$data/otlp-port" --seconds 40 \
  --canary qzxbody --canary qzx.contact@qzx-canary.example --canary Zebulon > "$data/summary.json" &
receiver=$!
for _ in $(seq 1 50); do [[ -s "$data/otlp-port" ]] && break; sleep 0.1; done
(cd "$repo/api" && ASPNETCORE_ENVIRONMENT=Production Templates__SqlitePath="$data/templates.db" \
  OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$(cat "$data/otlp-port")" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
  OTEL_METRIC_EXPORT_INTERVAL=1000 OTEL_BSP_SCHEDULE_DELAY=500 OTEL_BLRP_SCHEDULE_DELAY=500 \
  exec dotnet bin/Release/net10.0/GhostAssist.Api.dll --urls "http://127.0.0.1:$port") > "$data/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null || true; kill $receiver 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && break; sleep 0.5; done

base="http://127.0.0.1:$port"
thread='{"me":"alex.morgan@ghostassist.example","messages":[{"id":"m1","conversationId":"c1","subject":"Renewal","from":{"emailAddress":{"address":"alex.morgan@ghostassist.example","name":"Alex Morgan"}},"toRecipients":[{"emailAddress":{"address":"qzx.contact@qzx-canary.example","name":"Zebulon Qzxname"}}],"sentDateTime":"2026-11-02T10:00:00Z","body":{"contentType":"text","content":"Hi Zebulon, qzxbody: any thoughts on the proposal?"}}]}'
curl -fs "$base/api/threads" >/dev/null
curl -fs "$base/api/threads/demo-harrowgate-proposal/analysis" >/dev/null
curl -s -H 'Content-Type: application/json' -d "$thread" "$base/api/analysis" >/dev/null
curl -s -H 'Content-Type: application/json' -d "${thread%\}},\"kind\":\"worried-check-in\"}" "$base/api/drafts" >/dev/null
curl -s -H 'Content-Type: application/json' -d '{"subject":"Qzx subject","body":"qzxbody Zebulon"}' "$base/api/coach" >/dev/null
curl -fs "$base/api/templates" >/dev/null
sleep 4
kill "$api"; wait "$api" 2>/dev/null || true
curl -s -X POST "http://127.0.0.1:$(cat "$data/otlp-port")/stop" >/dev/null || true
wait "$receiver" 2>/dev/null || true
cat "$data/summary.json"
