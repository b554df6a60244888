#!/usr/bin/env python3
"""Generates gazetteer.tsv (beside this script) from the countryinfo 1.0.1 wheel (MIT).

One line per country: name, capital, demonym and alternative names (`|`-separated), tab-separated. Run once by
hand; the data file and LICENSE-countryinfo are committed, the wheel is not:

    pip download countryinfo==1.0.1 --no-deps -d /tmp/ci && unzip -q /tmp/ci/*.whl -d /tmp/ci/x
    R=Sources/FeedWatchAnalysis/Resources; python3 $R/generate-gazetteer.py /tmp/ci/x/countryinfo/data > $R/gazetteer.tsv
"""
import glob
import json
import os
import sys


def clean(value):
    return " ".join(str(value or "").replace("\t", " ").split())


rows = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    name = clean(data.get("name"))
    if not name:
        continue
    alternatives = [clean(a) for a in data.get("altSpellings", []) if len(clean(a)) > 3 and clean(a).isascii()]
    row = [name, clean(data.get("capital")), clean(data.get("demonym"))]
    while alternatives and len("\t".join(row + ["|".join(alternatives)])) > 116:
        alternatives.pop()
    rows.append("\t".join(row + ["|".join(alternatives)]))

for row in rows:
    print(row)
