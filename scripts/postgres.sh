#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the template store tests.
#
#   source scripts/postgres.sh        # starts it (or reuses the running one) and exports
#                                     # GHOSTASSIST_TEST_POSTGRES; postgres_stop stops it
#   scripts/postgres.sh [start]       # the same, printing the export line
#   scripts/postgres.sh stop          # stops it and removes its files
#
# Installs PostgreSQL with apt-get when its binaries are absent. The cluster lives in a temp folder,
# listens on loopback only, and is owned by the "postgres" user when run as root (initdb refuses root).
# The tests create and drop their own database in it on every run, so reruns start clean.

ghostassist_postgres_dir="${GHOSTASSIST_POSTGRES_DIR:-${TMPDIR:-/tmp}/ghostassist-postgres-$(id -u)}"

ghostassist_postgres_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
        echo "$dir"
        return 0
    fi
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

ghostassist_postgres_install() {
    local sudo=""
    if [ "$(id -u)" != "0" ]; then
        command -v sudo >/dev/null 2>&1 || { echo "postgres.sh: PostgreSQL is not installed and there is no sudo to install it" >&2; return 1; }
        sudo="sudo"
    fi
    echo "postgres.sh: installing PostgreSQL with apt-get" >&2
    $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q postgresql >&2
}

# Runs a command as the cluster's owner: "postgres" when we are root, else ourselves.
ghostassist_postgres_as_owner() {
    if [ "$(id -u)" = "0" ]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

ghostassist_postgres_port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

ghostassist_postgres_start() {
    local bin dir="$ghostassist_postgres_dir" port password user="ghostassist"
    bin=$(ghostassist_postgres_bin) || { ghostassist_postgres_install && bin=$(ghostassist_postgres_bin); } || {
        echo "postgres.sh: PostgreSQL binaries (initdb, pg_ctl) not found after installing" >&2
        return 1
    }

    if [ ! -f "$dir/data/PG_VERSION" ]; then
        rm -rf "$dir"
        mkdir -p "$dir/data" || return 1
        head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$dir/password"
        chmod 700 "$dir" "$dir/data"
        chmod 600 "$dir/password"
        if [ "$(id -u)" = "0" ]; then
            chown -R postgres:postgres "$dir"
        fi
        ghostassist_postgres_as_owner "$bin/initdb" -D "$dir/data" -U "$user" --pwfile="$dir/password" \
            --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || ghostassist_postgres_as_owner "$bin/initdb" -D "$dir/data" -U "$user" --pwfile="$dir/password" \
                --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
            || { echo "postgres.sh: initdb failed, see $dir/initdb.log" >&2; return 1; }
    fi
    password=$(cat "$dir/password")

    if ghostassist_postgres_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 && [ -f "$dir/port" ]; then
        port=$(cat "$dir/port")
    else
        port="${GHOSTASSIST_POSTGRES_PORT:-25432}"
        while ! ghostassist_postgres_port_free "$port"; do
            port=$((port + 1))
        done
        echo "$port" > "$dir/port"
        ghostassist_postgres_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" start >/dev/null \
            || { echo "postgres.sh: the server did not start, see $dir/server.log" >&2; return 1; }
    fi

    GHOSTASSIST_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=$user;Password=$password;Database=ghostassist"
    export GHOSTASSIST_TEST_POSTGRES
    return 0
}

ghostassist_postgres_stop() {
    local bin dir="$ghostassist_postgres_dir"
    bin=$(ghostassist_postgres_bin) || return 0
    if [ -f "$dir/data/PG_VERSION" ]; then
        ghostassist_postgres_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
    fi
    rm -rf "$dir"
    unset GHOSTASSIST_TEST_POSTGRES
}

# The short name scripts/test.sh traps on exit.
postgres_stop() {
    ghostassist_postgres_stop
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-start}" in
        start)
            ghostassist_postgres_start || exit 1
            echo "export GHOSTASSIST_TEST_POSTGRES=\"$GHOSTASSIST_TEST_POSTGRES\""
            ;;
        stop) ghostassist_postgres_stop ;;
        *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
    esac
else
    ghostassist_postgres_start
fi
