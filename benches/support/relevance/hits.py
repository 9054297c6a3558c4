#!/usr/bin/env python3
"""nota search --json on stdin -> qid <TAB> rank <TAB> doc id (file name without its extension)."""
import json, os, sys
qid = sys.argv[1]
text = sys.stdin.read()  # empty when nota refused the query (an old build on 4:8)
for rank, hit in enumerate(json.loads(text)["hits"] if text.strip() else [], 1):
    print(f"{qid}\t{rank}\t{os.path.splitext(os.path.basename(hit['path']))[0]}")
