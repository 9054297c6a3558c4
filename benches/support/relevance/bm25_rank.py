#!/usr/bin/env python3
"""Plain BM25 as the peers run it (bm25s, Lucene's BM25 variant, PyStemmer Dutch, Snowball stop list, OR).
bm25_rank.py CORPUS QUERIES.tsv DEPTH  -> qid <TAB> rank <TAB> doc id (file name without .txt)"""
import os, sys
sys.path.insert(0, sys.argv[4] if len(sys.argv) > 4 else '../shared/bench/peers')
import bm25s, Stemmer
from _common import NL_STOP
corpus, qfile, depth = sys.argv[1], sys.argv[2], int(sys.argv[3])
st = Stemmer.Stemmer('dutch')
names = sorted(f for f in os.listdir(corpus) if f.endswith('.txt'))
texts = [open(os.path.join(corpus, f), encoding='utf-8', errors='replace').read() for f in names]
r = bm25s.BM25()
r.index(bm25s.tokenize(texts, stopwords=NL_STOP, stemmer=st, show_progress=False), show_progress=False)
for line in open(qfile, encoding='utf-8'):
    if line.startswith('#') or '\t' not in line:
        continue
    qid, _, q = line.rstrip('\n').split('\t')[:3]
    toks = bm25s.tokenize([q], stopwords=NL_STOP, stemmer=st, show_progress=False)
    docs, scores = r.retrieve(toks, k=depth, show_progress=False)
    for rank, (d, s) in enumerate(zip(docs[0], scores[0]), 1):
        if s > 0:
            print(f"{qid}\t{rank}\t{names[d][:-4]}")
