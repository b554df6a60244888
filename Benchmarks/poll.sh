#!/usr/bin/env bash
# Poll-cycle benchmark: serves COUNT distinct feeds (a few KB each) from nginx on loopback, then measures, in one run,
# the floor of each stage of a cycle on the same work and feedwatch's cycle itself:
#   1. curl --parallel --parallel-max 64 fetching every URL to /dev/null (the transfer floor), and again with every
#      answer a 304 (the floor of a cycle where nothing changed),
#   2. one full feedwatch cycle (fetch + parse + store, no topics) through the real pipeline, then one in which every
#      feed answers 304, then a full cycle on a fresh database with one topic (fetch + parse + analyze + store),
#   3. xmllint --stream over the same bytes (the parse floor),
#   4. Python's sqlite3 executemany of the rows the full cycle stored, into the same schema and indexes, in
#      transactions of 1,000 (the store floor, Benchmarks/sqlite-floor.py), and feedwatch's store ingesting the same
#      rows in the same batches (PollBenchmark store),
# and prints a Markdown table with the goal ratios. Installs nginx, curl and xmllint when missing (as root, with
# apt-get, as `make deps` does) and runs feedwatch in release mode.
#
#   Benchmarks/poll.sh                   # 10,000 feeds over 100 loopback hosts (127.0.1.1-100)
#   COUNT=2000 HOSTS=20 Benchmarks/poll.sh
#   SWIFT_BUILD_FLAGS="--scratch-path .build-release" Benchmarks/poll.sh   # a build folder of its own
set -euo pipefail

COUNT=${COUNT:-10000}
HOSTS=${HOSTS:-100}
PORT=${PORT:-18089}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/feedwatch-pollbench.XXXXXX)
NGINX_PID=""

