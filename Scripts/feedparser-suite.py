#!/usr/bin/env python3
"""Measure feedwatch's parser against Python feedparser's own test corpus.

Usage:
    Scripts/feedparser-suite.py TESTS_DIR [--feedwatch BIN] [--show KIND] [--jobs N]

TESTS_DIR is the tests/ folder of a feedparser source tree (its sdist carries one: `pip download --no-binary :all:
--no-deps feedparser`, then unpack it; the corpus is BSD-licensed and is read here, never copied into this project).

Each case is a feed file whose leading comment carries a `Description:` and an `Expect:` line, a Python expression
over feedparser's result (`bozo`, `encoding`, `feed`, `entries`). The file goes through
`feedwatch parse FILE --content-type CT --url URL` (the HTTP cases' `Header:` lines give the content type and the
URL they would have been served at), feedwatch's JSON is mapped to feedparser's keys, and the expression is evaluated
over the mapping. HTML that means the same counts as equal (`&#38;` = `&amp;`). The date cases of feedparser's date
parser suite are run as one `<pubDate>` each.

A case that asks for something feedwatch's model does not hold (a key the mapping does not produce: `info`,
`generator`, `xml:lang` of a construct, the raw date text) is counted as "not expressible", not as a failure. The
HTML-sanitizer cases (`wellformed/sanitize`) and the HTTP-status cases (`http/`, `compression/`) are left out: they
test feedparser's own allow-list and its HTTP client.

Prints passed/failed/not expressible per kind and a total line `N passed, N failed`. `--show KIND` (a kind or `all`)
lists the failing cases of that kind with the expectation and what feedwatch returned.
"""

import argparse
import ast
import builtins
import calendar
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

HOST = "http://127.0.0.1:8097"


class Unsupported(Exception):
    """The expectation asks for a value that feedwatch's model does not hold."""


# ---------- HTML equivalence ----------

_REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_CANONICAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


_VOID_END = re.compile(r"\s*/>")


def _normalise(text):
    """HTML written the same way: `&#38;`, `&#x26;` and `&amp;` all become `&amp;`, `>` in text is `&gt;`, and a void
    element's `<br />` is `<br>`."""

    def replace(match):
        decoded = html.unescape(match.group(0))
        if len(decoded) != 1:
            return match.group(0)
        return _CANONICAL.get(decoded, decoded)

    text = _REFERENCE.sub(replace, text)
    return _VOID_END.sub(">", text).replace("&gt;", ">")


class HText(str):
    """A string that compares equal to any string meaning the same HTML."""

    def __eq__(self, other):
        if isinstance(other, str):
            return str.__eq__(self, other) or _normalise(self) == _normalise(other)
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = str.__hash__


# ---------- feedparser's dictionary, over feedwatch's values ----------


class Encoding(str):
    """An encoding name, which compares without regard to letter case (`Big5` = `big5`)."""

    def __eq__(self, other):
        if isinstance(other, str):
            return self.lower() == other.lower()
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = str.__hash__


