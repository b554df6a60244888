#!/usr/bin/env bash
# Several instances on one PostgreSQL database: one poll cycle of COUNT feeds (served by nginx on HOSTS loopback
# hosts) split between 1, 2 and 3 `feedwatch run` processes, and the store's insert rate on SQLite and on
# PostgreSQL, in the same run. Needs nginx and a PostgreSQL server; Scripts/with-postgres.sh starts a throwaway one:
#
#   Scripts/with-postgres.sh Benchmarks/instances.sh
#   COUNT=2000 HOSTS=20 INSTANCES="1 3" Scripts/with-postgres.sh Benchmarks/instances.sh
set -euo pipefail

COUNT=${COUNT:-10000}
HOSTS=${HOSTS:-100}
PORT=${PORT:-18090}
INSTANCES=${INSTANCES:-1 2 3}
ITEMS=${ITEMS:-50000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/feedwatch-instancebench.XXXXXX)
NGINX_PID=""

cleanup() {
    if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; fi
    if [ -n "${KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

[ -n "${FEEDWATCH_TEST_POSTGRES_URL:-}" ] || { echo "run through Scripts/with-postgres.sh" >&2; exit 1; }

cd "$ROOT"
for product in feedwatch PollBenchmark InstancesBenchmark; do swift build -c release ${SWIFT_BUILD_FLAGS:-} --product "$product" >&2; done
BIN_DIR="$(swift build -c release ${SWIFT_BUILD_FLAGS:-} --show-bin-path)"

# shellcheck source=Benchmarks/feed-server.sh
. "$ROOT/Benchmarks/feed-server.sh"
start_feed_server "$BIN_DIR/PollBenchmark" "$WORK" "$COUNT" "$HOSTS" "$PORT"

for n in $INSTANCES; do
    mkdir -p "$WORK/run$n"
    "$BIN_DIR/InstancesBenchmark" cycle "$PORT" "$COUNT" "$HOSTS" "$n" "$BIN_DIR/feedwatch" "$WORK/run$n" \
        | tee -a "$WORK/results" >&2
done
"$BIN_DIR/InstancesBenchmark" insert "sqlite:$WORK/insert.sqlite" "$ITEMS" | tee -a "$WORK/results" >&2
"$BIN_DIR/InstancesBenchmark" insert postgres "$ITEMS" | tee -a "$WORK/results" >&2

echo "$COUNT feeds on $HOSTS loopback hosts (nginx), PostgreSQL 127.0.0.1, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| instances | start-up (s) | cycle wall (s) | feeds/s | CPU, all processes (s) | feeds polled |"
echo "|---:|---:|---:|---:|---:|---:|"
awk '$1 == "instances" { printf "| %d | %.2f | %.2f | %d | %.2f | %d |\n", $2, $3, $4, $6 / $4, $5, $6 }' "$WORK/results"
echo
echo "| store | items | seconds | items/s |"
echo "|---|---:|---:|---:|"
awk '$1 == "insert" { printf "| %s | %d | %.2f | %d |\n", $2, $3, $4, $5 }' "$WORK/results"
