#!/usr/bin/env python3
"""Scores one replay of a timeline data set three times: all items, the tuning half and the held-out half.

    Scripts/eval-timeline.py --data ../shared/eval/grain-deal --scorer ../shared/eval/score_timeline.py ALERTS.jsonl

ALERTS.jsonl is what `feedwatch replay` printed for the whole set, in one run, so the state entering the second
half (the status in effect, the stories, the coverage baseline, the known actors) is the state the first half left.
Each half is then scored by `score_timeline.py` against a copy of the data folder whose truth is cut to that half:

- alerts: those whose event time `at` falls in the half;
- transitions, status traps, actors (non-initial), coverage-surge days, tracked stories (by their first item),
  distractor and unrelated items, same-day distractors, near-duplicate groups and guid re-sends: those of the half;
- items.jsonl is kept whole, so evidence that reaches across the split still resolves to its item.

The halves are split at SPLIT (default 2023-01-01T00:00:00Z, UTC): the tuning half is before it, the held-out half
from it on. No truth entry of the grain-deal set lies within three days of the split, so no story, confirmation
window or surge window is cut in two (the script says so when one is).

Story clustering: the pairwise and BCubed F1 of the topic's stories against truth.json's story ids, over the tracked
items, need each item's story as feedwatch decided it. Alerts name only the item that starts a story, so they are
read from JSON lines that carry a story id: {"topic": "grain-deal", "story": "<id>", "link": ..., "guid": ...,
"title": ..., "feed": ...} (an item-placement line; `feedwatch replay` does not print these yet). Without such lines
the script says what is missing and prints no clustering figures.

Stdlib only. `--selftest` runs the scorer's own self-test on every cut folder (a perfect stream built from the cut
truth must score perfectly), which checks the cut.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import datetime, timedelta, timezone

SPLIT = "2023-01-01T00:00:00Z"


def parse_time(value):
    if not value:
        return None
    try:
        t = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return t.replace(tzinfo=timezone.utc) if t.tzinfo is None else t.astimezone(timezone.utc)


def json_lines(lines):
    for raw in lines:
        s = raw.strip()
        i = s.find("{")
        if i < 0:
            continue
        try:
            obj = json.loads(s[i:])
        except ValueError:
            continue
        if isinstance(obj, dict):
            yield raw, obj


def in_half(t, lo, hi):
    return t is not None and (lo is None or t >= lo) and (hi is None or t < hi)


def cut_truth(truth, items, lo, hi, label):
    """The truth of the items published in [lo, hi), and warnings for anything the split cuts in two."""
    when = {it["id"]: parse_time(it["published"]) for it in items}
    inside = {i for i, t in when.items() if in_half(t, lo, hi)}
    T = json.loads(json.dumps(truth))
    T["dataset"] = "%s (%s)" % (truth.get("dataset", "dataset"), label)
    T["transitions"] = [x for x in truth["transitions"] if in_half(parse_time(x["at"]), lo, hi)]
    warnings = []
    stories = {}
    for sid, st in truth["stories"].items():
        if in_half(parse_time(st["first_at"]), lo, hi):
            stories[sid] = st
            if not set(st.get("items") or []) <= inside:
                warnings.append("story %s crosses the split" % sid)
    T["stories"] = stories
    T["distractor_item_topic"] = {i: t for i, t in (truth.get("distractor_item_topic") or {}).items() if i in inside}
    T["unrelated_items"] = [i for i in truth.get("unrelated_items") or [] if i in inside]
    topics = {}
    for k, v in (truth.get("distractor_topics") or {}).items():
        kept = [i for i in (v.get("items") or []) if i in inside] if isinstance(v, dict) else []
        if kept:
            topics[k] = dict(v, items=kept)
    T["distractor_topics"] = topics
    T["same_day_distractors"] = [x for x in truth.get("same_day_distractors") or [] if x["distractor"] in inside]
    T["near_duplicate_groups"] = [g for g in truth.get("near_duplicate_groups") or [] if g["original"] in inside]
    T["guid_updates"] = [g for g in truth.get("guid_updates") or [] if g["original"] in inside]
    T["actors"] = [a for a in truth.get("actors") or [] if a.get("initial") or in_half(parse_time(a["at"]), lo, hi)]
    T["status_traps"] = [x for x in truth.get("status_traps") or [] if x["item"] in inside]
    surges = dict(truth.get("coverage_surges") or {})
    surges["days"] = [d for d in surges.get("days") or []
                      if in_half(parse_time(d["date"] + "T00:00:00Z"), lo, hi)]
    T["coverage_surges"] = surges
    T["coverage_per_day"] = {d: n for d, n in (truth.get("coverage_per_day") or {}).items()
                             if in_half(parse_time(d + "T00:00:00Z"), lo, hi)}
    for edge in (lo, hi):
        if edge is None:
            continue
        near = [x["n"] for x in truth["transitions"] if abs(parse_time(x["at"]) - edge) < timedelta(days=1)]
        if near:
            warnings.append("transitions %s lie within a day of the split (their confirmation may cross it)" % near)
    return T, warnings


def make_folder(data, truth, tmp, name):
    folder = os.path.join(tmp, name)
    os.makedirs(folder)
    shutil.copy(os.path.join(data, "items.jsonl"), folder)
    if os.path.isfile(os.path.join(data, "outlets.py")):
        shutil.copy(os.path.join(data, "outlets.py"), folder)
    if os.path.isdir(os.path.join(data, "feeds")):
        os.symlink(os.path.abspath(os.path.join(data, "feeds")), os.path.join(folder, "feeds"))
    with open(os.path.join(folder, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, indent=1)
    return folder


# --------------------------------------------------------------------------- story clustering quality
def norm_link(u):
    return re.sub(r"^https?://", "", (u or "").strip()).rstrip("/").lower() or None


def pairwise_f1(pred, gold):
    """Pairwise precision, recall and F1 of a clustering (item -> cluster) against the gold one, same items."""
    def pairs(assign):
        groups = defaultdict(list)
        for i, c in assign.items():
            groups[c].append(i)
        return {(a, b) for g in groups.values() for x, a in enumerate(sorted(g)) for b in sorted(g)[x + 1:]}
    p, g = pairs(pred), pairs(gold)
    prec = len(p & g) / len(p) if p else 1.0
    rec = len(p & g) / len(g) if g else 1.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def bcubed_f1(pred, gold):
    """BCubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009), averaged over items."""
    pc, gc = defaultdict(set), defaultdict(set)
    for i in pred:
        pc[pred[i]].add(i)
        gc[gold[i]].add(i)
    prec = rec = 0.0
    for i in pred:
        both = len(pc[pred[i]] & gc[gold[i]])
        prec += both / len(pc[pred[i]])
        rec += both / len(gc[gold[i]])
    n = len(pred) or 1
    prec, rec = prec / n, rec / n
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def clustering_lines(objs, items, tracked_topic, lo, hi):
    """Pairwise and BCubed F1 of the placements in `objs` over the tracked items of [lo, hi)."""
    by_link, by_guid = {}, {}
    for it in items:
        by_link.setdefault(norm_link(it.get("link")), it)
        if it.get("guid"):
            by_guid.setdefault(it["guid"].strip(), it)
    pred = {}
    for o in objs:
        story = o.get("story") or o.get("story_id")
        if story is None or "kind" in o:
            continue
        if o.get("topic") not in (None, tracked_topic):
            continue
        it = by_guid.get((o.get("guid") or "").strip()) or by_link.get(norm_link(o.get("link")))
        if it is not None:
            pred[it["id"]] = str(story)
    if not pred:
        return None
    tracked = [it for it in items if tracked_topic in (it.get("topics") or [])
               and in_half(parse_time(it["published"]), lo, hi)]
    gold = {it["id"]: it["story_id"] for it in tracked}
    placed = {i: pred[i] for i in gold if i in pred}
    # items the topic's query missed count as stories of their own, so a narrow query costs recall
    full = {i: pred.get(i, "unplaced:" + i) for i in gold}
    out = []
    for name, p in (("tracked items (missed ones alone)", full), ("tracked items the topic matched", placed)):
        g = {i: gold[i] for i in p}
        pp, pr, pf = pairwise_f1(p, g)
        bp, br, bf = bcubed_f1(p, g)
        out.append("story clustering, %d %s: pairwise P %.3f R %.3f F1 %.3f; BCubed P %.3f R %.3f F1 %.3f"
                   % (len(p), name, pp, pr, pf, bp, br, bf))
    return out


def actor_lines(objs, truth, lo, hi, verbose):
    """Precision of the new_actor alerts of [lo, hi): an alert is right when it names an actor of the truth (by one
    of its keywords, in the explanation's entity or the summary); the scorer itself measures recall only."""
    keywords = [k.lower() for x in truth.get("actors") or [] for k in x["keywords"]]
    alerts = [o for o in objs if o.get("kind") == "new_actor" and in_half(parse_time(o.get("at")), lo, hi)]
    if not alerts:
        return ["new-actor precision: no new_actor alerts"]
    named = []
    for o in alerts:
        entity = ((o.get("explanation") or {}).get("entity") or o.get("summary") or "")
        right = any(k in entity.lower() for k in keywords)
        named.append((right, entity, (o.get("explanation") or {}).get("cue")))
    right = sum(r for r, _, _ in named)
    out = ["new-actor precision: %d of %d alerts name an actor of the truth (%.2f)" % (right, len(alerts),
                                                                                      right / len(alerts))]
    if verbose:
        out += ["  %s %s (%s)" % ("+" if r else "-", e, c or "no role") for r, e, c in named]
    return out


MISSING_PLACEMENTS = (
    "story clustering: not measured. The replay printed no item placements: alerts name only the item that starts "
    "a story (new_story), not the story every other item joined. Needed: one JSON line per item and matching topic, "
    "e.g. `feedwatch replay --placements` printing {\"topic\",\"story\",\"article\",\"revision\",\"link\",\"guid\","
    "\"feed\",\"at\"} from Analyzer.placeInStory's StoryPlacement.")


# --------------------------------------------------------------------------- main
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("alerts", help="the replay's JSON lines ('-' for standard input)")
    ap.add_argument("--data", required=True, help="the data set folder (items.jsonl, truth.json, feeds/)")
    ap.add_argument("--scorer", required=True, help="score_timeline.py")
    ap.add_argument("--split", default=SPLIT, help="start of the held-out half, UTC (default %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true", help="the scorer's missed and false alerts too")
    ap.add_argument("--selftest", action="store_true", help="run the scorer's self-test on every cut folder")
    a = ap.parse_args(argv)

    lines = (sys.stdin if a.alerts == "-" else open(a.alerts, encoding="utf-8", errors="replace")).read().splitlines()
    parsed = list(json_lines(lines))
    items = [json.loads(l) for l in open(os.path.join(a.data, "items.jsonl"), encoding="utf-8") if l.strip()]
    truth = json.load(open(os.path.join(a.data, "truth.json"), encoding="utf-8"))
    split = parse_time(a.split)
    runs = [("all items", None, None), ("tuning half: before %s" % split.date(), None, split),
            ("held-out half: %s on" % split.date(), split, None)]
    rc = 0
    with tempfile.TemporaryDirectory(prefix="eval-timeline.") as tmp:
        for n, (label, lo, hi) in enumerate(runs):
            print("== %s ==" % label, flush=True)
            if lo is None and hi is None:
                folder, warnings = a.data, []
            else:
                T, warnings = cut_truth(truth, items, lo, hi, label.split(":")[0])
                folder = make_folder(a.data, T, tmp, "half%d" % n)
            for w in warnings:
                print("warning: " + w)
            whole = lo is None and hi is None
            kept = [raw for raw, o in parsed if "kind" in o and (whole or in_half(parse_time(o.get("at")), lo, hi))]
            alerts_file = os.path.join(tmp, "alerts%d.jsonl" % n)
            with open(alerts_file, "w", encoding="utf-8") as fh:
                fh.write("\n".join(kept) + ("\n" if kept else ""))
            cmd = [sys.executable, a.scorer, "--data", folder, alerts_file] + (["-v"] if a.verbose else [])
            if a.selftest:
                cmd = [sys.executable, a.scorer, "--data", folder, "--selftest"]
            r = subprocess.run(cmd, capture_output=True, text=True)
            sys.stdout.write(r.stdout)
            sys.stderr.write(r.stderr)
            rc |= r.returncode if a.selftest else (r.returncode not in (0, 1))
            if not a.selftest:
                L = clustering_lines([o for _, o in parsed], items, truth["tracked_topic"], lo, hi)
                for l in L or [MISSING_PLACEMENTS if n == 0 else "story clustering: not measured (see above)"]:
                    print(l)
                for l in actor_lines([o for _, o in parsed], truth, lo, hi, a.verbose):
                    print(l)
            print(flush=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
