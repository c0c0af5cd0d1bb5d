#!/usr/bin/env python3
"""Builds a synthetic taxonomy of N leaves from the valid files of a corpus folder (argument 1), round robin.

Leaves are grouped by schema (skills v1/v2/v3, knowledge v3) in separate folders so that ajv-cli, which takes one
schema per run, can be pointed at each group with a glob. Writes groups.tsv: schema file name <TAB> glob.
"""
import os
import re
import shutil
import sys

corpus, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sources = []
for snapshot in ("head", "2024-08"):
    for line in open(os.path.join(corpus, f"{snapshot}.expected.tsv"), encoding="utf-8"):
        path, verdict = line.rstrip("\n").split("\t")[:2]
        if verdict != "valid":
            continue
        full = os.path.join(corpus, snapshot, path)
        text = open(full, encoding="utf-8").read()
        match = re.search(r"^version:\s*(\d+)", text, re.MULTILINE)
        version = int(match.group(1)) if match else 1
        kind = "knowledge" if path.startswith("knowledge/") or (not path.startswith("compositional_skills/") and re.search(r"^document:", text, re.MULTILINE)) else "skills"
        sources.append((full, kind, version))

shutil.rmtree(out, ignore_errors=True)
groups = {}
for i in range(count):
    full, kind, version = sources[i % len(sources)]
    top = "knowledge" if kind == "knowledge" else "compositional_skills"
    group = f"{top}/bench_{kind}_v{version}"
    leaf = os.path.join(out, group, f"leaf_{i:05d}")
    os.makedirs(leaf)
    shutil.copyfile(full, os.path.join(leaf, "qna.yaml"))
    attribution = os.path.join(os.path.dirname(full), "attribution.txt")
    if os.path.exists(attribution):
        shutil.copyfile(attribution, os.path.join(leaf, "attribution.txt"))
    groups[group] = f"{kind}-v{version}.json"

with open(os.path.join(out, "groups.tsv"), "w", encoding="utf-8") as tsv:
    for group, schema in sorted(groups.items()):
        tsv.write(f"{schema}\t{group}/*/qna.yaml\n")
print(f"{count} leaves from {len(sources)} corpus files in {out}", file=sys.stderr)
