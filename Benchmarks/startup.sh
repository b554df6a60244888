#!/usr/bin/env bash
# Startup to READY=1 and idle CPU of the daemon with 10,000 feeds in its store (release build, static runtime).
# Usage: Benchmarks/startup.sh [FEEDS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product feedwatch >/dev/null
echo "| startup | $(nproc) cores, $(date -u +%Y-%m-%d) |"
echo "|---|---|"
python3 Benchmarks/startup.py "$(swift build -c release --static-swift-stdlib --show-bin-path)/feedwatch" "${1:-10000}"