cleanup() {
    if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; fi
    if [ -n "${KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

cd "$ROOT"
swift build -c release ${SWIFT_BUILD_FLAGS:-} --product PollBenchmark >&2
BIN="$(swift build -c release ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/PollBenchmark"

# shellcheck source=Benchmarks/feed-server.sh
. "$ROOT/Benchmarks/feed-server.sh"
ensure_tools xmllint:libxml2-utils python3:python3
start_feed_server "$BIN" "$WORK" "$COUNT" "$HOSTS" "$PORT"

for i in $(seq 0 $((COUNT - 1))); do
    echo "url = \"http://127.0.1.$((i % HOSTS + 1)):$PORT/feeds/$i.xml\""
    echo "output = \"/dev/null\""
done > "$WORK/curl.cfg"

# Warm the page cache and nginx once, then measure curl.
curl -s --no-progress-meter --parallel --parallel-max 64 -K "$WORK/curl.cfg" >/dev/null
/usr/bin/time -f "%e %U %S %M" -o "$WORK/curl.time" \
    curl -s --no-progress-meter --parallel --parallel-max 64 -K "$WORK/curl.cfg" >/dev/null
read -r CURL_WALL CURL_USER CURL_SYS CURL_RSS < "$WORK/curl.time"

# The same URLs again with If-Modified-Since set to the newest file's time (nginx answers 304 when a file is not newer,
# see feed-server.sh): every answer is a 304, the transfer floor of the cycle where nothing changed.
NEWEST=$(find "$WORK/www/feeds" -name '*.xml' -printf '%T@\n' | sort -n | tail -n 1)
{ cat "$WORK/curl.cfg"; echo "header = \"If-Modified-Since: $(TZ=GMT date -d "@${NEWEST%.*}" '+%a, %d %b %Y %H:%M:%S GMT')\""; } \
    > "$WORK/curl304.cfg"
/usr/bin/time -f "%e %U %S %M" -o "$WORK/curl304.time" \
    curl -s --no-progress-meter --parallel --parallel-max 64 -w '%{http_code}\n' -K "$WORK/curl304.cfg" \
    > "$WORK/curl304.codes"
read -r C304_WALL C304_USER C304_SYS C304_RSS < "$WORK/curl304.time"
C304_COUNT=$(grep -c '^304$' "$WORK/curl304.codes" || true)

# Two runs on fresh databases: without topics (fetch + parse + store, the cycle the goal is about), then with one
# topic that matches many items (analysis and change detection added).
for topics in ${TOPIC_RUNS:-0 1}; do
    mkdir -p "$WORK/db$topics"
    ${RUN_PREFIX:-} "$BIN" run "$PORT" "$COUNT" "$HOSTS" "$WORK/db$topics" "$topics" > "$WORK/feedwatch$topics.out"
    cat "$WORK/feedwatch$topics.out" >&2
done
# The parse floor: xmllint's streaming reader over the same bytes (in processes of 1,000 files, so process start
# counts little), and the store floor: the rows the full cycle stored, inserted again by Python's sqlite3 and by
# feedwatch's store into fresh databases of the same schema.
find "$WORK/www/feeds" -name '*.xml' -print0 > "$WORK/files"
/usr/bin/time -f "%e %U %S %M" -o "$WORK/xmllint.time" \
    xargs -0 -n 1000 xmllint --stream --noout < "$WORK/files"
read -r XML_WALL XML_USER XML_SYS _ < "$WORK/xmllint.time"
XML_BYTES=$(xargs -0 cat < "$WORK/files" | wc -c)
python3 "$ROOT/Benchmarks/sqlite-floor.py" "$WORK/db0/bench.sqlite" "$WORK/floor.sqlite" > "$WORK/floor.out"
read -r _ PY_WALL PY_CPU PY_ROWS < "$WORK/floor.out"
"$BIN" store "$WORK/db0/bench.sqlite" "$WORK/store.sqlite" > "$WORK/store.out"
read -r _ ST_WALL ST_CPU ST_ROWS < "$WORK/store.out"

read -r _ FULL_WALL FULL_CPU FULL_RSS FULL_POLLED FULL_FETCHED _ FULL_FAILED FULL_ITEMS < <(grep '^full ' "$WORK/feedwatch0.out")
read -r _ NM_WALL NM_CPU NM_RSS NM_POLLED _ NM_304 NM_FAILED _ < <(grep '^304 ' "$WORK/feedwatch0.out")
AN_WALL=0 AN_CPU=0 AN_RSS=0 AN_FETCHED=0 AN_FAILED=0 AN_ITEMS=0
if [ -f "$WORK/feedwatch1.out" ]; then
    read -r _ AN_WALL AN_CPU AN_RSS _ AN_FETCHED _ AN_FAILED AN_ITEMS < <(grep '^full ' "$WORK/feedwatch1.out")
fi

awk -v cw="$CURL_WALL" -v cu="$CURL_USER" -v cs="$CURL_SYS" -v cr="$CURL_RSS" \
    -v fw="$FULL_WALL" -v fc="$FULL_CPU" -v fr="$FULL_RSS" -v fp="$FULL_POLLED" -v ff="$FULL_FETCHED" \
    -v fx="$FULL_FAILED" -v fi="$FULL_ITEMS" \
    -v nw="$NM_WALL" -v nc="$NM_CPU" -v nr="$NM_RSS" -v n3="$NM_304" -v nx="$NM_FAILED" \
    -v aw="$AN_WALL" -v ac="$AN_CPU" -v ar="$AN_RSS" -v af="$AN_FETCHED" -v ax="$AN_FAILED" -v ai="$AN_ITEMS" \
    -v c3w="$C304_WALL" -v c3u="$C304_USER" -v c3s="$C304_SYS" -v c3r="$C304_RSS" -v c3n="$C304_COUNT" \
    -v xw="$XML_WALL" -v xu="$XML_USER" -v xs="$XML_SYS" -v xb="$XML_BYTES" \
    -v pw="$PY_WALL" -v pc="$PY_CPU" -v pn="$PY_ROWS" -v sw="$ST_WALL" -v sc="$ST_CPU" -v sn="$ST_ROWS" \
    -v count="$COUNT" -v hosts="$HOSTS" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" -v cores="$(nproc)" 'BEGIN {
    c3c = c3u + c3s; cc = cu + cs; xc = xu + xs; floors = cc + xc + pc
    printf "%d feeds on %d loopback hosts, nginx on the same machine, %d cores, load %s.\n\n", count, hosts, cores, load
    print "| run | wall (s) | CPU (s) | peak RSS (MB) | result |"
    print "|---|---:|---:|---:|---|"
    printf "| curl --parallel --parallel-max 64 (transfer floor) | %.2f | %.2f | %.1f | %d URLs to /dev/null |\n", cw, cc, cr / 1024, count
    printf "| curl, every URL with If-Modified-Since (304 floor) | %.2f | %.2f | %.1f | %d answered 304 |\n", c3w, c3c, c3r / 1024, c3n
    printf "| xmllint --stream --noout, the same bytes (parse floor) | %.2f | %.2f | | %.1f MB |\n", xw, xc, xb / 1e6
    printf "| Python sqlite3 executemany, the same rows (store floor) | %.2f | %.2f | | %d rows, %d rows per CPU s |\n", pw, pc, pn, pn / pc
    printf "| feedwatch store, the same rows in the same batches | %.2f | %.2f | | %d rows, %d rows per CPU s |\n", sw, sc, sn, sn / sc
    printf "| feedwatch full cycle (fetch + parse + store) | %.2f | %.2f | %.1f | %d fetched, %d failed, %d new items |\n", fw, fc, fr, ff, fx, fi
    printf "| feedwatch cycle where every feed answers 304 | %.2f | %.2f | %.1f | %d not modified, %d failed |\n", nw, nc, nr, n3, nx
    printf "| feedwatch full cycle with one topic (+ analyze) | %.2f | %.2f | %.1f | %d fetched, %d failed, %d new items |\n", aw, ac, ar, af, ax, ai
    print ""
    ratio = fc / floors; rate = (sn / sc) / (pn / pc); r304 = nc / c3c
    peak = fr; if (nr > peak) peak = nr; if (ar > peak) peak = ar
    printf "- cycle CPU / sum of the floors (curl %.2f + xmllint %.2f + sqlite3 %.2f = %.2f s) = %.2fx (goal <= 1.5x): %s\n", cc, xc, pc, floors, ratio, (ratio <= 1.5 ? "met" : "NOT met")
    printf "- SQLite rows per CPU second, feedwatch / Python floor = %.2fx (goal >= 1x): %s\n", rate, (rate >= 1 ? "met" : "NOT met")
    printf "- 304 cycle CPU / curl'"'"'s 304 CPU = %.2fx (goal <= 1.5x): %s\n", r304, (r304 <= 1.5 ? "met" : "NOT met")
    printf "- peak RSS: %.1f MB (goal < 200 MB): %s\n", peak, (peak < 200 ? "met" : "NOT met")
    printf "- for reference: wall feedwatch / curl = %.2fx (%.2fx with one topic)\n", fw / cw, aw / cw
}'
