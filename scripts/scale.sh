#!/usr/bin/env bash
# A bounded scale-out run on loopback: its own PostgreSQL and Redis, a loopback Entra ID + Microsoft Graph
# (tests/GhostAssist.Loopback, HTTPS with a certificate generated for the run), two API instances (Release,
# signed in with Entra ID, reading mail on the users' behalf, sharing the template store's database and the
# on-behalf-of token cache in Redis) behind nginx, a mixed load of several users through nginx
# (scripts/scale/drive.py), and three faults: one instance killed, PostgreSQL restarted, Redis stopped. It
# prints what was served, the errors and when, lost edits, invites per key, the on-behalf-of tokens the loopback
# Entra ID issued, and the shared-cache failure counter the API exports over OTLP; it stops everything it started.
# Usage: scripts/scale.sh [--short] [seconds]   (default 60 s; --short 24 s)
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=60
[[ "${1:-}" == "--short" ]] && { seconds=24; shift; }
[[ -n "${1:-}" ]] && seconds="$1"

need=()
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need+=(nginx)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if (( ${#need[@]} )); then
  sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  echo "scale: installing ${need[*]}"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null
  GHOSTASSIST_REDIS_DIR="$work/redis" bash "$repo/scripts/redis.sh" stop >/dev/null 2>&1
  GHOSTASSIST_POSTGRES_DIR="$work/pg" bash "$repo/scripts/postgres.sh" stop >/dev/null 2>&1
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { local p=$1; while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }

# Its own servers in its own folder, so the test suite's PostgreSQL and Redis are never touched. Their ports sit
# below Linux's ephemeral range (32768-60999): the load's own client connections could otherwise hold the port
# PostgreSQL must bind again after its restart.
export GHOSTASSIST_POSTGRES_DIR="$work/pg" GHOSTASSIST_POSTGRES_PORT="$(free_port 25532)"
# shellcheck source=scripts/postgres.sh
source "$repo/scripts/postgres.sh" || { echo "scale: PostgreSQL did not start"; exit 1; }
postgres="${GHOSTASSIST_TEST_POSTGRES/Database=ghostassist/Database=postgres}"
export GHOSTASSIST_REDIS_DIR="$work/redis" GHOSTASSIST_REDIS_PORT="$(free_port 26479)"
# shellcheck source=scripts/redis.sh
source "$repo/scripts/redis.sh" || { echo "scale: Redis did not start"; exit 1; }
pg_bin="$(ghostassist_postgres_bin)"

# The loopback project builds the API too.
dotnet build "$repo/tests/GhostAssist.Loopback" -c Release -nologo -clp:ErrorsOnly >/dev/null || { echo "scale: build failed"; exit 1; }

# Entra ID and Graph on loopback: it writes its address and the PEM of the certificate it made for this run.
# The API processes trust that certificate through OpenSSL's SSL_CERT_FILE (which .NET on Linux reads for its
# root store), so they validate TLS as they would against Microsoft; nothing in the API is loosened.
lifetime=$((seconds + 300))
dotnet "$repo/tests/GhostAssist.Loopback/bin/Release/net10.0/GhostAssist.Loopback.dll" --ready-file "$work/entra.json" \
  --certificate "$work/entra.pem" --seconds "$lifetime" >"$work/entra.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do [[ -s "$work/entra.json" ]] && break; sleep 0.5; done
[[ -s "$work/entra.json" ]] || { echo "scale: the loopback Entra ID did not start:"; tail -20 "$work/entra.log"; exit 1; }
entra() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$work/entra.json" "$1"; }
entra_instance=$(entra instance)

# The API's metrics go to an OTLP receiver on loopback, which keeps the shared-cache failure counter per instance.
warning_metric=ghostassist.shared_cache.failures
python3 "$repo/scripts/otlp-receiver.py" --port-file "$work/otlp-port" --seconds "$lifetime" --max-requests 1000000 \
  --metric "$warning_metric" >"$work/otlp.json" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [[ -s "$work/otlp-port" ]] && break; sleep 0.1; done
otlp="http://127.0.0.1:$(cat "$work/otlp-port")"
cache_failures() { curl -fs "$otlp/metrics" | python3 -c "import json,sys; v=json.load(sys.stdin)['$warning_metric']; print(', '.join(f'{k}: {int(n)}' for k, n in sorted(v.items())) or 'none reported')"; }
cache_failures_total() { curl -fs "$otlp/metrics" | python3 -c "import json,sys; print(int(sum(json.load(sys.stdin)['$warning_metric'].values())))"; }

start_api() {
  local port=$1 name=$2
  (cd "$repo/api" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Templates="$postgres" Redis__Configuration="$GHOSTASSIST_TEST_REDIS" \
    SSL_CERT_FILE="$work/entra.pem" AzureAd__Instance="$entra_instance" AzureAd__TenantId="$(entra tenantId)" \
    AzureAd__ClientId="$(entra clientId)" AzureAd__ClientSecret="$(entra clientSecret)" Graph__BaseUrl="$(entra graphBaseUrl)" \
    OTEL_EXPORTER_OTLP_ENDPOINT="$otlp" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_METRIC_EXPORT_INTERVAL=1000 \
    OTEL_TRACES_SAMPLER=always_off OTEL_SERVICE_NAME="$name" \
    RateLimiting__PermitLimit=100000000 RateLimiting__AnalysedBytesPerWindow=1000000000000 Logging__LogLevel__Default=Warning \
    exec dotnet bin/Release/net10.0/GhostAssist.Api.dll --urls "http://127.0.0.1:$port" >"$work/api-$port.log" 2>&1) &
  echo $!
}
port_a=$(free_port 5181); api_a=$(start_api "$port_a" api-a); pids+=("$api_a")
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port_a/health" >/dev/null 2>&1 && break; sleep 0.5; done
port_b=$(free_port $((port_a + 1))); api_b=$(start_api "$port_b" api-b); pids+=("$api_b")
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port_b/health" >/dev/null 2>&1 && break; sleep 0.5; done
for port in "$port_a" "$port_b"; do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 || { echo "scale: the API on :$port did not start:"; tail -20 "$work/api-$port.log"; exit 1; }
done

port_lb=$(free_port 5180)
cat > "$work/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fcgi;
  uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  upstream ghostassist { server 127.0.0.1:$port_a max_fails=1 fail_timeout=5s; server 127.0.0.1:$port_b max_fails=1 fail_timeout=5s; }
  server {
    listen 127.0.0.1:$port_lb;
    location / {
      proxy_pass http://ghostassist;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      # A killed instance: the request goes to the other one, POSTs and PUTs too: every write here is
      # safe to repeat (invites carry an idempotency key, template edits If-Match, drafts write nothing).
      proxy_next_upstream error timeout http_502 non_idempotent;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
CONF
"$nginx_bin" -c "$work/nginx.conf" -p "$work" &
pids+=($!)
for _ in $(seq 1 40); do curl -fs "http://127.0.0.1:$port_lb/health" >/dev/null 2>&1 && break; sleep 0.25; done
users=$(( seconds < 40 ? 6 : 12 ))
echo "scale: PostgreSQL, Redis, loopback Entra ID + Graph, API on :$port_a and :$port_b, nginx on :$port_lb; ${seconds} s of load by $users users"

phases="$work/phases"; : > "$phases"
python3 "$repo/scripts/scale/drive.py" "127.0.0.1:$port_lb" "$seconds" "$phases" "$entra_instance" "$work/entra.pem" "$users" > "$work/drive.out" 2>&1 &
driver=$!
# The faults are timed from the moment the driver's load starts.
for _ in $(seq 1 240); do [[ -f "$phases.ready" ]] && break; kill -0 "$driver" 2>/dev/null || break; sleep 0.25; done
t0=$(date +%s.%N)
at() { sleep "$(python3 -c "import time; print(max(0, $t0 + $1 - time.time()))")"; }
elapsed() { date +%s.%N; }

# The faults, at fixed shares of the run.
at "$(python3 -c "print($seconds*0.25)")"
kill -9 "$api_b" 2>/dev/null; echo "instance-killed $(elapsed) -" >> "$phases"
at "$(python3 -c "print($seconds*0.45)")"
down=$(elapsed)
ghostassist_postgres_as_owner "$pg_bin/pg_ctl" -D "$GHOSTASSIST_POSTGRES_DIR/data" -m fast -w stop >/dev/null 2>&1
sleep "$(python3 -c "print(max(2, $seconds*0.1))")"
# A restart can race the old postmaster's last exit on a busy machine: try again, and say why if it never comes up.
for attempt in 1 2 3 4 5; do
  if ghostassist_postgres_as_owner "$pg_bin/pg_ctl" -D "$GHOSTASSIST_POSTGRES_DIR/data" -l "$GHOSTASSIST_POSTGRES_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $GHOSTASSIST_POSTGRES_PORT -c unix_socket_directories=$GHOSTASSIST_POSTGRES_DIR -c fsync=off -c max_connections=200" start >/dev/null 2>&1; then
    break
  fi
  echo "scale: PostgreSQL restart attempt $attempt failed:" >&2
  tail -n 5 "$GHOSTASSIST_POSTGRES_DIR/server.log" >&2 2>/dev/null
  sleep 1
done
echo "postgresql-down $down $(elapsed)" >> "$phases"
at "$(python3 -c "print($seconds*0.75)")"
failures_before=$(cache_failures_total)
kill "$(cat "$GHOSTASSIST_REDIS_DIR/redis.pid")" 2>/dev/null; echo "redis-down $(elapsed) -" >> "$phases"
sleep 2
ready_while_redis_down=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port_a/health/ready")

wait "$driver"; status=$?
cat "$work/drive.out"

# On-behalf-of: what the loopback Entra ID issued. Shared through Redis, a user costs about one token
# whichever instance serves them; a cache per instance would cost one per instance per user.
stats=$(curl -fs --cacert "$work/entra.pem" "${entra_instance}loopback/stats")
read -r obo obo_users obo_max < <(python3 -c "import json,sys; s=json.loads(sys.argv[1]); print(s['oboTokens'], s['oboUsers'], s['oboPerUserMax'])" "$stats")
echo "on-behalf-of tokens fetched from the loopback Entra ID: $obo for $obo_users distinct users (at most $obo_max for one user) across the two instances"
if (( obo_users == 0 || obo >= 2 * obo_users )); then
  echo "scale: FAIL: the on-behalf-of tokens were not shared (one per instance per user would be $((2 * obo_users)))"; status=1
fi
keys_with_meeting=$(sed -n 's/^summary json: //p' "$work/drive.out" | python3 -c "import json,sys; print(json.load(sys.stdin)['keys_with_meeting'])" 2>/dev/null || echo -1)
meetings=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['events'])" "$stats")
if (( meetings != keys_with_meeting )); then
  echo "scale: FAIL: the calendar holds $meetings meetings for $keys_with_meeting idempotency keys"; status=1
fi
echo "Graph: $(python3 -c "import json,sys; s=json.loads(sys.argv[1]); print(f\"{s['graphRequests']} requests; {s['events']} meetings in the calendar, {s['transactionReplays']} repeated transactionIds answered with the first meeting\")" "$stats")"

# The warning while Redis was down: the counter the API exports (read from the OTLP receiver), and readiness.
sleep 2
failures_after=$(cache_failures_total)
echo "while Redis was down: /health/ready answered $ready_while_redis_down; $warning_metric went from $failures_before to $failures_after ($(cache_failures))"
if (( failures_after <= failures_before )); then
  echo "scale: FAIL: no shared-cache failure was counted while Redis was down"; status=1
fi
rss_a=$(( $(ps -o rss= -p "$api_a" 2>/dev/null || echo 0) / 1024 ))
echo "surviving instance resident memory: ${rss_a} MiB"
(( status == 0 )) && echo "scale: PASS" || echo "scale: FAIL"
exit "$status"
