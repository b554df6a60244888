#!/usr/bin/env bash
# Delivery throughput and commit-to-receipt latency to a webhook receiver on 127.0.0.1 (release build).
# Usage: Benchmarks/delivery.sh [ALERTS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product DeliveryBenchmark >/dev/null
echo "| delivery | $(nproc) cores, $(date -u +%Y-%m-%d) |"
echo "|---|---|"
"$(swift build -c release --static-swift-stdlib --show-bin-path)/DeliveryBenchmark" "${1:-5000}"
