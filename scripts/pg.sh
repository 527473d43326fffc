#!/usr/bin/env bash
# A private PostgreSQL (with PostGIS) cluster for harmwatch: tests, CI and a small team server.
#
#   bash scripts/pg.sh start        initdb (first time) and start; prints the URL on stdout
#   bash scripts/pg.sh stop         stop it (fast shutdown); the data folder stays
#   bash scripts/pg.sh url          print the URL of the running cluster
#   bash scripts/pg.sh run CMD ...  start, run CMD with HARMWATCH_TEST_DB=<url>, stop at the end (trap)
#   bash scripts/pg.sh destroy      stop and delete the data folder
#
# Debian's packages (postgresql-15, postgresql-15-postgis-3), installed with apt-get when missing
# (as root, or with sudo), like scripts/setup_browser.sh does for Chromium. The cluster lives in its
# own data folder ($HARMWATCH_PG_DIR, default /tmp/harmwatch-pg-<hash of this checkout>), listens on
# 127.0.0.1 only, on a free port, and on a Unix socket inside the data folder. The superuser
# `harmwatch` has a random password (scram-sha-256, kept in the folder, mode 600), so other users of
# the machine cannot connect. As root the server runs as the system user `postgres` (PostgreSQL
# refuses to run as root). HARMWATCH_PG_FSYNC=off at the first start makes a throw-away test
# cluster faster (scripts/test.sh); never for data you keep.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HASH="$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
PGDIR="${HARMWATCH_PG_DIR:-${TMPDIR:-/tmp}/harmwatch-pg-$HASH}"
DATA="$PGDIR/data"
PGUSER_NAME="harmwatch"
say() { echo "pg.sh: $*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

pg_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/postgres" ]; then echo "$d"; return 0; fi
    done
    return 1
}

install_packages() {
    local want=()
    local bindir
    if ! bindir="$(pg_bindir)"; then
        want+=(postgresql-15 postgresql-15-postgis-3)
    else
        local major
        major="$(basename "$(dirname "$bindir")")"
        if [ ! -e "/usr/share/postgresql/$major/extension/postgis.control" ]; then
            want+=("postgresql-$major-postgis-3")
        fi
    fi
    [ "${#want[@]}" -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1 || { [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; }; then
        say "missing ${want[*]} and cannot apt-get install them here"
        pg_bindir >/dev/null || exit 1
        say "continuing without PostGIS: spatial filters use plain lat/lon comparisons"
        return 0
    fi
    say "installing Debian packages: ${want[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null \
        || { pg_bindir >/dev/null || exit 1; say "PostGIS did not install; continuing without it"; }
}

# run a PostgreSQL program as the cluster's owner
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    local py=python3
    command -v python3 >/dev/null 2>&1 || py="$ROOT/.venv/bin/python"
    "$py" - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

url() {
    local port password
    port="$(cat "$PGDIR/port")"
    password="$(cat "$PGDIR/password")"
    echo "postgresql://$PGUSER_NAME:$password@127.0.0.1:$port/$PGUSER_NAME"
}

running() {
    local bindir
    bindir="$(pg_bindir)" || return 1
    [ -f "$DATA/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
    install_packages
    local bindir
    bindir="$(pg_bindir)"
    if running; then url; return 0; fi
    mkdir -p "$PGDIR"
    chmod 700 "$PGDIR"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGDIR"; fi
    if [ ! -f "$DATA/PG_VERSION" ]; then
        local pwfile="$PGDIR/password"
        head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$pwfile.tmp"
        mv "$pwfile.tmp" "$pwfile"
        chmod 600 "$pwfile"
        if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pwfile"; fi
        as_owner "$bindir/initdb" -D "$DATA" -U "$PGUSER_NAME" --pwfile="$pwfile" --encoding=UTF8 \
            --locale=C.UTF-8 --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$PGDIR/initdb.log" 2>&1 \
            || { cat "$PGDIR/initdb.log" >&2; exit 1; }
        cat >>"$DATA/postgresql.conf" <<EOF
# harmwatch (scripts/pg.sh): loopback only, socket in the data folder, small and quick for tests
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGDIR'
max_connections = 100
shared_buffers = 128MB
fsync = ${HARMWATCH_PG_FSYNC:-on}
EOF
    fi
    local port tries=0
    while :; do
        port="$(free_port)"
        echo "$port" > "$PGDIR/port"
        if as_owner "$bindir/pg_ctl" -D "$DATA" -l "$PGDIR/server.log" -w -t 60 -o "-p $port" start >/dev/null; then
            break
        fi
        tries=$((tries + 1))
        if [ "$tries" -ge 3 ]; then tail -20 "$PGDIR/server.log" >&2; exit 1; fi
        say "start on port $port failed; trying another port"
    done
    # the database named in the URL
    PGPASSWORD="$(cat "$PGDIR/password")" "$bindir/psql" -h 127.0.0.1 -p "$port" -U "$PGUSER_NAME" -d postgres \
        -qAt -c "SELECT 1 FROM pg_database WHERE datname = '$PGUSER_NAME'" | grep -q 1 \
        || PGPASSWORD="$(cat "$PGDIR/password")" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$PGUSER_NAME" "$PGUSER_NAME"
    say "PostgreSQL $(basename "$(dirname "$bindir")") running in $DATA on 127.0.0.1:$port"
    url
}

stop() {
    local bindir
    bindir="$(pg_bindir)" || return 0
    if [ -f "$DATA/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
        say "stopped the cluster in $DATA"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) running || { say "not running (bash scripts/pg.sh start)"; exit 1; }; url ;;
    destroy) stop; rm -rf "$PGDIR"; say "deleted $PGDIR" ;;
    run)
        shift
        [ "$#" -gt 0 ] || { say "usage: pg.sh run CMD ..."; exit 2; }
        was_running=0
        if running; then was_running=1; fi
        URL="$(start)"
        # stop at the end, whatever happens, unless it was already running before
        if [ "$was_running" -eq 0 ]; then trap stop EXIT INT TERM; fi
        HARMWATCH_TEST_DB="$URL" "$@"
        ;;
    *)
        sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
