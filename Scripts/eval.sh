#!/usr/bin/env bash
# make eval: downloads the public evaluation data from PyPI into a temporary folder (never committed), runs the
# evaluation tests on it and prints the scores. Needs pip and network access to PyPI.
set -euo pipefail
SWIFT="${SWIFT:-swift}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --only-binary :all: gensim==4.4.0 -d "$work/pypi"
python3 -m pip download --quiet --no-deps --no-binary :all: vaderSentiment==3.3.2 -d "$work/pypi"
mkdir -p "$work/data/lee" "$work/data/hutto"
python3 - "$work" <<'PY'
import glob, sys, tarfile, zipfile, io
work = sys.argv[1]
wheel = zipfile.ZipFile(glob.glob(f"{work}/pypi/gensim-4.4.0-*.whl")[0])
for name in ("lee.cor", "lee_background.cor", "similarities0-1.txt"):
    with open(f"{work}/data/lee/{name}", "wb") as out:
        out.write(wheel.read(f"gensim/test/test_data/{name}"))
with tarfile.open(glob.glob(f"{work}/pypi/vaderSentiment-3.3.2.tar.gz")[0]) as sdist:
    inner = sdist.extractfile("vaderSentiment-3.3.2/additional_resources/hutto_ICWSM_2014.tar.gz").read()
with tarfile.open(fileobj=io.BytesIO(inner)) as archive:
    archive.extractall(f"{work}/data/hutto", filter="data")
PY
FEEDWATCH_EVAL_DATA="$work/data" "$SWIFT" test --disable-xctest --filter AnalysisEvaluationTests 2>&1 \
    | tee "$work/log" | grep -E "^eval |✘|passed after|failed after" || true
grep -q "Test run with .* passed" "$work/log"
