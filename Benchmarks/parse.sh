#!/usr/bin/env bash
# Parse throughput: feedwatch (release build) against xmllint --stream, Python feedparser and fastfeedparser on the
# same generated 5,000-item RSS 2.0 and Atom feeds. Prints a Markdown table; run from the repository root:
#   Benchmarks/parse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${BENCH_DIR:-.build/bench}"
RUNS="${RUNS:-5}"
mkdir -p "$WORK"

command -v xmllint >/dev/null || { echo "xmllint missing: apt-get install -y libxml2-utils" >&2; exit 1; }
if [ ! -x "$WORK/venv/bin/python" ]; then
    python3 -m venv "$WORK/venv"
fi
# `python -m pip`, not `venv/bin/pip`: a venv copied with `.build` keeps the old path in the pip script.
"$WORK/venv/bin/python" -m pip install -q feedparser fastfeedparser >&2

swift build -c release --product ParseBenchmark >&2
BIN="$(swift build -c release --show-bin-path)/ParseBenchmark"
"$BIN" generate "$WORK/feeds"

for feed in rss2.xml atom.xml; do
    "$BIN" measure "$WORK/feeds/$feed" "$RUNS"
done > "$WORK/feedwatch.jsonl"

"$WORK/venv/bin/python" - "$WORK" "$RUNS" <<'PY'
import json, subprocess, sys, time, platform, os, resource
import feedparser, fastfeedparser

work, runs = sys.argv[1], int(sys.argv[2])
swift = {r["file"]: r for r in map(json.loads, open(f"{work}/feedwatch.jsonl"))}

# CPU time (user + system), not wall time: the machine may be shared, and CPU time is what a parser costs.
def best(fn, n):
    times = []
    for _ in range(n):
        start = time.process_time(); fn(); times.append(time.process_time() - start)
    return min(times)

def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

def best_child(args, n):
    times = []
    for _ in range(n):
        start = children_cpu(); subprocess.run(args, check=True); times.append(children_cpu() - start)
    return min(times)

rows = []
for name in ["rss2.xml", "atom.xml"]:
    path = f"{work}/feeds/{name}"
    data = open(path, "rb").read()
    mb = len(data) / 1e6
    xmllint = best_child(["xmllint", "--stream", "--noout", path], runs)
    fast = best(lambda: fastfeedparser.parse(data), max(1, runs // 2))
    slow = best(lambda: feedparser.parse(data), 1)
    fw = swift[name]
    items = fw["items"]
    for label, seconds in [("feedwatch", fw["seconds"]), ("xmllint --stream --noout", xmllint),
                           ("fastfeedparser", fast), ("feedparser", slow)]:
        rows.append((name, label, seconds, mb / seconds, items / seconds if label != "xmllint --stream --noout" else None))
    rows.append((name, "ratios", fw["seconds"] / xmllint, slow / fw["seconds"], fw["seconds"] / fast))

print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; CPU time (user + system), "
      f"best of {runs} runs (fastfeedparser {max(1, runs // 2)}, feedparser 1); xmllint includes process start\n")
print("| feed | parser | CPU time (s) | MB/s | items/s |")
print("|---|---|---:|---:|---:|")
for row in rows:
    if row[1] == "ratios":
        continue
    name, label, seconds, mbs, ips = row
    print(f"| {name} ({os.path.getsize(f'{work}/feeds/{name}') / 1e6:.1f} MB) | {label} | {seconds:.3f} | {mbs:.1f} | "
          + (f"{ips:,.0f}" if ips else "—") + " |")
print("\n| feed | feedwatch ÷ xmllint time (goal ≤ 1.5) | feedparser ÷ feedwatch time (goal ≥ 50) | "
      "feedwatch ÷ fastfeedparser time |")
print("|---|---:|---:|---:|")
for row in rows:
    if row[1] == "ratios":
        print(f"| {row[0]} | {row[2]:.2f} | {row[3]:.0f} | {row[4]:.2f} |")
PY
