#!/usr/bin/env bash
# make eval-timeline: replays the analysis development set (../shared/eval/grain-deal, beside the clone, never
# committed) through the release binary with Config/eval/grain-deal.yml, and prints the scorer's figures three
# times: all items, the tuning half (items before 2023) and the held-out half (2023 on). One replay of the whole
# set is scored per half (Scripts/eval-timeline.py), so the held-out half starts from the state the tuning half left.
#
#   EVAL_DATA=DIR    the evaluation folder (score_timeline.py and grain-deal/); default ../shared/eval beside the
#                    clone. When it is missing the script says so and exits 0 ("skipped").
#   FEEDWATCH=BIN    replay with this binary instead of building one (no `swift build`), e.g. a debug build.
#   SWIFT=swift      the swift driver used to build the release binary.
#   VERBOSE=1        also list the missed transitions, false status alerts and duplicated stories.
set -euo pipefail
SWIFT="${SWIFT:-swift}"
root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$root"
eval_data="${EVAL_DATA:-$root/../shared/eval}"
data="$eval_data/grain-deal"
scorer="$eval_data/score_timeline.py"
if [ ! -f "$scorer" ] || [ ! -f "$data/truth.json" ] || [ ! -d "$data/feeds" ]; then
    echo "eval-timeline: skipped (no development set at $eval_data: it needs score_timeline.py and grain-deal/)"
    exit 0
fi
if [ -n "${FEEDWATCH:-}" ]; then
    bin="$FEEDWATCH"
    echo "eval-timeline: using FEEDWATCH=$bin (not building)"
else
    "$SWIFT" build -c release --product feedwatch
    bin="$("$SWIFT" build -c release --show-bin-path)/feedwatch"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
feeds=()
for f in "$data"/feeds/*; do   # every feed in name order (MANIFEST.json is not a feed)
    case "$f" in *.xml|*.atom|*.rdf) feeds+=("$f") ;; esac
done
echo "eval-timeline: replaying ${#feeds[@]} feeds of $data with Config/eval/grain-deal.yml"
"$bin" replay --placements --config Config/eval/grain-deal.yml "${feeds[@]}" > "$work/alerts.jsonl"
echo "eval-timeline: $(grep -c '"kind"' "$work/alerts.jsonl") alerts"
python3 Scripts/eval-timeline.py --data "$data" --scorer "$scorer" ${VERBOSE:+-v} "$work/alerts.jsonl"
