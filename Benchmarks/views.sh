#!/usr/bin/env bash
# The dashboard's topic page on a large store: builds ViewsBenchmark in release mode and runs it on ITEMS items
# (default 100,000). See BENCHMARKS.md, "Dashboard".
#
#   Benchmarks/views.sh            # 100,000 items
#   Benchmarks/views.sh 20000
set -euo pipefail
ITEMS=${1:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/feedwatch-viewsbench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
swift build -c release --product ViewsBenchmark >&2
"$(swift build -c release --show-bin-path)/ViewsBenchmark" "$ITEMS" "$WORK/store" 2>/dev/null
