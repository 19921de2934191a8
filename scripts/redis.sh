#!/usr/bin/env bash
# A throwaway Redis server on 127.0.0.1 for the tests that share the token cache between instances.
#
#   source scripts/redis.sh        # starts it (or reuses the running one) and exports
#                                  # GHOSTASSIST_TEST_REDIS; redis_stop stops it
#   scripts/redis.sh [start]       # the same, printing the export line
#   scripts/redis.sh stop          # stops it and removes its files
#
# Installs Debian's redis-server with apt-get when it is absent. The server keeps nothing on disk,
# listens on loopback only and needs a password generated on first start.

ghostassist_redis_dir="${GHOSTASSIST_REDIS_DIR:-${TMPDIR:-/tmp}/ghostassist-redis-$(id -u)}"

ghostassist_redis_install() {
    local sudo=""
    if [ "$(id -u)" != "0" ]; then
        command -v sudo >/dev/null 2>&1 || { echo "redis.sh: redis-server is not installed and there is no sudo to install it" >&2; return 1; }
        sudo="sudo"
    fi
    echo "redis.sh: installing redis-server with apt-get" >&2
    $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q redis-server >&2
}

ghostassist_redis_port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

ghostassist_redis_start() {
    local dir="$ghostassist_redis_dir" port password
    command -v redis-server >/dev/null 2>&1 || ghostassist_redis_install || return 1
    mkdir -p "$dir" && chmod 700 "$dir" || return 1
    if [ ! -s "$dir/password" ]; then
        head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$dir/password"
        chmod 600 "$dir/password"
    fi
    password=$(cat "$dir/password")

    if [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null && [ -f "$dir/port" ]; then
        port=$(cat "$dir/port")
    else
        port="${GHOSTASSIST_REDIS_PORT:-26379}"
        while ! ghostassist_redis_port_free "$port"; do
            port=$((port + 1))
        done
        echo "$port" > "$dir/port"
        redis-server --bind 127.0.0.1 --port "$port" --requirepass "$password" --daemonize yes \
            --pidfile "$dir/redis.pid" --dir "$dir" --logfile "$dir/redis.log" --save "" --appendonly no \
            || { echo "redis.sh: the server did not start, see $dir/redis.log" >&2; return 1; }
        local tries=0
        until REDISCLI_AUTH="$password" redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; do
            tries=$((tries + 1))
            [ "$tries" -lt 50 ] || { echo "redis.sh: the server does not answer, see $dir/redis.log" >&2; return 1; }
            sleep 0.1
        done
    fi

    GHOSTASSIST_TEST_REDIS="127.0.0.1:$port,password=$password"
    export GHOSTASSIST_TEST_REDIS
    return 0
}

ghostassist_redis_stop() {
    local dir="$ghostassist_redis_dir"
    if [ -f "$dir/redis.pid" ]; then
        kill "$(cat "$dir/redis.pid")" 2>/dev/null
        local tries=0
        while kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null && [ "$tries" -lt 50 ]; do
            tries=$((tries + 1))
            sleep 0.1
        done
    fi
    rm -rf "$dir"
    unset GHOSTASSIST_TEST_REDIS
}

# The short name scripts/test.sh traps on exit.
redis_stop() {
    ghostassist_redis_stop
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-start}" in
        start)
            ghostassist_redis_start || exit 1
            echo "export GHOSTASSIST_TEST_REDIS=\"$GHOSTASSIST_TEST_REDIS\""
            ;;
        stop) ghostassist_redis_stop ;;
        *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
    esac
else
    ghostassist_redis_start
fi