class FPDict(dict):
    """feedparser's FeedParserDict: attribute access and its key aliases; unknown keys of the model raise Unsupported."""

    keymap = {
        "channel": "feed",
        "items": "entries",
        "guid": "id",
        "date": "updated",
        "date_parsed": "updated_parsed",
        "description": ["summary", "subtitle"],
        "description_detail": ["summary_detail", "subtitle_detail"],
        "url": ["href"],
        "modified": "updated",
        "modified_parsed": "updated_parsed",
        "issued": "published",
        "issued_parsed": "published_parsed",
        "copyright": "rights",
        "copyright_detail": "rights_detail",
        "tagline": "subtitle",
        "tagline_detail": "subtitle_detail",
    }

    def __init__(self, supported, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.supported = supported

    def _lookup(self, key):
        if key == "category":
            tags = dict.get(self, "tags", [])
            if not tags:
                raise KeyError(key)
            return tags[0]["term"]
        if key == "enclosures" and "enclosures" in self.supported:
            return dict.get(self, "enclosures", [])
        if key in ("updated", "updated_parsed"):
            if not dict.__contains__(self, key):
                published = key.replace("updated", "published")
                if dict.__contains__(self, published):
                    return dict.__getitem__(self, published)
        real = self.keymap.get(key, key)
        candidates = real if isinstance(real, list) else [real]
        for candidate in candidates:
            if dict.__contains__(self, candidate):
                return dict.__getitem__(self, candidate)
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        if not any(c in self.supported for c in candidates + [key]):
            raise Unsupported(key)
        raise KeyError(key)

    def __getitem__(self, key):
        return self._lookup(key)

    def __getattr__(self, key):
        if key.startswith("__"):
            raise AttributeError(key)
        try:
            return self._lookup(key)
        except KeyError:
            raise AttributeError(key)

    def __contains__(self, key):
        if key in ("updated", "updated_parsed"):
            if key not in self.supported:
                raise Unsupported(key)
            return dict.__contains__(self, key)
        try:
            self._lookup(key)
        except KeyError:
            return False
        return True

    has_key = __contains__

    def get(self, key, default=None):
        try:
            return self._lookup(key)
        except KeyError:
            return default


FEED_KEYS = {
    "title", "title_detail", "link", "subtitle", "subtitle_detail", "language", "id", "updated_parsed",
    "published_parsed", "author", "author_detail", "authors", "tags",
}
ENTRY_KEYS = {
    "title", "title_detail", "link", "summary", "summary_detail", "content", "id", "updated_parsed",
    "published_parsed", "author", "author_detail", "authors", "tags", "enclosures",
}
DETAIL_KEYS = {"type", "value"}
PERSON_KEYS = {"name", "email", "href"}
TAG_KEYS = {"term", "scheme", "label"}
ENCLOSURE_KEYS = {"href", "type", "length"}
MIME = {"text": "text/plain", "html": "text/html", "xhtml": "application/xhtml+xml"}


def _text(value):
    return HText(value) if isinstance(value, str) else value


def _detail(type_, value):
    return FPDict(DETAIL_KEYS, type=MIME.get(type_, type_), value=_text(value))


def _parsed_date(iso):
    return time.gmtime(calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")))


def _person(obj):
    person = FPDict(PERSON_KEYS)
    for src, dst in (("name", "name"), ("email", "email"), ("uri", "href")):
        if src in obj:
            person[dst] = _text(obj[src])
    return person


def _author_string(person):
    name, email = person.get("name"), person.get("email")
    if name and email:
        return HText("%s (%s)" % (name, email))
    return _text(name or email)


def _fill_common(target, source, text_keys):
    for key, type_key, detail_key in text_keys:
        if key in source:
            target[key] = _text(source[key])
            target[detail_key] = _detail(source.get(type_key, "text"), source[key])
    if "link" in source:
        target["link"] = _text(source["link"])
    if "id" in source:
        target["id"] = _text(source["id"])
    for key in ("updated", "published"):
        if key in source:
            target[key + "_parsed"] = _parsed_date(source[key])
    authors = [_person(a) for a in source.get("authors", [])]
    authors = [a for a in authors if a]
    if authors:
        target["authors"] = authors
        target["author_detail"] = authors[0]
        author = _author_string(authors[0])
        if author:
            target["author"] = author
    tags = []
    for category in source.get("categories", []):
        tag = FPDict(TAG_KEYS, term=_text(category["term"]))
        tag["scheme"] = _text(category.get("scheme"))
        tag["label"] = _text(category.get("label"))
        tags.append(tag)
    if tags:
        target["tags"] = tags


def to_feedparser(result):
    """feedwatch's JSON as feedparser's result: `bozo`, `encoding`, `feed`, `entries`."""
    feed = FPDict(FEED_KEYS)
    source = result.get("feed", {})
    _fill_common(feed, source, [("title", "title_type", "title_detail"),
                                ("subtitle", "subtitle_type", "subtitle_detail")])
    if "language" in source:
        feed["language"] = _text(source["language"])
    entries = []
    for item in result.get("items", []):
        entry = FPDict(ENTRY_KEYS)
        _fill_common(entry, item, [("title", "title_type", "title_detail"),
                                   ("summary", "summary_type", "summary_detail")])
        if item.get("content"):
            entry["content"] = [_detail(c.get("type", "text"), c.get("value", "")) for c in item["content"]]
        enclosures = []
        for enclosure in item.get("enclosures", []):
            value = FPDict(ENCLOSURE_KEYS, href=_text(enclosure["url"]))
            if "type" in enclosure:
                value["type"] = _text(enclosure["type"])
            if "length" in enclosure:
                value["length"] = str(enclosure["length"])
            enclosures.append(value)
        entry["enclosures"] = enclosures
        entries.append(entry)
    return {
        "bozo": not result.get("wellformed", True),
        "encoding": Encoding(result["encoding"]) if result.get("encoding") else None,
        "feed": feed,
        "entries": entries,
    }


class Environment(dict):
    """The names an expectation may use; a name feedparser has and feedwatch's mapping does not is unsupported."""

    def __missing__(self, name):
        if name in builtins.__dict__:
            raise KeyError(name)
        raise Unsupported(name)


# ---------- the cases ----------

SKIPPED_FOLDERS = ("wellformed/sanitize", "http", "compression")
DESCRIPTION = re.compile(rb"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->")
SKIP_UNLESS = re.compile(rb"SkipUnless:\s*(.*?)\n")
HEADER = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)


def convert_to_utf8(data):
    """feedparser's own reading of the test header: by the byte order mark."""
    boms = [
        (b"\x4c\x6f\xa7\x94", "cp037", 0), (b"\x00\x00\xfe\xff", "utf-32be", 0), (b"\xff\xfe\x00\x00", "utf-32le", 0),
        (b"\x00\x00\x00\x3c", "utf-32be", 0), (b"\x3c\x00\x00\x00", "utf-32le", 0),
        (b"\x00\x3c\x00\x3f", "utf-16be", 0), (b"\x3c\x00\x3f\x00", "utf-16le", 0),
    ]
    for prefix, codec, skip in boms:
        if data[:4] == prefix:
            return data[skip:].decode(codec).encode("utf-8")
    if data[:2] == b"\xfe\xff" and data[2:4] != b"\x00\x00":
        return data[2:].decode("utf-16be").encode("utf-8")
    if data[:2] == b"\xff\xfe" and data[2:4] != b"\x00\x00":
        return data[2:].decode("utf-16le").encode("utf-8")
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:]
    return data


