#!/usr/bin/env python3
"""Generates tone-lexicon.tsv (beside this script) from ThirdParty/vaderSentiment/vader_lexicon.txt.

One line per entry: the token and its mean valence (-4...4), tab-separated.

    R=Sources/FeedWatchAnalysis/Resources; python3 $R/generate-tone-lexicon.py > $R/tone-lexicon.tsv
"""
import os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
path = os.path.join(root, "ThirdParty", "vaderSentiment", "vader_lexicon.txt")
with open(path, encoding="utf-8") as handle:
    for line in handle:
        fields = line.rstrip("\n").split("\t")
        # The build embeds the file in a raw string literal delimited by ###, which no entry may close.
        if len(fields) >= 2 and fields[0] and '"""###' not in fields[0]:
            print(f"{fields[0]}\t{fields[1]}")
