#!/usr/bin/env python3
"""Lists ../shared/corpus files by the schema the reference would check them against: schema <TAB> file."""
import os
import re
import sys

corpus = sys.argv[1]
for snapshot in ("head", "2024-08"):
    for line in open(os.path.join(corpus, f"{snapshot}.expected.tsv"), encoding="utf-8"):
        path = line.split("\t")[0]
        full = os.path.join(corpus, snapshot, path)
        text = open(full, encoding="utf-8").read()
        match = re.search(r"^version:\s*(\d+)", text, re.MULTILINE)
        version = int(match.group(1)) if match else 1
        kind = "knowledge" if path.startswith("knowledge/") or (not path.startswith("compositional_skills/") and re.search(r"^document:", text, re.MULTILINE)) else "skills"
        schema = f"{kind}-v{version}.json"
        if os.path.exists(os.path.join(os.path.dirname(__file__), "..", "..", "schema", schema)):
            print(f"{schema}\t{full}")