def kind_of(relative):
    parts = relative.split("/")
    if parts[0] in ("wellformed", "illformed") and len(parts) > 2:
        return parts[0] + "/" + parts[1]
    return parts[0]


def file_cases(tests):
    for folder, _, files in os.walk(tests):
        for name in sorted(files):
            if not name.endswith(".xml"):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, tests).replace(os.sep, "/")
            if any(relative == f or relative.startswith(f + "/") for f in SKIPPED_FOLDERS):
                continue
            with open(path, "rb") as handle:
                data = handle.read()
            header = convert_to_utf8(data) if relative.startswith("encoding/") else data
            found = DESCRIPTION.search(header)
            if not found:
                continue
            skip = SKIP_UNLESS.search(header)
            if skip:
                condition = skip.group(1).strip().decode()
                # chardet's guess is what the encoding cases measure; feedparser's own names are always there.
                if "chardet" not in condition and "feedparser" not in condition:
                    try:
                        if not eval(condition):
                            continue
                    except Exception:
                        continue
            headers = {k.decode().strip().lower(): v.decode().strip() for k, v in HEADER.findall(header)}
            if "status" in headers:
                continue
            content_type, url = None, None
            if "http" in relative:
                url = HOST + "/tests/" + relative
                content_type = headers.get("content-type", "application/xml")
                # Content-Location is relative to the request URL, and an HTTP client takes an http(s) one only.
                location = urllib.parse.urljoin(url, headers.get("content-location", ""))
                if urllib.parse.urlsplit(location).scheme in ("http", "https"):
                    url = location
            yield {
                "kind": kind_of(relative),
                "name": relative,
                "path": path,
                "expect": found.group(2).strip().decode("utf-8"),
                "content_type": content_type,
                "url": url,
            }


