#!/usr/bin/env python3
"""Generates given-names.tsv (beside this script): the given names among the 1990 US Census's 300 most common male
and 300 most common female first names that are also frequent English words (common-words.tsv), one per line, in
the common-words order. The census name files are public domain (US government data; see LICENSE-census-names);
they come from the `names` 0.3.0 package on PyPI, whose README states that.

The entity extractor strips frequent words that open a sentence before a name ("Under the Istanbul deal", "Despite
Israeli objections") but not a given name that starts one ("Ron Dermer", "Donald Trump", "Steve Witkoff"). Run once
by hand; the data file and the licence note are committed, the package is not:

    python3 -m pip download --no-deps names==0.3.0 -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    R=Sources/FeedWatchAnalysis/Resources; python3 $R/generate-given-names.py /tmp/names/names-0.3.0/names > $R/given-names.tsv
"""
import os
import sys

folder = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
names = set()
for file in ("dist.male.first", "dist.female.first"):
    with open(os.path.join(folder, file)) as lines:
        for line in lines:
            name, _, _, rank = line.split()
            if int(rank) <= 300:
                names.add(name.lower())
with open(os.path.join(here, "common-words.tsv")) as lines:
    common = [line.strip() for line in lines]
print("\n".join(word for word in common if word in names))
