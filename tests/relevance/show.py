#!/usr/bin/env python3
"""Shows a judge what to read for one query of the pool: per pooled document its title, type,
date, length, opening lines and the passages where the query's words (or their stems, compound
parts and derived forms: the first five letters of each word) occur.

show.py QID [POOL.tsv] [CORPUS]   (defaults: tests/relevance/pool-round1.tsv, target/relevance/corpus)"""
import json, os, re, sys
qid = sys.argv[1]
pool = sys.argv[2] if len(sys.argv) > 2 else 'tests/relevance/pool-round1.tsv'
corpus = sys.argv[3] if len(sys.argv) > 3 else 'target/relevance/corpus'
here = os.path.dirname(os.path.abspath(__file__))
query = need = None
for line in open(os.path.join(here, 'queries.tsv'), encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if f[0] == qid:
        query, need = f[2], f[3]
print(f"## {qid}: {query}\nneed: {need}\n")
stems = [w.lower()[:5] for w in re.findall(r"\w+", query) if len(w) > 2]
pattern = re.compile('|'.join(re.escape(s) for s in stems), re.I) if stems else None
for line in open(pool, encoding='utf-8'):
    q, doc, systems = line.rstrip('\n').split('\t')
    if q != qid:
        continue
    text = open(os.path.join(corpus, doc + '.txt'), encoding='utf-8', errors='replace').read()
    side = os.path.join(corpus, doc + '.json')
    meta = json.load(open(side, encoding='utf-8')) if os.path.exists(side) else {}
    print(f"### {doc}  [{meta.get('doc_type', 'memo')}, {meta.get('date', '?')}, {len(text.split())} words, "
          f"{len(pattern.findall(text)) if pattern else 0} query-word hits]")
    print(f"title: {meta.get('title', text.strip().splitlines()[0][:150] if text.strip() else '')}")
    print("opening: " + ' '.join(text.split())[:300])
    if pattern:
        shown = 0
        for m in pattern.finditer(text):
            if shown == 3:
                break
            s = max(0, m.start() - 160)
            print("  … " + ' '.join(text[s:m.end() + 160].split()) + " …")
            shown += 1
    print()