def date_cases(tests, scratch):
    """feedparser's date parser cases (a dict literal in runtests.py or test_date_parsers.py), one pubDate each."""
    sources = [os.path.join(tests, n) for n in ("test_date_parsers.py", "runtests.py")]
    for source in sources:
        if not os.path.exists(source):
            continue
        tree = ast.parse(open(source, encoding="utf-8").read())
        for node in ast.walk(tree):
            tables = []
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                tables = [(k, v) for k, v in zip(node.value.keys, node.value.values)]
            for key, value in tables:
                parser = getattr(key, "id", None) or getattr(key, "attr", None)
                if not parser or "parse_date" not in parser:
                    continue
                try:
                    rows = ast.literal_eval(value)
                except ValueError:
                    continue
                for index, (text, expected) in enumerate(rows):
                    if not text:
                        continue
                    path = os.path.join(scratch, "%s_%02d.xml" % (parser, index))
                    with open(path, "w", encoding="utf-8") as handle:
                        handle.write("<rss version='2.0'><channel><item><title>t</title><pubDate>%s</pubDate>"
                                     "</item></channel></rss>" % html.escape(text))
                    if expected is None:
                        expect = "'published_parsed' not in entries[0]"
                    else:
                        expect = "tuple(entries[0]['published_parsed'])[:6] == %r" % (tuple(expected[:6]),)
                    yield {
                        "kind": "dates/" + parser.lstrip("_").replace("parse_date_", ""),
                        "name": "%s %r" % (parser, text),
                        "path": path,
                        "expect": expect,
                        "content_type": None,
                        "url": None,
                    }
        return


def run_case(binary, case):
    command = [binary, "parse", case["path"]]
    if case["content_type"]:
        command += ["--content-type", case["content_type"]]
    if case["url"]:
        command += ["--url", case["url"]]
    try:
        process = subprocess.run(command, capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return "failed", "timed out"
    if process.returncode != 0:
        result = {"wellformed": False, "feed": {}, "items": []}
        output = process.stderr.decode("utf-8", "replace").strip()
    else:
        result = json.loads(process.stdout)
        output = process.stdout.decode("utf-8", "replace").strip()
    env = Environment(to_feedparser(result))
    try:
        passed = eval(case["expect"], {}, env)
    except Unsupported as missing:
        return "inexpressible", "no %s in feedwatch's model" % missing
    except Exception as error:
        return "failed", "%s: %s\n      feedwatch: %s" % (type(error).__name__, error, output[:600])
    if passed:
        return "passed", ""
    return "failed", "feedwatch: " + output[:600]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tests", help="the tests/ folder of a feedparser source tree")
    parser.add_argument("--feedwatch", default=".build/release/feedwatch", help="the feedwatch binary")
    parser.add_argument("--show", help="list the failing cases of this kind (or 'all')")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    options = parser.parse_args()
    if not os.path.isdir(options.tests):
        sys.exit("no such folder: %s (give the tests/ folder of a feedparser source tree)" % options.tests)
    if not os.access(options.feedwatch, os.X_OK):
        sys.exit("no feedwatch binary at %s (build it, or pass --feedwatch)" % options.feedwatch)
    with tempfile.TemporaryDirectory() as scratch:
        cases = list(file_cases(options.tests)) + list(date_cases(options.tests, scratch))
        with ThreadPoolExecutor(max_workers=options.jobs) as pool:
            outcomes = list(pool.map(lambda case: run_case(options.feedwatch, case), cases))
    counts = defaultdict(lambda: defaultdict(int))
    for case, (status, detail) in zip(cases, outcomes):
        counts[case["kind"]][status] += 1
        if status == "failed" and options.show in ("all", case["kind"]):
            print("FAIL %s\n  expect: %s\n  %s" % (case["name"], case["expect"], detail))
    print("%-24s %7s %7s %14s" % ("kind", "passed", "failed", "inexpressible"))
    total = defaultdict(int)
    for kind in sorted(counts):
        row = counts[kind]
        print("%-24s %7d %7d %14d" % (kind, row["passed"], row["failed"], row["inexpressible"]))
        for status, count in row.items():
            total[status] += count
    measured = total["passed"] + total["failed"]
    share = 100.0 * total["passed"] / measured if measured else 0.0
    print("%-24s %7d %7d %14d   (%.1f %% of the expressible cases)" % (
        "total", total["passed"], total["failed"], total["inexpressible"], share))
    print("%d passed, %d failed" % (total["passed"], total["failed"]))


if __name__ == "__main__":
    main()
