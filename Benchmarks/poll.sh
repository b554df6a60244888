#!/usr/bin/env bash
# Poll-cycle benchmark: serves COUNT distinct feeds (a few KB each) from nginx on loopback, then measures
#   1. curl --parallel --parallel-max 64 fetching every URL to /dev/null (the transfer floor),
#   2. one full feedwatch cycle (fetch + parse + store, no topics) through the real pipeline,
#   3. a second cycle in which every feed answers 304,
#   4. a full cycle on a fresh database with one topic (fetch + parse + analyze + store),
# and prints a Markdown table. Needs nginx (apt-get install nginx) and runs feedwatch in release mode.
#
#   Benchmarks/poll.sh                   # 10,000 feeds over 100 loopback hosts (127.0.1.1-100)
#   COUNT=2000 HOSTS=20 Benchmarks/poll.sh
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
swift build -c release --product PollBenchmark >&2
BIN="$(swift build -c release --show-bin-path)/PollBenchmark"

# shellcheck source=Benchmarks/feed-server.sh
. "$ROOT/Benchmarks/feed-server.sh"
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
    -v count="$COUNT" -v hosts="$HOSTS" 'BEGIN {
    c3c = c3u + c3s
    printf "%d feeds on %d loopback hosts, nginx on the same machine.\n\n", count, hosts
    print "| run | wall (s) | CPU (s) | peak RSS (MB) | result |"
    print "|---|---:|---:|---:|---|"
    printf "| curl --parallel --parallel-max 64 (transfer floor) | %.2f | %.2f | %.1f | %d URLs to /dev/null |\n", cw, cu + cs, cr / 1024, count
    printf "| curl, every URL with If-Modified-Since (304 floor) | %.2f | %.2f | %.1f | %d answered 304 |\n", c3w, c3c, c3r / 1024, c3n
    printf "| feedwatch full cycle (fetch + parse + store) | %.2f | %.2f | %.1f | %d fetched, %d failed, %d new items |\n", fw, fc, fr, ff, fx, fi
    printf "| feedwatch cycle where every feed answers 304 | %.2f | %.2f | %.1f | %d not modified, %d failed |\n", nw, nc, nr, n3, nx
    printf "| feedwatch full cycle with one topic (+ analyze) | %.2f | %.2f | %.1f | %d fetched, %d failed, %d new items |\n", aw, ac, ar, af, ax, ai
    print ""
    ratio = fw / cw; share = 100 * nc / fc; peak = fr; if (nr > peak) peak = nr; if (ar > peak) peak = ar
    printf "- wall: feedwatch / curl = %.2fx (goal <= 1.5x): %s; with one topic %.2fx\n", ratio, (ratio <= 1.5 ? "met" : "NOT met"), aw / cw
    printf "- peak RSS: %.1f MB (goal < 200 MB): %s\n", peak, (peak < 200 ? "met" : "NOT met")
    printf "- 304 cycle CPU: %.1f%% of the full cycle (goal < 10%%): %s\n", share, (share < 10 ? "met" : "NOT met")
    printf "- curl'"'"'s 304 floor: %.2f s CPU, %.1f%% of feedwatch'"'"'s full cycle CPU, %.1f%% of the CPU two cores give in 1.5x curl'"'"'s wall time\n", c3c, 100 * c3c / fc, 100 * c3c / (2 * 1.5 * cw)
}'
