#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL server: `Scripts/with-postgres.sh make test`.
#
# Installs Debian's `postgresql` package when it is missing (as root; otherwise says what to install), creates a
# cluster in a temporary folder with initdb, starts it with pg_ctl on 127.0.0.1 and a free port, and runs the
# command with these variables set:
#   FEEDWATCH_TEST_POSTGRES_URL            postgres://feedwatch@127.0.0.1:PORT/feedwatch?sslmode=disable
#   FEEDWATCH_TEST_POSTGRES_PASSWORD_FILE  the role's password (the server asks for it: scram-sha-256)
# The server is stopped and its folder removed when the command ends, however it ends. PostgreSQL refuses to run as
# root, so under root the cluster belongs to the `postgres` user the package creates.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGUMENT...]" >&2
    exit 2
fi

pg_bin="${PG_BIN:-}"
if [ -z "$pg_bin" ]; then
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing: postgresql"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    else
        echo "the PostgreSQL tests need a PostgreSQL server; install it with:  sudo apt-get install postgresql" >&2
        exit 1
    fi
fi

work="$(mktemp -d /tmp/feedwatch-postgres.XXXXXX)"
chmod 755 "$work"
owner="$(id -un)"
as_owner() { "$@"; }
if [ "$(id -u)" = "0" ]; then
    owner=postgres
    as_owner() { runuser -u postgres -- "$@"; }
fi
chown "$owner" "$work"

password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" >"$work/password"
chmod 600 "$work/password"
chown "$owner" "$work/password"

stop() {
    status=$?
    if [ -f "$work/data/postmaster.pid" ]; then
        as_owner "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    if [ "$status" -ne 0 ] && [ -f "$work/server.log" ]; then
        echo "--- PostgreSQL server log (last 40 lines) ---" >&2
        tail -n 40 "$work/server.log" >&2 || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap stop EXIT INT TERM

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

as_owner "$pg_bin/initdb" -D "$work/data" -U feedwatch --pwfile="$work/password" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C >"$work/initdb.log" 2>&1 || {
    cat "$work/initdb.log" >&2
    exit 1
}
as_owner "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c max_connections=300 -c fsync=off" start >/dev/null
as_owner "$pg_bin/createdb" -h "$work" -p "$port" -U feedwatch feedwatch

# The tests run as the invoking user, who must be able to read the password.
cp "$work/password" "$work/client-password"
chown "$(id -un)" "$work/client-password"
chmod 600 "$work/client-password"

export FEEDWATCH_TEST_POSTGRES_URL="postgres://feedwatch@127.0.0.1:$port/feedwatch?sslmode=disable"
export FEEDWATCH_TEST_POSTGRES_PASSWORD_FILE="$work/client-password"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port"
"$@"
