#!/usr/bin/env bash
# A bounded scale-out run on loopback: its own PostgreSQL and Redis, two API instances (Release,
# demo mode, sharing the template store's database) behind nginx, a mixed load through nginx
# (scripts/scale/drive.py), and three faults: one instance killed, PostgreSQL restarted, Redis
# stopped. It prints what was served, the errors and when, lost edits and invites per key, and
# stops everything it started. Usage: scripts/scale.sh [--short] [seconds]   (default 60 s; --short 24 s)
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

dotnet build "$repo/api" -c Release -nologo -clp:ErrorsOnly >/dev/null || { echo "scale: build failed"; exit 1; }
start_api() {
  local port=$1
  (cd "$repo/api" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Templates="$postgres" Redis__Configuration="$GHOSTASSIST_TEST_REDIS" \
    RateLimiting__PermitLimit=100000000 RateLimiting__AnalysedBytesPerWindow=1000000000000 Logging__LogLevel__Default=Warning \
    exec dotnet bin/Release/net10.0/GhostAssist.Api.dll --urls "http://127.0.0.1:$port" >"$work/api-$port.log" 2>&1) &
  echo $!
}
port_a=$(free_port 5181); api_a=$(start_api "$port_a"); pids+=("$api_a")
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port_a/health" >/dev/null 2>&1 && break; sleep 0.5; done
port_b=$(free_port $((port_a + 1))); api_b=$(start_api "$port_b"); pids+=("$api_b")
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
echo "scale: PostgreSQL, Redis, API on :$port_a and :$port_b, nginx on :$port_lb; ${seconds} s of load"

phases="$work/phases"; : > "$phases"
python3 "$repo/scripts/scale/drive.py" "127.0.0.1:$port_lb" "$seconds" "$phases" "127.0.0.1:$port_a,127.0.0.1:$port_b" > "$work/drive.out" 2>&1 &
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
kill "$(cat "$GHOSTASSIST_REDIS_DIR/redis.pid")" 2>/dev/null; echo "redis-down $(elapsed) -" >> "$phases"

wait "$driver"; status=$?
cat "$work/drive.out"
echo "on-behalf-of tokens fetched from Entra ID: not measured (this run is in demo mode; see the README)"
rss_a=$(( $(ps -o rss= -p "$api_a" 2>/dev/null || echo 0) / 1024 ))
echo "surviving instance resident memory: ${rss_a} MiB"
exit "$status"
