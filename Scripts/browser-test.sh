#!/usr/bin/env bash
# The dashboard in a real browser: runs the README's demo daemon with its HTTP listener on 127.0.0.1, opens `/` and
# `/topics/ceasefire` in headless Chromium, writes screenshots under .build/screenshots/, and checks with --dump-dom
# that the topic page has its status bands and change markers. Installs Debian's `chromium` when missing (as root).
#
#   Scripts/browser-test.sh            # `make test-browser`
#   FEEDWATCH=path/to/feedwatch Scripts/browser-test.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/.build/screenshots"
PORT=${PORT:-19470}
WORK=$(mktemp -d /tmp/feedwatch-browser.XXXXXX)
DAEMON=""

cleanup() {
    if [ -n "$DAEMON" ]; then kill "$DAEMON" 2>/dev/null || true; wait "$DAEMON" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v curl >/dev/null; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing chromium and curl" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium curl >/dev/null
        browser=$(command -v chromium)
    else
        echo "the browser test needs Chromium and curl: sudo apt-get install chromium curl" >&2
        exit 1
    fi
fi

cd "$ROOT"
if [ -z "${FEEDWATCH:-}" ]; then
    swift build --product feedwatch >&2
    FEEDWATCH="$(swift build --show-bin-path)/feedwatch"
fi

mkdir -p "$WORK/demo" "$OUT"
cp -r Config/demo/feeds "$WORK/demo/feeds"
cp Config/demo.yml "$WORK/demo.yml"
printf '\nhttp:\n  listen: 127.0.0.1:%s\n' "$PORT" >> "$WORK/demo.yml"
"$FEEDWATCH" run --config "$WORK/demo.yml" >"$WORK/alerts.log" 2>"$WORK/daemon.log" &
DAEMON=$!

base="http://127.0.0.1:$PORT"
ready=""
for _ in $(seq 1 100); do
    if curl -fsS "$base/topics/ceasefire" 2>/dev/null | grep -q 'data-status="negotiating"'; then ready=1; break; fi
    sleep 0.2
done
if [ -z "$ready" ]; then
    echo "the demo dashboard did not show the topic as negotiating; the daemon said:" >&2
    cat "$WORK/daemon.log" >&2
    exit 1
fi

chrome() {
    "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
        --user-data-dir="$WORK/profile" --no-first-run "$@" 2>>"$WORK/browser.log"
}
chrome --window-size=1280,900 --screenshot="$OUT/index.png" "$base/"
chrome --window-size=1280,1700 --screenshot="$OUT/topic-ceasefire.png" "$base/topics/ceasefire"
chrome --dump-dom "$base/topics/ceasefire" >"$WORK/topic.html"

failed=0
passed=0
check() {
    local count
    count=$(grep -o "$1" "$WORK/topic.html" | wc -l)
    if [ "$count" -lt "$2" ]; then
        echo "FAIL: the rendered topic page has $count of '$1', expected at least $2" >&2
        failed=$((failed + 1))
    else
        echo "ok: $count × $1"
        passed=$((passed + 1))
    fi
}
check '<rect class="band"' 3
check 'class="change-marker"' 2
check 'data-status="negotiating"' 1
for shot in index.png topic-ceasefire.png; do
    if [ -s "$OUT/$shot" ]; then
        echo "ok: screenshot .build/screenshots/$shot"
        passed=$((passed + 1))
    else
        echo "FAIL: no $shot" >&2
        failed=$((failed + 1))
    fi
done
echo "browser-test: $passed passed, $failed failed"
if [ "$failed" != 0 ]; then cat "$WORK/browser.log" >&2; exit 1; fi
