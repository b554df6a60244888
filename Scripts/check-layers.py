#!/usr/bin/env python3
"""Checks that every target imports only what ARCHITECTURE.md allows.

ARCHITECTURE.md holds the allowed graph in a fenced block that starts with the line `# layers`: one line per target,
`Target: Dependency Dependency ...`, naming the project's own targets and the packages' modules the target may use.
Two things are compared with it:

- the dependencies each target declares in Package.swift (`swift package dump-package`), and
- the `import` statements of every Swift file under the target's source folder (a file can import a module its target
  does not declare when the module comes in through another dependency, so both are checked).

Foundation, Dispatch, Synchronization, Glibc and Swift Testing are allowed everywhere; everything else must be
listed. Exits 1 with one line per violation, naming the file and the import.

Usage: Scripts/check-layers.py [--selftest]   (from the repository root; make lint runs both)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ALWAYS = {"Foundation", "FoundationEssentials", "Dispatch", "CDispatch", "Synchronization", "Glibc", "Musl", "Darwin", "Testing"}
IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|internal|package|fileprivate|private)\s+)?import\s+"
                    r"(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_]\w*)", re.M)


def read_graph(path):
    """The allowed graph: target -> set of modules it may import."""
    text = open(path, encoding="utf-8").read()
    match = re.search(r"```[^\n]*\n# layers\n(.*?)```", text, re.S)
    if not match:
        sys.exit(f"check-layers: {path} has no fenced block starting with '# layers'")
    graph = {}
    for line in match.group(1).splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        target, _, deps = line.partition(":")
        graph[target.strip()] = set(deps.split())
    return graph


def declared_targets(root):
    """Each target's declared dependencies and source folder, from `swift package dump-package`."""
    out = subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True, capture_output=True, text=True)
    package = json.loads(out.stdout)
    targets = {}
    for target in package["targets"]:
        deps = set()
        for dependency in target["dependencies"]:
            kind = next(iter(dependency))
            deps.add(dependency[kind][0])
        default = "Tests" if target["type"] == "test" else "Sources"
        folder = target.get("path") or os.path.join(default, target["name"])
        targets[target["name"]] = (target["type"], deps, folder)
    return targets


def strip_comments(source):
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return re.sub(r"//[^\n]*", "", source)


def violations(root, graph, targets):
    found = []
    for name, (kind, deps, folder) in sorted(targets.items()):
        if kind == "system":
            continue
        if name not in graph:
            found.append(f"Package.swift: target {name} is not in the ARCHITECTURE.md graph")
            continue
        allowed = graph[name]
        for dep in sorted(deps - allowed):
            found.append(f"Package.swift: {name} depends on {dep}, which ARCHITECTURE.md does not allow")
        for directory, _, files in os.walk(os.path.join(root, folder)):
            for file in sorted(files):
                if not file.endswith(".swift"):
                    continue
                path = os.path.join(directory, file)
                source = strip_comments(open(path, encoding="utf-8").read())
                for module in IMPORT.findall(source):
                    if module not in allowed and module not in ALWAYS and module != name:
                        found.append(f"{os.path.relpath(path, root)}: {name} imports {module}, "
                                     f"which ARCHITECTURE.md does not allow")
    return found


def selftest():
    """The check must catch a target importing a layer above it, and pass the same tree without that import."""
    graph = {"Low": {"Logging"}, "High": {"Low"}}
    targets = {"Low": ("regular", {"Logging"}, "Sources/Low"), "High": ("regular", {"Low"}, "Sources/High")}
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "Sources/Low"))
        os.makedirs(os.path.join(root, "Sources/High"))
        low = os.path.join(root, "Sources/Low/A.swift")
        open(os.path.join(root, "Sources/High/B.swift"), "w").write("import Low\npublic import Foundation\n")
        open(low, "w").write("import Logging\n// import High in a comment is fine\n")
        assert violations(root, graph, targets) == [], "a clean tree must pass"
        open(low, "w").write("import Logging\n@testable internal import High\n")
        assert violations(root, graph, targets) == [
            "Sources/Low/A.swift: Low imports High, which ARCHITECTURE.md does not allow"
        ], violations(root, graph, targets)
        targets["Low"] = ("regular", {"Logging", "High"}, "Sources/Low")
        assert any("Package.swift: Low depends on High" in v for v in violations(root, graph, targets))
    print("check-layers selftest: passed")


def main():
    if "--selftest" in sys.argv:
        selftest()
        return
    root = os.getcwd()
    graph = read_graph(os.path.join(root, "ARCHITECTURE.md"))
    found = violations(root, graph, declared_targets(root))
    for line in found:
        print(line)
    if found:
        print(f"check-layers: {len(found)} import(s) break the layers in ARCHITECTURE.md")
        sys.exit(1)
    print(f"check-layers: {len(graph)} targets import only what ARCHITECTURE.md allows")


if __name__ == "__main__":
    main()
