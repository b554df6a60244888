#!/usr/bin/env python3
"""Generates common-words.tsv (beside this script): the 10,000 most frequent English words, one per line, most
frequent first, from the wordfreq 3.1.1 package (code Apache-2.0, data CC-BY-SA 4.0; see LICENSE-wordfreq).

The entity extractor uses the list to tell a capitalised sentence start ("Posted", "Neither") from a name. Run once
by hand in a throwaway virtualenv; the data file and LICENSE-wordfreq are committed, the package is not:

    python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    R=Sources/FeedWatchAnalysis/Resources; /tmp/wf/bin/python $R/generate-common-words.py > $R/common-words.tsv
"""
import re

import wordfreq

words = [w for w in wordfreq.top_n_list("en", 12_000) if re.fullmatch(r"[a-z]+", w)]
print("\n".join(words[:10_000]))
